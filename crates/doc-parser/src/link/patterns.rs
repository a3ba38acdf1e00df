//! An object whose table lists one family of keys and nothing else (`<messageId>`,
//! `chat<chatId>`, `upload{id}`: "Сообщения чата, индексированные по идентификатору
//! сообщения"), or only the key and the value of the layout its description shows
//! (`{"template_code": page_template}`), is a map from those keys to the value: `map(T)`,
//! the value's own fields becoming the values' fields. Left an object, it would decode into
//! a struct with no field of its own and keep everything in its `extra` map.
//!
//! A result whose union adds an array the page says is empty ("метод вернет пустой массив
//! `[]`", PHP's empty array for an empty object) is the object alone: a record and a map
//! read `[]` as empty.

use b24_spec::{Param, TypeExpr};

/// Rewrites the result (`result`, `fields`) and every field below; returns how many maps
/// it made.
pub fn apply_result(result: &mut TypeExpr, description: &str, fields: &mut Vec<Param>) -> usize {
    let mut made = 0;
    if !fields.is_empty() && empty_array_alternative(result, description) {
        *result = TypeExpr::Object;
    }
    if matches!(result, TypeExpr::Object | TypeExpr::Any)
        && let Some((value, inner)) =
            family_only(fields).or_else(|| layout_pair(description, fields))
    {
        *result = TypeExpr::Map(Box::new(value));
        *fields = inner;
        made += 1;
    }
    made + apply(fields)
}

/// Rewrites `fields` and their nested fields; returns how many maps it made.
pub fn apply(fields: &mut [Param]) -> usize {
    let mut made = 0;
    for field in fields {
        // Only a documented object: an undocumented one stays the union, which keeps its
        // keys as a map (`lang`: "в формате объекта `ключ: значение`").
        if !field.fields.is_empty()
            && empty_array_alternative(&field.ty.normalized, &field.description)
        {
            field.ty.normalized = TypeExpr::Object;
        }
        if matches!(field.ty.normalized, TypeExpr::Object | TypeExpr::Any)
            && field.pattern.is_none()
            && let Some((value, inner)) = family_only(&field.fields)
        {
            field.ty.normalized = TypeExpr::Map(Box::new(value));
            field.fields = inner;
            made += 1;
        }
        made += apply(&mut field.fields);
    }
    made
}

/// The value type and the values' fields when `fields` is one family of keys alone.
fn family_only(fields: &[Param]) -> Option<(TypeExpr, Vec<Param>)> {
    let [family] = fields else {
        return None;
    };
    family.pattern.as_ref()?;
    Some((family.ty.normalized.clone(), family.fields.clone()))
}

/// A table of two rows, the key and the value, that the description shows as a map's
/// layout (`{"template_code": page_template}`, "где `template_code` — код шаблона,
/// `page_template` — объект шаблона"): the value row's type and fields.
fn layout_pair(description: &str, fields: &[Param]) -> Option<(TypeExpr, Vec<Param>)> {
    let [a, b] = fields else {
        return None;
    };
    let compact: String = description.chars().filter(|c| !c.is_whitespace()).collect();
    let (key, value) = [(a, b), (b, a)]
        .into_iter()
        .find(|(key, value)| compact.contains(&format!("\"{}\":{}", key.name, value.name)))?;
    if key.pattern.is_some() || value.pattern.is_some() {
        return None;
    }
    let ty = match &value.ty.normalized {
        TypeExpr::Any if !value.fields.is_empty() => TypeExpr::Object,
        other => other.clone(),
    };
    Some((ty, value.fields.clone()))
}

/// `object | any[]` (either order) where the description says the array is empty.
fn empty_array_alternative(expr: &TypeExpr, description: &str) -> bool {
    let TypeExpr::Union(members) = expr else {
        return false;
    };
    let [a, b] = members.as_slice() else {
        return false;
    };
    let object_and_array = |x: &TypeExpr, y: &TypeExpr| {
        matches!(x, TypeExpr::Object)
            && matches!(y, TypeExpr::Array(inner) if **inner == TypeExpr::Any)
    };
    (object_and_array(a, b) || object_and_array(b, a))
        && crate::letters::has_folded(description, crate::lexicon::shapes::EMPTY_ARRAY)
}
