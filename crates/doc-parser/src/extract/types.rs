//! From the docs' type words (`unknown`, `int`, `integer[]`, `crm_status`) to [`TypeExpr`].

use b24_spec::{TypeExpr, TypeRef};

use super::inline::code_spans;

/// Reads the type part of a name cell (the text after the bold name): code spans and link
/// texts, with `|` separating union members wherever it appears.
pub fn read_type(rest: &str) -> Option<TypeRef> {
    let mut members: Vec<String> = Vec::new();
    for span in code_spans(rest) {
        for word in span.split(['|', ',']) {
            let word = word.trim();
            if !word.is_empty() {
                members.push(word.to_owned());
            }
        }
    }
    if members.is_empty() {
        // `[object](../data-types.md)`: a link text without backticks.
        if let Some(text) = rest
            .trim_start()
            .strip_prefix('[')
            .and_then(|t| t.split_once(']'))
        {
            let word = text.0.trim();
            if !word.is_empty() && !word.contains(char::is_whitespace) {
                members.push(word.to_owned());
            }
        }
    }
    if members.is_empty() {
        return None;
    }
    let written = members.join(" | ");
    let mut normalized: Vec<TypeExpr> = Vec::new();
    for member in &members {
        let expr = normalize(member);
        if !normalized.contains(&expr) {
            normalized.push(expr);
        }
    }
    let normalized = if normalized.len() == 1 {
        normalized.remove(0)
    } else {
        TypeExpr::Union(normalized)
    };
    Some(TypeRef {
        written: Some(written),
        normalized,
    })
}

/// Normalizes one type word; unknown words become references to a named type.
pub fn normalize(word: &str) -> TypeExpr {
    let word = word.trim();
    if let Some(inner) = word.strip_suffix("[]") {
        return TypeExpr::Array(Box::new(normalize(inner)));
    }
    match word.to_ascii_lowercase().as_str() {
        // `unknown` is what the old pages say when they give no type; values are strings.
        "string" | "str" | "text" | "char" | "unknown" => TypeExpr::String,
        "integer" | "int" | "long" | "uint" => TypeExpr::Integer,
        "double" | "float" | "number" | "decimal" | "numeric" => TypeExpr::Number,
        "boolean" | "bool" => TypeExpr::Boolean,
        "date" => TypeExpr::Date,
        "datetime" => TypeExpr::DateTime,
        "object" | "map" => TypeExpr::Object,
        "array" | "list" => TypeExpr::Array(Box::new(TypeExpr::Any)),
        "file" => TypeExpr::File,
        "any" | "mixed" => TypeExpr::Any,
        _ => TypeExpr::Ref(word.to_owned()),
    }
}

/// Whether a normalized type is a reference to a word we do not know.
pub fn is_unknown_word(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Ref(_) => true,
        TypeExpr::Array(inner) => is_unknown_word(inner),
        TypeExpr::Union(members) => members.iter().any(is_unknown_word),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_type() {
        let ty = read_type("\n[`unknown`](../../data-types.md)").unwrap();
        assert_eq!(ty.written.as_deref(), Some("unknown"));
        assert_eq!(ty.normalized, TypeExpr::String);
    }

    #[test]
    fn arrays_unions_and_refs() {
        let ty = read_type("[```integer | integer[]```](../data-types.md#compound-types)").unwrap();
        assert_eq!(ty.normalized.to_string(), "integer | integer[]");
        let ty = read_type("[`integer`](a) \\| [`string`](b)").unwrap();
        assert_eq!(ty.normalized.to_string(), "integer | string");
        let ty = read_type("[`crm_status`](../data-types.md)").unwrap();
        assert_eq!(ty.normalized, TypeExpr::Ref("crm_status".into()));
        let ty = read_type("[object](../data-types.md)").unwrap();
        assert_eq!(ty.normalized, TypeExpr::Object);
        assert!(read_type("").is_none());
    }
}
