//! Map or record, from what the examples show (`fixtures/link-keyed`): objects keyed by
//! portal codes (`DYNAMIC_136`), choices whose codes differ from field to field, a table
//! that describes values keyed by a class name, and field-description maps spelled with
//! `TYPE`.

mod fixture_import;

use b24_spec::{ReferenceType, TypeExpr};
use fixture_import::{field, names};

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link-keyed");

/// `widgets.widget.get` returns the entity its roles made of its result table.
fn widget() -> &'static ReferenceType {
    let get = FIXTURE.method("widgets.widget.get");
    assert_eq!(get.response.result, parse("ref(widgets.widget)"));
    FIXTURE.entity("widgets.widget")
}

fn parse(text: &str) -> TypeExpr {
    text.parse().expect("a type expression")
}

#[test]
fn objects_keyed_by_portal_codes_are_maps() {
    let options = field(&widget().fields, "options");
    assert_eq!(options.ty.normalized, parse("map(string)"));
    assert!(options.fields.is_empty());
}

#[test]
fn objects_keyed_by_names_stay_records() {
    let limits = field(&widget().fields, "limits");
    assert_eq!(limits.ty.normalized, TypeExpr::Object);
    assert_eq!(names(&limits.fields), ["read", "edit"]);
    let size = field(&widget().fields, "size");
    assert_eq!(size.ty.normalized, TypeExpr::Object);
    assert_eq!(names(&size.fields), ["x", "y"]);
}

#[test]
fn a_table_of_values_keyed_by_a_class_name_is_a_map_of_that_record() {
    let settings = field(&widget().fields, "settings");
    assert_eq!(settings.ty.normalized, parse("map(object)"));
    assert_eq!(names(&settings.fields), ["start", "step"]);
}

#[test]
fn choices_whose_codes_differ_are_maps_beside_lists() {
    let get = FIXTURE.method("widgets.widget.getFields");
    let fields = field(&get.response.fields, "fields");
    assert_eq!(fields.ty.normalized, parse("map(object)"));
    // `{"Y": "Да", …}`, `{"2": "Высокий", …}`, and `["secs", "days"]` for one field.
    assert_eq!(
        field(&fields.fields, "values").ty.normalized,
        parse("map(string) | string[]")
    );
    // The default is the field's own value: its kind differs from field to field.
    assert_eq!(
        field(&fields.fields, "default").ty.normalized,
        TypeExpr::Any
    );
}

#[test]
fn descriptions_spelled_with_type_in_capitals_are_a_map() {
    let get = FIXTURE.method("widgets.storage.getFields");
    assert_eq!(get.response.result, parse("map(object)"));
    assert_eq!(
        names(&get.response.fields),
        ["TYPE", "USE_IN_FILTER", "USE_IN_SHOW"]
    );
    let shown = field(&get.response.fields, "USE_IN_SHOW");
    assert_eq!(shown.ty.normalized, TypeExpr::Boolean);
    // Described by the result's own list of the description's keys.
    assert_eq!(shown.description, "доступность поля при получении ответа");
}
