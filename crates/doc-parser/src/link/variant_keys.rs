//! Keys of a variant the docs name nowhere, read from the records of that variant the
//! success examples show. The user field's `SETTINGS` is documented per type (one tab per
//! `USER_TYPE_ID`: `string`, `enumeration`, `crm`, …); no page describes the settings of a
//! `resourcebooking` field, yet `crm.lead.userfield.list` prints one (`RESOURCES`,
//! `SELECTED_RESOURCES`, `USE_USERS`, …). The variant of a record is the value of its
//! sibling field that names the documented variants (`USER_TYPE_ID: "enumeration"`);
//! a record whose variant has no tab gives its keys to the object, as the keys of that
//! variant only, optional, and typed as the examples show them ([`super::shown`]: the
//! generator reads such fields leniently, so a real reply that differs keeps its value in
//! the record's `extra` map).
//!
//! Keys of documented variants are left alone: what a table says is not overruled by
//! an example ([`super::shown_types`] adds no key to an object documented per variant).

use std::collections::{BTreeMap, BTreeSet};

use b24_spec::{MethodSpec, Param, ReferenceKind, ReferenceType, Required, TypeExpr};
use serde_json::Value;

use super::shown::shape;
use crate::extract::shown_field;

type Types = BTreeMap<String, ReferenceType>;

/// The values one undocumented key showed, with the variants and the first method.
#[derive(Default)]
struct Shown {
    values: Vec<Value>,
    variants: BTreeSet<String>,
    method: String,
}

/// Adds the keys of undocumented variants to the entities' per-variant objects.
pub fn apply(types: &mut Types, methods: &[MethodSpec], examples: &super::maps::Examples) {
    // Entity → (its per-variant object's index, the variant words the tabs give).
    let targets: BTreeMap<String, (usize, BTreeSet<String>)> = types
        .values()
        .filter(|t| t.kind == ReferenceKind::Entity)
        .filter_map(|t| variant_object(&t.fields).map(|found| (t.name.clone(), found)))
        .collect();
    if targets.is_empty() {
        return;
    }
    // Entity → the records its methods' examples show, with the method: the variant's
    // field is found over all of them (one page may show only an undocumented variant).
    let mut shown_records: BTreeMap<String, Vec<(&str, Value)>> = BTreeMap::new();
    for (method, results) in methods.iter().zip(&examples.results) {
        let response = &method.response;
        let result = response.example_result.as_ref().unwrap_or(&response.result);
        let Some(entity) = entity_of(result).filter(|e| targets.contains_key(*e)) else {
            continue;
        };
        let records = shown_records.entry(entity.to_owned()).or_default();
        for value in results.iter().cloned() {
            let items = match value {
                Value::Array(items) => items,
                other => vec![other],
            };
            records.extend(
                items
                    .into_iter()
                    .filter(Value::is_object)
                    .map(|r| (method.method.as_str(), r)),
            );
        }
    }
    // Entity → key → what the examples showed.
    let mut seen: BTreeMap<String, BTreeMap<String, Shown>> = BTreeMap::new();
    for (entity, records) in &shown_records {
        let (Some(ty), Some((at, variants))) = (types.get(entity), targets.get(entity)) else {
            continue;
        };
        let object = &ty.fields[*at];
        let values: Vec<&Value> = records.iter().map(|(_, r)| r).collect();
        let Some(discriminator) = discriminator(&ty.fields, &values, variants) else {
            continue;
        };
        let keys = seen.entry(entity.clone()).or_default();
        for (method, record) in records {
            let Some(variant) = record.get(&discriminator).and_then(Value::as_str) else {
                continue;
            };
            if variant.is_empty() || variants.contains(variant) {
                continue;
            }
            let Some(settings) = record.get(&object.name).and_then(Value::as_object) else {
                continue;
            };
            for (key, value) in settings {
                if object.fields.iter().any(|f| f.takes_key(key)) {
                    continue;
                }
                let shown = keys.entry(key.clone()).or_default();
                shown.values.push(value.clone());
                shown.variants.insert(variant.to_owned());
                if shown.method.is_empty() {
                    (*method).clone_into(&mut shown.method);
                }
            }
        }
    }
    for (entity, keys) in seen {
        let (Some(ty), Some((at, _))) = (types.get_mut(&entity), targets.get(&entity)) else {
            continue;
        };
        let object = &mut ty.fields[*at];
        for (key, shown) in keys {
            let values: Vec<&Value> = shown.values.iter().collect();
            // Only `null`, `[]`, or kinds that disagree: the key stays in `extra`.
            let Some((expr, inner)) = shape(&values) else {
                continue;
            };
            let mut field = shown_field(&key, expr, inner);
            field.required = Required::False;
            field.variants = shown.variants.into_iter().collect();
            field.description = format!(
                "Not in the documentation's tables: typed from the success example of `{}`.",
                shown.method
            );
            object.fields.push(field);
        }
    }
}

/// The entity a result holds: `ref(E)` or `ref(E)[]`.
pub(super) fn entity_of(result: &TypeExpr) -> Option<&str> {
    match result {
        TypeExpr::Ref(name) => Some(name),
        TypeExpr::Array(inner) => match inner.as_ref() {
            TypeExpr::Ref(name) => Some(name),
            _ => None,
        },
        _ => None,
    }
}

/// The field whose keys are documented per variant, and the variant words (`date|datetime`
/// is two).
fn variant_object(fields: &[Param]) -> Option<(usize, BTreeSet<String>)> {
    fields.iter().enumerate().find_map(|(at, field)| {
        let words: BTreeSet<String> = field
            .fields
            .iter()
            .flat_map(|key| key.variants.iter())
            .flat_map(|title| title.split('|'))
            .map(|word| word.trim().to_owned())
            .filter(|word| !word.is_empty())
            .collect();
        (!words.is_empty()).then_some((at, words))
    })
}

/// The sibling field whose values name documented variants in the most records
/// (`USER_TYPE_ID`); none when no record names one.
fn discriminator(
    fields: &[Param],
    records: &[&Value],
    variants: &BTreeSet<String>,
) -> Option<String> {
    fields
        .iter()
        .filter(|f| f.fields.is_empty())
        .map(|f| {
            let named = records
                .iter()
                .filter_map(|r| r.get(&f.name).and_then(Value::as_str))
                .filter(|v| variants.contains(*v))
                .count();
            (named, &f.name)
        })
        .filter(|(named, _)| *named > 0)
        .max_by_key(|(named, _)| *named)
        .map(|(_, name)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn param(name: &str, variants: &[&str]) -> Param {
        Param {
            name: name.to_owned(),
            variants: variants.iter().map(|v| (*v).to_owned()).collect(),
            ..Param::default()
        }
    }

    #[test]
    fn the_discriminator_names_documented_variants() {
        let mut settings = param("SETTINGS", &[]);
        settings.fields = vec![
            param("ROWS", &["string"]),
            param("USE_SECOND", &["date|datetime"]),
        ];
        let fields = vec![param("ID", &[]), param("USER_TYPE_ID", &[]), settings];
        let (at, words) = variant_object(&fields).expect("a per-variant object");
        assert_eq!(at, 2);
        assert!(words.contains("datetime") && words.contains("string"));
        let records = [
            json!({"ID": "1", "USER_TYPE_ID": "string"}),
            json!({"ID": "2", "USER_TYPE_ID": "resourcebooking"}),
        ];
        let records: Vec<&Value> = records.iter().collect();
        assert_eq!(
            discriminator(&fields, &records, &words).as_deref(),
            Some("USER_TYPE_ID")
        );
        assert!(fields[2].fields.iter().any(|f| f.takes_key("ROWS")));
        assert!(!fields[2].fields.iter().any(|f| f.takes_key("RESOURCES")));
    }
}
