//! Roles: what a type is for, in names that survive a rename of the type.
//!
//! Seeds come from what a type is attached to (`m:crm.lead.get#` for a request type,
//! `m:crm.lead.get#>output` for its `Output`, `>item` for a list's item, `>error` for its
//! error codes, `entity:crm.lead#`, `e:onCrmDealAdd#` for an event payload); a type reached
//! through a field gets its parent's roles with the field's wire name appended
//! (`m:crm.lead.get#>output.EMAIL`, `m:crm.lead.add#.fields`), through an enum variant with
//! `|Variant`, and through a type alias unchanged.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A type that uses another: `from`'s roles reach `to` with `label` appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    /// `.WIRE_NAME` for a field, `|Variant` for an enum variant, empty for an alias.
    pub label: String,
    pub to: String,
}

/// Fields followed from a seed: deeper roles say nothing a shallower one does not, and
/// recursive types (a menu of menus) would otherwise grow roles without end.
const MAX_DEPTH: usize = 6;
/// Roles kept per type: a shared enum (`values::PersonalGender`) is reached from hundreds
/// of places; a few hundred of them identify it as well as all.
const MAX_ROLES: usize = 256;

/// Every type's roles, from the seeds (type, role) along the edges. Deterministic: the
/// same seeds and edges in the same order give the same sets.
pub fn propagate(
    seeds: &[(String, String)],
    edges: &[Edge],
    known: &BTreeSet<String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out_edges: BTreeMap<&str, Vec<&Edge>> = BTreeMap::new();
    for edge in edges {
        out_edges.entry(edge.from.as_str()).or_default().push(edge);
    }
    let mut roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut queue: VecDeque<(String, String, usize)> = seeds
        .iter()
        .map(|(ty, role)| (ty.clone(), role.clone(), 0))
        .collect();
    while let Some((ty, role, depth)) = queue.pop_front() {
        if !known.contains(&ty) {
            continue;
        }
        let held = roles.entry(ty.clone()).or_default();
        if held.len() >= MAX_ROLES || !held.insert(role.clone()) {
            continue;
        }
        let Some(next) = out_edges.get(ty.as_str()) else {
            continue;
        };
        for edge in next {
            // An alias passes its roles on as they are, so it does not count as a level.
            let deeper = depth + usize::from(!edge.label.is_empty());
            if deeper <= MAX_DEPTH {
                queue.push_back((edge.to.clone(), format!("{role}{}", edge.label), deeper));
            }
        }
    }
    roles
}

/// A role as a reader says it: `m:crm.lead.get#>output.EMAIL` is "`EMAIL` in the output
/// of `crm.lead.get`". A role is `KIND:SUBJECT#TAIL`: the subject (a method, entity or
/// event name) holds dots itself, so `#` ends it.
pub fn describe(role: &str) -> String {
    let Some((kind, rest)) = role.split_once(':') else {
        return format!("`{role}`");
    };
    let (name, tail) = rest.split_once('#').unwrap_or((rest, ""));
    let subject = match kind {
        "m" => format!("`{name}`"),
        "entity" => format!("entity `{name}`"),
        "e" => format!("event `{name}`"),
        _ => return format!("`{role}`"),
    };
    let (what, path) = if let Some(path) = tail.strip_prefix(">output") {
        ("output", path)
    } else if let Some(path) = tail.strip_prefix(">item") {
        ("list item", path)
    } else if let Some(path) = tail.strip_prefix(">error") {
        ("error codes", path)
    } else {
        ("", tail)
    };
    let path = path.strip_prefix('.').unwrap_or(path);
    match (what, path.is_empty()) {
        ("", true) => subject,
        ("", false) => format!("`{path}` of {subject}"),
        (what, true) => format!("{what} of {subject}"),
        (what, false) => format!("`{path}` in the {what} of {subject}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: &str, label: &str, to: &str) -> Edge {
        Edge {
            from: from.to_owned(),
            label: label.to_owned(),
            to: to.to_owned(),
        }
    }

    #[test]
    fn roles_follow_fields_aliases_and_stop_on_cycles() {
        let known: BTreeSet<String> = ["A", "B", "C", "Alias"].map(str::to_owned).into();
        let seeds = vec![("A".to_owned(), "m:x.get#>output".to_owned())];
        let edges = vec![
            edge("A", ".b", "B"),
            edge("B", ".a", "A"),
            edge("A", ".alias", "Alias"),
            edge("Alias", "", "C"),
        ];
        let roles = propagate(&seeds, &edges, &known);
        assert!(roles["B"].contains("m:x.get#>output.b"));
        assert!(roles["A"].contains("m:x.get#>output.b.a"));
        assert!(roles["C"].contains("m:x.get#>output.alias"));
        // The cycle stops at the depth limit.
        assert!(roles["A"].len() <= MAX_DEPTH);
    }

    #[test]
    fn roles_read_as_words() {
        assert_eq!(describe("m:crm.lead.get#"), "`crm.lead.get`");
        assert_eq!(
            describe("m:crm.lead.get#>output"),
            "output of `crm.lead.get`"
        );
        assert_eq!(
            describe("m:crm.lead.get#>output.EMAIL"),
            "`EMAIL` in the output of `crm.lead.get`"
        );
        assert_eq!(
            describe("m:crm.lead.add#.fields"),
            "`fields` of `crm.lead.add`"
        );
        assert_eq!(describe("entity:crm.lead#"), "entity `crm.lead`");
        assert_eq!(describe("entity:crm.lead#.FM"), "`FM` of entity `crm.lead`");
        assert_eq!(
            describe("e:onCrmDealAdd#.data|Object"),
            "`data|Object` of event `onCrmDealAdd`"
        );
    }
}
