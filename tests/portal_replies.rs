//! Replies shaped like what a real portal sends for the most-used methods, not like the
//! docs' examples: numbers and ids as strings, `""` for an empty date, PHP's `[]` for an
//! empty object or map, `null` for unset fields, user fields (`UF_*`, `ufCrm*`) and parent
//! links (`PARENT_ID_1032`, `parentId2`). The fixtures in `fixtures/portal-replies/` are
//! written for this test (one file per method: `{"method", "result"}`).
//!
//! Each must decode with the method's generated Output, and every value must land in a
//! typed field except user fields, which each portal defines (they are kept in
//! `user_fields`), and parent links, a documented family of keys.

use std::collections::BTreeSet;
use std::path::PathBuf;

use b24_api::registry::{Entry, METHODS};
use b24_runtime::Api;
use serde_json::Value;

struct Reply {
    file: String,
    method: String,
    /// Paths the docs leave untyped (an `object` without fields, a key named only in
    /// prose), each with the reason: they must be exactly the untyped ones besides user
    /// fields, so a path that becomes typed is noticed too.
    untyped: BTreeSet<String>,
    result: Value,
}

fn replies() -> Vec<Reply> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/portal-replies");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the fixtures directory exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable fixture");
            let mut value: Value = serde_json::from_str(&text).expect("a JSON fixture");
            let method = value["method"].as_str().expect("a method name").to_owned();
            let untyped = value
                .get("untyped")
                .and_then(Value::as_object)
                .map(|paths| paths.keys().cloned().collect())
                .unwrap_or_default();
            Reply {
                file: path
                    .file_name()
                    .map_or_else(String::new, |name| name.to_string_lossy().into_owned()),
                method,
                untyped,
                result: value["result"].take(),
            }
        })
        .collect()
}

fn classic(method: &str) -> &'static Entry {
    METHODS
        .iter()
        .find(|e| e.method == method && e.api == Api::Classic)
        .unwrap_or_else(|| panic!("{method} is in the registry"))
}

/// The last key of a path (`items[0].ufCrm5Field` → `ufCrm5Field`).
fn last_key(path: &str) -> &str {
    let key = path.rsplit('.').next().unwrap_or(path);
    key.split('[').next().unwrap_or(key)
}

/// Keys each portal defines, or a documented family of keys.
fn is_portal_defined(path: &str) -> bool {
    let key = last_key(path);
    key.starts_with("UF_")
        || key.starts_with("ufCrm")
        || key.starts_with("PARENT_ID_")
        || (key.starts_with("parentId") && key["parentId".len()..].parse::<u32>().is_ok())
}

#[test]
fn there_are_replies_for_the_most_used_methods() {
    let methods: Vec<String> = replies().into_iter().map(|r| r.method).collect();
    for expected in [
        "crm.lead.get",
        "crm.deal.list",
        "crm.contact.get",
        "crm.company.list",
        "crm.item.list",
        "crm.item.get",
        "crm.category.list",
        "tasks.task.list",
        "user.get",
        "department.get",
    ] {
        assert!(methods.iter().any(|m| m == expected), "{expected}");
    }
}

#[test]
fn portal_replies_decode_and_what_the_docs_describe_is_typed() {
    let mut failures = Vec::new();
    for reply in replies() {
        let entry = classic(&reply.method);
        if let Err(error) = (entry.decode_output)(reply.result.clone()) {
            failures.push(format!("{}: does not decode: {error}", reply.file));
            continue;
        }
        match (entry.untyped_paths)(reply.result.clone()) {
            Err(error) => failures.push(format!("{}: untyped_paths: {error}", reply.file)),
            Ok(paths) => {
                let untyped: BTreeSet<String> = paths
                    .into_iter()
                    .filter(|p| !is_portal_defined(p))
                    .collect();
                if untyped != reply.untyped {
                    let new: Vec<_> = untyped.difference(&reply.untyped).collect();
                    let gone: Vec<_> = reply.untyped.difference(&untyped).collect();
                    failures.push(format!(
                        "{}: untyped but documented {new:?}; listed as untyped but typed {gone:?}",
                        reply.file
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_filter_of_portal_defined_keys_is_narrow() {
    assert!(is_portal_defined("UF_CRM_1708000000"));
    assert!(is_portal_defined("items[0].ufCrm5Budget"));
    assert!(is_portal_defined("[0].PARENT_ID_1032"));
    assert!(is_portal_defined("items[0].parentId2"));
    assert!(!is_portal_defined("items[0].parentIdx"));
    assert!(!is_portal_defined("TITLE"));
    assert!(!is_portal_defined("tasks[0].group"));
}
