//! Pages that define objects by name (`fixtures/link-objects`, after
//! `chat-bots/chat-bots-v2/entities.md`): the names the methods and events under the page's
//! folder write as field types become entities of the methods' family, and results made of
//! them stay envelopes.

mod fixture_import;

use b24_doc_parser::Import;
use b24_spec::{EventSpec, MethodSpec, ReferenceType, TypeExpr};
use fixture_import::{field, names};

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link-objects");

fn imported() -> &'static Import {
    FIXTURE.import()
}

fn method(name: &str) -> &'static MethodSpec {
    FIXTURE.method(name)
}

fn event(name: &str) -> &'static EventSpec {
    FIXTURE.event(name)
}

fn ty(name: &str) -> Option<&'static ReferenceType> {
    imported().types.iter().find(|t| t.name == name)
}

fn parse(text: &str) -> TypeExpr {
    text.parse().expect("a type expression")
}

#[test]
fn named_objects_are_entities_of_the_family_with_their_parts_and_the_method_tables() {
    let robot = ty("robots.v9.Robot").expect("the Robot entity");
    assert_eq!(robot.module.as_deref(), Some("robots.v9"));
    assert_eq!(robot.rust_name.as_deref(), Some("Robot"));
    assert_eq!(robot.source, "api-reference/robots/entities.md");
    // The object page's fields, then what the method page's sub-table adds (`color`).
    assert_eq!(
        names(&robot.fields),
        ["id", "code", "idle", "badge", "color"]
    );
    assert_eq!(
        field(&robot.fields, "idle").ty.normalized,
        parse("string | boolean")
    );
    // `object | boolean` without a structure is an open object: webhooks send `false` as
    // text, which neither member reads.
    assert_eq!(
        field(&robot.fields, "badge").ty.normalized,
        TypeExpr::Object
    );
    // "## Room" has no table of its own: its fields are the two tables under it.
    let room = ty("robots.v9.Room").expect("the Room entity");
    assert_eq!(names(&room.fields), ["id", "title", "ownerId", "members"]);
}

#[test]
fn method_fields_point_at_the_entities_and_the_result_stays_an_envelope() {
    let get = method("robots.v9.Robot.get");
    assert_eq!(get.response.result, TypeExpr::Object);
    let robot = field(&get.response.fields, "robot");
    assert_eq!(robot.ty.normalized, parse("ref(robots.v9.Robot)"));
    assert!(robot.fields.is_empty(), "the sub-table went to the entity");
    assert_eq!(
        field(&get.response.fields, "rooms").ty.normalized,
        parse("ref(robots.v9.Room)[]")
    );
    // No record of its own was made of the envelope (`{robot, rooms}`).
    assert!(ty("robots.v9.Robot.entity").is_none());
    let list = method("robots.v9.Robot.list");
    assert_eq!(
        field(&list.response.fields, "robots").ty.normalized,
        parse("ref(robots.v9.Robot)[]")
    );
}

#[test]
fn event_fields_point_at_the_entities_and_unknown_words_stay() {
    let join = event("ONROBOTSV9ROOMJOIN");
    let data = field(&join.payload, "data");
    assert_eq!(
        field(&data.fields, "robot").ty.normalized,
        parse("ref(robots.v9.Robot)")
    );
    assert_eq!(
        field(&data.fields, "room").ty.normalized,
        parse("ref(robots.v9.Room)")
    );
    let leave = event("ONROBOTSV9ROOMLEAVE");
    let data = field(&leave.payload, "data");
    // `Guest` is no section of the page: the word stays, counted as unknown.
    assert_eq!(
        field(&data.fields, "guest").ty.normalized,
        parse("ref(Guest)")
    );
    assert_eq!(
        imported().summary().unknown_type_words.get("Guest"),
        Some(&1)
    );
    assert!(!imported().summary().unknown_type_words.contains_key("Room"));
}

#[test]
fn an_object_page_no_method_uses_makes_no_entity_and_no_entity_of_a_linking_method() {
    // `widgets/panel.md` names `BlockDto` and `ButtonDto`; `widget.bind` only links the page
    // from a description: its `OPTIONS` is not the page's first table.
    assert!(
        imported()
            .types
            .iter()
            .all(|t| !t.name.ends_with("BlockDto") && !t.name.ends_with("ButtonDto"))
    );
    let bind = method("widget.bind");
    assert_eq!(
        field(&bind.params, "OPTIONS").ty.normalized,
        TypeExpr::Object
    );
    assert!(ty("widget").is_none());
}

#[test]
fn a_name_that_is_also_a_primitive_word_names_the_object_in_results_only() {
    // `File` reads as the upload type `file`; the result table writes the object's name.
    let upload = method("robots.v9.File.upload");
    assert_eq!(
        field(&upload.response.fields, "file").ty.normalized,
        parse("ref(robots.v9.File)")
    );
    assert_eq!(
        field(&upload.params, "content").ty.normalized,
        TypeExpr::File
    );
    let file = ty("robots.v9.File").expect("the File entity");
    assert_eq!(names(&file.fields), ["id", "name"]);
}
