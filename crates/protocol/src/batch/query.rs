//! Encoding parameters as a PHP query string (`fields[PHONE][0][VALUE]=1`), the form
//! `batch` commands take (`crm.deal.add?fields[TITLE]=…`).
//!
//! Follows PHP's `http_build_query`: nested keys in brackets, `true`/`false` as `1`/`0`,
//! `null` and empty arrays left out. Keys and values are percent-encoded except for
//! `$result[…]` references, which stay readable for the portal to substitute.

use crate::ordered::Node;

/// Encodes a parameters object. A non-object value has no keys to encode and yields `None`.
pub(crate) fn encode(params: &Node) -> Option<String> {
    let mut out = String::new();
    match params {
        Node::Object(entries) => {
            for (key, value) in entries {
                push_pair(&mut out, &escape(key), value);
            }
        }
        Node::Null => {}
        _ => return None,
    }
    Some(out)
}

fn push_pair(out: &mut String, key: &str, value: &Node) {
    match value {
        Node::Null => {}
        Node::Bool(b) => push(out, key, if *b { "1" } else { "0" }),
        Node::Number(n) => push(out, key, &n.to_string()),
        Node::String(s) if is_reference(s) => push(out, key, s),
        Node::String(s) => push(out, key, &escape(s)),
        Node::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                push_pair(out, &format!("{key}[{index}]"), item);
            }
        }
        Node::Object(entries) => {
            for (inner, item) in entries {
                push_pair(out, &format!("{key}[{}]", escape(inner)), item);
            }
        }
    }
}

fn push(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str(key);
    out.push('=');
    out.push_str(value);
}

/// `$result[name]` followed by any number of `[key]`: a batch reference.
pub fn is_reference(value: &str) -> bool {
    let Some(mut rest) = value.strip_prefix("$result") else {
        return false;
    };
    let mut parts = 0;
    while let Some(after) = rest.strip_prefix('[') {
        let Some(end) = after.find(']') else {
            return false;
        };
        if after[..end].contains(['[', '&', '=', '#']) {
            return false;
        }
        rest = &after[end + 1..];
        parts += 1;
    }
    parts > 0 && rest.is_empty()
}

/// The command name a reference points at.
pub fn reference_target(value: &str) -> Option<&str> {
    let rest = value.strip_prefix("$result[")?;
    rest.split(']').next()
}

/// RFC 3986 percent-encoding (PHP's `rawurlencode`): unreserved characters stay.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(test)]
mod tests {
    use super::*;

    /// Encodes JSON text, keeping its key order.
    fn enc(json: &str) -> Option<String> {
        encode(&serde_json::from_str::<Node>(json).unwrap())
    }

    #[test]
    fn nested_keys_are_php_style() {
        let query = enc(r#"{
            "fields": {"TITLE": "John&Martin", "PHONE": [{"VALUE": "112233", "VALUE_TYPE": "WORK"}]},
            "params": {"REGISTER_SONET_EVENT": true, "X": false, "N": null, "E": []},
            "id": 7
        }"#)
        .unwrap();
        assert_eq!(
            query,
            "fields[TITLE]=John%26Martin&fields[PHONE][0][VALUE]=112233\
             &fields[PHONE][0][VALUE_TYPE]=WORK&params[REGISTER_SONET_EVENT]=1&params[X]=0&id=7"
        );
    }

    #[test]
    fn operators_in_keys_and_unicode_are_escaped() {
        let query =
            enc(r#"{"filter": {">=DATE": "2024-01-01 10:00", "%TITLE": "Сделка"}}"#).unwrap();
        assert_eq!(
            query,
            "filter[%3E%3DDATE]=2024-01-01%2010%3A00&filter[%25TITLE]=%D0%A1%D0%B4%D0%B5%D0%BB%D0%BA%D0%B0"
        );
    }

    #[test]
    fn references_stay_readable() {
        let query =
            enc(r#"{"ID": "$result[get_user][UF_DEPARTMENT][0]", "T": "$result x"}"#).unwrap();
        assert_eq!(
            query,
            "ID=$result[get_user][UF_DEPARTMENT][0]&T=%24result%20x"
        );
        assert!(is_reference("$result[a]"));
        assert!(!is_reference("$result"));
        assert!(!is_reference("$result[a]x"));
        assert!(!is_reference("$result[a&b=c]"));
        assert_eq!(reference_target("$result[get_user][0]"), Some("get_user"));
    }

    #[test]
    fn only_objects_have_keys() {
        assert_eq!(enc("null").as_deref(), Some(""));
        assert_eq!(enc("[1]"), None);
        assert_eq!(enc("\"x\""), None);
    }
}
