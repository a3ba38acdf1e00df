//! Snapshots of the generated Rust for a handful of methods chosen for what they exercise,
//! each generated alone from its committed spec so a snapshot changes only when that
//! method's output does. Reviewed and committed; CI never writes them.

use b24_generator::GeneratedFile;
use b24_spec::{ApiVersion, EventSpec, MethodSpec, Param, ReferenceKind, ReferenceType, TypeExpr};
use b24_tests::{committed_events, committed_methods, committed_types};

fn method(name: &str, api: ApiVersion) -> MethodSpec {
    committed_methods()
        .iter()
        .find(|spec| spec.method == name && spec.api_version == api)
        .cloned()
        .unwrap_or_else(|| panic!("{name} ({api:?}) is in specs/"))
}

fn event(name: &str) -> EventSpec {
    committed_events()
        .iter()
        .find(|spec| spec.event == name)
        .cloned()
        .unwrap_or_else(|| panic!("{name} is in specs/events"))
}

/// Every Rust file generated for `methods` and `events` but the crate root, the registry
/// and the (empty) shared values: the method's module, and its `partN` files if any.
fn module_source(methods: &[MethodSpec], events: &[EventSpec]) -> String {
    let types = types_for(methods, events);
    let files = b24_generator::generate(methods, events, &types).expect("generates");
    files
        .iter()
        .filter(|file| file.path.extension().is_some_and(|e| e == "rs"))
        .filter(|file| {
            !["src/lib.rs", "src/registry.rs", "src/values.rs"]
                .iter()
                .any(|skip| file.path.as_os_str() == *skip)
        })
        .filter(|file| !is_empty_module(file))
        .map(|file| format!("// ---- {}\n{}", file.path.display(), file.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The named types, with only the entities these specs reach (directly or through another
/// entity's fields): every entity is generated in its own module, and the others would
/// bury the method's code in the snapshot.
fn types_for(methods: &[MethodSpec], events: &[EventSpec]) -> Vec<ReferenceType> {
    fn refs(expr: &TypeExpr, out: &mut Vec<String>) {
        match expr {
            TypeExpr::Ref(name) => out.push(name.clone()),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => refs(inner, out),
            TypeExpr::Union(members) => members.iter().for_each(|m| refs(m, out)),
            _ => {}
        }
    }
    fn walk(params: &[Param], out: &mut Vec<String>) {
        for param in params {
            refs(&param.ty.normalized, out);
            walk(&param.fields, out);
        }
    }
    let mut wanted = Vec::new();
    for spec in methods {
        walk(&spec.params, &mut wanted);
        refs(&spec.response.result, &mut wanted);
        if let Some(result) = &spec.response.example_result {
            refs(result, &mut wanted);
        }
        walk(&spec.response.fields, &mut wanted);
    }
    for event in events {
        walk(&event.payload, &mut wanted);
    }
    let all = committed_types();
    let mut kept: Vec<String> = Vec::new();
    while let Some(name) = wanted.pop() {
        if kept.contains(&name) {
            continue;
        }
        if let Some(entity) = all
            .iter()
            .find(|ty| ty.name == name && ty.kind == ReferenceKind::Entity)
        {
            walk(&entity.fields, &mut wanted);
        }
        kept.push(name);
    }
    all.iter()
        .filter(|ty| ty.kind != ReferenceKind::Entity || kept.contains(&ty.name))
        .cloned()
        .collect()
}

/// Parent modules that only declare their children say nothing about the method.
fn is_empty_module(file: &GeneratedFile) -> bool {
    file.contents.lines().all(|line| {
        line.is_empty()
            || line.starts_with("//")
            || line.starts_with("#!")
            || line.starts_with("pub mod ")
    })
}

/// Nested `fields` object, typed result id, documented errors, deprecated (use `crm.item.add`).
#[test]
fn nested_fields_and_deprecated() {
    let source = module_source(&[method("crm.deal.add", ApiVersion::Classic)], &[]);
    insta::assert_snapshot!("crm_deal_add", source);
}

/// A list method: filter/order/select parameters, a list result.
#[test]
fn list_method() {
    let source = module_source(&[method("crm.deal.list", ApiVersion::Classic)], &[]);
    insta::assert_snapshot!("crm_deal_list", source);
}

/// A union parameter (`integer | string`) and enums.
#[test]
fn union_parameter() {
    let source = module_source(&[method("bizproc.task.complete", ApiVersion::Classic)], &[]);
    insta::assert_snapshot!("bizproc_task_complete", source);
}

/// A typed result struct (`crm.item.get`: the item under `item`).
#[test]
fn typed_result_with_enums() {
    let source = module_source(&[method("crm.item.get", ApiVersion::Classic)], &[]);
    insta::assert_snapshot!("crm_item_get", source);
}

/// A REST 3.0 method: its own module under `rest_v3`, `Api::RestV3`.
#[test]
fn rest_v3_method() {
    let source = module_source(&[method("tasks.task.get", ApiVersion::RestV3)], &[]);
    insta::assert_snapshot!("tasks_task_get_rest_v3", source);
}

/// An event payload.
#[test]
fn event_payload() {
    let source = module_source(&[], &[event("onCrmDealAdd")]);
    insta::assert_snapshot!("on_crm_deal_add", source);
}
