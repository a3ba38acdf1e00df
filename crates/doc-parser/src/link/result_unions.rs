//! Results with several documented shapes, read with their examples so that each shape
//! decodes into a type (the generator makes a union an untagged enum):
//! - a union whose table lists one family of keys (`<ID сайта>`: "объект вида
//!   `{"<ID>": "<URL>"}`") has a map for its object member, and the empty array the page
//!   allows beside it is that map, empty (PHP's `[]`);
//! - a union (or object) whose row says what its keys and values are ("Объект, где ключ
//!   это код доступа, а значение это описание кода") while the table lists the values'
//!   fields and the examples show them under their keys: a map of records, beside the
//!   other members (`false`);
//! - an open list whose examples show scalars of one kind in one reply and records in
//!   another (ids unless `USER_DATA = 'Y'`): a list of `kind | object`; with no records
//!   and no table, a list of that kind (`[1269, 1271]`).

use b24_spec::{MethodSpec, Param, TypeExpr};
use serde_json::Value;

use super::maps::kind_of;

/// Rewrites such results; returns how many.
pub fn apply(methods: &mut [MethodSpec], examples: &super::maps::Examples) -> usize {
    use rayon::prelude::*;
    methods
        .par_iter_mut()
        .zip(&examples.results)
        .map(|(method, results)| {
            let response = &mut method.response;
            let changed = family_member(response)
                || keyed_member(response, results)
                || mixed_items(response, results);
            if changed {
                response.example_result = None;
            }
            usize::from(changed)
        })
        .sum()
}

/// `string | object | any[]` whose table is one family of keys: `string | map(T)`.
fn family_member(response: &mut b24_spec::Response) -> bool {
    let TypeExpr::Union(members) = &response.result else {
        return false;
    };
    let [family] = response.fields.as_slice() else {
        return false;
    };
    if family.pattern.is_none() || !members.contains(&TypeExpr::Object) {
        return false;
    }
    let value = match &family.ty.normalized {
        TypeExpr::Any if !family.fields.is_empty() => TypeExpr::Object,
        other => other.clone(),
    };
    let empty_allowed =
        crate::letters::has_folded(&response.description, crate::lexicon::shapes::EMPTY_ARRAY);
    let kept: Vec<TypeExpr> = members
        .iter()
        .filter(|m| !(empty_allowed && is_open_list(m)))
        .map(|m| match m {
            TypeExpr::Object => TypeExpr::Map(Box::new(value.clone())),
            other => other.clone(),
        })
        .collect();
    response.fields = family.fields.clone();
    response.result = one_or_union(kept);
    true
}

/// A result (or its object member) the row calls keyed while the examples show records
/// with the table's fields under keys the table does not list: `map(object)`.
fn keyed_member(response: &mut b24_spec::Response, results: &[Value]) -> bool {
    let members: Vec<TypeExpr> = match &response.result {
        TypeExpr::Object => vec![TypeExpr::Object],
        TypeExpr::Union(members) if members.contains(&TypeExpr::Object) => members.clone(),
        _ => return false,
    };
    if response.fields.is_empty()
        || super::shapes::key_value_phrase(&response.description).is_none()
    {
        return false;
    }
    let objects: Vec<&Value> = results.iter().filter(|r| r.is_object()).collect();
    if objects.is_empty() || !objects.iter().all(|r| shows_values(&response.fields, r)) {
        return false;
    }
    let kept = members
        .into_iter()
        .map(|m| match m {
            TypeExpr::Object => TypeExpr::Map(Box::new(TypeExpr::Object)),
            other => other,
        })
        .collect();
    response.result = one_or_union(kept);
    true
}

/// Every value of `result` is a record holding some of `fields`, and no key of `result`
/// is one of them.
fn shows_values(fields: &[Param], result: &Value) -> bool {
    let Some(map) = result.as_object() else {
        return false;
    };
    let documented = |key: &String| fields.iter().any(|f| &f.name == key);
    !map.is_empty()
        && !map.keys().any(documented)
        && map
            .values()
            .all(|v| v.as_object().is_some_and(|r| r.keys().any(documented)))
}

/// An open list whose examples show items of one scalar kind, and records where the table
/// lists fields.
fn mixed_items(response: &mut b24_spec::Response, results: &[Value]) -> bool {
    if !is_open_list(&response.result) {
        return false;
    }
    let items: Vec<&Value> = results
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter(|item| !item.is_null())
        .collect();
    let records = items.iter().any(|item| item.is_object());
    let mut scalars = items
        .iter()
        .filter(|item| !item.is_object())
        .map(|v| kind_of(v));
    let Some(kind) = scalars.next() else {
        return false;
    };
    if !matches!(kind, TypeExpr::Integer | TypeExpr::String) || !scalars.all(|k| k == kind) {
        return false;
    }
    let item = match (records, response.fields.is_empty()) {
        (true, false) => TypeExpr::Union(vec![kind, TypeExpr::Object]),
        (false, true) => kind,
        _ => return false,
    };
    response.result = TypeExpr::Array(Box::new(item));
    true
}

/// `any[]` or `object[]`.
pub(super) fn is_open_list(expr: &TypeExpr) -> bool {
    matches!(expr, TypeExpr::Array(inner) if matches!(**inner, TypeExpr::Any | TypeExpr::Object))
}

fn one_or_union(mut members: Vec<TypeExpr>) -> TypeExpr {
    if members.len() == 1 {
        members.remove(0)
    } else {
        TypeExpr::Union(members)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::shown_field;
    use serde_json::json;

    fn response(result: TypeExpr, description: &str, fields: Vec<Param>) -> b24_spec::Response {
        b24_spec::Response {
            result,
            description: description.to_owned(),
            fields,
            ..b24_spec::Response::default()
        }
    }

    #[test]
    fn lists_of_ids_or_records_and_of_one_scalar_kind() {
        let ids = json!([9, 547]);
        let users = json!([{"id": 9, "name": "a"}]);
        let mut listed = response(
            TypeExpr::Array(Box::new(TypeExpr::Any)),
            "",
            vec![shown_field("id", TypeExpr::Integer, Vec::new())],
        );
        assert!(mixed_items(&mut listed, &[ids.clone(), users]));
        assert_eq!(listed.result.to_string(), "(integer | object)[]");
        let mut plain = response(TypeExpr::Array(Box::new(TypeExpr::Any)), "", Vec::new());
        assert!(mixed_items(&mut plain, &[ids]));
        assert_eq!(plain.result.to_string(), "integer[]");
        let mut mixed = response(TypeExpr::Array(Box::new(TypeExpr::Any)), "", Vec::new());
        assert!(!mixed_items(&mut mixed, &[json!([1, "a"])]));
    }
}
