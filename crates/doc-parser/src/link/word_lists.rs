//! An open array the description calls a list of codes or names ("Массив кодов
//! провайдеров", "Массив с названиями полей", "Массив кодов доступа") holds text: codes and
//! names are strings, whatever else the items might be.

use b24_spec::{Param, TypeExpr};

/// Types the result and every field below that say so.
pub fn apply_result(result: &mut TypeExpr, description: &str, fields: &mut [Param]) {
    if fields.is_empty() {
        retype(result, description);
    }
    apply(fields);
}

fn apply(fields: &mut [Param]) {
    for field in fields {
        if field.fields.is_empty() {
            retype(&mut field.ty.normalized, &field.description);
        }
        apply(&mut field.fields);
    }
}

fn retype(expr: &mut TypeExpr, description: &str) {
    let open_array = matches!(expr, TypeExpr::Array(inner) if **inner == TypeExpr::Any);
    if open_array && says_words(description) {
        *expr = TypeExpr::Array(Box::new(TypeExpr::String));
    }
}

fn says_words(description: &str) -> bool {
    let text = description.trim_start();
    crate::lexicon::shapes::WORD_LISTS
        .iter()
        .any(|start| crate::letters::starts_folded(text, start))
}
