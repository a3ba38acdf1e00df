//! Reading the docs' JSON examples leniently.
//!
//! About one success example in twenty is not strict JSON: `// comments`, `/* … */`,
//! `...` standing for more items, trailing commas, or a bare `"result": {…}` fragment. A
//! small pre-pass rewrites those (outside strings) into strict JSON for `serde_json`;
//! anything else (unquoted keys, unescaped quotes) stays an error for a diagnostic.
//!
//! A JSON5 crate would cover comments and trailing commas but not `...` or fragments, so
//! the pre-pass is needed anyway and is all we need.

use crate::text::Search as _;
use serde::de::DeserializeOwned;

/// What reading an example gave.
#[derive(Debug)]
pub struct Read<T> {
    pub value: T,
    /// The example needed the pre-pass (it is not strict JSON).
    pub repaired: bool,
}

/// The `result` of a success example, if the example reads as JSON: what the link pass and
/// the generator compare with the documented result.
pub fn result_of(text: &str) -> Option<serde_json::Value> {
    result_in(parse::<serde_json::Value>(text).ok()?.value)
}

/// The `result` of a success example read as JSON (see [`result_of`]).
pub fn result_in(example: serde_json::Value) -> Option<serde_json::Value> {
    match example {
        serde_json::Value::Object(mut top) => top.remove("result"),
        _ => None,
    }
}

/// Parses `text` as JSON, repairing the common deviations first when it is not strict.
/// `T` is what the text is read into, `serde_json::Value` for every reader here.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<Read<T>, serde_json::Error> {
    match serde_json::from_str(text) {
        Ok(value) => Ok(Read {
            value,
            repaired: false,
        }),
        Err(strict_error) => {
            let repaired = repair(text);
            let attempt = serde_json::from_str(&repaired).or_else(|error| {
                // `"result": {…}` without braces around it.
                let trimmed = repaired.trim();
                if trimmed.starts_with('"') {
                    serde_json::from_str(&format!("{{{trimmed}}}"))
                } else {
                    Err(error)
                }
            });
            attempt
                .map(|value| Read {
                    value,
                    repaired: true,
                })
                .map_err(|_| strict_error)
        }
    }
}

/// Removes comments and ellipses and then trailing commas, outside strings; linear in the
/// input.
pub fn repair(text: &str) -> String {
    let without = strip_comments_and_ellipses(text);
    strip_trailing_commas(&without)
}

fn strip_comments_and_ellipses(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let skip_to = match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                Some(text[i..].find('\n').map_or(text.len(), |n| i + n))
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => Some(
                text[i + 2..]
                    .find_str("*/")
                    .map_or(text.len(), |n| i + 2 + n + 2),
            ),
            b'.' if text[i..].starts_with("...") => {
                Some(i + bytes[i..].iter().take_while(|&&c| c == b'.').count())
            }
            // `…` (U+2026) is three bytes.
            0xE2 if text[i..].starts_with('…') => Some(i + '…'.len_utf8()),
            _ => None,
        };
        match skip_to {
            Some(end) => {
                out.push_str(&text[copied..i]);
                i = end.min(text.len());
                copied = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied.min(text.len())..]);
    out
}

/// Just past the string whose opening quote is at `open`: past its closing quote or, since
/// a string cannot span lines in JSON (a stray quote must not swallow the rest), past the
/// line break; at or past the end of `bytes` when neither comes.
fn string_end(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' | b'\n' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Drops a comma followed (after whitespace) by `}` or `]`, and commas doubled by an
/// ellipsis removal (`[1, ..., 2]` → `[1, , 2]`).
fn strip_trailing_commas(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    // Whether the last significant byte outside strings opened a container or was a comma.
    let mut after_separator = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                after_separator = false;
                i = string_end(bytes, i);
                continue;
            }
            b',' => {
                let next = bytes[i + 1..]
                    .iter()
                    .position(|c| !c.is_ascii_whitespace())
                    .map(|n| bytes[i + 1 + n]);
                let dangling = after_separator || matches!(next, Some(b'}' | b']') | None);
                if dangling {
                    out.push_str(&text[copied..i]);
                    copied = i + 1;
                } else {
                    after_separator = true;
                }
            }
            b'{' | b'[' => after_separator = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_separator = false,
        }
        i += 1;
    }
    out.push_str(&text[copied.min(text.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn strict_json_is_read_as_is() {
        let read = parse::<Value>(r#"{"result": true}"#).unwrap();
        assert_eq!(read.value, json!({"result": true}));
        assert!(!read.repaired);
    }

    #[test]
    fn comments_ellipses_and_trailing_commas_are_repaired() {
        let text = r#"{
            // the answer
            "result": [
                {"ID": "1", "URL": "http://x/y"}, /* more */
                ...
            ],
            "next": 50,
            "total": 2,
            "note": "a ... b // c",
        }"#;
        let read = parse::<Value>(text).unwrap();
        assert!(read.repaired);
        assert_eq!(
            read.value["result"],
            json!([{"ID": "1", "URL": "http://x/y"}])
        );
        assert_eq!(read.value["note"], json!("a ... b // c"));
        let read = parse::<Value>("[1, …, 2]").unwrap();
        assert_eq!(read.value, json!([1, 2]));
    }

    #[test]
    fn a_bare_result_fragment_is_wrapped() {
        let read = parse::<Value>("\"result\": {\"ID\": 5},\n\"time\": {}").unwrap();
        assert_eq!(read.value["result"]["ID"], json!(5));
    }

    #[test]
    fn real_garbage_stays_an_error() {
        assert!(parse::<Value>("{result: true}").is_err());
        assert!(parse::<Value>("{\"a\": \"unterminated}").is_err());
        assert!(parse::<Value>("").is_err());
    }
}
