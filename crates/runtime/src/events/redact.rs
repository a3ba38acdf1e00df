//! A copy of a payload with its tokens masked, for `Debug`.

use serde_json::Value;

/// Keys whose values are credentials: event `auth` tokens and the placement POST's.
pub(crate) fn is_secret_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.ends_with("token") || lower == "auth_id" || lower == "refresh_id"
}

/// `value` with every secret key's value replaced by `"***"`, at any depth.
pub(crate) fn redacted(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let value = if is_secret_key(key) {
                        Value::String("***".to_owned())
                    } else {
                        redacted(value)
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redacted).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_tokens_at_any_depth() {
        let value = serde_json::json!({
            "auth": {"access_token": "a1", "domain": "x"},
            "list": [{"APPLICATION_TOKEN": "t2"}],
            "AUTH_ID": "a3",
        });
        let shown = redacted(&value).to_string();
        for secret in ["a1", "t2", "a3"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("\"domain\":\"x\""), "{shown}");
    }
}
