//! The type engine on small specs: nested structs and their dedup, flags, unions, shared
//! enums, typed outputs and event payloads, checked in the generated source.

use b24_spec::{EnumValue, EventSpec, MethodSpec, Param, Required, Response, TypeExpr, TypeRef};

fn param(name: &str, ty: &str, required: Required) -> Param {
    Param {
        name: name.to_owned(),
        ty: TypeRef {
            written: Some(ty.to_owned()),
            normalized: ty.parse().expect("a valid type"),
        },
        required,
        ..Param::default()
    }
}

fn with_values(mut param: Param, values: &[&str]) -> Param {
    param.enum_values = values
        .iter()
        .map(|v| EnumValue {
            value: (*v).to_owned(),
            description: String::new(),
        })
        .collect();
    param
}

fn object(name: &str, ty: &str, fields: Vec<Param>) -> Param {
    Param {
        fields,
        ..param(name, ty, Required::False)
    }
}

fn deal_fields() -> Param {
    object(
        "fields",
        "object",
        vec![
            param("TITLE", "string", Required::True),
            with_values(param("OPENED", "string", Required::False), &["Y", "N"]),
            param("ID", "ref(crm_deal.id)", Required::False),
            object(
                "ROWS",
                "object[]",
                vec![param("PRICE", "number", Required::False)],
            ),
            param("UF_CRM_...", "any", Required::False),
        ],
    )
}

fn method(name: &str, params: Vec<Param>, response: Response) -> MethodSpec {
    MethodSpec {
        method: name.to_owned(),
        source: format!("api-reference/x/{name}.md"),
        params,
        response,
        ..MethodSpec::default()
    }
}

fn source_of(files: &[b24_generator::GeneratedFile], path: &str) -> String {
    files
        .iter()
        .find(|f| f.path.to_string_lossy() == path)
        .map(|f| f.contents.clone())
        .unwrap_or_else(|| panic!("{path} is generated"))
}

#[test]
fn nested_objects_become_structs_shared_within_a_module() {
    let add = method("x.deal.add", vec![deal_fields()], Response::default());
    let update = method(
        "x.deal.update",
        vec![param("id", "integer", Required::True), deal_fields()],
        Response::default(),
    );
    let files = b24_generator::generate(&[add, update], &[], &[]).unwrap();
    let code = source_of(&files, "src/x/deal.rs");
    assert!(code.contains("pub struct XDealAddFields {"), "{code}");
    assert!(code.contains("pub struct XDealAddFieldsRows {"), "{code}");
    assert!(
        code.contains("pub type XDealUpdateFields = XDealAddFields;"),
        "{code}"
    );
    assert!(!code.contains("pub struct XDealUpdateFieldsRows"), "{code}");
    // Required nested fields go to `new`, Y/N flags are bools, `*.id` refs are integers.
    assert!(code.contains("pub fn new(title: String) -> Self"), "{code}");
    assert!(
        code.contains("writer.opt::<b24_protocol::wire::Yn, _>(\"OPENED\", &self.opened);"),
        "{code}"
    );
    assert!(code.contains("opened: Option<bool>"), "{code}");
    assert!(code.contains("id: Option<i64>"), "{code}");
    assert!(
        code.contains("rows: Option<Vec<XDealAddFieldsRows>>"),
        "{code}"
    );
    assert!(code.contains("(`UF_CRM_...`) are set with"), "{code}");
}

#[test]
fn unions_are_untagged_enums_when_the_members_differ_in_json() {
    let spec = method(
        "x.item.get",
        vec![
            param("id", "integer | string", Required::True),
            param("ids", "integer | integer[]", Required::False),
            param("owner", "integer | ref(user)", Required::False),
            param("when", "datetime | date", Required::False),
        ],
        Response::default(),
    );
    let code = source_of(
        &b24_generator::generate(&[spec], &[], &[]).unwrap(),
        "src/x/item.rs",
    );
    assert!(code.contains("#[serde(untagged)]"), "{code}");
    assert!(
        code.contains("pub enum XItemGetId {\n    Integer(i64),\n    Text(String),"),
        "{code}"
    );
    assert!(
        code.contains("Integer(i64),\n    List(Vec<i64>),"),
        "{code}"
    );
    assert!(code.contains("owner: Option<serde_json::Value>"), "{code}");
    assert!(
        code.contains("Kept as JSON: `user` is defined elsewhere."),
        "{code}"
    );
    assert!(code.contains("when: Option<String>"), "{code}");
}

#[test]
fn outputs_are_typed_from_documented_result_fields() {
    let list = method(
        "x.item.list",
        vec![],
        Response {
            result: "object[]".parse().unwrap(),
            fields: vec![param("ID", "integer", Required::True)],
            ..Response::default()
        },
    );
    let done = method(
        "x.item.delete",
        vec![],
        Response {
            result: TypeExpr::Boolean,
            ..Response::default()
        },
    );
    // The table says `array`, the success example shows an object: the example wins.
    let badges = method(
        "x.item.badges",
        vec![],
        Response {
            result: "any[]".parse().unwrap(),
            example_result: Some(TypeExpr::Object),
            fields: vec![param("badges", "object[]", Required::Unknown)],
            ..Response::default()
        },
    );
    let code = source_of(
        &b24_generator::generate(&[list, done, badges], &[], &[]).unwrap(),
        "src/x/item.rs",
    );
    assert!(code.contains("type Output = XItemBadgesResult;"), "{code}");
    assert!(code.contains("type Output = Vec<XItemListItem>;"), "{code}");
    assert!(code.contains("pub id: Option<i64>,"), "{code}");
    assert!(
        code.contains("pub extra: serde_json::Map<String, serde_json::Value>,"),
        "{code}"
    );
    assert!(code.contains("type Output = bool;"), "{code}");
}

#[test]
fn value_sets_used_in_several_modules_are_shared() {
    let sort = |name: &str| {
        method(
            name,
            vec![with_values(
                param("order", "string", Required::False),
                &["asc", "desc"],
            )],
            Response::default(),
        )
    };
    let files = b24_generator::generate(&[sort("a.list"), sort("b.list")], &[], &[]).unwrap();
    let values = source_of(&files, "src/values.rs");
    assert!(values.contains("pub enum Order {"), "{values}");
    assert!(values.contains("fn order_round_trips()"), "{values}");
    let a = source_of(&files, "src/a.rs");
    assert!(
        a.contains("pub type AListOrder = crate::values::Order;"),
        "{a}"
    );
}

#[test]
fn event_payloads_are_structs_in_the_events_module() {
    let event = EventSpec {
        schema_version: b24_spec::SCHEMA_VERSION,
        event: "onXItemAdd".to_owned(),
        source: "api-reference/x/events/on-x-item-add.md".to_owned(),
        title: "Добавление".to_owned(),
        description: String::new(),
        scope: vec!["x".to_owned()],
        who_can_subscribe: None,
        deprecated: None,
        payload: vec![
            param("event", "string", Required::True),
            object(
                "data",
                "object",
                vec![param("ID", "integer", Required::True)],
            ),
        ],
    };
    let files = b24_generator::generate(&[], &[event], &[]).unwrap();
    assert!(source_of(&files, "src/events/mod.rs").contains("pub mod x;"));
    let code = source_of(&files, "src/events/x.rs");
    assert!(code.contains("pub struct OnXItemAdd {"), "{code}");
    assert!(code.contains("pub data: Option<OnXItemAddData>,"), "{code}");
    assert!(
        code.contains("pub const EVENT: &'static str = \"onXItemAdd\";"),
        "{code}"
    );
}

#[test]
fn field_catalogues_become_maps_of_field_descriptions() {
    let response = |example: &str| Response {
        result: TypeExpr::Object,
        fields: vec![
            param("ID", "integer", Required::Unknown),
            param("TITLE", "string", Required::Unknown),
            param("TYPE_ID", "ref(crm_status)", Required::Unknown),
        ],
        examples: vec![example.to_owned()],
        ..Response::default()
    };
    // The table lists the entity's fields; the example describes each one.
    let fields = method(
        "x.item.fields",
        vec![],
        response(
            r#"{"result": {"ID": {"type": "integer", "isReadOnly": true},
                           "TITLE": {"type": "string", "title": "Name"}}}"#,
        ),
    );
    // Records keyed by their own `TYPE` are data, not descriptions.
    let pages = method(
        "x.item.pages",
        vec![],
        response(r#"{"result": {"ID": {"TYPE": "ID"}, "TITLE": {"TYPE": "title"}}}"#),
    );
    // One object field is a wrapper around the answer.
    let wrapped = method(
        "x.item.wrapped",
        vec![],
        response(r#"{"result": {"ID": {"type": "integer"}}}"#),
    );
    let code = source_of(
        &b24_generator::generate(&[fields, pages, wrapped], &[], &[]).unwrap(),
        "src/x/item.rs",
    );
    assert!(
        code.contains(
            "type Output = std::collections::BTreeMap<String, b24_protocol::FieldDescription>;"
        ),
        "{code}"
    );
    // Neither is a map of descriptions; and the table's record (`ID: integer`) does not fit
    // what their examples show (objects), so the reply is kept as JSON, not misread.
    assert!(
        !code.contains("XItemPagesResult") && !code.contains("XItemWrappedResult"),
        "{code}"
    );
    assert_eq!(
        code.matches("type Output = serde_json::Value;").count(),
        2,
        "{code}"
    );
}

#[test]
fn fields_an_example_contradicts_stay_json_and_result_unions_name_their_record() {
    let fields = vec![
        param("ID", "integer", Required::Unknown),
        param("NAME", "string", Required::Unknown),
        param("START", "datetime", Required::Unknown),
    ];
    // `{}` for a date (PHP's date object): that field is JSON, the record a struct.
    let finish = method(
        "x.item.finish",
        vec![],
        Response {
            result: TypeExpr::Object,
            fields: fields.clone(),
            examples: vec![r#"{"result": {"ID": 1, "NAME": "a", "START": {}}}"#.to_owned()],
            ..Response::default()
        },
    );
    // An id, or the record when an option asks for it.
    let moved = method(
        "x.item.move",
        vec![],
        Response {
            result: "integer | object".parse().expect("a type"),
            fields,
            examples: vec![r#"{"result": 5}"#.to_owned()],
            ..Response::default()
        },
    );
    let code = source_of(
        &b24_generator::generate(&[finish, moved], &[], &[]).unwrap(),
        "src/x/item.rs",
    );
    assert!(code.contains("type Output = XItemFinishResult;"), "{code}");
    assert!(code.contains("Kept as JSON"), "{code}");
    assert!(code.contains("type Output = XItemMoveResult;"), "{code}");
    assert!(code.contains("pub enum XItemMoveResult"), "{code}");
    assert!(code.contains("Object(XItemMoveResultRecord)"), "{code}");
}
