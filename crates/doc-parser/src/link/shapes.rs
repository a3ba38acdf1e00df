//! What a field's description says about its shape when the type column cannot: an object
//! keyed by ids or codes ("Ключ — идентификатор пользователя, значение — объект с
//! [описанием пользователя](#user)") is `map(T)`, and a field marked "Множественное" (the
//! CRM tables' word for `isMultiple`) or described as "Массив …" is an array of its type.

use crate::lexicon::{keys, shapes as lx};
use b24_spec::{Param, TypeExpr};
use memchr::memmem::Finder;
use std::sync::LazyLock;

use crate::letters::has_folded;

/// Applies both readings to `fields` and their nested fields; returns how many maps it made.
pub fn apply(fields: &mut [Param]) -> usize {
    let mut maps = 0;
    for field in fields {
        // "Массив объектов …" written with the object's type word alone.
        let says_array = crate::letters::starts_folded(field.description.trim_start(), lx::ARRAY);
        if is_multiple(&field.description)
            || (says_array && matches!(field.ty.normalized, TypeExpr::Ref(_)))
        {
            let ty = &mut field.ty.normalized;
            if !matches!(ty, TypeExpr::Array(_) | TypeExpr::Map(_)) {
                *ty = TypeExpr::Array(Box::new(std::mem::replace(ty, TypeExpr::Any)));
            }
        }
        // "Список идентификаторов пользователей": an open array of ids holds integers.
        if matches!(&field.ty.normalized, TypeExpr::Array(inner) if **inner == TypeExpr::Any)
            && field.fields.is_empty()
            && says_ids(&field.description)
        {
            field.ty.normalized = TypeExpr::Array(Box::new(TypeExpr::Integer));
        }
        if field.pattern.is_none()
            && let Some(value) = documented_map_value(field)
        {
            field.ty.normalized = TypeExpr::Map(Box::new(value));
            maps += 1;
        }
        maps += apply(&mut field.fields);
    }
    maps
}

/// An entity's open array of "children" ("Массив дочерних узлов") holds the entity itself:
/// a tree (`checkListTree.descendants`).
pub fn children_are_the_entity(entity: &str, fields: &mut [Param]) {
    for field in fields {
        let text = field.description.trim_start();
        if super::result_unions::is_open_list(&field.ty.normalized)
            && field.fields.is_empty()
            && lx::CHILDREN
                .iter()
                .any(|start| crate::letters::starts_folded(text, start))
        {
            field.ty.normalized = TypeExpr::Array(Box::new(TypeExpr::Ref(entity.to_owned())));
        }
    }
}

/// "Список идентификаторов пользователей …", "Массив идентификаторов пользователей": the
/// items are user ids, integers (`user` in `data-types.md`). Other ids may be codes
/// (`CO_1` for a CRM binding), so only user ids are read so.
fn says_ids(description: &str) -> bool {
    let text = description.trim_start();
    lx::USER_IDS
        .iter()
        .any(|start| crate::letters::starts_folded(text, start))
}

/// "Множественное" as a sentence of its own ("E-mail. Множественное").
pub(super) fn is_multiple(description: &str) -> bool {
    // Few descriptions hold the word: a searcher built once finds them without splitting
    // every description into sentences (10 M instructions on the link pass's one core).
    static WORD: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(lx::MULTIPLE));
    WORD.find(description.as_bytes()).is_some()
        && description
            .split(['.', '\n'])
            .any(|sentence| sentence.trim() == lx::MULTIPLE)
}

/// The value type of a field whose description says its keys are ids, codes or names and
/// what its values are; `None` when the description says no such thing or the field is
/// not an object (a scalar, an enum, a map already).
fn documented_map_value(field: &Param) -> Option<TypeExpr> {
    let text = field.description.as_str();
    let value_phrase = key_value_phrase(text)?;
    let value = match &field.ty.normalized {
        // Linked already to the values' entity (`[описанием пользователя](#user)`), as one
        // object or, for a PHP "array", as a list of them.
        TypeExpr::Ref(name) => TypeExpr::Ref(name.clone()),
        TypeExpr::Array(inner) if matches!(inner.as_ref(), TypeExpr::Ref(_)) => {
            inner.as_ref().clone()
        }
        TypeExpr::Object | TypeExpr::Any | TypeExpr::Array(_) => value_from_words(value_phrase),
        _ => return None,
    };
    Some(value)
}

/// The words after "значение" when `text` says what the keys are and what the values are
/// (both, in this order: "Содержит единственный ключ — `item`" is no map).
pub(super) fn key_value_phrase(text: &str) -> Option<&str> {
    // Most descriptions never say "ключ": no lowercase copy for them.
    if !has_folded(text, keys::MAP_KEY_STEM) {
        return None;
    }
    let folded = text.to_lowercase();
    // Case folding that changes byte lengths (rare letters) would shift the offsets:
    // search the text as written then.
    let haystack = if folded.len() == text.len() {
        folded.as_str()
    } else {
        text
    };
    let key_at = keys::MAP_KEY_PHRASES
        .iter()
        .filter_map(|key| haystack.find(key))
        .min()?;
    let value_at = keys::MAP_VALUE_WORDS
        .iter()
        .filter_map(|value| haystack[key_at..].find(value))
        .min()?;
    Some(&text[key_at + value_at..])
}

/// What the value words name: a count or a number, a text, or an object (`any`: its
/// fields are not listed here).
fn value_from_words(phrase: &str) -> TypeExpr {
    let head: String = phrase.chars().take(60).collect();
    if keys::MAP_VALUE_NUMBER.iter().any(|w| has_folded(&head, w)) {
        TypeExpr::Integer
    } else if keys::MAP_VALUE_TEXT.iter().any(|w| has_folded(&head, w)) {
        TypeExpr::String
    } else if keys::MAP_VALUE_OBJECT
        .iter()
        .any(|w| crate::letters::starts_folded(phrase_after_dash(phrase), w))
    {
        // Its link, if any, is followed by the link pass (`map(ref(E))`).
        TypeExpr::Object
    } else {
        TypeExpr::Any
    }
}

/// The words after "значение —" ("значением —", "значение:").
pub(super) fn phrase_after_dash(phrase: &str) -> &str {
    let after_word = phrase.trim_start_matches(|c: char| c.is_alphabetic());
    after_word.trim_start_matches([' ', '—', '-', '–', ':', '\u{a0}'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use b24_spec::TypeRef;

    fn field(description: &str, ty: TypeExpr) -> Param {
        Param {
            name: "x".to_owned(),
            ty: TypeRef::from(ty),
            description: description.to_owned(),
            ..Param::default()
        }
    }

    #[test]
    fn keyed_objects_become_maps_of_their_values() {
        let mut fields = vec![
            field(
                "Ключ объекта — идентификатор пользователя, а значение — объект с [описанием пользователя](#user)",
                TypeExpr::Array(Box::new(TypeExpr::Ref("tasks.task.user".into()))),
            ),
            field(
                "Счетчики по чатам. Ключ — идентификатор чата, значение — количество непрочитанных сообщений",
                TypeExpr::Object,
            ),
            field(
                "Словарь доступных голосов, где ключ — идентификатор голоса, а значение — название голоса",
                TypeExpr::Object,
            ),
            field("Содержит единственный ключ — `item`", TypeExpr::Object),
            field("Ключ — код поля, значение — его подпись", TypeExpr::String),
        ];
        assert_eq!(apply(&mut fields), 3);
        let types: Vec<String> = fields.iter().map(|f| f.ty.normalized.to_string()).collect();
        assert_eq!(
            types,
            [
                "map(ref(tasks.task.user))",
                "map(integer)",
                "map(string)",
                "object",
                "string"
            ]
        );
    }

    #[test]
    fn children_of_a_tree_node_are_nodes() {
        let mut fields = vec![
            field(
                "Массив дочерних узлов",
                TypeExpr::Array(Box::new(TypeExpr::Any)),
            ),
            field("Массив действий", TypeExpr::Array(Box::new(TypeExpr::Any))),
        ];
        children_are_the_entity("tasks.task.checklisttree", &mut fields);
        assert_eq!(
            fields[0].ty.normalized.to_string(),
            "ref(tasks.task.checklisttree)[]"
        );
        assert_eq!(fields[1].ty.normalized.to_string(), "any[]");
    }

    #[test]
    fn multiple_fields_are_arrays() {
        let mut fields = vec![
            field(
                "E-mail. Множественное",
                TypeExpr::Ref("crm_multifield".into()),
            ),
            field("Множественное пользовательское поле", TypeExpr::String),
            field(
                "Массив объектов с информацией о привязках",
                TypeExpr::Ref("sale_order_property_relation".into()),
            ),
        ];
        apply(&mut fields);
        assert_eq!(
            fields[2].ty.normalized.to_string(),
            "ref(sale_order_property_relation)[]"
        );
        assert_eq!(fields[0].ty.normalized.to_string(), "ref(crm_multifield)[]");
        assert_eq!(fields[1].ty.normalized.to_string(), "string");
    }
}
