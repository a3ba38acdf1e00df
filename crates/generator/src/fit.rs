//! Whether the docs' own success examples fit a type, so that an entity field (or a keyed
//! map's values) whose field page contradicts the method pages' examples is kept as any
//! JSON instead of failing to decode: the entity's fields come from another page than the
//! examples, and the two disagree now and then (`status` an integer code on the field page,
//! `"open"` in the example). Real replies follow the examples.

use b24_spec::{MethodSpec, Param, TypeExpr};
use serde_json::Value;

use crate::emit::any_concrete;
use crate::types::{Codec, NamedTypes, Ty};

/// Whether `value` decodes as `param` (its type, values and nested fields) would read it,
/// as far as a shape check tells.
pub fn param_fits(param: &Param, value: &Value, named: &NamedTypes) -> bool {
    let (fits, array): (fn(&Value) -> bool, bool) = match crate::types::values(param) {
        crate::types::Values::Flag { array } => (flag_fits, array),
        // Open enums read any scalar as text.
        crate::types::Values::Enum { array, .. } => (is_scalar, array),
        crate::types::Values::None => {
            return expr_fits(&param.ty.normalized, &param.fields, value, named);
        }
    };
    if array {
        list_items(value).is_some_and(|items| items.iter().all(|item| fits(item)))
    } else {
        fits(value)
    }
}

pub fn expr_fits(expr: &TypeExpr, fields: &[Param], value: &Value, named: &NamedTypes) -> bool {
    if value.is_null() {
        return true;
    }
    match expr {
        TypeExpr::Array(inner) => list_items(value).is_some_and(|items| {
            items
                .iter()
                .all(|item| expr_fits(inner, fields, item, named))
        }),
        TypeExpr::Map(inner) => match value {
            Value::Object(map) => map
                .values()
                .all(|item| expr_fits(inner, fields, item, named)),
            Value::Array(items) => items
                .iter()
                .all(|item| expr_fits(inner, fields, item, named)),
            Value::Bool(false) => true,
            Value::String(text) => text.is_empty(),
            _ => false,
        },
        TypeExpr::Ref(name) if named.entity(name).is_some() => is_object(value),
        TypeExpr::Object | TypeExpr::Any | TypeExpr::Ref(_) if any_concrete(fields) => {
            is_object(value) && fields_fit(fields, value, named)
        }
        TypeExpr::Ref(name) => ty_fits(&named.of(name), value),
        TypeExpr::Union(_) | TypeExpr::Any | TypeExpr::File => true,
        TypeExpr::Object => true,
        other => ty_fits(&crate::types::scalar(other), value),
    }
}

/// The paths, below `param`, of the innermost documented fields `value` contradicts
/// (`[]` is `param` itself): an object that fits as an object but holds one key the docs
/// type otherwise (the user field's `SETTINGS.LABEL`, "Подпись значения Да" `string`,
/// which portals send as `["", ""]`) keeps only that key as JSON, not the whole object.
pub fn misfits(param: &Param, value: &Value, named: &NamedTypes) -> Vec<Vec<String>> {
    let record = matches!(crate::types::values(param), crate::types::Values::None)
        && matches!(
            &param.ty.normalized,
            TypeExpr::Object | TypeExpr::Any | TypeExpr::Ref(_)
        )
        && !matches!(&param.ty.normalized, TypeExpr::Ref(name) if named.entity(name).is_some())
        && any_concrete(&param.fields);
    let Value::Object(map) = value else {
        return vec![Vec::new()];
    };
    // A map keyed by ids whose records' fields are documented (`files: {"5437": {…}}`):
    // the fields are those of every value, so a misfit is the value's field, not the map.
    let records: Vec<&serde_json::Map<String, Value>> = if record {
        vec![map]
    } else if is_record_map(param) {
        map.values().filter_map(Value::as_object).collect()
    } else {
        return vec![Vec::new()];
    };
    let mut paths: Vec<Vec<String>> = Vec::new();
    for map in records {
        for field in &param.fields {
            let Some(item) = map.get(&field.name) else {
                continue;
            };
            if !param_fits(field, item, named) {
                for mut below in misfits(field, item, named) {
                    below.insert(0, field.name.clone());
                    if !paths.contains(&below) {
                        paths.push(below);
                    }
                }
            }
        }
    }
    if paths.is_empty() {
        paths.push(Vec::new());
    }
    paths
}

/// `fields` with each one that a record of `values` (an object, or an array's objects)
/// contradicts kept as any JSON, with a note in its docs; `None` when the records
/// contradict half or more of the documented fields they show (the table describes
/// something else than the reply then: the reply stays JSON as a whole).
pub fn contradicted_as_json(
    fields: &[Param],
    values: &[Value],
    named: &NamedTypes,
) -> Option<Vec<Param>> {
    let records: Vec<&serde_json::Map<String, Value>> = values
        .iter()
        .flat_map(|value| match value {
            Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
            Value::Object(map) => vec![map],
            _ => Vec::new(),
        })
        .collect();
    let shown = fields
        .iter()
        .filter(|field| {
            records
                .iter()
                .any(|record| record.contains_key(&field.name))
        })
        .count();
    let contradicted: Vec<&str> = fields
        .iter()
        .filter(|field| {
            records.iter().any(|record| {
                record
                    .get(&field.name)
                    .is_some_and(|item| !param_fits(field, item, named))
            })
        })
        .map(|field| field.name.as_str())
        .collect();
    if contradicted.len() * 2 >= shown {
        return None;
    }
    let kept = fields
        .iter()
        .cloned()
        .map(|mut field| {
            if contradicted.contains(&field.name.as_str()) {
                keep_as_json(&mut field);
            }
            field
        })
        .collect();
    Some(kept)
}

/// Types a field a success example contradicts as JSON, and says so in its docs.
pub fn keep_as_json(field: &mut Param) {
    field.ty.normalized = TypeExpr::Any;
    field.fields.clear();
    field.enum_values.clear();
    field.description.push_str(
        " (Kept as JSON: a success example in the documentation does not fit the documented \
         type.)",
    );
}

/// `map(object)` whose values' fields are documented.
fn is_record_map(param: &Param) -> bool {
    matches!(&param.ty.normalized, TypeExpr::Map(inner) if **inner == TypeExpr::Object)
        && any_concrete(&param.fields)
}

/// Every documented field present in `value` fits.
pub fn fields_fit(fields: &[Param], value: &Value, named: &NamedTypes) -> bool {
    let Value::Object(map) = value else {
        return true;
    };
    fields.iter().all(|field| {
        map.get(&field.name)
            .is_none_or(|item| param_fits(field, item, named))
    })
}

fn ty_fits(ty: &Ty, value: &Value) -> bool {
    match ty {
        Ty::Scalar(codec) => scalar_fits(*codec, value),
        Ty::List(inner) => {
            list_items(value).is_some_and(|items| items.iter().all(|item| ty_fits(inner, item)))
        }
        _ => true,
    }
}

fn scalar_fits(codec: Codec, value: &Value) -> bool {
    match (codec, value) {
        (_, Value::Null) => true,
        (Codec::Yn | Codec::Boolean, _) => flag_fits(value),
        (Codec::Int | Codec::Float, Value::Number(_)) => true,
        (Codec::Int | Codec::Float, Value::String(text)) => {
            let text = text.trim();
            text.is_empty() || text.parse::<f64>().is_ok()
        }
        (Codec::Text, other) => is_scalar(other),
        // The date codecs read `false` as no date (PHP's "not set"; `im` users' `idle`,
        // `absent`: "Если не задано, `false`").
        (Codec::Date | Codec::DateTime, Value::String(_) | Value::Bool(false)) => true,
        (Codec::File(_), Value::String(_) | Value::Array(_) | Value::Object(_)) => true,
        _ => false,
    }
}

/// Whether the flag codecs (`Yn`, `Boolean`: the same reading) take `value`.
fn flag_fits(value: &Value) -> bool {
    <b24_protocol::wire::Yn as b24_protocol::wire::Codec<bool>>::decode(value).is_ok()
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn is_object(value: &Value) -> bool {
    match value {
        Value::Object(_) | Value::Null | Value::Bool(false) => true,
        Value::Array(items) => items.is_empty(),
        Value::String(text) => text.is_empty(),
        _ => false,
    }
}

/// The items of a list as the `List` codec reads them (an array, the values of an object
/// whose keys are integers); `None` for an object with a named key, which the codec refuses
/// rather than drop its keys.
fn list_items(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Array(items) => Some(items.iter().collect()),
        Value::Object(map) if map.keys().all(|key| b24_protocol::wire::is_array_key(key)) => {
            Some(map.values().collect())
        }
        Value::Null | Value::Bool(false) => Some(Vec::new()),
        Value::String(text) if text.is_empty() => Some(Vec::new()),
        _ => None,
    }
}

/// The `result` of each of `spec`'s success examples that parse, read as leniently as the
/// parser and the docs-example harness read them (trailing commas, comments, `...`): an
/// example with a comment shows what the portal sends as well as a strict one.
pub fn example_results(spec: &MethodSpec) -> Vec<Value> {
    let examples = spec.response.examples.iter();
    examples
        .filter_map(|example| b24_doc_parser::extract::lenient_json::result_of(example))
        .collect()
}

/// The entity values `value` holds where `expr` (with `fields`) says an entity is, by
/// entity name: `ref(E)`, arrays and maps of it, and fields that are.
pub fn entity_values<'v>(
    expr: &TypeExpr,
    fields: &[Param],
    value: &'v Value,
    named: &NamedTypes,
    out: &mut Vec<(String, &'v Value)>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    match expr {
        TypeExpr::Ref(name) if named.entity(name).is_some() => {
            if let Value::Object(_) = value {
                out.push((name.clone(), value));
            }
        }
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => {
            let items: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                Value::Object(map) => map.values().collect(),
                _ => Vec::new(),
            };
            for item in items {
                entity_values(inner, fields, item, named, out, depth + 1);
            }
        }
        _ => {
            if let Value::Object(map) = value {
                for field in fields {
                    if let Some(item) = map.get(&field.name) {
                        entity_values(
                            &field.ty.normalized,
                            &field.fields,
                            item,
                            named,
                            out,
                            depth + 1,
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(name: &str, ty: TypeExpr) -> Param {
        Param {
            name: name.to_owned(),
            ty: b24_spec::TypeRef::from(ty),
            ..Param::default()
        }
    }

    /// The user field's `SETTINGS`: only `LABEL` (documented text, sent as two labels)
    /// contradicts the example, so only it is kept as JSON.
    #[test]
    fn only_the_innermost_contradicted_key_misfits() {
        let named = NamedTypes::new(&[]);
        let mut settings = field("SETTINGS", TypeExpr::Object);
        settings.fields = vec![
            field("LABEL", TypeExpr::String),
            field("SIZE", TypeExpr::Integer),
        ];
        let value = json!({"LABEL": ["", ""], "SIZE": 20});
        assert!(!param_fits(&settings, &value, &named));
        assert_eq!(
            misfits(&settings, &value, &named),
            [vec!["LABEL".to_owned()]]
        );
        // A value that is no object at all: the field itself.
        assert_eq!(
            misfits(&settings, &json!(7), &named),
            [Vec::<String>::new()]
        );
    }

    /// A map keyed by ids whose values' `mediaurl` the docs call text while the example
    /// sends an object: only that field of the values misfits, not the whole map.
    #[test]
    fn a_keyed_maps_misfit_is_its_values_field() {
        let named = NamedTypes::new(&[]);
        let mut files = field("files", TypeExpr::Map(Box::new(TypeExpr::Object)));
        files.fields = vec![
            field("id", TypeExpr::Integer),
            field("mediaurl", TypeExpr::String),
        ];
        let value = json!({"5437": {"id": 5437, "mediaurl": {"preview": {}}}, "12": {"id": 12}});
        assert!(!param_fits(&files, &value, &named));
        assert_eq!(
            misfits(&files, &value, &named),
            [vec!["mediaurl".to_owned()]]
        );
        // PHP's empty map (`[]`) misfits as a whole, as before.
        assert_eq!(misfits(&files, &json!([7]), &named), [Vec::<String>::new()]);
    }

    /// An open `array` fits a PHP array sent as an object (integer keys), not an object
    /// with named keys (`rights: {"read": true}`), which the `List` codec refuses.
    #[test]
    fn a_list_fits_integer_keys_only() {
        let named = NamedTypes::new(&[]);
        let list = TypeExpr::Array(Box::new(TypeExpr::Any));
        let fits = |value| expr_fits(&list, &[], &value, &named);
        assert!(fits(json!([true, 1])));
        assert!(fits(json!({"3": true, "-1": 2})));
        assert!(!fits(json!({"read": true, "edit": false})));
        assert!(!fits(json!({"0": true, "total": 1})));
    }

    /// `im.recent.list`'s users: "Дата, когда пользователь отошел от компьютера. Если не
    /// задано, `false`": the date codecs read `false` as no date, so it fits; `true` and
    /// numbers do not.
    #[test]
    fn a_date_fits_false_as_no_date() {
        let named = NamedTypes::new(&[]);
        let fields = vec![
            field("idle", TypeExpr::DateTime),
            field("birthday", TypeExpr::Date),
        ];
        let fits = |value| fields_fit(&fields, &value, &named);
        assert!(fits(json!({"idle": false, "birthday": false})));
        assert!(fits(
            json!({"idle": "2026-02-25T17:42:27+03:00", "birthday": null})
        ));
        assert!(!fits(json!({"idle": true})));
        assert!(!fits(json!({"birthday": 5})));
    }
}
