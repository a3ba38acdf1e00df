//! Records keyed by ids below the top level of a result (`QUESTIONS: {"1": {…}, "3": {…}}`,
//! `FILE_MODELS: {"upload5249": {…}}`): PHP writes a list of records as an array keyed by
//! their ids, which the docs type `array` or `object` (or describe the record's fields
//! under the name of the list). `maps_from_examples` reads such maps for `result` and its
//! top-level keys; this pass walks every documented field, at any depth, beside the
//! success examples' values, and types a field the examples show keyed so `map(object)`:
//! - the record's fields are the field's table when the docs give one (the table describes
//!   one value, the example shows several under their ids);
//! - else they are read from the examples (the union of the keys every value shows, their
//!   kinds, and the same reading one level further for objects, lists and keyed records
//!   inside: `ANSWERS` inside each question).
//!
//! Entities are walked too: the examples of the methods that return an entity show its
//! keyed fields (`ATTACHMENTS` of a checklist item).

use std::collections::{BTreeMap, HashMap};

use b24_spec::{MethodSpec, Param, ReferenceKind, ReferenceType, TypeExpr};
use serde_json::{Map, Value};

use super::maps::{self, is_number};

type Types = BTreeMap<String, ReferenceType>;

/// How deep records are read from examples (the docs' records nest three or four levels).
const MAX_DEPTH: usize = 8;

/// Types the keyed fields of every method result and entity; returns how many fields
/// became `map(object)`.
pub fn apply(methods: &mut [MethodSpec], types: &mut Types, examples: &maps::Examples) -> usize {
    // Each method's fields on their own (on all cores); what the examples show of each
    // entity is gathered in method order, for its fields after the methods.
    use rayon::prelude::*;
    let shared: &Types = types;
    let parts: Vec<(usize, Seen<'_>)> = methods
        .par_iter_mut()
        .zip(&examples.results)
        .map(|(method, results)| {
            let mut of_entities = Seen::new();
            if results.is_empty() {
                return (0, of_entities);
            }
            let response = &mut method.response;
            let records = records_of(&response.result, results.iter().collect());
            if let Some(entity) = entity_of(&response.result, shared) {
                of_entities
                    .entry(entity.to_owned())
                    .or_default()
                    .extend(records);
                return (0, of_entities);
            }
            if response.fields.is_empty() {
                return (0, of_entities);
            }
            let made = visit(&mut response.fields, &records, shared, &mut of_entities, 0);
            (made, of_entities)
        })
        .collect();
    let mut made = 0;
    let mut of_entities = Seen::new();
    for (count, seen) in parts {
        made += count;
        for (entity, records) in seen {
            of_entities.entry(entity).or_default().extend(records);
        }
    }
    // Entities inside entities are read in a second round (`ref(E)` fields seen above).
    // Each entity's fields on their own (on all cores: the walk reads only the types'
    // names and kinds); what they show of other entities is gathered in `pending`'s order.
    for _ in 0..2 {
        let pending = std::mem::take(&mut of_entities);
        let mut walked: Vec<Walked<'_>> = pending
            .into_iter()
            .filter_map(|(name, values)| {
                let fields = std::mem::take(&mut types.get_mut(&name)?.fields);
                Some((name, fields, values))
            })
            .collect();
        let shared: &Types = types;
        let parts: Vec<(usize, Seen<'_>)> = walked
            .par_iter_mut()
            .map(|(_, fields, values)| {
                let mut inner = Seen::new();
                (visit(fields, values, shared, &mut inner, 0), inner)
            })
            .collect();
        for ((name, fields, _), (count, inner)) in walked.into_iter().zip(parts) {
            made += count;
            for (entity, records) in inner {
                of_entities.entry(entity).or_default().extend(records);
            }
            if let Some(ty) = types.get_mut(&name) {
                ty.fields = fields;
            }
        }
    }
    made
}

/// The records the examples show of each entity, borrowed from the examples.
type Seen<'e> = HashMap<String, Vec<&'e Map<String, Value>>>;

/// An entity taken out of the types for its walk: its name, its fields and the records the
/// examples show of it.
type Walked<'e> = (String, Vec<Param>, Vec<&'e Map<String, Value>>);

/// The entity a result (or its list or map) is, when `types` knows it as one.
pub(super) fn entity_of<'a>(result: &'a TypeExpr, types: &Types) -> Option<&'a str> {
    let name = match result {
        TypeExpr::Ref(name) => name,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => match inner.as_ref() {
            TypeExpr::Ref(name) => name,
            _ => return None,
        },
        _ => return None,
    };
    types
        .get(name)
        .is_some_and(|t| t.kind == ReferenceKind::Entity)
        .then_some(name.as_str())
}

/// The records a value of type `expr` holds: itself for an object, its items for a list,
/// its values for a map (PHP's keyed array read either way).
fn records_of<'a>(expr: &TypeExpr, values: Vec<&'a Value>) -> Vec<&'a Map<String, Value>> {
    let mut records = Vec::new();
    for value in values {
        match (expr, value) {
            (TypeExpr::Map(_), Value::Object(map)) => {
                records.extend(map.values().filter_map(Value::as_object));
            }
            (_, Value::Object(map)) => records.push(map),
            (_, Value::Array(items)) => records.extend(items.iter().filter_map(Value::as_object)),
            _ => {}
        }
    }
    records
}

/// Walks `fields` beside the `records` the examples show for them; returns how many fields
/// became maps.
fn visit<'e>(
    fields: &mut [Param],
    records: &[&'e Map<String, Value>],
    types: &Types,
    of_entities: &mut Seen<'e>,
    depth: usize,
) -> usize {
    if records.is_empty() || depth > MAX_DEPTH {
        return 0;
    }
    let mut made = 0;
    for field in fields {
        if field.pattern.is_some() {
            continue;
        }
        let values: Vec<&Value> = records
            .iter()
            .filter_map(|record| record.get(&field.name))
            .filter(|value| !value.is_null())
            .collect();
        if values.is_empty() {
            continue;
        }
        if let Some(entity) = entity_of(&field.ty.normalized, types) {
            let inner = records_of(&field.ty.normalized, values);
            of_entities
                .entry(entity.to_owned())
                .or_default()
                .extend(inner);
            continue;
        }
        // A table of the values' fields read against keys that are none of them (a
        // class name: `Bitrix_Main_Numerator_Generator_SequentNumberGenerator`) keys the
        // table's records by code too (`documents_values` below).
        let by_code =
            |map: &Map<String, Value>| !field.fields.is_empty() && super::keyed::all_records(map);
        let keyed = values.iter().all(|value| {
            value
                .as_object()
                .is_some_and(|map| is_keyed(map) || by_code(map))
                || value.as_array().is_some_and(Vec::is_empty)
        }) && values.iter().any(|value| value.is_object());
        if keyed && is_open(&field.ty.normalized, types) && documents_values(field, &values) {
            let inner: Vec<&Map<String, Value>> = values
                .iter()
                .filter_map(|value| value.as_object())
                .flat_map(|map| map.values().filter_map(Value::as_object))
                .collect();
            if field.fields.is_empty() {
                field.fields = fields_of(&inner, depth + 1);
            } else {
                made += visit(&mut field.fields, &inner, types, of_entities, depth + 1);
            }
            field.ty.normalized = TypeExpr::Map(Box::new(TypeExpr::Object));
            made += 1;
            continue;
        }
        if field.fields.is_empty() {
            if is_open(&field.ty.normalized, types)
                && let Some(value) = scalar_map(&values)
            {
                field.ty.normalized = TypeExpr::Map(Box::new(value));
                made += 1;
            }
            continue;
        }
        let inner = records_of(&field.ty.normalized, values);
        made += visit(&mut field.fields, &inner, types, of_entities, depth + 1);
    }
    made
}

/// Whether a field may become a map of records: its type says no more than "an object" or
/// "an array" (of objects), or a map whose values are not typed yet.
fn is_open(expr: &TypeExpr, types: &Types) -> bool {
    match expr {
        TypeExpr::Object | TypeExpr::Any => true,
        TypeExpr::Ref(word) => !types.contains_key(word),
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => {
            matches!(inner.as_ref(), TypeExpr::Object | TypeExpr::Any)
        }
        _ => false,
    }
}

/// A field whose table lists fields describes the values of the keyed records only when
/// the records show some of those fields (and not the keys themselves as fields).
fn documents_values(field: &Param, values: &[&Value]) -> bool {
    if field.fields.is_empty() {
        return true;
    }
    let keys_documented = values.iter().filter_map(|v| v.as_object()).any(|map| {
        map.keys()
            .any(|key| field.fields.iter().any(|f| &f.name == key))
    });
    let values_documented = values
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(|map| map.values().filter_map(Value::as_object))
        .any(|record| field.fields.iter().any(|f| record.contains_key(&f.name)));
    values_documented && !keys_documented
}

/// An object whose every value is a record keyed by that record's id: the key is a number
/// (`"1"`, `"1111"`) or is, or ends with, the record's `id` or `code` (`"upload5249"` for
/// `"id": 5249`, `"ru"` for `"code": "ru"`).
pub fn is_keyed(object: &Map<String, Value>) -> bool {
    !object.is_empty()
        && object.iter().all(|(key, value)| {
            let Some(record) = value.as_object() else {
                return false;
            };
            !record.is_empty() && (is_number(key) || names_its_record(key, record))
        })
}

/// The key is the record's own id or code, or ends with its numeric id.
fn names_its_record(key: &str, record: &Map<String, Value>) -> bool {
    ["id", "ID", "code", "CODE"].iter().any(|name| {
        let own = match record.get(*name) {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            _ => return false,
        };
        !own.is_empty() && (key == own || (is_number(&own) && key.ends_with(own.as_str())))
    })
}

/// The fields records show: the union of their keys in the order first seen, each typed by
/// the kind its values agree on (`any` when they disagree or only `null` is shown), with
/// objects, lists of objects and keyed records read one level further.
pub fn fields_of(records: &[&Map<String, Value>], depth: usize) -> Vec<Param> {
    let mut names: Vec<&String> = Vec::new();
    for record in records {
        for name in record.keys() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let values: Vec<&Value> = records
                .iter()
                .filter_map(|record| record.get(name))
                .filter(|value| !value.is_null())
                .collect();
            let (ty, fields) = shape_of(&values, depth);
            crate::extract::shown_field(name, ty, fields)
        })
        .collect()
}

/// The type (and fields) the non-null `values` of one key agree on.
fn shape_of(values: &[&Value], depth: usize) -> (TypeExpr, Vec<Param>) {
    if values.is_empty() {
        return (TypeExpr::Any, Vec::new());
    }
    let objects: Vec<&Map<String, Value>> = values.iter().filter_map(|v| v.as_object()).collect();
    // PHP writes an empty object or map as `[]`: it says nothing against an object.
    let empty_arrays = values
        .iter()
        .filter(|v| v.as_array().is_some_and(Vec::is_empty))
        .count();
    if !objects.is_empty() && objects.len() + empty_arrays == values.len() {
        if depth >= MAX_DEPTH {
            return (TypeExpr::Object, Vec::new());
        }
        let filled: Vec<&Map<String, Value>> =
            objects.iter().copied().filter(|o| !o.is_empty()).collect();
        if filled.is_empty() {
            return (TypeExpr::Object, Vec::new());
        }
        if filled.iter().all(|o| is_keyed(o)) {
            let inner: Vec<&Map<String, Value>> = filled
                .iter()
                .flat_map(|o| o.values().filter_map(Value::as_object))
                .collect();
            return (
                TypeExpr::Map(Box::new(TypeExpr::Object)),
                fields_of(&inner, depth + 1),
            );
        }
        // Keys that are numbers with scalar values (`{"250": "https://…"}`): a map.
        if filled.iter().all(|o| o.keys().all(|k| is_number(k))) {
            let inner: Vec<&Value> = filled.iter().flat_map(|o| o.values()).collect();
            let (value, _) = shape_of(&inner, depth + 1);
            return (TypeExpr::Map(Box::new(value)), Vec::new());
        }
        return (TypeExpr::Object, fields_of(&filled, depth + 1));
    }
    if values.iter().all(|v| v.is_array()) {
        let items: Vec<&Value> = values
            .iter()
            .filter_map(|v| v.as_array())
            .flatten()
            .filter(|item| !item.is_null())
            .collect();
        if items.is_empty() {
            return (TypeExpr::Array(Box::new(TypeExpr::Any)), Vec::new());
        }
        let (item, fields) = shape_of(&items, depth + 1);
        return (TypeExpr::Array(Box::new(item)), fields);
    }
    if let Some(number) = numbers_as_text(values) {
        return (number, Vec::new());
    }
    let mut kinds = values.iter().map(|v| maps::kind_of(v));
    let first = kinds.next().unwrap_or(TypeExpr::Any);
    let agreed = kinds.try_fold(first, |seen, shown| maps::agreeing(&seen, &shown));
    match agreed {
        Some(kind) if !matches!(kind, TypeExpr::Object | TypeExpr::Array(_)) => (kind, Vec::new()),
        _ => (TypeExpr::Any, Vec::new()),
    }
}

/// Numbers some replies send as text (`"COUNTER": "1"` beside `"COUNTER": 0`): the portal
/// writes numbers either way, so a key whose values are numbers or numeric text, with at
/// least one number, holds a number (an integer when every value is one).
fn numbers_as_text(values: &[&Value]) -> Option<TypeExpr> {
    let mut integers = true;
    let mut numbers = 0;
    for value in values {
        match value {
            Value::Number(number) => {
                numbers += 1;
                integers &= number.is_i64() || number.is_u64();
            }
            Value::String(text) if text.parse::<f64>().is_ok() => {
                integers &= text.parse::<i64>().is_ok();
            }
            _ => return None,
        }
    }
    let mixed = numbers > 0 && numbers < values.len();
    mixed.then_some(if integers {
        TypeExpr::Integer
    } else {
        TypeExpr::Number
    })
}

/// A field the examples show as numeric keys with scalar values of one kind
/// (`{"1417": "n1417"}`): `map(kind)`.
fn scalar_map(values: &[&Value]) -> Option<TypeExpr> {
    let entries: Vec<&Value> = values
        .iter()
        .filter_map(|value| value.as_object())
        .flat_map(|map| {
            map.iter()
                .map(|(key, value)| (is_number(key) && !value.is_object()).then_some(value))
        })
        .collect::<Option<Vec<&Value>>>()?;
    let all_maps = values
        .iter()
        .all(|v| v.is_object() || v.as_array().is_some_and(Vec::is_empty));
    if entries.is_empty() || !all_maps {
        return None;
    }
    let (value, _) = shape_of(&entries, MAX_DEPTH);
    matches!(
        value,
        TypeExpr::Integer | TypeExpr::Number | TypeExpr::String | TypeExpr::Boolean
    )
    .then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::maps::tests::object;
    use serde_json::json;

    #[test]
    fn keys_that_are_ids_or_name_their_record() {
        assert!(is_keyed(&object(
            json!({"1": {"ID": "1"}, "3": {"ID": "3"}})
        )));
        assert!(is_keyed(&object(json!({"upload5249": {"id": 5249}}))));
        assert!(is_keyed(&object(
            json!({"1": {"id": "1", "code": "x"}, "ru": {"id": "", "code": "ru"}})
        )));
        // Field names with objects as values are a record, not a map.
        assert!(!is_keyed(&object(
            json!({"avatar": {"url": ""}, "user": {"id": 1}})
        )));
        assert!(!is_keyed(&object(json!({"1": 5}))));
        assert!(!is_keyed(&object(json!({"1": {}}))));
        assert!(!is_keyed(&object(json!({}))));
        // A key that merely contains another number.
        assert!(!is_keyed(&object(
            json!({"a15": {"id": 5}, "b": {"id": 2}})
        )));
    }

    #[test]
    fn fields_of_records_read_nested_maps_lists_and_disagreements() {
        let first = object(json!({
            "ID": "1", "COUNTER": 1, "IMAGE": null,
            "ANSWERS": {"1": {"ID": "1", "PERCENT": 100}, "3": {"ID": "3", "PERCENT": 0.5}},
            "TAGS": ["a"], "FILES": [], "OPTIONS": {"a": 1}
        }));
        let second = object(json!({
            "ID": "2", "COUNTER": "2", "IMAGE": null, "ANSWERS": [], "TAGS": [], "EMPTY": {}
        }));
        let fields = fields_of(&[&first, &second], 0);
        let ty = |name: &str| {
            fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.ty.normalized.to_string())
        };
        assert_eq!(ty("ID").as_deref(), Some("string"));
        // A number sent as text beside a number: a number.
        assert_eq!(ty("COUNTER").as_deref(), Some("integer"));
        assert_eq!(ty("IMAGE").as_deref(), Some("any"));
        assert_eq!(ty("ANSWERS").as_deref(), Some("map(object)"));
        assert_eq!(ty("TAGS").as_deref(), Some("string[]"));
        assert_eq!(ty("FILES").as_deref(), Some("any[]"));
        assert_eq!(ty("OPTIONS").as_deref(), Some("object"));
        assert_eq!(ty("EMPTY").as_deref(), Some("object"));
        let answers = fields
            .iter()
            .find(|f| f.name == "ANSWERS")
            .map(|f| &f.fields);
        let answer_types: Vec<String> = answers
            .into_iter()
            .flatten()
            .map(|f| format!("{}: {}", f.name, f.ty.normalized))
            .collect();
        assert_eq!(answer_types, ["ID: string", "PERCENT: number"]);
    }
}
