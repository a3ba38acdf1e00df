//! The type a set of example values shows, all levels down: what the examples agree on
//! when the docs say nothing more (`array`, `object` without fields, keys no table lists).

use b24_spec::{Param, TypeExpr};
use serde_json::Value;

use crate::extract::shown_field;

/// Custom fields: `UF_CRM_1`, and their camelCase form (`ufCrm5Field`, `ufTaskWebdavFiles`),
/// which the entities keep in their user-field map.
pub fn is_user_field(key: &str) -> bool {
    key.starts_with("UF_")
        || key
            .strip_prefix("uf")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// A key PHP gives an array element (`"7"`, `"-1"`): an object with only such keys is an
/// array with holes, or a map keyed by id.
pub fn is_array_key(key: &str) -> bool {
    let digits = key.strip_prefix('-').unwrap_or(key);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// An object with at least one key that is not an integer: a record (or a map keyed by
/// names), never a list.
pub fn has_named_keys(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|o| o.keys().any(|k| !is_array_key(k)))
}

/// A value that shows no type: `null`, `[]`, `{}`.
pub fn shows_nothing(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// The type `values` agree on, with the fields of a record (or of a list's or map's
/// records): `None` when they show nothing or disagree. Objects with named keys are
/// records (a field per key, in order of first appearance); objects keyed by integers are
/// maps keyed by id; `""` agrees with any scalar (PHP's empty value).
pub fn shape(values: &[&Value]) -> Option<(TypeExpr, Vec<Param>)> {
    shape_at(values, 0)
}

fn shape_at(values: &[&Value], depth: usize) -> Option<(TypeExpr, Vec<Param>)> {
    if depth > 12 {
        return None;
    }
    let shown: Vec<&Value> = values
        .iter()
        .copied()
        .filter(|v| !shows_nothing(v))
        .collect();
    let first = shown.first()?;
    match first {
        Value::Object(_) if shown.iter().all(|v| has_named_keys(v)) => {
            if let Some(map) = keyed_map(&shown, depth) {
                return Some(map);
            }
            let fields = record_fields(&shown, depth);
            Some(match by_language(&shown, &fields) {
                Some(text) => (TypeExpr::Map(Box::new(text)), Vec::new()),
                None => (TypeExpr::Object, fields),
            })
        }
        Value::Object(_) if shown.iter().all(|v| v.is_object() && !has_named_keys(v)) => {
            let inner: Vec<&Value> = shown
                .iter()
                .filter_map(|v| v.as_object())
                .flat_map(|o| o.values())
                .collect();
            let (ty, fields) = shape_at(&inner, depth + 1)?;
            Some((TypeExpr::Map(Box::new(ty)), fields))
        }
        Value::Array(_) if shown.iter().all(|v| v.is_array()) => {
            let inner: Vec<&Value> = shown
                .iter()
                .filter_map(|v| v.as_array())
                .flatten()
                .collect();
            let (ty, fields) = shape_at(&inner, depth + 1)?;
            Some((TypeExpr::Array(Box::new(ty)), fields))
        }
        _ => scalar(&shown).map(|ty| (ty, Vec::new())),
    }
}

/// `map(T)` when the objects are keyed by codes or ids ([`super::keyed::is_map`]): `T`
/// what all their values agree on.
fn keyed_map(objects: &[&Value], depth: usize) -> Option<(TypeExpr, Vec<Param>)> {
    let maps: Vec<&serde_json::Map<String, Value>> =
        objects.iter().filter_map(|v| v.as_object()).collect();
    let values: Vec<&Value> = maps.iter().flat_map(|o| o.values()).collect();
    let agreed = shape_at(&values, depth + 1);
    if !super::keyed::is_map(&maps, agreed.is_some()) {
        return None;
    }
    agreed.map(|(ty, fields)| (TypeExpr::Map(Box::new(ty)), fields))
}

/// Texts by language (`{"ru": "Дата", "en": "Date"}`, a field's labels): every key a
/// two-letter language code and every value of one scalar kind. A map, since each portal
/// sends its own languages; the kind of its values.
fn by_language(objects: &[&Value], fields: &[Param]) -> Option<TypeExpr> {
    // `id` is a field's name far more often than Indonesian (`{"item": {"id": 4}}`).
    let is_code =
        |key: &str| key.len() == 2 && key != "id" && key.bytes().all(|b| b.is_ascii_lowercase());
    let keys_are_codes = objects
        .iter()
        .filter_map(|v| v.as_object())
        .all(|o| o.keys().all(|k| is_code(k)));
    let (first, rest) = fields.split_first()?;
    let kind = &first.ty.normalized;
    let scalar = matches!(
        kind,
        TypeExpr::String | TypeExpr::Integer | TypeExpr::Number
    );
    (keys_are_codes && scalar && rest.iter().all(|f| f.ty.normalized == *kind))
        .then(|| kind.clone())
}

/// A field per key the objects show, each typed by what its values agree on (`any` when
/// they do not).
fn record_fields(objects: &[&Value], depth: usize) -> Vec<Param> {
    let mut names: Vec<&str> = Vec::new();
    for object in objects.iter().filter_map(|v| v.as_object()) {
        for key in object.keys() {
            if !names.contains(&key.as_str()) {
                names.push(key);
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let values: Vec<&Value> = objects.iter().filter_map(|o| o.get(name)).collect();
            let (ty, fields) = shape_at(&values, depth + 1).unwrap_or((TypeExpr::Any, Vec::new()));
            shown_field(name, ty, fields)
        })
        .collect()
}

/// The scalar kind the values share; an integer and a fraction make a number, and `""`
/// goes with any kind.
fn scalar(values: &[&Value]) -> Option<TypeExpr> {
    let mut kind: Option<TypeExpr> = None;
    let mut empty_text = false;
    for value in values {
        let this = match value {
            Value::Bool(_) => TypeExpr::Boolean,
            Value::Number(n) if n.is_i64() || n.is_u64() => TypeExpr::Integer,
            Value::Number(_) => TypeExpr::Number,
            Value::String(text) if text.is_empty() => {
                empty_text = true;
                continue;
            }
            Value::String(_) => TypeExpr::String,
            _ => return None,
        };
        kind = match (kind, this) {
            (None, this) => Some(this),
            (Some(seen), this) if seen == this => Some(seen),
            (Some(TypeExpr::Integer | TypeExpr::Number), TypeExpr::Integer | TypeExpr::Number) => {
                Some(TypeExpr::Number)
            }
            _ => return None,
        };
    }
    kind.or(empty_text.then_some(TypeExpr::String))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn of(values: &[Value]) -> Option<(TypeExpr, Vec<Param>)> {
        shape(&values.iter().collect::<Vec<_>>())
    }

    #[test]
    fn records_maps_lists_and_scalars() {
        let (ty, fields) =
            of(&[json!({"read": true, "edit": false}), json!({"mute": true})]).expect("a record");
        assert_eq!(ty, TypeExpr::Object);
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["read", "edit", "mute"]);
        assert!(fields.iter().all(|f| f.ty.normalized == TypeExpr::Boolean));
        let (ty, fields) = of(&[json!({"35": {"id": 35, "title": "a"}})]).expect("a map");
        assert_eq!(ty, TypeExpr::Map(Box::new(TypeExpr::Object)));
        assert_eq!(fields.len(), 2);
        assert_eq!(
            of(&[json!([153, 165]), json!([])]),
            Some((TypeExpr::Array(Box::new(TypeExpr::Integer)), Vec::new()))
        );
        assert_eq!(
            of(&[
                json!({"from": null, "to": "3409"}),
                json!({"from": "", "to": "x"})
            ])
            .map(|(_, f)| f.into_iter().map(|f| f.ty.normalized).collect::<Vec<_>>()),
            Some(vec![TypeExpr::String, TypeExpr::String])
        );
        assert_eq!(
            of(&[json!({"ru": "Дата", "en": "Date"}), json!({"de": "Datum"})]),
            Some((TypeExpr::Map(Box::new(TypeExpr::String)), Vec::new()))
        );
        assert_eq!(
            of(&[json!(1), json!(2.5)]).map(|s| s.0),
            Some(TypeExpr::Number)
        );
        assert_eq!(of(&[json!(1), json!("a")]), None);
        // `id` names a field; codes keyed by portal ids make a map.
        assert_eq!(of(&[json!({"id": 4})]).map(|s| s.0), Some(TypeExpr::Object));
        assert_eq!(
            of(&[json!({"LEAD": "N", "DYNAMIC_136": "Y"})]),
            Some((TypeExpr::Map(Box::new(TypeExpr::String)), Vec::new()))
        );
        assert_eq!(of(&[json!(null), json!([])]), None);
        assert_eq!(of(&[json!({"a": 1}), json!([1])]), None);
    }
}
