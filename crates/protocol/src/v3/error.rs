//! The REST 3.0 error object (`rest-v3.md#response`): `code` and `message` always,
//! `validation` (a list of `{field, message}`) when the request's parameters were wrong.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One entry of `error.validation`: which parameter was wrong and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validation {
    /// The parameter (`id`, `fields.title`); empty when the portal names none.
    #[serde(default)]
    pub field: String,
    #[serde(default)]
    pub message: String,
}

/// `(code, message, validation)` of an `error` object. Values of the wrong JSON type are
/// rendered as text rather than dropped: a diagnosis needs them.
pub(crate) fn parts(error: &Value) -> (String, String, Vec<Validation>) {
    let text = |key: &str| crate::envelope::text_of(error.get(key));
    let code = text("code").unwrap_or_default();
    let message = text("message")
        .or_else(|| text("description"))
        .unwrap_or_default();
    (code, message, validation(error))
}

/// The `validation` list; entries that are not objects are kept as their text.
pub(crate) fn validation(error: &Value) -> Vec<Validation> {
    let Some(Value::Array(entries)) = error.get("validation") else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|entry| match entry {
            Value::Object(_) => {
                serde_json::from_value(entry.clone()).unwrap_or_else(|_| Validation {
                    field: String::new(),
                    message: entry.to_string(),
                })
            }
            Value::String(message) => Validation {
                field: String::new(),
                message: message.clone(),
            },
            other => Validation {
                field: String::new(),
                message: other.to_string(),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_documented_error_is_read() {
        let error = json!({
            "code": "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION",
            "message": "Ошибка при валидации объекта запроса",
            "validation": [{"message": "Обязательное поле `id` не указано", "field": "id"}]
        });
        let (code, message, validation) = parts(&error);
        assert_eq!(
            code,
            "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION"
        );
        assert_eq!(message, "Ошибка при валидации объекта запроса");
        assert_eq!(
            validation,
            [Validation {
                field: "id".to_owned(),
                message: "Обязательное поле `id` не указано".to_owned()
            }]
        );
        assert!(parts(&json!({"code": "X", "message": "m"})).2.is_empty());
    }
}
