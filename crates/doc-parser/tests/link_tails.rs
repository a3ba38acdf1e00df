//! The long tail of untyped results (`fixtures/link-tails`): results documented once per
//! tab become a union of the tabs' kinds.

mod fixture_import;

use b24_spec::TypeExpr;
use fixture_import::names;

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link-tails");

#[test]
fn a_result_documented_per_tab_is_a_union_of_the_tabs() {
    // One tab returns the id, the other an object whose fields only its table lists.
    let update = FIXTURE.method("evt.item.update");
    assert_eq!(
        update.response.result,
        TypeExpr::Union(vec![TypeExpr::Integer, TypeExpr::Object])
    );
    assert_eq!(names(&update.response.fields), ["recEventId", "id"]);
}

#[test]
fn two_tables_of_one_shape_are_not_variants() {
    // Both tables say `integer`: the first is the result, as before.
    let get = FIXTURE.method("evt.item.get");
    assert_eq!(get.response.result, TypeExpr::Integer);
    assert!(get.response.fields.is_empty());
}

#[test]
fn a_list_with_its_values_listed_takes_the_item_kind_the_examples_show() {
    // `scenarios` lists the strings its items take; the example shows strings. `order`
    // lists values too, but the example shows an object: the values do not describe it.
    // The list's items are the entity `evt.item`.
    let items = FIXTURE.entity("evt.item");
    let scenarios = fixture_import::field(&items.fields, "scenarios");
    assert_eq!(
        scenarios.ty.normalized,
        TypeExpr::Array(Box::new(TypeExpr::String))
    );
    assert_eq!(scenarios.enum_values.len(), 2);
    let order = fixture_import::field(&items.fields, "order");
    assert_eq!(
        order.ty.normalized,
        TypeExpr::Array(Box::new(TypeExpr::Any))
    );
}

#[test]
fn a_header_less_table_whose_first_field_is_named_like_a_header_is_data() {
    // `**code**` over `string` is the first field, not a "Код" column header.
    let get = FIXTURE.method("evt.kind.get");
    let fields = match &get.response.result {
        TypeExpr::Ref(name) => &FIXTURE.entity(name).fields,
        _ => &get.response.fields,
    };
    assert_eq!(names(fields), ["code", "id"]);
    // From the table, not from the example (which shows the same keys without docs).
    let code = fixture_import::field(fields, "code");
    assert_eq!(code.ty.written.as_deref(), Some("string"));
    assert_eq!(code.description, "Код типа");
}
