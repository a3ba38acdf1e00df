//! Small readers for inline markdown in raw cell and paragraph text.

use crate::text::Search as _;
use crate::text::{ByteSet, skip_others};

/// The contents of every code span (`` `x` ``, ```` ```x``` ````), in order.
pub fn code_spans(raw: &str) -> Vec<&str> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => match code_span_at(&raw[i..]) {
                Some((content, len)) => {
                    out.push(content);
                    i += len;
                }
                // An unclosed run of ticks is text.
                None => i += bytes[i..].iter().take_while(|&&b| b == b'`').count(),
            },
            _ => i += 1,
        }
    }
    out
}

/// A code span at the start of `text`: its trimmed content and its length with the ticks.
pub fn code_span_at(text: &str) -> Option<(&str, usize)> {
    let run = text.bytes().take_while(|&b| b == b'`').count();
    if run == 0 {
        return None;
    }
    let body = &text[run..];
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let len = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if len == run {
                return Some((body[..i].trim(), run + i + len));
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// Splits `**bold**` off the start of `raw` (after leading spaces): the bold content and
/// the text after the closing `**`.
pub fn leading_bold(raw: &str) -> Option<(&str, &str)> {
    let trimmed = raw.trim_start();
    let inner = trimmed.strip_prefix("**")?;
    let mut from = 0;
    loop {
        let close = from + inner.get(from..)?.find_str("**")?;
        // `\*` is an escaped star (a required marker), not half of the closing `**`.
        if close > 0 && inner.as_bytes()[close - 1] == b'\\' {
            from = close + 1;
            continue;
        }
        return Some((&inner[..close], &inner[close + 2..]));
    }
}

/// Removes inline markup for matching and display: emphasis, code ticks, link targets.
pub fn plain(raw: &str) -> String {
    // Text between these bytes (ASCII, so every cut is on a char boundary) is copied in runs.
    const MARKUP: ByteSet = ByteSet::of(b"*`\\[]");
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    loop {
        let next = skip_others(bytes, i, &MARKUP);
        out.push_str(&raw[i..next]);
        i = next;
        let rest = &raw[i..];
        match bytes.get(i) {
            None => break,
            Some(b'*') if rest.starts_with("**") => {
                i += rest.len() - rest.trim_start_matches('*').len()
            }
            Some(b'`') => i += rest.len() - rest.trim_start_matches('`').len(),
            Some(b'\\') => {
                // The escaped character is kept, whatever it is.
                let escaped = rest[1..].chars().next();
                if let Some(next) = escaped {
                    out.push(next);
                }
                i += 1 + escaped.map_or(0, char::len_utf8);
            }
            // Drop the link target, keep the text before it.
            Some(b']') if rest.starts_with("](") => i += rest.find(')').unwrap_or(0) + 1,
            Some(b'[') => i += 1,
            Some(&other) => {
                out.push(char::from(other));
                i += 1;
            }
        }
    }
    crate::markdown::trimmed(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_of_all_lengths() {
        assert_eq!(
            code_spans("[`unknown`](x.md) | ```integer | integer[]``` \\`no`"),
            vec!["unknown", "integer | integer[]"]
        );
        assert_eq!(code_spans("unclosed `x"), Vec::<&str>::new());
    }

    #[test]
    fn bold_at_start() {
        assert_eq!(
            leading_bold("**STATUS^*^**\n[`unknown`](x)"),
            Some(("STATUS^*^", "\n[`unknown`](x)"))
        );
        assert_eq!(leading_bold("**STATUS***"), Some(("STATUS", "*")));
        assert_eq!(leading_bold("STATUS"), None);
    }

    #[test]
    fn plain_text() {
        assert_eq!(plain("**Параметр**"), "Параметр");
        assert_eq!(plain("[`im`](../scopes.md) и `x`"), "im и x");
        assert_eq!(plain("a\\*b"), "a*b");
        assert_eq!(
            plain(" **a** *b* `c` \\ё [d](x) e]f ](g \\"),
            "a *b* c ё d e]f (g"
        );
        assert_eq!(plain("_x_ ***y*** ``z``"), "_x_ y z");
    }
}
