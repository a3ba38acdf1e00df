//! Issue 10 on small specs: entity types reused by results and requests, maps keyed by id,
//! user fields, inline enums in results, and entities used from another scope.

use b24_spec::{
    EnumValue, MethodSpec, Param, ReferenceKind, ReferenceType, Required, Response, TypeRef,
};

fn param(name: &str, ty: &str) -> Param {
    Param {
        name: name.to_owned(),
        ty: TypeRef {
            written: Some(ty.to_owned()),
            normalized: ty.parse().expect("a valid type"),
        },
        required: Required::Unknown,
        ..Param::default()
    }
}

fn lead() -> ReferenceType {
    let mut id = param("ID", "integer");
    id.read_only = true;
    let mut status = param("STATUS_SEMANTIC_ID", "string");
    status.enum_values = ["P", "S", "F"]
        .iter()
        .map(|value| EnumValue {
            value: (*value).to_owned(),
            description: format!("stage {value}"),
        })
        .collect();
    let mut owner = param("OWNER", "ref(x.lead)");
    owner.description = "a lead that holds this one".to_owned();
    ReferenceType {
        description: "A lead.".to_owned(),
        module: Some("x.lead".to_owned()),
        rust_name: Some("Lead".to_owned()),
        user_fields: Some("UF_*".to_owned()),
        fields: vec![
            id,
            param("TITLE", "string"),
            param("OPENED", "boolean"),
            status,
            owner,
        ],
        ..ReferenceType::new(
            "x.lead",
            ReferenceKind::Entity,
            "api-reference/x/x-lead-fields.md",
        )
    }
}

fn method(name: &str, params: Vec<Param>, result: &str, fields: Vec<Param>) -> MethodSpec {
    MethodSpec {
        method: name.to_owned(),
        source: format!("api-reference/x/{name}.md"),
        params,
        response: Response {
            result: result.parse().expect("a valid type"),
            fields,
            ..Response::default()
        },
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

fn generate(specs: &[MethodSpec]) -> Vec<b24_generator::GeneratedFile> {
    b24_generator::generate(specs, &[], &[lead()]).expect("generates")
}

#[test]
fn an_entity_is_one_struct_its_results_reuse() {
    let specs = [
        method("x.lead.get", vec![], "ref(x.lead)", vec![]),
        method("x.lead.list", vec![], "ref(x.lead)[]", vec![]),
        method(
            "x.lead.add",
            vec![param("fields", "ref(x.lead)")],
            "integer",
            vec![],
        ),
    ];
    let code = source_of(&generate(&specs), "src/x/lead.rs");
    assert_eq!(code.matches("pub struct Lead {").count(), 1, "{code}");
    assert!(
        code.contains("type Output = crate::x::lead::Lead;"),
        "{code}"
    );
    assert!(
        code.contains("type Output = Vec<crate::x::lead::Lead>;"),
        "{code}"
    );
    // An entity inside itself is boxed.
    assert!(
        code.contains("pub owner: Option<Box<crate::x::lead::Lead>>,"),
        "{code}"
    );
    // Requests send the writable fields, none required.
    let fields = code
        .split("pub struct LeadFields {")
        .nth(1)
        .expect("a LeadFields request struct");
    let fields = &fields[..fields.find('}').expect("the struct ends")];
    assert!(fields.contains("title: Option<String>,"), "{fields}");
    assert!(
        !fields.contains(" id:"),
        "read-only ID is not sent: {fields}"
    );
    assert!(code.contains("fields: Option<LeadFields>,"), "{code}");
}

#[test]
fn user_fields_are_kept_in_a_map_with_an_accessor() {
    let specs = [method("x.lead.get", vec![], "ref(x.lead)", vec![])];
    let code = source_of(&generate(&specs), "src/x/lead.rs");
    assert!(
        code.contains("pub user_fields: std::collections::BTreeMap<String, serde_json::Value>,"),
        "{code}"
    );
    assert!(
        code.contains(r#"user_fields: reader.user_fields(&["UF_*"]),"#),
        "{code}"
    );
    assert!(
        code.contains("writer.entries(&self.user_fields);"),
        "{code}"
    );
    assert!(
        code.contains("pub fn user_field(&self, key: &str) -> Option<&serde_json::Value>"),
        "{code}"
    );
}

#[test]
fn inline_enums_in_results_are_open_enums() {
    let specs = [method("x.lead.get", vec![], "ref(x.lead)", vec![])];
    let code = source_of(&generate(&specs), "src/x/lead.rs");
    assert!(code.contains("pub enum LeadStatusSemanticId {"), "{code}");
    assert!(code.contains("Unlisted(String),"), "{code}");
    assert!(
        code.contains("pub status_semantic_id: Option<LeadStatusSemanticId>,"),
        "{code}"
    );
}

#[test]
fn maps_keyed_by_id_are_btree_maps() {
    let mut value_fields = param("ENTITY", "object");
    value_fields.fields = vec![param("NAME", "string"), param("SORT", "integer")];
    let specs = [
        method(
            "x.status.types",
            vec![],
            "map(object)",
            value_fields.fields.clone(),
        ),
        method("x.status.names", vec![], "map(string)", vec![]),
        method("x.lead.byid", vec![], "map(ref(x.lead))", vec![]),
    ];
    let files = generate(&specs);
    let status = source_of(&files, "src/x/status.rs");
    assert!(
        status.contains("type Output = std::collections::BTreeMap<String, XStatusTypesResult>;"),
        "{status}"
    );
    assert!(status.contains("pub sort: Option<i64>,"), "{status}");
    assert!(
        status.contains("type Output = std::collections::BTreeMap<String, String>;"),
        "{status}"
    );
    let lead = source_of(&files, "src/x/lead.rs");
    assert!(
        lead.contains("type Output = std::collections::BTreeMap<String, crate::x::lead::Lead>;"),
        "{lead}"
    );
    // A field keyed by id reads through the Keyed codec.
    let nested = [method(
        "x.status.nested",
        vec![],
        "object",
        vec![param("ITEMS", "map(integer)")],
    )];
    let code = source_of(&generate(&nested), "src/x/status.rs");
    assert!(
        code.contains(".opt::<b24_protocol::wire::Keyed<b24_protocol::wire::Int>, _>(\"ITEMS\")"),
        "{code}"
    );
}

#[test]
fn another_scope_copies_the_entity_in() {
    let specs = [
        method("x.lead.get", vec![], "ref(x.lead)", vec![]),
        method("y.lead.get", vec![], "ref(x.lead)", vec![]),
    ];
    let files = generate(&specs);
    let other = source_of(&files, "src/y/lead.rs");
    // `y` builds without the `x` feature: no path into `x`.
    assert!(!other.contains("crate::x::"), "{other}");
    assert!(other.contains("pub struct Lead {"), "{other}");
    assert!(other.contains("type Output = Lead;"), "{other}");
}

#[test]
fn json_fields_read_through_the_any_codec() {
    let specs = [method(
        "x.thing.get",
        vec![],
        "object",
        vec![param("DATA", "any")],
    )];
    let code = source_of(&generate(&specs), "src/x/thing.rs");
    assert!(
        code.contains("reader.opt::<b24_protocol::wire::Any, _>(\"DATA\")"),
        "{code}"
    );
}

#[test]
fn entity_fields_the_examples_contradict_are_kept_as_json() {
    let mut get = method("x.lead.get", vec![], "ref(x.lead)", vec![]);
    get.response.examples =
        vec![r#"{"result": {"ID": "5", "OPENED": "maybe", "TITLE": "t"}}"#.to_owned()];
    let mut byid = method("x.lead.ids", vec![], "map(integer[])", vec![]);
    byid.response.examples = vec![r#"{"result": {"7": [{"id": 3}]}}"#.to_owned()];
    let code = source_of(&generate(&[get, byid]), "src/x/lead.rs");
    // `OPENED` is documented boolean, the example says "maybe": JSON, read by `Any`.
    assert!(
        code.contains("pub opened: Option<serde_json::Value>,"),
        "{code}"
    );
    assert!(code.contains("pub id: Option<i64>,"), "{code}");
    assert!(
        code.contains("type Output = std::collections::BTreeMap<String, serde_json::Value>;"),
        "{code}"
    );
}

#[test]
fn a_documented_family_of_keys_is_a_typed_map_beside_the_fields() {
    let mut lead = lead();
    let mut parents = param("PARENT_ID_...", "integer");
    parents.pattern = Some("PARENT_ID_*".to_owned());
    parents.description = "Поля связей".to_owned();
    lead.fields.push(parents);
    let specs = [method("x.lead.get", vec![], "ref(x.lead)", vec![])];
    let files = b24_generator::generate(&specs, &[], &[lead]).expect("generates");
    let code = source_of(&files, "src/x/lead.rs");
    assert!(
        code.contains("pub parent_ids: std::collections::BTreeMap<String, i64>,"),
        "{code}"
    );
    // Read after the named fields, before the user fields (a family must not take a
    // named key; `UF_*` keys are no family).
    let family = code
        .find(r#"parent_ids: reader.family::<b24_protocol::wire::Int, _>("PARENT_ID_*"),"#)
        .expect("the family is read");
    let title = code.find(r#"reader.opt::<b24_protocol::wire::Text, _>("TITLE")"#);
    let user = code.find("user_fields: reader.user_fields(");
    assert!(title.is_some_and(|at| at < family), "{code}");
    assert!(user.is_some_and(|at| at > family), "{code}");
    assert!(
        code.contains("writer.family::<b24_protocol::wire::Int, _>(&self.parent_ids);"),
        "{code}"
    );
}

#[test]
fn an_entity_result_an_example_lists_is_one_or_many() {
    let mut get = method("x.lead.get", vec![], "ref(x.lead)", vec![]);
    get.response.examples = vec![r#"{"result": [{"ID": "5", "TITLE": "t"}]}"#.to_owned()];
    let code = source_of(&generate(&[get]), "src/x/lead.rs");
    assert!(code.contains("type Output = XLeadGetResult;"), "{code}");
    assert!(code.contains("List(Vec<crate::x::lead::Lead>),"), "{code}");
    assert!(code.contains("Object(crate::x::lead::Lead),"), "{code}");
}

#[test]
fn scalar_results_take_the_kinds_their_examples_show() {
    // `true` as `"Y"` or `1` is a spelling of the documented kind, not another kind.
    let mut flag = method("x.lead.flag", vec![], "boolean", vec![]);
    flag.response.examples = vec![
        r#"{"result": "Y"}"#.to_owned(),
        r#"{"result": 1}"#.to_owned(),
    ];
    // Documented `boolean`, the example shows the record's id.
    let mut update = method("x.lead.update", vec![], "boolean", vec![]);
    update.response.examples = vec![r#"{"result": 13}"#.to_owned()];
    // An example shows `null`.
    let mut maybe = method("x.lead.maybe", vec![], "boolean", vec![]);
    maybe.response.examples = vec![
        r#"{"result": true}"#.to_owned(),
        r#"{"result": null}"#.to_owned(),
    ];
    let code = source_of(&generate(&[flag, update, maybe]), "src/x/lead.rs");
    let output_of = |name: &str| {
        let at = code
            .find(&format!("const NAME: &'static str = \"{name}\";"))
            .unwrap_or_else(|| panic!("{name} is generated: {code}"));
        let rest = &code[at..];
        rest[rest.find("type Output = ").expect("an Output") + 14..]
            .split(';')
            .next()
            .expect("the Output ends")
            .to_owned()
    };
    assert_eq!(output_of("x.lead.flag"), "bool");
    assert_eq!(output_of("x.lead.update"), "XLeadUpdateResult");
    assert!(
        code.contains("Flag(bool),") && code.contains("Integer(i64),"),
        "{code}"
    );
    assert_eq!(output_of("x.lead.maybe"), "Option<bool>");
}

#[test]
fn a_type_narrowed_from_an_open_word_is_read_leniently() {
    // `Options` written `object`, narrowed to `map(string)` from a `select` field's example;
    // `TAGS` written `string[]`: the docs' own type, read strictly.
    let mut options = param("Options", "map(string)");
    options.ty.written = Some("object".to_owned());
    let specs = [method(
        "x.thing.get",
        vec![],
        "object",
        vec![options, param("TAGS", "string[]")],
    )];
    let code = source_of(&generate(&specs), "src/x/thing.rs");
    assert_eq!(read_with(&code, "Options"), ".shown::<", "{code}");
    assert_eq!(read_with(&code, "TAGS"), ".opt::<", "{code}");
}

/// The reader call that reads `wire` (`.opt::<` or `.shown::<`), whatever the line breaks.
fn read_with(code: &str, wire: &str) -> &'static str {
    let flat: String = code.split_whitespace().collect();
    let at = flat
        .find(&format!(">(\"{wire}\"),"))
        .unwrap_or_else(|| panic!("{wire} is read"));
    let before = &flat[..at];
    match (before.rfind(".opt::<"), before.rfind(".shown::<")) {
        (Some(opt), Some(shown)) if shown > opt => ".shown::<",
        (None, Some(_)) => ".shown::<",
        _ => ".opt::<",
    }
}
