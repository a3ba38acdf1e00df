//! Turning a file's bytes into text the parser can read, whatever the bytes are.

use std::borrow::Cow;

use crate::diagnostics::{Code, Diagnostics};

/// The largest real page is ~200 KB; a page this big is suspicious (but still read).
const LARGE_PAGE: usize = 4 * 1024 * 1024;

/// Decodes a page: strips a BOM, replaces invalid UTF-8 (with a diagnostic naming the line)
/// and normalizes line endings. Returns `None` for binary input, which is not a page.
pub fn decode<'b>(path: &str, bytes: &'b [u8], diags: &mut Diagnostics) -> Option<Cow<'b, str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(bytes) {
        diags.push(
            path,
            0,
            Code::BinaryInput,
            "the file holds binary data, not text",
        );
        return None;
    }
    // simdutf8 validates valid text (every real page) several times faster than std; std
    // runs only on invalid input, to find where it breaks.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let valid_up_to = std::str::from_utf8(bytes)
                .err()
                .map_or(bytes.len(), |error| error.valid_up_to());
            let valid = &bytes[..valid_up_to];
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
            diags.push(
                path,
                u32::try_from(line).unwrap_or(u32::MAX),
                Code::InvalidUtf8,
                "invalid UTF-8; bad bytes were replaced with U+FFFD",
            );
            String::from_utf8_lossy(bytes)
        }
    };
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    };
    if text.trim().is_empty() {
        diags.push(path, 0, Code::EmptyPage, "the page is empty");
    }
    if text.len() > LARGE_PAGE {
        diags.push(
            path,
            0,
            Code::LargePage,
            format!(
                "the page is {} MB, far larger than any documentation page; it is read anyway",
                text.len() / (1024 * 1024)
            ),
        );
    }
    Some(text)
}

/// NUL bytes never occur in markdown; a few in the first kilobytes mean a binary file.
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_rejected_with_a_diagnostic() {
        let mut diags = Diagnostics::default();
        assert!(decode("x.md", b"\x89PNG\0\0\x01", &mut diags).is_none());
        assert_eq!(diags.iter().next().map(|d| d.code), Some(Code::BinaryInput));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported_with_its_line() {
        let mut diags = Diagnostics::default();
        let text = decode("x.md", b"# a\nb \xFF c\n", &mut diags).unwrap();
        assert_eq!(text, "# a\nb \u{FFFD} c\n");
        let diag = diags.iter().next().unwrap();
        assert_eq!((diag.code, diag.line), (Code::InvalidUtf8, 2));
    }

    #[test]
    fn crlf_and_bom_are_normalized() {
        let mut diags = Diagnostics::default();
        let text = decode("x.md", b"\xEF\xBB\xBF# a\r\nb\r\n", &mut diags).unwrap();
        assert_eq!(text, "# a\nb\n");
        assert_eq!(diags.iter().count(), 0);
    }
}
