//! One record documented by several method families (`fixtures/link-records`, after the
//! user field of `crm.{lead,deal,…}.userfield.*`): the families whose tables agree share
//! one entity (`link/one_record.rs`), and a variant no tab documents takes its keys from
//! the examples of records of that variant (`link/variant_keys.rs`).

mod fixture_import;

use b24_spec::TypeExpr;
use fixture_import::{field, names};

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link-records");

fn ty(text: &str) -> TypeExpr {
    text.parse().expect("a type")
}

fn has_type(name: &str) -> bool {
    FIXTURE.import().types.iter().any(|t| t.name == name)
}

#[test]
fn families_whose_tables_agree_share_one_entity() {
    // `crm.one` and `crm.two` document the same record; `crm.two` is folded into the first.
    assert!(has_type("crm.one.userfield"));
    assert!(!has_type("crm.two.userfield"));
    for method in ["crm.one.userfield.get", "crm.two.userfield.get"] {
        assert_eq!(
            FIXTURE.method(method).response.result,
            ty("ref(crm.one.userfield)"),
            "{method}"
        );
    }
    let add = FIXTURE.method("crm.two.userfield.add");
    assert_eq!(
        field(&add.params, "fields").ty.normalized,
        ty("ref(crm.one.userfield)")
    );
    // `string` on one page, "string or lang_map" on the other: the shared entity takes both
    // (`lang_map` is a name this fixture's `data-types.md` does not define).
    let userfield = FIXTURE.entity("crm.one.userfield");
    assert_eq!(
        field(&userfield.fields, "EDIT_FORM_LABEL").ty.normalized,
        ty("string | ref(lang_map)")
    );
}

#[test]
fn a_family_whose_table_disagrees_keeps_its_own_entity() {
    // `crm.odd` writes `SORT` as `boolean`; `task.thr` lives under another scope.
    assert!(has_type("crm.odd.userfield"));
    assert_eq!(
        FIXTURE.method("crm.odd.userfield.get").response.result,
        ty("ref(crm.odd.userfield)")
    );
    assert!(has_type("task.thr.userfield"));
    // The other scope's record still takes the wider type another page documents for
    // a shared key (`string` → `string | integer`).
    let task = FIXTURE.entity("task.thr.userfield");
    let settings = field(&task.fields, "SETTINGS");
    assert_eq!(
        field(&settings.fields, "DEFAULT_VALUE").ty.normalized,
        ty("string | integer")
    );
}

#[test]
fn an_undocumented_variant_takes_its_keys_from_its_records() {
    // `crm.two.userfield.get` shows a `resourcebooking` field, a type no tab documents: its
    // settings are keys of that variant, optional, typed as shown. Documented keys stay.
    let userfield = FIXTURE.entity("crm.one.userfield");
    let settings = field(&userfield.fields, "SETTINGS");
    let keys = names(&settings.fields);
    for key in [
        "ROWS",
        "DEFAULT_VALUE",
        "DISPLAY",
        "USE_USERS",
        "SELECTED_RESOURCES",
        "TIMEZONE",
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    let selected = field(&settings.fields, "SELECTED_RESOURCES");
    assert_eq!(selected.variants, ["resourcebooking"]);
    assert!(!selected.required.is_true());
    assert!(selected.ty.written.is_none(), "only an example shows it");
    assert_eq!(selected.ty.normalized, ty("object[]"));
    assert_eq!(names(&selected.fields), ["type", "id", "title"]);
    // A record of a documented variant adds nothing: `crm.one`'s `string` record shows
    // only documented keys, and the `crm.odd` record's keys are all in its tables.
    let odd = FIXTURE.entity("crm.odd.userfield");
    assert_eq!(
        names(&field(&odd.fields, "SETTINGS").fields),
        ["ROWS", "DEFAULT_VALUE", "DISPLAY"]
    );
}
