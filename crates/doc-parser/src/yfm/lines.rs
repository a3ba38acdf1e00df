//! Line-level helpers shared by the YFM scanners: code fences, region ends, dedenting.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;

use super::directive::{self, Directive, Family};
use crate::markdown::LineIndex;

/// An open code fence: YFM syntax inside it is code, not markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fence {
    marker: u8,
    len: usize,
}

impl Fence {
    /// The fence a line opens, if it starts one (```` ``` ```` or `~~~`, any indentation).
    #[inline]
    pub fn opened_by(line: &str) -> Option<Fence> {
        // Scanners ask at every line, and most start with text: rejected here, inlined,
        // before any trimming.
        let first = *line.as_bytes().first()?;
        if first.is_ascii_graphic() && first != b'`' && first != b'~' {
            return None;
        }
        Self::opened_after_indent(line)
    }

    fn opened_after_indent(line: &str) -> Option<Fence> {
        let trimmed = trim_start(line);
        let marker = *trimmed.as_bytes().first()?;
        if marker != b'`' && marker != b'~' {
            return None;
        }
        let len = trimmed.bytes().take_while(|&b| b == marker).count();
        if len < 3 {
            return None;
        }
        // A backtick fence's info string cannot contain backticks: "```a``` text" is inline code.
        if marker == b'`' && trimmed[len..].contains('`') {
            return None;
        }
        Some(Fence { marker, len })
    }

    /// The fence's info string's first word, lowercased (`json`, `php`), as pulldown-cmark
    /// reports it; `line` is the opening line.
    pub fn lang(self, line: &str) -> String {
        let trimmed = trim_start(line);
        let run = trimmed.bytes().take_while(|&b| b == self.marker).count();
        trimmed[run..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_lowercase()
    }

    /// CommonMark's closing line, nothing more: up to three spaces, a run of the marker at
    /// least as long, then only whitespace.
    pub fn closed_strictly_by(self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = line[indent..].trim_end();
        indent <= 3 && rest.len() >= self.len && rest.bytes().all(|b| b == self.marker)
    }

    /// Whether `line` closes the fence: a run of the marker at least as long, alone on the
    /// line, or followed by the `||` that ends a YFM table row (see
    /// [`Fence::closed_before_row_end`]).
    pub fn closed_by(self, line: &str) -> bool {
        // Most lines inside a fence are code: reject them on their first character.
        if trim_start(line).as_bytes().first() != Some(&self.marker) {
            return false;
        }
        let trimmed = line.trim();
        (trimmed.len() >= self.len && trimmed.bytes().all(|b| b == self.marker))
            || self.closed_before_row_end(line).is_some()
    }

    /// The first line at or after `from` (a line start) that `closes` the fence, as its
    /// start and end. Only lines holding the fence's marker are looked at: the lines in
    /// between are code, most of the docs' bytes.
    pub fn find_line(
        self,
        text: &str,
        from: usize,
        closes: impl Fn(Fence, &str) -> bool,
    ) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut search = from;
        while search < bytes.len() {
            let at = search + memchr::memchr(self.marker, &bytes[search..])?;
            let start =
                memchr::memrchr(b'\n', &bytes[search..at]).map_or(search, |n| search + n + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            if closes(self, &text[start..end]) {
                return Some((start, end));
            }
            search = end + 1;
        }
        None
    }

    /// Inside a table cell a fence may close on the row's last line: `` ``` || ``. Returns
    /// where the `||` starts in `line`.
    pub fn closed_before_row_end(self, line: &str) -> Option<usize> {
        let indent = line.len() - trim_start(line).len();
        let run = line[indent..]
            .bytes()
            .take_while(|&b| b == self.marker)
            .count();
        if run < self.len {
            return None;
        }
        let after = &line[indent + run..];
        let rest = after.trim_start();
        rest.starts_with("||")
            .then(|| indent + run + (after.len() - rest.len()))
    }
}

/// Where the next `{%` of a text is, searched ahead once and kept until the scanner passes
/// it: most lines hold none, and a search per line costs more than one search ahead.
pub struct TagMarks<'t> {
    text: &'t str,
    /// Where the last search started, and what it found.
    from: usize,
    next: Option<usize>,
}

impl<'t> TagMarks<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            from: usize::MAX,
            next: None,
        }
    }

    /// Whether a `{%` starts in `pos..end`.
    pub fn any_in(&mut self, pos: usize, end: usize) -> bool {
        let stale = pos < self.from || self.next.is_some_and(|next| next < pos);
        if stale {
            static OPEN: LazyLock<memmem::Finder<'static>> =
                LazyLock::new(|| memmem::Finder::new("{%"));
            let rest = self.text.as_bytes().get(pos..).unwrap_or_default();
            self.next = OPEN.find(rest).map(|at| pos + at);
            self.from = pos;
        }
        self.next.is_some_and(|next| next < end)
    }
}

/// Where a region's end tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Close {
    /// Start of the end tag (end of the region's content).
    pub start: usize,
    /// Just after the end tag.
    pub end: usize,
    /// For `{% if %}`: the range of a top-level `{% else %}` tag.
    pub else_at: Option<(usize, usize)>,
}

/// Finds the tag that closes a `family` region whose content starts at `from`, skipping
/// code fences and counting nested regions of the same family.
pub fn find_close(text: &str, from: usize, family: Family, lines: &LineIndex<'_>) -> Option<Close> {
    let mut depth = 0usize;
    let mut else_at = None;
    let mut fence: Option<Fence> = None;
    let mut marks = TagMarks::new(text);
    let mut pos = from;
    while pos < text.len() {
        // Several tags on one long line must not rescan it for its end.
        let line_end = lines.line_end(pos);
        let next_line = (line_end + 1).min(text.len());
        let at_line_start = pos == 0 || text.as_bytes()[pos - 1] == b'\n';
        if at_line_start {
            let line = &text[pos..line_end];
            if let Some(open) = fence {
                let (_, close_end) = open.find_line(text, pos, Fence::closed_by)?;
                fence = None;
                pos = (close_end + 1).min(text.len());
                continue;
            }
            if let Some(open) = Fence::opened_by(line) {
                fence = Some(open);
                pos = next_line;
                continue;
            }
        }
        let tag = if marks.any_in(pos, line_end) {
            directive::next_tag(&text[..line_end], pos)
        } else {
            None
        };
        let Some(tag) = tag else {
            pos = next_line;
            continue;
        };
        pos = tag.end;
        if tag.directive == Directive::Else && depth == 0 && family == Family::If {
            else_at.get_or_insert((tag.start, tag.end));
            continue;
        }
        if tag.directive.family() != Some(family) {
            continue;
        }
        if tag.directive.is_open() {
            depth += 1;
        } else if depth == 0 {
            return Some(Close {
                start: tag.start,
                end: tag.end,
                else_at,
            });
        } else {
            depth -= 1;
        }
    }
    None
}

/// `str::trim_start` for scanned lines: spaces and tabs are skipped bytewise and the std
/// Unicode check runs only when a non-ASCII or other whitespace character follows (the
/// scanners trim every line of every page).
pub fn trim_start(line: &str) -> &str {
    let skipped = line
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    let rest = &line[skipped..];
    match rest.as_bytes().first() {
        Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => rest,
        None => rest,
        Some(_) => rest.trim_start(),
    }
}

/// Where the two-byte marker `ab` (`{%`, `%}`) first occurs in `text` at or after `from`.
/// memchr on the first byte: `str::find` with a `&str` pattern builds a two-way searcher
/// on every call, and the scanners call this at every line with a tag.
pub fn find_marker(text: &str, from: usize, [a, b]: [u8; 2]) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(a, bytes.get(from..)?)
        .map(|i| from + i)
        .find(|&i| bytes.get(i + 1) == Some(&b))
}

/// Whether `text` holds a YFM construct or a code fence: `{%`, `#|`, ```` ``` ```` or `~~~`.
pub fn has_yfm_markers(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'{', b'#', b'`', bytes).any(|i| match bytes[i] {
        b'{' => bytes.get(i + 1) == Some(&b'%'),
        b'#' => bytes.get(i + 1) == Some(&b'|'),
        _ => bytes[i..].starts_with(b"```"),
    }) || memchr::memchr_iter(b'~', bytes).any(|i| bytes[i..].starts_with(b"~~~"))
}

/// The end of the line starting at or containing `pos`: its `\n` or the end of `text`.
pub fn line_end(text: &str, pos: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i)
}

/// Removes the indentation every non-blank line shares, keeping the line count. Hot (every
/// tab and multi-line cell): not copied at all when nothing is indented.
pub fn dedent(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    if dedent_into(text, &mut out) {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Appends `text` without the indentation its non-blank lines share to `out`; returns
/// `false`, appending nothing, when there is none to remove. One pass over the lines
/// while they are indented at least as much as the first non-blank one (nearly always);
/// a line indented less starts over with the least indentation counted first.
pub fn dedent_into(text: &str, out: &mut String) -> bool {
    let first_indent = text.split('\n').find_map(|line| {
        let spaces = indentation(line, usize::MAX);
        (!is_blank(&line[spaces..])).then_some(spaces)
    });
    let Some(indent) = first_indent.filter(|&indent| indent > 0) else {
        return false;
    };
    let mark = out.len();
    out.reserve(text.len());
    // Each line is copied with its `\n`: one copy per line (tab bodies are mostly code).
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < text.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |at| start + at + 1);
        let line = &text[start..end];
        let spaces = indentation(line, indent);
        if spaces < indent && !is_blank(&line[spaces..]) {
            out.truncate(mark);
            return dedent_by(text, least_indentation(text), out);
        }
        // Blank lines may be shorter than the indent; indentation is ASCII, so byte
        // slicing stays on a char boundary.
        out.push_str(&line[spaces..]);
        start = end;
    }
    true
}

/// The least indentation of the non-blank lines (`usize::MAX` if all are blank).
fn least_indentation(text: &str) -> usize {
    let mut indent = usize::MAX;
    for line in text.split('\n') {
        // Only a line indented less than the least so far can lower it: count no further.
        let spaces = indentation(line, indent);
        if spaces < indent && !is_blank(&line[spaces..]) {
            indent = spaces;
        }
    }
    indent
}

/// Appends `text` with up to `indent` leading spaces and tabs removed from every line.
fn dedent_by(text: &str, indent: usize, out: &mut String) -> bool {
    if indent == 0 || indent == usize::MAX {
        return false;
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&line[indentation(line, indent)..]);
    }
    true
}

/// The spaces and tabs a line starts with, in bytes, counted up to `limit`.
fn indentation(line: &str, limit: usize) -> usize {
    line.bytes()
        .take(limit)
        .take_while(|&b| b == b' ' || b == b'\t')
        .count()
}

/// Whether what follows a line's indentation is only whitespace; a printable ASCII first
/// byte answers without the Unicode check.
fn is_blank(content: &str) -> bool {
    match content.as_bytes().first() {
        // Nothing, or (in `dedent_into`, whose lines keep their `\n`) the line's end.
        None | Some(b'\n') => true,
        Some(&b) if b.is_ascii_graphic() => false,
        Some(_) => content.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences() {
        let fence = Fence::opened_by("    ```json").unwrap();
        assert!(fence.closed_by("    ```"));
        assert!(!fence.closed_by("``"));
        assert_eq!(fence.closed_before_row_end("    ``` ||"), Some(8));
        assert_eq!(fence.closed_before_row_end("    ```"), None);
        assert_eq!(fence.closed_before_row_end("``` text ||"), None);
        assert!(Fence::opened_by("```online|offline``` text").is_none());
        assert!(Fence::opened_by("~~~~").is_some());
    }

    #[test]
    fn nested_regions_and_fences_are_skipped() {
        let text = "a\n{% note %}\nb\n{% endnote %}\n```\n{% endnote %}\n```\n{% endnote %} tail";
        let close = find_close(text, 0, Family::Note, &LineIndex::new(text, 1)).unwrap();
        assert_eq!(&text[close.end..], " tail");
    }

    #[test]
    fn tag_marks_are_found_ahead_and_again_when_passed() {
        let text = "ab {% x %}\ncd\n{% y %}";
        let mut marks = TagMarks::new(text);
        assert!(marks.any_in(0, 10));
        assert!(!marks.any_in(11, 13));
        assert!(marks.any_in(11, 20));
        assert!(marks.any_in(14, 20));
        assert!(!marks.any_in(16, text.len()));
        assert!(marks.any_in(0, 4));
        assert!(!marks.any_in(0, 3));
    }

    #[test]
    fn else_is_found_at_top_level() {
        let text = "x{% else %}y{% endif %}";
        let close = find_close(text, 0, Family::If, &LineIndex::new(text, 1)).unwrap();
        assert_eq!(close.else_at, Some((1, 11)));
    }

    #[test]
    fn trim_start_agrees_with_std() {
        for line in [
            "",
            "   ",
            "x",
            "  #| a",
            "\t\t```",
            " \u{A0}#|",
            "\u{3000} a",
            " \u{B}x",
            "  ё",
            " \r\n",
        ] {
            assert_eq!(trim_start(line), line.trim_start(), "{line:?}");
        }
    }

    #[test]
    fn dedent_keeps_lines() {
        assert_eq!(dedent("    a\n\n      b\n"), "a\n\n  b\n");
        assert_eq!(dedent("a\n  b"), "a\n  b");
        assert_eq!(dedent("\t  a\n \n\t   b\n\u{A0}"), "a\n\n b\n\u{A0}");
        assert_eq!(dedent("  \n   \n"), "  \n   \n");
        assert_eq!(dedent("      a\n    b\n\n     c"), "  a\nb\n\n c");
        assert_eq!(dedent("\n   a\n  \n  b\n"), "\n a\n\nb\n");
        assert!(matches!(dedent("\n\na\n  b"), Cow::Borrowed(_)));
        let mut out = String::from("first\n");
        assert!(dedent_into("    a\n      b\n  c", &mut out));
        assert_eq!(out, "first\n  a\n    b\nc");
        assert!(!dedent_into("a\n  b", &mut out));
        assert_eq!(out, "first\n  a\n    b\nc");
    }
}
