//! The link pass rules on the shape of a result (`fixtures/link-keys`): an object whose
//! table lists one family of keys alone is a map, an `object | array` result whose array
//! the page says is empty is the object, and a sole result field the example shows under
//! another name takes that name.

mod fixture_import;

use b24_spec::{MethodSpec, Param, TypeExpr};
use fixture_import::field;

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link-keys");

fn method(name: &str) -> &'static MethodSpec {
    FIXTURE.method(name)
}

/// The fields of the result: the method's own, or those of the entity it was typed with.
fn result_fields(spec: &'static MethodSpec) -> &'static [Param] {
    match &spec.response.result {
        TypeExpr::Ref(name) => &FIXTURE.entity(name).fields,
        _ => &spec.response.fields,
    }
}

fn ty(text: &str) -> TypeExpr {
    text.parse().expect("a type")
}

#[test]
fn an_object_of_one_key_family_is_a_map_of_its_values() {
    let fields = result_fields(method("keys.history.get"));
    let message = field(fields, "message");
    assert_eq!(message.ty.normalized, ty("map(object)"));
    let names: Vec<&str> = message.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["id", "text"]);
    // "Состав участников чата или пустой массив": still the family's map.
    assert_eq!(
        field(fields, "userInChat").ty.normalized,
        ty("map(integer[])")
    );
    assert_eq!(field(fields, "chatId").ty.normalized, ty("integer"));
}

#[test]
fn an_object_or_an_empty_array_is_the_object() {
    let spec = method("keys.export.get");
    // The object, which a `get` then types with its prefix's entity.
    assert!(
        matches!(spec.response.result, TypeExpr::Object | TypeExpr::Ref(_)),
        "{:?}",
        spec.response.result
    );
    let names: Vec<&str> = result_fields(spec)
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["code", "name"]);
}

#[test]
fn a_sole_result_field_takes_the_name_the_example_shows() {
    let response = &method("keys.shipment.get").response;
    let names: Vec<&str> = response.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["shipment"]);
}

#[test]
fn an_undocumented_object_or_empty_array_stays_the_union() {
    let fields = result_fields(method("keys.history.get"));
    // No table for the object: the union keeps its keys as a map.
    assert_eq!(field(fields, "lang").ty.normalized, ty("any[] | object"));
}

#[test]
fn a_key_and_value_layout_is_a_map_of_the_values() {
    let response = &method("keys.templates.list").response;
    assert_eq!(response.result, ty("map(object)"));
    let names: Vec<&str> = response.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["ID", "TITLE"]);
}

#[test]
fn an_array_of_codes_or_names_holds_text() {
    let response = &method("keys.codes.list").response;
    assert_eq!(response.result, ty("string[]"));
}
