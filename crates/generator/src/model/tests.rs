//! Naming and dedup decided by the model, on hand-built items.

use b24_spec::EnumValue;

use super::*;
use crate::types::{Codec, NamedKind, Ty};

fn field(rust: &str, wire: &str, ty: Ty, doc: &str) -> FieldDef {
    FieldDef {
        rust_name: rust.to_owned(),
        wire_name: wire.to_owned(),
        ty,
        required: false,
        shown: false,
        doc: doc.to_owned(),
    }
}

fn record(fields: Vec<FieldDef>) -> StructDef {
    StructDef {
        role: Role::Record,
        fields,
        open_ended: Vec::new(),
        user_fields: Vec::new(),
        families: Vec::new(),
        mask_extra: false,
    }
}

fn text() -> Ty {
    Ty::Scalar(Codec::Text)
}

fn name_of(ty: &Ty) -> (&str, &str) {
    match ty {
        Ty::Named {
            path, canonical, ..
        } => (path, canonical),
        other => panic!("not a named type: {other:?}"),
    }
}

/// What the items are, in order: `struct A`, `alias B = A`, ….
fn outline(model: &ModuleModel) -> Vec<String> {
    model
        .items()
        .iter()
        .map(|item| match item {
            Item::Struct { name, .. } => format!("struct {name}"),
            Item::Enum { name, .. } => format!("enum {name}"),
            Item::Union { name, .. } => format!("union {name}"),
            Item::Alias(alias) => format!("alias {} = {}", alias.name, name_of(&alias.target).0),
            Item::Method(def) => format!("method {}", def.request),
            Item::Event(def) => format!("event {}", def.name),
            Item::List(def) => format!("list {}", def.request),
            Item::FieldNames { request, .. } => format!("field names {request}"),
            Item::FieldEnum(def) => format!("field enum {}", def.name),
        })
        .collect()
}

#[test]
fn equal_structs_are_one_definition_and_an_alias_whatever_their_docs() {
    let mut model = ModuleModel::new(&[]);
    let first = record(vec![field("id", "ID", text(), "The deal's id.")]);
    let second = record(vec![field(
        "id",
        "ID",
        text(),
        "Id of the deal, in other words.",
    )]);
    let a = model.define_struct("DealA", "The `a` object.", first, model.mark());
    let b = model.define_struct("DealB", "The `b` object.", second, model.mark());
    assert!(a.new);
    assert!(!b.new);
    assert_eq!(name_of(&b.ty), ("DealB", "DealA"));
    assert_eq!(outline(&model), ["struct DealA", "alias DealB = DealA"]);
}

#[test]
fn different_wire_names_types_or_roles_are_different_structs() {
    let mut model = ModuleModel::new(&[]);
    let base = || record(vec![field("id", "ID", text(), "")]);
    model.define_struct("Base", "", base(), model.mark());
    let wire = record(vec![field("id", "id", text(), "")]);
    assert!(model.define_struct("Wire", "", wire, model.mark()).new);
    let typed = record(vec![field("id", "ID", Ty::Scalar(Codec::Int), "")]);
    assert!(model.define_struct("Typed", "", typed, model.mark()).new);
    let mut required = base();
    required.fields[0].required = true;
    assert!(
        model
            .define_struct("Required", "", required, model.mark())
            .new
    );
    let request = StructDef {
        role: Role::Request,
        ..base()
    };
    assert!(
        model
            .define_struct("Request", "", request, model.mark())
            .new
    );
    let mut open = base();
    open.open_ended.push("UF_*".to_owned());
    assert!(model.define_struct("Open", "", open, model.mark()).new);
    assert_eq!(
        outline(&model),
        [
            "struct Base",
            "struct Wire",
            "struct Typed",
            "struct Required",
            "struct Request",
            "struct Open"
        ]
    );
}

#[test]
fn fields_typed_by_an_alias_are_the_same_as_by_its_target() {
    let mut model = ModuleModel::new(&[]);
    let inner = || record(vec![field("name", "NAME", text(), "")]);
    let item_a = model
        .define_struct("OuterAItem", "", inner(), model.mark())
        .ty;
    let outer_a = record(vec![field("item", "ITEM", Ty::list(item_a), "")]);
    model.define_struct("OuterA", "", outer_a, 0);
    // The second outer struct: its field's type first (a repeat, so an alias), then
    // itself, a repeat too: the alias its field needed goes with it.
    let mark = model.mark();
    let item_b = model.define_struct("OuterBItem", "", inner(), mark).ty;
    assert_eq!(name_of(&item_b), ("OuterBItem", "OuterAItem"));
    let outer_b = record(vec![field("item", "ITEM", Ty::list(item_b), "")]);
    let repeat = model.define_struct("OuterB", "", outer_b, mark);
    assert!(!repeat.new);
    assert_eq!(
        outline(&model),
        [
            "struct OuterAItem",
            "struct OuterA",
            "alias OuterB = OuterA"
        ]
    );
}

#[test]
fn names_taken_by_the_module_or_earlier_types_get_a_suffix_in_order() {
    // `CrmDealAdd` is a request type, `Lead` an entity of another scope copied in under
    // the name of one the module defines: both are reserved before any parameter type.
    let reserved = ["CrmDealAdd".to_owned(), "Lead".to_owned()];
    let run = || {
        let mut model = ModuleModel::new(&reserved);
        let lead = record(vec![field("id", "ID", text(), "")]);
        let lead = model.define_struct("Lead", "", lead, model.mark()).ty;
        let other = record(vec![field("title", "TITLE", text(), "")]);
        let other = model
            .define_struct("CrmDealAdd", "", other, model.mark())
            .ty;
        let third = record(vec![field("sum", "SUM", Ty::Scalar(Codec::Float), "")]);
        let third = model
            .define_struct("CrmDealAdd", "", third, model.mark())
            .ty;
        [lead, other, third].map(|ty| name_of(&ty).0.to_owned())
    };
    assert_eq!(run(), ["Lead2", "CrmDealAdd2", "CrmDealAdd3"]);
    assert_eq!(run(), run());
}

#[test]
fn child_names_join_parent_and_wire_name() {
    assert_eq!(child_name("CrmDealAdd", "fields"), "CrmDealAddFields");
    assert_eq!(child_name("CrmDealAdd", "UF_CRM_1"), "CrmDealAddUfCrm1");
    // A wire name with nothing usable, and a keyword on its own.
    assert_eq!(child_name("CrmDealAdd", "—"), "CrmDealAddValue");
    assert_eq!(child_name("", "self"), "Self_");
}

fn values(values: &[(&str, &str)]) -> Vec<EnumValue> {
    values
        .iter()
        .map(|(value, description)| EnumValue {
            value: (*value).to_owned(),
            description: (*description).to_owned(),
        })
        .collect()
}

fn open_enum(pairs: &[(&str, &str)], doc: &str) -> EnumDef {
    EnumDef {
        values: values(pairs),
        doc: doc.to_owned(),
        source: "api-reference/x.md".to_owned(),
    }
}

#[test]
fn enums_with_the_same_values_are_one_whatever_their_descriptions() {
    let mut model = ModuleModel::new(&[]);
    let first = model.define_enum("Status", open_enum(&[("A", "Active"), ("B", "")], "one"));
    let same = model.define_enum(
        "OtherStatus",
        open_enum(
            &[("A", "Active, said otherwise"), ("B", ""), ("A", "")],
            "two",
        ),
    );
    let reordered = model.define_enum("Reordered", open_enum(&[("B", ""), ("A", "")], ""));
    let fewer = model.define_enum("Fewer", open_enum(&[("A", "")], ""));
    assert!(first.new && !same.new && reordered.new && fewer.new);
    assert_eq!(name_of(&same.ty), ("OtherStatus", "Status"));
    assert_eq!(
        outline(&model),
        [
            "enum Status",
            "alias OtherStatus = Status",
            "enum Reordered",
            "enum Fewer"
        ]
    );
}

fn member(shape: Shape, ty: MemberTy) -> UnionMember {
    UnionMember { shape, ty }
}

#[test]
fn unions_are_one_whatever_the_order_of_their_members() {
    let mut model = ModuleModel::new(&[]);
    let text_or_int = vec![
        member(Shape::Text, MemberTy::Text),
        member(Shape::Integer, MemberTy::Int),
    ];
    let mut int_or_text = text_or_int.clone();
    int_or_text.reverse();
    let first = model.define_union("A", UnionDef::new(text_or_int, "a".to_owned()));
    let second = model.define_union("B", UnionDef::new(int_or_text, "b".to_owned()));
    assert!(first.new && !second.new);
    let Item::Union { def, .. } = &model.items()[0] else {
        panic!("a union first");
    };
    let shapes: Vec<Shape> = def.members.iter().map(|m| m.shape).collect();
    assert_eq!(shapes, [Shape::Integer, Shape::Text]);
}

#[test]
fn union_members_are_compared_as_the_rust_types_they_hold() {
    let mut model = ModuleModel::new(&[]);
    let list = |codec| {
        vec![
            member(Shape::Text, MemberTy::Text),
            member(Shape::List, MemberTy::List(Element::of(Ty::Scalar(codec)))),
        ]
    };
    // `Vec<bool>` either way; `Vec<i64>` is another type.
    let flags = model.define_union("Flags", UnionDef::new(list(Codec::Yn), String::new()));
    let bools = model.define_union("Bools", UnionDef::new(list(Codec::Boolean), String::new()));
    let ints = model.define_union("Ints", UnionDef::new(list(Codec::Int), String::new()));
    assert!(flags.new && !bools.new && ints.new);
    // A struct member is its type by name: an alias is another name.
    let object = |path: &str| {
        let ty = Ty::alias(path, &Ty::named("Target", NamedKind::Struct));
        vec![
            member(Shape::Text, MemberTy::Text),
            member(Shape::Object, MemberTy::Object(ty)),
        ]
    };
    let by_target = model.define_union("ByTarget", UnionDef::new(object("Target"), String::new()));
    let by_alias = model.define_union("ByAlias", UnionDef::new(object("Other"), String::new()));
    assert!(by_target.new && by_alias.new);
}

fn request(fields: Vec<FieldDef>) -> StructDef {
    StructDef {
        role: Role::Request,
        ..record(fields)
    }
}

fn method(request_name: &str, body: StructDef) -> MethodDef {
    MethodDef {
        request: request_name.to_owned(),
        wire: "crm.deal.add".to_owned(),
        rest_v3: false,
        doc: String::new(),
        deprecated: None,
        body,
        output: Output::Ty(Ty::Json),
        required_fields: Vec::new(),
        v3_fields: None,
        list: None,
        errors: None,
        source: String::new(),
    }
}

#[test]
fn a_type_asked_for_under_a_request_types_name_gets_a_suffix() {
    // A type of the module asked for under the request type's name (an entity of another
    // scope copied in, named like the request): the request type keeps its name (the
    // registry and the error enum were built on it), the other type moves.
    let mut model = ModuleModel::new(&["CrmDealAdd".to_owned()]);
    let result = record(vec![field("id", "ID", text(), "")]);
    let result = model
        .define_struct("CrmDealAdd", "", result, model.mark())
        .ty;
    assert_eq!(name_of(&result).0, "CrmDealAdd2");
    model.define_method(method("CrmDealAdd", request(Vec::new())));
    assert_eq!(outline(&model), ["struct CrmDealAdd2", "method CrmDealAdd"]);
}

#[test]
fn equal_request_structs_stay_two_types_each_with_its_method() {
    // Two methods with the same parameters: each request type carries its own `Method`
    // impl, so neither is an alias of the other; a nested request struct of one shape is.
    let reserved = ["CrmDealAdd".to_owned(), "CrmDealUpdate".to_owned()];
    let mut model = ModuleModel::new(&reserved);
    let fields = || request(vec![field("title", "TITLE", text(), "")]);
    let nested_a = model.define_struct("CrmDealAddFields", "", fields(), model.mark());
    let outer = |ty: Ty| request(vec![field("fields", "fields", ty, "")]);
    model.define_method(method("CrmDealAdd", outer(nested_a.ty)));
    let nested_b = model.define_struct("CrmDealUpdateFields", "", fields(), model.mark());
    assert!(!nested_b.new);
    model.define_method(method("CrmDealUpdate", outer(nested_b.ty)));
    assert_eq!(
        outline(&model),
        [
            "struct CrmDealAddFields",
            "method CrmDealAdd",
            "alias CrmDealUpdateFields = CrmDealAddFields",
            "method CrmDealUpdate"
        ]
    );
}

fn event(name: &str, body: StructDef) -> EventDef {
    EventDef {
        name: name.to_owned(),
        event: name.to_owned(),
        doc: String::new(),
        deprecated: false,
        body,
    }
}

#[test]
fn event_payloads_keep_their_names_and_are_never_aliases() {
    // `OnTaskAdd`'s `data` object would be `OnTaskAddData`, the payload of another event of
    // the section: the payload keeps the name, the nested struct moves; two payloads of one
    // shape stay two types (each has its `EVENT` and its variant of `events::Event`).
    let reserved = ["OnTaskAdd".to_owned(), "OnTaskAddData".to_owned()];
    let mut model = ModuleModel::new(&reserved);
    let data = record(vec![field("id", "ID", text(), "")]);
    let data = model
        .define_struct("OnTaskAddData", "", data, model.mark())
        .ty;
    assert_eq!(name_of(&data).0, "OnTaskAddData2");
    let payload = || record(vec![field("data", "data", data.clone(), "")]);
    model.define_event(event("OnTaskAdd", payload()));
    model.define_event(event("OnTaskAddData", payload()));
    assert_eq!(
        outline(&model),
        [
            "struct OnTaskAddData2",
            "event OnTaskAdd",
            "event OnTaskAddData"
        ]
    );
}

#[test]
fn a_field_enum_keeps_its_name_before_parameter_types() {
    // `crm.lead.list` with a parameter whose type would be `LeadField`: the field enum,
    // named before any parameter type, keeps it.
    let mut model = ModuleModel::new(&["LeadField".to_owned()]);
    let param = record(vec![field("id", "ID", text(), "")]);
    let param = model.define_struct("LeadField", "", param, model.mark()).ty;
    model.define_field_enum(FieldEnumDef {
        name: "LeadField".to_owned(),
        method: "crm.lead.fields".to_owned(),
        source: String::new(),
        variants: Vec::new(),
        patterns: Vec::new(),
    });
    assert_eq!(name_of(&param).0, "LeadField2");
    assert_eq!(
        outline(&model),
        ["struct LeadField2", "field enum LeadField"]
    );
}

#[test]
fn methods_named_alike_get_suffixes_in_method_order() {
    let names = request_type_names(["crm.fooBar.list", "crm.foo_bar.list", "crm.foo.add"]);
    assert_eq!(names, ["CrmFooBarList", "CrmFooBarList2", "CrmFooAdd"]);
}

#[test]
fn an_error_enum_moves_aside_for_a_parameter_enum_or_a_request_type() {
    let module = ["CrmFooAdd".to_owned(), "CrmFooAddError".to_owned()];
    // `crm.foo.add.error` is a method of the module: its request type has the plain name.
    assert_eq!(
        error_enum_name("CrmFooAdd", ["fields"], &module),
        "CrmFooAddErrorCode"
    );
    // A parameter `error` with values would be the enum `CrmBarAddError`.
    assert_eq!(
        error_enum_name("CrmBarAdd", ["fields", "ERROR"], &module),
        "CrmBarAddErrorCode"
    );
    assert_eq!(
        error_enum_name("CrmBarAdd", ["fields"], &module),
        "CrmBarAddError"
    );
}
