//! A field of a field page's object left open there ("**action** `array` — Массив
//! доступных действий для узла", no structure, no link) while other objects of the same
//! page document a field of that name with its structure (`checklist.item` → `action` →
//! [`#checklist-item-action`]): the page describes the same kind of value twice, once in
//! full. When several objects of the page have such a field (`action` of the task and of
//! a checklist item), or one (`parent` of a template and of a task), the docs' examples
//! choose: the structure whose fields hold every key the examples show under that field,
//! in objects of the open field's owner; without such keys the field stays open.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use b24_spec::{ReferenceKind, ReferenceType, TypeExpr};
use serde_json::{Map, Value};

use super::maps::Examples;

type Types = BTreeMap<String, ReferenceType>;

/// Types the open fields of entities that have documented twins, by the methods' example
/// results; returns how many.
pub fn apply(types: &mut Types, examples: &Examples) -> usize {
    // (page, field name) → the entities that field is documented as on that page.
    let mut documented: HashMap<(&str, &str), BTreeSet<String>> = HashMap::new();
    for ty in types.values().filter(|t| t.kind == ReferenceKind::Entity) {
        for field in &ty.fields {
            let TypeExpr::Ref(target) = &field.ty.normalized else {
                continue;
            };
            let same_page = types
                .get(target)
                .is_some_and(|t| t.kind == ReferenceKind::Entity && t.source == ty.source);
            if same_page && field.description.contains("](") {
                documented
                    .entry((ty.source.as_str(), field.name.as_str()))
                    .or_default()
                    .insert(target.to_owned());
            }
        }
    }
    // (entity, field index, candidates) for every open field with twins.
    let mut open: Vec<(String, usize, Vec<String>)> = Vec::new();
    for ty in types.values().filter(|t| t.kind == ReferenceKind::Entity) {
        for (at, field) in ty.fields.iter().enumerate() {
            let is_open =
                super::shared_records::is_open(field) && !field.description.contains("](");
            if !is_open {
                continue;
            }
            if let Some(twins) = documented.get(&(ty.source.as_str(), field.name.as_str())) {
                open.push((ty.name.clone(), at, twins.iter().cloned().collect()));
            }
        }
    }
    if open.is_empty() {
        return 0;
    }
    // Each open field's choice reads every example, and only reads `types`: the choices
    // are made on all cores, then applied (a choice changes a field's type, not the field
    // names the other choices read).
    use rayon::prelude::*;
    let chosen: Vec<(String, usize, String)> = open
        .into_par_iter()
        .filter_map(|(owner, at, twins)| {
            let chosen = choose(types, examples, &owner, at, &twins)?;
            Some((owner, at, chosen))
        })
        .collect();
    let mut typed = 0;
    for (owner, at, chosen) in chosen {
        if let Some(field) = types.get_mut(&owner).and_then(|t| t.fields.get_mut(at)) {
            // The twin's shape: a PHP "array" of actions is the object the twin describes.
            field.ty.normalized = TypeExpr::Ref(chosen);
            typed += 1;
        }
    }
    typed
}

/// The one twin whose fields hold every key the examples show under the open field `at`
/// of `owner`, if exactly one does.
fn choose(
    types: &Types,
    examples: &Examples,
    owner: &str,
    at: usize,
    twins: &[String],
) -> Option<String> {
    let field_name = &types.get(owner)?.fields.get(at)?.name;
    let owner_fields = field_names(types, owner);
    let mut shown: BTreeSet<String> = BTreeSet::new();
    for result in examples.results.iter().filter_map(|r| r.first()) {
        keys_under(result, field_name, &owner_fields, &mut shown);
    }
    let fitting: Vec<&String> = twins
        .iter()
        .filter(|twin| {
            let fields = field_names(types, twin);
            !shown.is_empty() && shown.iter().all(|key| fields.contains(key))
        })
        .collect();
    match fitting.as_slice() {
        [only] => Some((*only).clone()),
        _ => None,
    }
}

fn field_names(types: &Types, name: &str) -> BTreeSet<String> {
    types
        .get(name)
        .map(|t| t.fields.iter().map(|f| f.name.clone()).collect())
        .unwrap_or_default()
}

/// The keys of every object under `field` in the objects of `value` that look like the
/// owner (most of their keys, two at least, are the owner's fields).
fn keys_under(value: &Value, field: &str, owner: &BTreeSet<String>, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => keys_in(map, field, owner, out),
        Value::Array(items) => {
            for item in items {
                keys_under(item, field, owner, out);
            }
        }
        _ => {}
    }
}

/// [`keys_under`] for an object.
fn keys_in(
    map: &Map<String, Value>,
    field: &str,
    owner: &BTreeSet<String>,
    out: &mut BTreeSet<String>,
) {
    // The field's lookup first: few objects hold it, counting the owner's keys is dearer.
    if let Some(Value::Object(inner)) = map.get(field) {
        let known = map.keys().filter(|k| owner.contains(*k)).count();
        if known >= 2 && known * 4 >= map.len() * 3 {
            out.extend(inner.keys().cloned());
        }
    }
    for inner in map.values() {
        keys_under(inner, field, owner, out);
    }
}
