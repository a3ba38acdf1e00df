//! The link pass rules on records keyed by ids below the top level and on results of
//! several shapes (`fixtures/link-deep`): a field the example shows keyed by ids (or by
//! the records' own ids and codes) is `map(object)`, its values typed from the docs'
//! table or the example; another method of a prefix whose result lists only the entity's
//! fields returns the entity; keyed results beside `false`, lists of ids or records and
//! lists of one scalar kind are typed.

mod fixture_import;

use b24_spec::{MethodSpec, Param, TypeExpr};
use fixture_import::{field, names};

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link-deep");

fn method(name: &str) -> &'static MethodSpec {
    FIXTURE.method(name)
}

fn ty(text: &str) -> TypeExpr {
    text.parse().expect("a type")
}

fn item_fields() -> &'static [Param] {
    let response = &method("deep.poll.get").response;
    &field(&response.fields, "items").fields
}

#[test]
fn keyed_records_below_the_top_level_are_maps_typed_from_the_example() {
    let questions = field(item_fields(), "QUESTIONS");
    assert_eq!(questions.ty.normalized, ty("map(object)"));
    assert_eq!(
        names(&questions.fields),
        ["ID", "QUESTION", "IMAGE", "ANSWERS"]
    );
    assert_eq!(field(&questions.fields, "ID").ty.normalized, ty("string"));
    // `null` alone shows no type.
    assert_eq!(field(&questions.fields, "IMAGE").ty.normalized, ty("any"));
    let answers = field(&questions.fields, "ANSWERS");
    assert_eq!(answers.ty.normalized, ty("map(object)"));
    assert_eq!(names(&answers.fields), ["ID", "MESSAGE", "PERCENT"]);
    assert_eq!(
        field(&answers.fields, "PERCENT").ty.normalized,
        ty("integer")
    );
}

#[test]
fn keys_that_are_the_records_ids_or_codes_make_maps_too() {
    // The docs' table of one region describes the values.
    let regions = field(item_fields(), "REGIONS");
    assert_eq!(regions.ty.normalized, ty("map(object)"));
    assert_eq!(names(&regions.fields), ["id", "code", "title"]);
    let files = field(item_fields(), "FILES");
    assert_eq!(files.ty.normalized, ty("map(object)"));
    assert_eq!(names(&files.fields), ["id", "name"]);
    // Field names with objects as values: a record, left as the table wrote it.
    assert_eq!(field(item_fields(), "OPTIONS").ty.normalized, ty("object"));
}

#[test]
fn another_method_listing_only_the_entity_fields_returns_the_entity() {
    assert_eq!(
        method("deep.item.search").response.result,
        ty("ref(deep.item)[]")
    );
    // One key the entity does not have: something else.
    assert!(!matches!(
        method("deep.item.stats").response.result,
        TypeExpr::Ref(_)
    ));
}

#[test]
fn results_of_several_shapes_are_unions_the_examples_confirm() {
    let access = &method("deep.access.name").response;
    assert_eq!(access.result, ty("map(object) | boolean"));
    assert_eq!(names(&access.fields), ["name", "provider"]);
    assert_eq!(
        method("deep.colleagues.list").response.result,
        ty("(integer | object)[]")
    );
    assert_eq!(method("deep.members.list").response.result, ty("integer[]"));
    let url = &method("deep.site.url").response;
    assert_eq!(url.result, ty("string | map(string)"));
    assert!(url.fields.is_empty());
}
