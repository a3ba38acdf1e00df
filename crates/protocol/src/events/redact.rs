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
                    // `auth` as one string is a token too (offline events' examples).
                    let value = if is_secret_key(key) || (key == "auth" && value.is_string()) {
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

/// Shows a map of undocumented keys with its tokens masked; the generated event payloads
/// print their `extra` through it.
pub struct Redacted<'a>(pub &'a serde_json::Map<String, Value>);

impl std::fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for (key, value) in self.0 {
            if is_secret_key(key) || (key == "auth" && value.is_string()) {
                map.entry(key, &"***");
            } else {
                map.entry(key, &redacted(value));
            }
        }
        map.finish()
    }
}

/// Shows any JSON value with its tokens masked; the generated event payloads print their
/// untyped (`serde_json::Value`) fields through it.
pub struct RedactedValue<'a>(pub &'a Value);

impl std::fmt::Debug for RedactedValue<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&redacted(self.0), f)
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
        let map = value.as_object().cloned().unwrap_or_default();
        let debug = format!("{:?} {:?}", Redacted(&map), RedactedValue(&value));
        for secret in ["a1", "t2", "a3"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }
}
