//! What changed between two sets of specs, in the terms a user of the bindings cares about:
//! methods added and removed (REST 3.0 ones apart), deprecations, and per method the
//! parameters added, removed or renamed, types changed, enum values added or removed and
//! the result type; events added and removed. Rendered as markdown.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use b24_spec::{ApiVersion, EnumValue, EventSpec, MethodSpec, Param, Required};

/// Methods are matched by API and name; the server compares names case-insensitively.
type MethodKey = (bool, String);

fn key(spec: &MethodSpec) -> MethodKey {
    (
        spec.api_version == ApiVersion::RestV3,
        spec.method.to_lowercase(),
    )
}

/// One side of the comparison.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// How the changelog names this version (`2025-08`, a folder).
    pub label: &'a str,
    pub methods: &'a [MethodSpec],
    pub events: &'a [EventSpec],
}

/// The changelog between `old` and `new`, as markdown.
pub fn changelog(old: Side<'_>, new: Side<'_>) -> String {
    let old_methods: BTreeMap<MethodKey, &MethodSpec> =
        old.methods.iter().map(|spec| (key(spec), spec)).collect();
    let new_methods: BTreeMap<MethodKey, &MethodSpec> =
        new.methods.iter().map(|spec| (key(spec), spec)).collect();

    let added: Vec<&MethodSpec> = new_methods
        .iter()
        .filter(|(k, _)| !old_methods.contains_key(*k))
        .map(|(_, spec)| *spec)
        .collect();
    let removed: Vec<&MethodSpec> = old_methods
        .iter()
        .filter(|(k, _)| !new_methods.contains_key(*k))
        .map(|(_, spec)| *spec)
        .collect();
    let (added_v3, added_classic): (Vec<&MethodSpec>, Vec<&MethodSpec>) = added
        .into_iter()
        .partition(|spec| spec.api_version == ApiVersion::RestV3);
    let mut deprecated = Vec::new();
    let mut changed: Vec<(&MethodSpec, Vec<String>)> = Vec::new();
    for (k, new_spec) in &new_methods {
        let Some(old_spec) = old_methods.get(k) else {
            continue;
        };
        if old_spec.deprecated.is_none() && new_spec.deprecated.is_some() {
            deprecated.push(*new_spec);
        }
        let changes = method_changes(old_spec, new_spec);
        if !changes.is_empty() {
            changed.push((new_spec, changes));
        }
    }
    let old_events: BTreeSet<String> = old.events.iter().map(|e| e.event.to_lowercase()).collect();
    let new_events: BTreeSet<String> = new.events.iter().map(|e| e.event.to_lowercase()).collect();
    let events_added: Vec<&EventSpec> = new
        .events
        .iter()
        .filter(|e| !old_events.contains(&e.event.to_lowercase()))
        .collect();
    let events_removed: Vec<&EventSpec> = old
        .events
        .iter()
        .filter(|e| !new_events.contains(&e.event.to_lowercase()))
        .collect();

    let mut out = String::new();
    let _ = writeln!(out, "# API changes from {} to {}\n", old.label, new.label);
    let _ = writeln!(
        out,
        "{} methods in {} and {} in {}: {} classic methods added, {} REST 3.0 methods \
         added, {} removed, {} newly deprecated, {} changed; {} events added, {} removed.\n",
        old.methods.len(),
        old.label,
        new.methods.len(),
        new.label,
        added_classic.len(),
        added_v3.len(),
        removed.len(),
        deprecated.len(),
        changed.len(),
        events_added.len(),
        events_removed.len(),
    );
    section(&mut out, "Methods added", &added_classic, method_line);
    section(&mut out, "REST 3.0 methods added", &added_v3, method_line);
    section(&mut out, "Methods removed", &removed, method_line);
    section(&mut out, "Deprecated", &deprecated, deprecation_line);
    if !changed.is_empty() {
        let _ = writeln!(out, "## Changed methods\n");
        for (spec, changes) in &changed {
            let _ = writeln!(out, "### `{}`{}\n", spec.method, api_suffix(spec));
            for change in changes {
                let _ = writeln!(out, "- {change}");
            }
            out.push('\n');
        }
    }
    section(&mut out, "Events added", &events_added, |e| {
        format!("`{}`", e.event)
    });
    section(&mut out, "Events removed", &events_removed, |e| {
        format!("`{}`", e.event)
    });
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn section<T>(out: &mut String, title: &str, items: &[T], line: impl Fn(&T) -> String) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {title} ({})\n", items.len());
    for item in items {
        let _ = writeln!(out, "- {}", line(item));
    }
    out.push('\n');
}

fn api_suffix(spec: &MethodSpec) -> &'static str {
    match spec.api_version {
        ApiVersion::RestV3 => " (REST 3.0)",
        ApiVersion::Classic => "",
    }
}

fn method_line(spec: &&MethodSpec) -> String {
    let scope = if spec.scope.is_empty() {
        String::new()
    } else {
        format!(", scope {}", quoted_list(&spec.scope))
    };
    let title = spec.title.trim();
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(": {title}")
    };
    format!("`{}`{scope}{title}", spec.method)
}

fn deprecation_line(spec: &&MethodSpec) -> String {
    let replacement = spec
        .deprecated
        .as_ref()
        .and_then(|d| d.replacement.as_deref())
        .map(|r| format!(", use `{r}`"))
        .unwrap_or_default();
    format!("`{}`{}{replacement}", spec.method, api_suffix(spec))
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The changes of one method that exists in both versions.
fn method_changes(old: &MethodSpec, new: &MethodSpec) -> Vec<String> {
    let mut changes = Vec::new();
    params_changes("parameter", "", &old.params, &new.params, &mut changes);
    let (old_result, new_result) = (
        old.response.result.to_string(),
        new.response.result.to_string(),
    );
    if old_result != new_result {
        changes.push(format!("result type `{old_result}` → `{new_result}`"));
    }
    params_changes(
        "result field",
        "",
        &old.response.fields,
        &new.response.fields,
        &mut changes,
    );
    changes
}

/// Compares two lists of parameters at one nesting level (`prefix` is the parent's path).
fn params_changes(
    what: &str,
    prefix: &str,
    old: &[Param],
    new: &[Param],
    changes: &mut Vec<String>,
) {
    let by_name = |params: &'_ [Param]| -> BTreeMap<String, usize> {
        params
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect()
    };
    let (old_names, new_names) = (by_name(old), by_name(new));
    let mut removed: Vec<&Param> = old
        .iter()
        .filter(|p| !new_names.contains_key(&p.name))
        .collect();
    let mut added: Vec<&Param> = new
        .iter()
        .filter(|p| !old_names.contains_key(&p.name))
        .collect();
    // A removed and an added parameter that are the same one under a new name: equal up
    // to case and separators, or the same non-empty description and type.
    let mut renamed = Vec::new();
    removed.retain(|gone| {
        let twin = added.iter().position(|new| same_parameter(gone, new));
        match twin {
            Some(at) => {
                renamed.push((*gone, added.remove(at)));
                false
            }
            None => true,
        }
    });
    for param in removed {
        changes.push(format!("{what} removed: `{prefix}{}`", param.name));
    }
    for param in added {
        changes.push(format!(
            "{what} added: `{prefix}{}` ({}{})",
            param.name,
            param.ty.normalized,
            required_word(param.required)
        ));
    }
    for (gone, new) in renamed {
        changes.push(format!(
            "{what} renamed: `{prefix}{}` → `{prefix}{}`",
            gone.name, new.name
        ));
        param_changes(what, prefix, gone, new, changes);
    }
    for old_param in old {
        if let Some(&at) = new_names.get(&old_param.name) {
            param_changes(what, prefix, old_param, &new[at], changes);
        }
    }
}

/// Changes of one parameter present in both versions (under the new name).
fn param_changes(what: &str, prefix: &str, old: &Param, new: &Param, changes: &mut Vec<String>) {
    let path = format!("{prefix}{}", new.name);
    let (old_ty, new_ty) = (old.ty.normalized.to_string(), new.ty.normalized.to_string());
    if old_ty != new_ty {
        changes.push(format!("{what} `{path}`: type `{old_ty}` → `{new_ty}`"));
    }
    if old.required != Required::True && new.required == Required::True {
        changes.push(format!("{what} `{path}`: now required"));
    } else if old.required == Required::True && new.required != Required::True {
        changes.push(format!("{what} `{path}`: no longer required"));
    }
    let values =
        |list: &[EnumValue]| -> BTreeSet<String> { list.iter().map(|v| v.value.clone()).collect() };
    let (old_values, new_values) = (values(&old.enum_values), values(&new.enum_values));
    // A list that appears for the first time documents values; it does not add them.
    if !old_values.is_empty() {
        let grown: Vec<String> = new_values.difference(&old_values).cloned().collect();
        let shrunk: Vec<String> = old_values.difference(&new_values).cloned().collect();
        if !grown.is_empty() {
            changes.push(format!(
                "{what} `{path}`: values added {}",
                quoted_list(&grown)
            ));
        }
        if !shrunk.is_empty() {
            changes.push(format!(
                "{what} `{path}`: values removed {}",
                quoted_list(&shrunk)
            ));
        }
    }
    if !old.deprecated && new.deprecated {
        changes.push(format!("{what} `{path}`: deprecated"));
    }
    params_changes(what, &format!("{path}."), &old.fields, &new.fields, changes);
}

fn same_parameter(old: &Param, new: &Param) -> bool {
    let plain = |name: &str| -> String {
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if plain(&old.name) == plain(&new.name) {
        return true;
    }
    !old.description.trim().is_empty()
        && old.description.trim() == new.description.trim()
        && old.ty.normalized == new.ty.normalized
}

fn required_word(required: Required) -> &'static str {
    match required {
        Required::True => ", required",
        Required::False => ", optional",
        Required::Unknown => "",
    }
}

#[cfg(test)]
mod tests {
    use b24_spec::{Deprecation, TypeExpr, TypeRef};

    use super::*;

    fn param(name: &str, ty: TypeExpr) -> Param {
        Param {
            name: name.to_owned(),
            ty: TypeRef::from(ty),
            ..Param::default()
        }
    }

    fn method(name: &str, params: Vec<Param>) -> MethodSpec {
        MethodSpec {
            method: name.to_owned(),
            scope: vec!["im".to_owned()],
            params,
            ..MethodSpec::default()
        }
    }

    fn run(old: &[MethodSpec], new: &[MethodSpec]) -> String {
        changelog(
            Side {
                label: "old",
                methods: old,
                events: &[],
            },
            Side {
                label: "new",
                methods: new,
                events: &[],
            },
        )
    }

    fn status(values: &[&str]) -> Param {
        let mut p = param("STATUS", TypeExpr::String);
        p.required = Required::True;
        p.enum_values = values
            .iter()
            .map(|v| EnumValue {
                value: (*v).to_owned(),
                description: String::new(),
            })
            .collect();
        p
    }

    #[test]
    fn methods_added_removed_and_rest_v3_apart() {
        let old = [method("a.get", vec![]), method("b.get", vec![])];
        let mut v3 = method("tasks.task.get", vec![]);
        v3.api_version = ApiVersion::RestV3;
        let new = [method("A.get", vec![]), method("c.get", vec![]), v3];
        let text = run(&old, &new);
        assert!(
            text.contains("## Methods added (1)\n\n- `c.get`, scope `im`\n"),
            "{text}"
        );
        assert!(
            text.contains("## REST 3.0 methods added (1)\n\n- `tasks.task.get`"),
            "{text}"
        );
        assert!(
            text.contains("## Methods removed (1)\n\n- `b.get`"),
            "{text}"
        );
        assert!(
            !text.contains("a.get"),
            "a case change is the same method: {text}"
        );
    }

    #[test]
    fn enums_grown_types_changed_params_added_removed_renamed() {
        let old = [method(
            "im.user.status.set",
            vec![
                status(&["online", "dnd"]),
                param("ID", TypeExpr::String),
                param("OLD", TypeExpr::Integer),
                param("userId", TypeExpr::Integer),
            ],
        )];
        let new = [method(
            "im.user.status.set",
            vec![
                status(&["online", "dnd", "break"]),
                param("ID", TypeExpr::Integer),
                param("USER_ID", TypeExpr::Integer),
                param("NEW", TypeExpr::Boolean),
            ],
        )];
        let text = run(&old, &new);
        for expected in [
            "### `im.user.status.set`",
            "- parameter `STATUS`: values added `break`",
            "- parameter `ID`: type `string` → `integer`",
            "- parameter removed: `OLD`",
            "- parameter added: `NEW` (boolean)",
            "- parameter renamed: `userId` → `USER_ID`",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
    }

    #[test]
    fn nested_fields_deprecations_and_unchanged_methods() {
        let mut fields = param("fields", TypeExpr::Object);
        fields.fields = vec![param("TITLE", TypeExpr::String)];
        let mut new_fields = fields.clone();
        new_fields.fields.push(param("STAGE", TypeExpr::String));
        let old = [
            method("crm.deal.add", vec![fields]),
            method("same.get", vec![param("X", TypeExpr::String)]),
        ];
        let mut deprecated = method("crm.deal.add", vec![new_fields]);
        deprecated.deprecated = Some(Deprecation {
            note: None,
            replacement: Some("crm.item.add".to_owned()),
        });
        let new = [
            deprecated,
            method("same.get", vec![param("X", TypeExpr::String)]),
        ];
        let text = run(&old, &new);
        assert!(
            text.contains("- parameter added: `fields.STAGE` (string)"),
            "{text}"
        );
        assert!(
            text.contains("## Deprecated (1)\n\n- `crm.deal.add`, use `crm.item.add`"),
            "{text}"
        );
        assert!(!text.contains("same.get"), "{text}");
        assert!(text.contains("1 changed"), "{text}");
    }
}
