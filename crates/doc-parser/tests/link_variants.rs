//! One record documented in parts on several pages (`fixtures/link-variants`, after the
//! user field's pages): settings documented per variant join across pages and casings,
//! and a field written with a data type's name takes the type's fields its page lacks.

mod fixture_import;

use b24_spec::{ReferenceType, TypeExpr};
use fixture_import::{field, names};

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link-variants");

fn entity(name: &str) -> &'static ReferenceType {
    FIXTURE.entity(name)
}

#[test]
fn settings_documented_per_variant_take_the_keys_other_pages_document() {
    // `crm.fld.userfield.add` documents `ROWS` and `DISPLAY`; the camelCase `crm.cfg.add`
    // documents `SIZE` and `MIN_VALUE` for the same record's `settings`.
    let userfield = entity("crm.fld.userfield");
    let settings = field(&userfield.fields, "SETTINGS");
    assert_eq!(settings.ty.normalized, TypeExpr::Object);
    let keys = names(&settings.fields);
    for key in ["ROWS", "DISPLAY", "SIZE", "MIN_VALUE"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    // Which keys come depends on the field's type: every one is optional.
    assert!(settings.fields.iter().all(|f| !f.required.is_true()));
    // And the other way round: the camelCase page's `settings` takes the first page's keys.
    let add = FIXTURE.method("crm.cfg.add");
    let cfg_settings = field(&field(&add.params, "field").fields, "settings");
    let keys = names(&cfg_settings.fields);
    assert!(keys.contains(&"DISPLAY"), "{keys:?}");
}

#[test]
fn a_field_written_with_a_data_type_takes_the_fields_its_page_leaves_out() {
    // The add page's `LIST` table has no `ID` (a new item has none); `uf_enum_element` of
    // `data-types.md` has it, and replies carry it.
    let userfield = entity("crm.fld.userfield");
    let list = field(&userfield.fields, "LIST");
    let keys = names(&list.fields);
    assert_eq!(keys, ["VALUE", "DEF", "XML_ID", "ID"]);
    assert_eq!(field(&list.fields, "ID").ty.normalized, TypeExpr::Integer);
    // In camelCase on the camelCase page.
    let add = FIXTURE.method("crm.cfg.add");
    let values = field(&field(&add.params, "field").fields, "enum");
    assert_eq!(names(&values.fields), ["value", "def", "xmlId", "id"]);
}

#[test]
fn records_of_another_shape_keep_their_settings() {
    // `crm.fld.other.get` returns a record that shares only `SETTINGS` and two more names
    // with the user field: its open `SETTINGS` takes none of the user field's settings,
    // only the key its own example shows (`link/shown_types.rs`).
    let other = entity("crm.fld.other");
    let settings = field(&other.fields, "SETTINGS");
    assert_eq!(names(&settings.fields), ["URL"]);
}

#[test]
fn a_list_whose_row_calls_one_objects_type_an_array_lists_the_entity() {
    // `crm.dlv.list` writes the get's object type and says "Массив объектов …"; its example
    // is an array of the get's records (`crm.item.delivery.list`).
    let get = FIXTURE.method("crm.dlv.get");
    assert_eq!(get.response.result, "ref(crm.dlv)".parse().expect("a type"));
    let list = FIXTURE.method("crm.dlv.list");
    assert_eq!(
        list.response.result,
        "ref(crm.dlv)[]".parse().expect("a type")
    );
    assert!(list.response.fields.is_empty());
}
