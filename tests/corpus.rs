//! The real documentation, when its folders are given: `B24_DOCS_DIR` (2026-08, the
//! current API, which `specs/` is imported from) and `B24_DOCS_2025_DIR` (2025-08). Unset:
//! the tests say why and skip; set to a missing folder: they fail.

use std::collections::BTreeMap;
use std::path::Path;

use b24_doc_parser::Import;
use b24_spec::{ApiVersion, SpecFile};
use b24_tests::{docs_root, workspace_root};

/// Methods the 2025-08 import yielded when this guard was last raised; an import that
/// yields fewer has lost method pages. Raise it when the parser finds more.
const METHODS_2025_AT_LEAST: usize = 1459;
/// Events of the 2025-08 import, likewise.
const EVENTS_2025_AT_LEAST: usize = 182;

fn import(dir: &Path) -> Import {
    b24_doc_parser::import(dir, &()).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// Every file of `<specs>/<kind>/`, by name.
fn committed(kind: &str) -> BTreeMap<String, String> {
    let dir = workspace_root().join("specs").join(kind);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("specs/ is listable").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            files.insert(name, std::fs::read_to_string(&path).expect("readable"));
        }
    }
    files
}

fn fresh<T: SpecFile>(specs: &[T]) -> BTreeMap<String, String> {
    specs
        .iter()
        .map(|spec| {
            (
                spec.file_name(),
                b24_spec::to_yaml(spec).expect("serializable"),
            )
        })
        .collect()
}

fn assert_same(kind: &str, committed: &BTreeMap<String, String>, fresh: &BTreeMap<String, String>) {
    const HINT: &str = "specs/ is stale: run `cargo run --release -p codegen -- import --docs ../shared/docs/2026-08 --out specs` then `cargo run -p codegen`";
    let missing: Vec<&String> = fresh
        .keys()
        .filter(|k| !committed.contains_key(*k))
        .collect();
    let extra: Vec<&String> = committed
        .keys()
        .filter(|k| !fresh.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{kind}: not committed {missing:?}, no longer imported {extra:?}; {HINT}"
    );
    let differ: Vec<&String> = fresh
        .iter()
        .filter(|(name, text)| committed.get(*name) != Some(*text))
        .map(|(name, _)| name)
        .collect();
    assert!(
        differ.is_empty(),
        "{kind}: {} differ, e.g. {:?}; {HINT}",
        differ.len(),
        &differ[..differ.len().min(5)]
    );
}

#[test]
fn committed_specs_equal_a_fresh_import_of_the_2026_docs() {
    let Some(dir) = docs_root("B24_DOCS_DIR") else {
        return;
    };
    let import = import(&dir);
    assert_same(
        "methods",
        &committed(b24_spec::METHODS_DIR),
        &fresh(&import.methods),
    );
    assert_same(
        "events",
        &committed(b24_spec::EVENTS_DIR),
        &fresh(&import.events),
    );
    assert_same(
        "types",
        &committed(b24_spec::TYPES_DIR),
        &fresh(&import.types),
    );
}

#[test]
fn the_2026_data_types_pages_define_the_named_types_method_pages_use() {
    let Some(dir) = docs_root("B24_DOCS_DIR") else {
        return;
    };
    let import = import(&dir);
    let summary = import.summary();
    assert_eq!(
        summary.type_pages, 4,
        "data-types.md of the root, crm, sale and catalog"
    );
    let kind = |name: &str| {
        import
            .types
            .iter()
            .find(|ty| ty.name == name)
            .map(|ty| ty.kind)
            .unwrap_or_else(|| panic!("`{name}` is defined"))
    };
    use b24_spec::ReferenceKind::*;
    assert_eq!(kind("user"), IntegerId);
    assert_eq!(kind("crm_status"), StringCode);
    assert_eq!(kind("crm_enum_activitytype"), IntegerEnum);
    // An object type of a scope's data-types page is an entity of that scope.
    assert_eq!(kind("crm_multifield"), Entity);
    let multifield = import.types.iter().find(|ty| ty.name == "crm_multifield");
    assert!(multifield.is_some_and(|ty| ty.fields.len() >= 4));
    // Most named type words in method pages are defined; the rest are reported.
    let defined: usize = summary.defined_type_words.values().sum();
    let unknown: usize = summary.unknown_type_words.values().sum();
    assert!(
        defined >= 10 * unknown,
        "{defined} uses of defined named types, {unknown} of undefined ones"
    );
}

#[test]
fn the_2026_docs_give_a_schema_for_every_method_page() {
    let Some(dir) = docs_root("B24_DOCS_DIR") else {
        return;
    };
    let import = import(&dir);
    let summary = import.summary();
    // FORMATS.md counts 1,657 method pages (an h1 method and a Scope line); the seven
    // `event.*` pages have method sections but no Scope line and are methods too.
    assert!(summary.method_pages >= 1657, "{summary:?}");
    assert_eq!(
        summary.methods, summary.method_pages,
        "every method page yields a schema"
    );
    assert!(summary.events >= 180, "{summary:?}");
    let has = |name: &str, version: ApiVersion| {
        import
            .methods
            .iter()
            .any(|m| m.method == name && m.api_version == version)
    };
    // REST 3.0 twins are kept beside the classic methods.
    for name in [
        "tasks.task.add",
        "tasks.task.get",
        "tasks.task.list",
        "tasks.task.update",
        "tasks.task.delete",
    ] {
        assert!(
            has(name, ApiVersion::Classic) && has(name, ApiVersion::RestV3),
            "{name}"
        );
    }
    assert!(has("event.bind", ApiVersion::Classic));
    // API prefixes in overview h1s are not methods.
    assert!(!import.methods.iter().any(|m| m.method.ends_with(".v2")));
    let events: Vec<&str> = import.events.iter().map(|e| e.event.as_str()).collect();
    assert!(
        events.contains(&"onCrmDealAdd") || events.contains(&"ONCRMDEALADD"),
        "{events:?}"
    );
    let deal_add = import
        .events
        .iter()
        .find(|e| e.event.eq_ignore_ascii_case("onCrmDealAdd"))
        .expect("the deal event");
    assert!(
        deal_add
            .payload
            .iter()
            .any(|p| p.name == "auth" && !p.fields.is_empty()),
        "{deal_add:?}"
    );
    let errors_of = |name: &str| {
        import
            .methods
            .iter()
            .find(|m| m.method == name && m.api_version == ApiVersion::Classic)
            .map(|m| m.errors.len())
            .unwrap_or(0)
    };
    assert!(errors_of("event.bind") > 0);
    let deprecated = import
        .methods
        .iter()
        .filter(|m| m.deprecated.is_some())
        .count();
    assert!(deprecated >= 229, "{deprecated} deprecated methods");
}

#[test]
fn the_2025_docs_import_at_least_as_many_methods_as_last_recorded() {
    let Some(dir) = docs_root("B24_DOCS_2025_DIR") else {
        return;
    };
    let import = import(&dir);
    let summary = import.summary();
    assert!(
        summary.methods >= METHODS_2025_AT_LEAST && summary.events >= EVENTS_2025_AT_LEAST,
        "2025-08: {} methods, {} events; the guard expects at least {METHODS_2025_AT_LEAST} and {EVENTS_2025_AT_LEAST}",
        summary.methods,
        summary.events
    );
    // The copy-paste h1 of sale-status-get-fields.md repeats `sale.status.delete`; the
    // page's examples name its real method.
    let renamed = import
        .methods
        .iter()
        .find(|m| m.source.ends_with("sale/status/sale-status-get-fields.md"))
        .expect("the page yields a schema");
    assert!(
        renamed.method.eq_ignore_ascii_case("sale.status.getFields"),
        "{}",
        renamed.method
    );
    // Telephony pages take their scope from an include.
    let include_scoped = import
        .methods
        .iter()
        .filter(|m| m.source.contains("/telephony/") && !m.scope.is_empty())
        .count();
    assert!(include_scoped >= 30, "{include_scoped}");
}
