//! Map or record: whether an object the docs leave open (or the examples show under a
//! documented field) is a record with named fields or a map keyed by codes or ids, decided
//! from all its occurrences at one place (every example of every method that shows it).
//!
//! A map's keys are data of the portal, not names a table could list:
//! - ids (`"103"`, `"-1"`), codes holding an id (`DYNAMIC_136`, `C_607`, `repo_405`), keys
//!   that start with a digit or hold a dot (`03.1.three_cols`): one such key is enough;
//! - short codes (`Y`, `N`, `P`) whose sets differ between occurrences
//!   (`{"Y": "Да", "N": "Нет"}` here, `{"N": "…", "P": "…"}` there): a list of choices;
//!
//! and the values must agree on one kind (a map's values are all alike; a record's
//! fields hold what they hold). User fields (`UF_*`) are not codes here: an entity keeps
//! them in its user-field map. Everything else is a record, as before: names that read as
//! words (`read`, `LEAD`, `parsedDescription`) with key sets that differ are optional
//! fields, not keys.

use b24_spec::{Param, TypeExpr};
use serde_json::{Map, Value};

use super::shown::{is_array_key, is_user_field, shape, shows_nothing};

/// Whether the objects seen at one place are one map keyed by codes or ids. `objects`
/// are the non-empty occurrences; `values_agree` says whether all their values agree on
/// one kind (the caller reads the kinds its own way: [`super::shown::shape`] or
/// [`super::maps::value_type`]).
pub fn is_map(objects: &[&Map<String, Value>], values_agree: bool) -> bool {
    let objects: Vec<&Map<String, Value>> =
        objects.iter().copied().filter(|o| !o.is_empty()).collect();
    if objects.is_empty() || !values_agree {
        return false;
    }
    let keys = || objects.iter().flat_map(|o| o.keys());
    if keys().any(|k| is_portal_code(k)) {
        return true;
    }
    let short = keys().all(|k| is_short_code(k));
    let differ = objects
        .split_first()
        .is_some_and(|(first, rest)| rest.iter().any(|o| !o.keys().eq(first.keys())));
    short && differ
}

/// The type of the `name` values of `entries` (the descriptions of a `x.fields` result)
/// when the objects among them are maps by [`is_map`]: `map(T)`, or `map(T) | U[]` when
/// other entries show a list instead (`tasks.task.getFields` `values`: `{"Y": "Да", …}`
/// for flags, `["secs", "mins", …]` for `DURATION_TYPE`, which the page's own type writes
/// `Record<string, string> | string[]`). `None` for records, scalars, and kinds that
/// disagree otherwise.
pub fn shown_map(entries: &Map<String, Value>, name: &str) -> Option<(TypeExpr, Vec<Param>)> {
    let shown: Vec<&Value> = entries
        .values()
        .filter_map(|entry| entry.get(name))
        .filter(|v| !shows_nothing(v))
        .collect();
    let objects: Vec<&Map<String, Value>> = shown.iter().filter_map(|v| v.as_object()).collect();
    let lists: Vec<&Value> = shown.iter().copied().filter(|v| v.is_array()).collect();
    if objects.is_empty() || objects.len() + lists.len() < shown.len() {
        return None;
    }
    let values: Vec<&Value> = objects.iter().flat_map(|o| o.values()).collect();
    let agreed = shape(&values);
    if !is_map(&objects, agreed.is_some()) {
        return None;
    }
    let (value, fields) = agreed?;
    let map = TypeExpr::Map(Box::new(value));
    if lists.is_empty() {
        return Some((map, fields));
    }
    match shape(&lists)? {
        // Records in the lists would need the map's fields too: left open.
        (list @ TypeExpr::Array(_), list_fields) if list_fields.is_empty() => {
            Some((TypeExpr::Union(vec![map, list]), fields))
        }
        _ => None,
    }
}

/// An object whose every value is a non-empty record: a map of records when a table
/// describes the records and none of the keys.
pub fn all_records(object: &Map<String, Value>) -> bool {
    !object.is_empty()
        && object
            .values()
            .all(|v| v.as_object().is_some_and(|o| !o.is_empty()))
}

/// A key that is data of the portal: an id, a code holding an id, a key starting with a
/// digit or holding a dot. Not a user field.
pub fn is_portal_code(key: &str) -> bool {
    if is_user_field(key) {
        return false;
    }
    is_array_key(key)
        || key.starts_with(|c: char| c.is_ascii_digit())
        || key.contains('.')
        || key.split('_').skip(1).any(is_id_token)
}

/// `136` of `DYNAMIC_136`: two digits or more (`ADDRESS_2`, `PHONE_1` name fields).
fn is_id_token(token: &str) -> bool {
    token.len() >= 2 && token.bytes().all(|b| b.is_ascii_digit())
}

/// One or two capitals or digits (`Y`, `N`, `P`, `1`): a choice's code, not a field name
/// (`id`, `x` are names; two-letter language codes are `shown::by_language`'s).
fn is_short_code(key: &str) -> bool {
    (1..=2).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn objects(values: &[Value]) -> Vec<&Map<String, Value>> {
        values.iter().filter_map(Value::as_object).collect()
    }

    #[test]
    fn codes_and_ids_make_maps() {
        // `Options` of an `E:ECrm` parameter: entity type codes, one holding an id.
        let options = [json!({"LEAD": "N", "CONTACT": "Y", "DYNAMIC_136": "N"})];
        assert!(is_map(&objects(&options), true));
        // Choices whose codes differ from field to field.
        let values = [
            json!({"N": "Отрицательная", "P": "Положительная"}),
            json!({"Y": "Да", "N": "Нет"}),
        ];
        assert!(is_map(&objects(&values), true));
        assert!(is_map(&objects(&[json!({"03.1.cols": {"a": 1}})]), true));
        assert!(is_map(&objects(&[json!({"103": "x"})]), true));
    }

    #[test]
    fn names_stay_records() {
        // Optional fields shown by two examples: words, not codes.
        let rights = [json!({"read": true, "edit": false}), json!({"mute": true})];
        assert!(!is_map(&objects(&rights), true));
        // Short keys that are the same everywhere: a record (`{"x": 1, "y": 2}`).
        let points = [json!({"x": 1, "y": 2}), json!({"x": 3, "y": 4})];
        assert!(!is_map(&objects(&points), true));
        let ids = [json!({"id": 4}), json!({"id": 5, "to": 6})];
        assert!(!is_map(&objects(&ids), true));
        // Values of several kinds are fields of a record, whatever the keys.
        assert!(!is_map(&objects(&[json!({"DYNAMIC_136": 1})]), false));
        // User fields and numbered fields are names.
        let record = [json!({"UF_CRM_1694526604": "a", "ADDRESS_2": "b"})];
        assert!(!is_map(&objects(&record), true));
        assert!(!is_map(&objects(&[json!({})]), true));
    }
}
