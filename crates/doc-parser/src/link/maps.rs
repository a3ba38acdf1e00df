//! Objects keyed by ids, codes or field names (`{"123": {...}}`, the `x.fields` results):
//! `map(T)`, read from the success example, since a table cannot show that its "fields"
//! are keys.

use b24_spec::{Param, TypeExpr};
use serde_json::{Map, Value};

use crate::extract::shown_field;

/// Every method's success examples, as the extraction read them (each example is parsed
/// once per import), for all the passes that use them.
pub struct Examples {
    /// By method index: the `result` of every success example that reads as JSON, in the
    /// page's order.
    pub results: Vec<Vec<Value>>,
}

impl Examples {
    /// By method index, the first result when it is an object: what most passes read
    /// (`wrapped_results`, `names_as_shown`, `sole_field`, `maps_from_examples`).
    pub fn objects(&self) -> impl Iterator<Item = Option<&Map<String, Value>>> {
        self.results.iter().map(|results| first_object(results))
    }
}

/// The first of a method's results, when it is an object.
pub fn first_object(results: &[Value]) -> Option<&Map<String, Value>> {
    results.first().and_then(Value::as_object)
}

/// Keys that are all ids (`"1"`, `"123"`): the object is a map, not a record.
pub fn is_id_keyed(object: &Map<String, Value>) -> bool {
    !object.is_empty() && object.keys().all(|k| is_number(k))
}

/// A key of digits alone (`"1"`, `"1111"`).
pub(super) fn is_number(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit())
}

/// Field descriptions keyed by field name (`{"ID": {"type": "integer", "isRequired": …}}`),
/// what the `x.fields` methods return: two or more entries, each an object with a `type`.
pub fn is_field_description_map(object: &Map<String, Value>) -> bool {
    object.len() >= 2
        && object
            .values()
            .all(|v| v.as_object().is_some_and(|o| o.contains_key("type")))
}

/// The type of a map's values and, for objects, their fields (the union of the keys the
/// values show, in order of first appearance).
pub fn value_type(object: &Map<String, Value>) -> (TypeExpr, Vec<Param>) {
    let mut kinds = object.values().map(kind_of);
    let first = kinds.next().unwrap_or(TypeExpr::Any);
    let kind = if kinds.all(|k| k == first) {
        first
    } else {
        TypeExpr::Any
    };
    let mut fields: Vec<Param> = Vec::new();
    let mut disagreed: std::collections::HashSet<String> = std::collections::HashSet::new();
    if kind == TypeExpr::Object {
        for value in object.values().filter_map(Value::as_object) {
            for (name, inner) in value {
                if inner.is_null() {
                    // A `null` shows no type; the field is still a key of the values.
                    if !fields.iter().any(|f| &f.name == name) {
                        fields.push(shown_field(name, TypeExpr::Any, Vec::new()));
                    }
                    continue;
                }
                let shown = kind_of(inner);
                match fields.iter_mut().find(|f| &f.name == name) {
                    None => fields.push(shown_field(name, shown, Vec::new())),
                    Some(_) if disagreed.contains(name) => {}
                    Some(known) => {
                        let seen = &mut known.ty.normalized;
                        if *seen == TypeExpr::Any {
                            *seen = shown;
                        } else if let Some(both) = agreeing(seen, &shown) {
                            *seen = both;
                        } else {
                            // `"default": 0` in one entry, `"default": "N"` in another:
                            // the examples agree on no type.
                            *seen = TypeExpr::Any;
                            disagreed.insert(name.clone());
                        }
                    }
                }
            }
        }
    }
    for field in &mut fields {
        // `Any`: kinds that disagree, which a map beside lists of its values may explain.
        if !matches!(field.ty.normalized, TypeExpr::Object | TypeExpr::Any) {
            continue;
        }
        if let Some((value, inner_fields)) = super::keyed::shown_map(object, &field.name) {
            field.ty.normalized = value;
            field.fields = inner_fields;
        } else if field.ty.normalized != TypeExpr::Object {
            continue;
        } else if let Some(inner) = nested_descriptions(object, &field.name) {
            let (value, inner_fields) = value_type(&inner);
            field.ty.normalized = TypeExpr::Map(Box::new(value));
            field.fields = inner_fields;
        } else if let Some(records) = nested_records(object, &field.name) {
            // A record per entry (`"settings": {"parentEntityTypeId": 4}`): the keys the
            // entries show, each read as leniently as any field only an example shows.
            field.fields = value_type(&records).1;
        }
    }
    (kind, fields)
}

/// The entries' `name` objects by entry, when every one is a record (named keys, not a map
/// of ids or of field descriptions): what their fields are is the union of what they show.
fn nested_records(entries: &Map<String, Value>, name: &str) -> Option<Map<String, Value>> {
    let mut records = Map::new();
    for (key, inner) in entries.iter().filter_map(|(k, e)| Some((k, e.get(name)?))) {
        match inner {
            Value::Null => {}
            Value::Object(record)
                if !record.is_empty()
                    && !is_id_keyed(record)
                    && !is_field_description_map(record) =>
            {
                records.insert(key.clone(), inner.clone());
            }
            _ => return None,
        }
    }
    (!records.is_empty()).then_some(records)
}

/// The entries' `name` objects, merged, when each is itself a map of field descriptions:
/// a field described with its own fields (`crm.deal.recurring.fields` `PARAMS`, "Структура
/// полей — ниже", shows them under `definition`: `{"MODE": {"type": "string", …}}`).
fn nested_descriptions(entries: &Map<String, Value>, name: &str) -> Option<Map<String, Value>> {
    let mut merged = Map::new();
    for inner in entries.values().filter_map(|entry| entry.get(name)) {
        let inner = inner.as_object()?;
        if !is_field_description_map(inner) {
            return None;
        }
        merged.extend(inner.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    (!merged.is_empty()).then_some(merged)
}

/// The type two shown kinds both fit: the same, or a number for an integer and a number;
/// `None` when they disagree.
pub(super) fn agreeing(seen: &TypeExpr, shown: &TypeExpr) -> Option<TypeExpr> {
    use TypeExpr as T;
    match (seen, shown) {
        _ if seen == shown => Some(seen.clone()),
        (T::Integer, T::Number) | (T::Number, T::Integer) => Some(T::Number),
        // An empty array shows no item type.
        (T::Array(a), T::Array(b)) if **b == T::Any => Some(T::Array(a.clone())),
        (T::Array(a), T::Array(_)) if **a == T::Any => Some(shown.clone()),
        _ => None,
    }
}

/// The type a JSON value shows (`null` says nothing: `any`).
pub fn kind_of(value: &Value) -> TypeExpr {
    match value {
        Value::Null => TypeExpr::Any,
        Value::Bool(_) => TypeExpr::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => TypeExpr::Integer,
        Value::Number(_) => TypeExpr::Number,
        Value::String(_) => TypeExpr::String,
        Value::Array(items) => {
            TypeExpr::Array(Box::new(items.first().map_or(TypeExpr::Any, kind_of)))
        }
        Value::Object(_) => TypeExpr::Object,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use serde_json::json;

    /// The map a `json!` object literal holds.
    pub(crate) fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("an object literal"),
        }
    }

    #[test]
    fn id_keyed_maps_and_their_values() {
        let map = object(json!({"1": {"ID": "1", "NAME": "a"}, "7": {"ID": "7", "SORT": 2}}));
        assert!(is_id_keyed(&map));
        let (kind, fields) = value_type(&map);
        assert_eq!(kind, TypeExpr::Object);
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["ID", "NAME", "SORT"]);
        assert!(!is_id_keyed(&object(json!({"1": 1, "ID": 2}))));
        assert!(!is_id_keyed(&object(json!({}))));
        let (kind, fields) = value_type(&object(json!({"ID": "ID", "NAME": "Имя"})));
        assert_eq!(kind, TypeExpr::String);
        assert!(fields.is_empty());
    }

    #[test]
    fn field_description_maps() {
        let map = object(json!({
            "ID": {"type": "integer", "isRequired": false},
            "TITLE": {"type": "string", "isRequired": true}
        }));
        assert!(is_field_description_map(&map));
        assert!(!is_field_description_map(&object(
            json!({"ID": {"type": "integer"}, "x": 1})
        )));
    }

    #[test]
    fn a_record_per_entry_takes_the_keys_the_entries_show() {
        let map = object(json!({
            "LEAD_ID": {"type": "crm_lead", "settings": {"parentEntityTypeId": 1}},
            "UF_CRM_1": {"type": "string", "settings": {"SIZE": 20, "DEFAULT_VALUE": ""}},
            "TITLE": {"type": "string", "settings": null}
        }));
        let (_, fields) = value_type(&map);
        let settings = fields
            .iter()
            .find(|f| f.name == "settings")
            .expect("settings");
        assert_eq!(settings.ty.normalized, TypeExpr::Object);
        let names: Vec<&str> = settings.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["parentEntityTypeId", "SIZE", "DEFAULT_VALUE"]);
        // A scalar in one entry: not a record per entry, the field stays open.
        let mixed = object(json!({
            "A": {"type": "string", "settings": {"SIZE": 20}},
            "B": {"type": "string", "settings": 5}
        }));
        let (_, fields) = value_type(&mixed);
        let settings = fields
            .iter()
            .find(|f| f.name == "settings")
            .expect("settings");
        assert!(settings.fields.is_empty());
    }

    #[test]
    fn value_fields_whose_kinds_disagree_are_any_and_varying_keys_make_maps() {
        let fields = object(json!({
            "MULTITASK": {"type": "enum", "default": "N", "values": {"Y": "Да", "N": "Нет"}},
            "PRIORITY": {"type": "enum", "default": 1, "values": {"0": "Низкий", "2": "Высокий"}},
            "TITLE": {"type": "string", "default": null}
        }));
        let (kind, values) = value_type(&fields);
        assert_eq!(kind, TypeExpr::Object);
        let ty = |name: &str| {
            values
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.ty.normalized.clone())
        };
        assert_eq!(ty("type"), Some(TypeExpr::String));
        assert_eq!(ty("default"), Some(TypeExpr::Any));
        assert_eq!(
            ty("values"),
            Some(TypeExpr::Map(Box::new(TypeExpr::String)))
        );
    }

    #[test]
    fn descriptions_nested_under_a_description_are_a_map_of_descriptions() {
        let fields = object(json!({
            "ID": {"type": "integer", "title": "id"},
            "PARAMS": {"type": "params", "title": "Параметры", "definition": {
                "MODE": {"type": "string", "isRequired": false, "title": "Режим"},
                "STEP": {"type": "integer", "isRequired": false, "title": "Шаг"}
            }}
        }));
        let (_, values) = value_type(&fields);
        let definition = values
            .iter()
            .find(|f| f.name == "definition")
            .expect("definition");
        assert_eq!(
            definition.ty.normalized,
            TypeExpr::Map(Box::new(TypeExpr::Object))
        );
        let names: Vec<&str> = definition.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["type", "isRequired", "title"]);
    }
}
