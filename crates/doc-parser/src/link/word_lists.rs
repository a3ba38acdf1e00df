//! An open array the description calls a list of codes or names ("Массив кодов
//! провайдеров", "Массив с названиями полей", "Массив кодов доступа") holds text: codes and
//! names are strings, whatever else the items might be.

use b24_spec::{Param, TypeExpr};

/// Types the result and every field below that say so; returns how many it typed.
pub fn apply_result(result: &mut TypeExpr, description: &str, fields: &mut [Param]) -> usize {
    let mut typed = 0;
    if fields.is_empty() && retype(result, description) {
        typed += 1;
    }
    typed + apply(fields)
}

fn apply(fields: &mut [Param]) -> usize {
    let mut typed = 0;
    for field in fields {
        if field.fields.is_empty() && retype(&mut field.ty.normalized, &field.description) {
            typed += 1;
        }
        typed += apply(&mut field.fields);
    }
    typed
}

fn retype(expr: &mut TypeExpr, description: &str) -> bool {
    let open_array = matches!(expr, TypeExpr::Array(inner) if **inner == TypeExpr::Any);
    if open_array && says_words(description) {
        *expr = TypeExpr::Array(Box::new(TypeExpr::String));
        return true;
    }
    false
}

fn says_words(description: &str) -> bool {
    let text = description.trim_start();
    crate::lexicon::shapes::WORD_LISTS
        .iter()
        .any(|start| crate::letters::starts_folded(text, start))
}
