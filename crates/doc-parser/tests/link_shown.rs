//! What the docs leave open, typed from the success examples (`fixtures/link-shown`, after
//! the REST 3.0 task pages): `array` fields sent as objects with named keys (`rights`),
//! lists of one kind of item, `object`s without fields, and keys no table lists.

mod fixture_import;

use b24_spec::{ReferenceType, TypeExpr};
use fixture_import::{field, names};

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link-shown");

fn job() -> &'static ReferenceType {
    FIXTURE.entity("jobs.job")
}

fn parse(text: &str) -> TypeExpr {
    text.parse().expect("a type expression")
}

#[test]
fn the_methods_share_the_field_page_entity() {
    let get = FIXTURE.method("jobs.job.get");
    assert_eq!(
        field(&get.response.fields, "job").ty.normalized,
        parse("ref(jobs.job)")
    );
    let list = FIXTURE.method("jobs.job.list");
    assert_eq!(
        field(&list.response.fields, "jobs").ty.normalized,
        parse("ref(jobs.job)[]")
    );
}

#[test]
fn an_array_sent_with_named_keys_is_the_record_both_examples_show() {
    let rights = field(&job().fields, "rights");
    assert_eq!(rights.ty.normalized, TypeExpr::Object);
    assert_eq!(names(&rights.fields), ["read", "edit", "remove"]);
    assert!(
        rights
            .fields
            .iter()
            .all(|f| f.ty.normalized == TypeExpr::Boolean)
    );
    // The documented description stays.
    assert!(rights.description.starts_with("Массив действий"));
}

#[test]
fn lists_take_the_item_kind_their_examples_show() {
    // `[153, 165]` and a PHP array with holes (`{"3": 170}`).
    assert_eq!(
        field(&job().fields, "stepIds").ty.normalized,
        parse("integer[]")
    );
    // `["L_12"]` and `[]`: text ids.
    assert_eq!(
        field(&job().fields, "linkIds").ty.normalized,
        parse("string[]")
    );
}

#[test]
fn a_list_in_one_example_and_an_object_in_another_stays_whole() {
    assert_eq!(field(&job().fields, "payload").ty.normalized, TypeExpr::Any);
}

#[test]
fn an_object_without_fields_gets_the_keys_its_examples_show() {
    let change = field(&job().fields, "change");
    assert_eq!(change.ty.normalized, TypeExpr::Object);
    assert_eq!(names(&change.fields), ["from", "to"]);
    // `null`, `"3409"`, `""`, `"Что сделать"`: text.
    assert!(
        change
            .fields
            .iter()
            .all(|f| f.ty.normalized == TypeExpr::String)
    );
}

#[test]
fn an_object_described_on_another_page_is_left_to_the_link_rules() {
    let meta = field(&job().fields, "meta");
    assert_eq!(meta.ty.normalized, TypeExpr::Object);
    assert!(meta.fields.is_empty());
}

#[test]
fn keys_no_table_lists_become_fields_and_user_fields_do_not() {
    let fields = &job().fields;
    let counter = field(fields, "counter");
    assert_eq!(counter.ty.normalized, TypeExpr::Object);
    assert_eq!(names(&counter.fields), ["counters", "color"]);
    let counters = field(&counter.fields, "counters");
    assert_eq!(names(&counters.fields), ["expired"]);
    assert_eq!(counters.fields[0].ty.normalized, TypeExpr::Integer);
    assert!(counter.description.contains("`jobs.job.get`"));
    // Keyed by id: a map of the records its values show.
    let tags = field(fields, "tags");
    assert_eq!(tags.ty.normalized, parse("map(object)"));
    assert_eq!(names(&tags.fields), ["id", "title"]);
    assert!(!names(fields).contains(&"ufJobFiles"));
    assert!(!names(fields).contains(&"UF_AUTO_1"));
}

#[test]
fn fields_written_under_a_type_no_page_defines_are_read_against_the_examples() {
    // `elements: section_element[]`, described by the rows under it: its open `options`
    // takes the keys the example shows.
    let layout = FIXTURE.entity("jobs.layout");
    let elements = field(&layout.fields, "elements");
    assert_eq!(elements.ty.normalized, parse("ref(section_element)[]"));
    let options = field(&elements.fields, "options");
    assert_eq!(options.ty.normalized, TypeExpr::Object);
    assert_eq!(names(&options.fields), ["defaultCountry"]);
    assert_eq!(
        field(&options.fields, "defaultCountry").ty.normalized,
        TypeExpr::String
    );
}
