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
