//! YFM tables: `#|` … `|#`, rows `|| a | b ||`, cells holding any block content.

use crate::diagnostics::Code;
use crate::markdown;
use crate::markdown::LineIndex;
use crate::page::{Cell, Node, Row, Table, Text};
use memchr::memmem::Finder;
use std::sync::LazyLock;

use super::lines::{Fence, dedent_into, line_end, trim_start};
use super::{Context, Origin, parse_blocks};

/// Parses the table whose `#|` line starts at `start`; returns it and where the text
/// after it begins.
pub(super) fn parse(
    text: &str,
    start: usize,
    index: &LineIndex<'_>,
    origin: Origin<'_>,
    ctx: &mut Context<'_>,
) -> (Table, usize) {
    let line = index.line(start);
    let open_end = line_end(text, start);
    let trailing = text[start..open_end]
        .trim_start()
        .trim_start_matches("#|")
        .trim();
    if !trailing.is_empty() {
        ctx.diags.push(
            origin.path,
            line,
            Code::MalformedTable,
            format!("text `{trailing}` after `#|` is ignored"),
        );
    }
    let body_start = (open_end + 1).min(text.len());
    let (body_end, after) = match find_table_end(text, body_start) {
        Some(end) => end,
        None => {
            let end = last_row_end(text, body_start);
            ctx.diags.push(
                origin.path,
                line,
                Code::UnclosedTable,
                "`#|` table is never closed with `|#`; it ends at its last complete row",
            );
            (end, end)
        }
    };
    let rows = split_rows(text, body_start, body_end, index, origin, ctx);
    (Table { rows, line }, after)
}

/// Finds the `|#` line closing a table whose body starts at `from`: returns the body end
/// and the start of the line after `|#`.
fn find_table_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut fence: Option<Fence> = None;
    let mut pos = from;
    while pos < text.len() {
        if let Some(open) = fence {
            let (_, close_end) = open.find_line(text, pos, Fence::closed_by)?;
            fence = None;
            pos = (close_end + 1).min(text.len());
            continue;
        }
        let line_end = line_end(text, pos);
        let next_line = (line_end + 1).min(text.len());
        let line = &text[pos..line_end];
        let trimmed = trim_start(line);
        if let Some(open) = Fence::opened_by(line) {
            fence = Some(open);
        } else if trimmed.starts_with("#|") {
            depth += 1;
        } else if trimmed.starts_with("|#") {
            if depth == 0 {
                return Some((pos, next_line));
            }
            depth -= 1;
        }
        pos = next_line;
    }
    None
}

/// For an unclosed table: the end of the last line that ends a row (`||`).
fn last_row_end(text: &str, from: usize) -> usize {
    let mut end = from;
    let mut pos = from;
    while pos < text.len() {
        let line_end = line_end(text, pos);
        if text[pos..line_end].trim_end().ends_with("||") {
            end = (line_end + 1).min(text.len());
        }
        pos = line_end + 1;
    }
    end
}

struct RowScanner<'a> {
    body: &'a str,
    /// Offset of `body` in the text the line index covers.
    offset: usize,
    rows: Vec<Row>,
    cells: Vec<(usize, usize)>,
    row_start: Option<usize>,
    cell_start: usize,
}

fn split_rows(
    text: &str,
    body_start: usize,
    body_end: usize,
    index: &LineIndex<'_>,
    origin: Origin<'_>,
    ctx: &mut Context<'_>,
) -> Vec<Row> {
    let body = &text[body_start..body_end];
    let bytes = body.as_bytes();
    let mut scan = RowScanner {
        body,
        offset: body_start,
        rows: Vec::new(),
        cells: Vec::new(),
        row_start: None,
        cell_start: 0,
    };
    let mut fence: Option<Fence> = None;
    let mut memo = SpanMemo::default();
    let mut i = 0;
    // The end of the line being scanned: plain text is skipped up to it.
    let mut line_stop = 0;
    while i < bytes.len() {
        if i == 0 || bytes[i - 1] == b'\n' {
            let line_end = line_end(body, i);
            line_stop = line_end;
            let next_line = (line_end + 1).min(body.len());
            let line = &body[i..line_end];
            if let Some(open) = fence {
                fence = None;
                i = match open.find_line(body, i, Fence::closed_by) {
                    Some((start, end)) => match open.closed_before_row_end(&body[start..end]) {
                        // `` ``` || ``: the fence ends and so does the row.
                        Some(row_end) => start + row_end,
                        None => (end + 1).min(body.len()),
                    },
                    None => body.len(),
                };
                continue;
            }
            if scan.row_start.is_some() {
                if let Some(open) = Fence::opened_by(line) {
                    fence = Some(open);
                    i = next_line;
                    continue;
                }
                if trim_start(line).starts_with("#|") {
                    // A nested table belongs to the cell: skip to after its `|#`.
                    i = match find_table_end(body, next_line) {
                        Some((_, after)) => after,
                        None => body.len(),
                    };
                    continue;
                }
            }
        }
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => i = skip_code_span(body, i, &mut memo),
            b'|' if bytes.get(i + 1) == Some(&b'|') => {
                match scan.row_start {
                    None => {
                        scan.row_start = Some(i);
                        scan.cell_start = i + 2;
                    }
                    Some(_) => {
                        scan.cells.push((scan.cell_start, i));
                        scan.finish_row(index, origin, ctx);
                    }
                }
                i += 2;
            }
            b'|' if scan.row_start.is_some() => {
                scan.cells.push((scan.cell_start, i));
                scan.cell_start = i + 1;
                i += 1;
            }
            // Plain text: on to the next byte that may matter, stopping after a line end.
            b'\n' => i += 1,
            _ => {
                if i > line_stop {
                    // A code span ran over lines.
                    line_stop = line_end(body, i);
                }
                i = memchr::memchr3(b'\\', b'`', b'|', &bytes[i + 1..line_stop])
                    .map_or(line_stop, |at| i + 1 + at);
            }
        }
    }
    if let Some(start) = scan.row_start {
        ctx.diags.push(
            origin.path,
            index.line(body_start + start),
            Code::MalformedTable,
            "table row is not closed with `||`",
        );
        scan.cells.push((scan.cell_start, body.len()));
        scan.finish_row(index, origin, ctx);
    }
    scan.rows
}

impl RowScanner<'_> {
    fn finish_row(&mut self, index: &LineIndex<'_>, origin: Origin<'_>, ctx: &mut Context<'_>) {
        let row_line = index.line(self.offset + self.row_start.unwrap_or(0));
        let cell_origin = Origin {
            nesting: origin.nesting + 1,
            ..origin
        };
        // Drained, not taken: the buffer serves every row.
        let cells = self
            .cells
            .drain(..)
            .map(|(start, end)| {
                let content = &self.body[start.min(end)..end];
                let unindented = trim_start(content);
                let leading = content.len() - unindented.len();
                let line = index.line(self.offset + start + leading);
                let source = cell_source(unindented.trim_end());
                let nodes = match simple_paragraph(&source) {
                    // Most cells are one paragraph (`**NAME**` and its type, or a sentence):
                    // skip a full markdown parse for them.
                    Some(raw) if !raw.is_empty() => vec![Node::Paragraph(Text {
                        raw: raw.to_owned(),
                        plain: markdown::plain_inline(raw),
                        line,
                    })],
                    Some(_) => Vec::new(),
                    None => parse_blocks(&source, line, cell_origin, ctx),
                };
                // The source is trimmed already unless dedenting left edge whitespace.
                let raw = markdown::trimmed(source);
                Cell { raw, nodes, line }
            })
            .collect();
        self.rows.push(Row {
            cells,
            line: row_line,
        });
        self.row_start = None;
    }
}

/// A cell's first line starts after `|`; the following lines carry the table's own
/// indentation, which is removed so indented code and lists read as intended.
fn cell_source(content: &str) -> String {
    match memchr::memchr(b'\n', content.as_bytes()).map(|at| (&content[..at], &content[at + 1..])) {
        Some((first, rest)) => {
            let mut source = String::with_capacity(content.len());
            source.push_str(first);
            source.push('\n');
            if !dedent_into(rest, &mut source) {
                source.push_str(rest);
            }
            source
        }
        None => content.to_owned(),
    }
}

/// Remembers, for the code-span scan of one table body, where the current span limit is
/// and which backtick runs are known to have no closer before it: without this an
/// unmatched backtick would rescan to the limit each time, quadratic on hostile input.
#[derive(Default)]
struct SpanMemo {
    /// The next `\n\n` and the next `\n||` at or after some earlier query: each is searched
    /// again only once passed, so a table is scanned a bounded number of times.
    blank: Option<usize>,
    row: Option<usize>,
    /// Run lengths with no closing run before `limit`, and the limit they were found for.
    unclosed: Vec<usize>,
    unclosed_limit: usize,
}

impl SpanMemo {
    fn limit(&mut self, body: &str, from: usize) -> usize {
        // Searched for often, in every table: the searchers are built once.
        static BLANK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\n\n"));
        static ROW: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\n||"));
        let next = |finder: &Finder<'_>, cached: Option<usize>| match cached {
            Some(at) if at >= from => at,
            _ => finder
                .find(&body.as_bytes()[from..])
                .map_or(body.len(), |n| from + n),
        };
        let blank = next(&BLANK, self.blank);
        let row = next(&ROW, self.row);
        self.blank = Some(blank);
        self.row = Some(row);
        let limit = blank.min(row);
        if limit != self.unclosed_limit {
            self.unclosed.clear();
            self.unclosed_limit = limit;
        }
        limit
    }
}

/// Skips an inline code span starting at `start` (a run of backticks); pipes inside code
/// do not split cells. Unmatched backticks are literal.
fn skip_code_span(body: &str, start: usize, memo: &mut SpanMemo) -> usize {
    let bytes = body.as_bytes();
    let run = bytes[start..].iter().take_while(|&&b| b == b'`').count();
    let open_end = start + run;
    // A code span cannot cross a paragraph break or the start of the next row.
    let limit = memo.limit(body, open_end.min(body.len().saturating_sub(1)));
    if memo.unclosed.contains(&run) {
        return open_end;
    }
    let mut i = open_end;
    while i < limit {
        if bytes[i] == b'`' {
            let len = bytes[i..limit].iter().take_while(|&&b| b == b'`').count();
            if len == run {
                return i + len;
            }
            i += len;
        } else {
            i += 1;
        }
    }
    memo.unclosed.push(run);
    open_end
}

/// YFM (`{%`, `#|`), HTML or entities (`<`, `&`): one pass, as cells are many and short.
fn needs_full_parse(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'<', b'&', b'{', bytes)
        .any(|i| bytes[i] != b'{' || bytes.get(i + 1) == Some(&b'%'))
        || memchr::memchr_iter(b'#', bytes).any(|i| bytes.get(i + 1) == Some(&b'|'))
}

/// The text of a cell that can only be one markdown paragraph (no blank line, no line that
/// could start another block, no YFM), trimmed; `None` when a full parse is needed.
/// Conservative: anything doubtful goes to the full parse.
fn simple_paragraph(source: &str) -> Option<&str> {
    let text = source.trim();
    if needs_full_parse(text) {
        return None;
    }
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        let line = trim_start(&text[start..end]);
        start = end + 1;
        let bytes = line.as_bytes();
        let Some(&first) = bytes.first() else {
            // A blank line: two paragraphs at least.
            return None;
        };
        let second = bytes.get(1).copied();
        let block_start = match first {
            b'#' | b'>' | b'|' | b'`' | b'~' | b'=' | b'_' => {
                // `` `code` `` opens a paragraph; a fence needs three.
                first != b'`' || line.starts_with("```")
            }
            b'-' | b'+' | b'*' => {
                matches!(second, None | Some(b' ' | b'\t'))
                    || line.bytes().all(|b| b == first || b == b' ')
            }
            // A link reference definition (`[x]: target`); most type lines start with a
            // link, so no searcher is built for this.
            b'[' => memchr::memchr_iter(b']', bytes).any(|i| bytes.get(i + 1) == Some(&b':')),
            b'0'..=b'9' => {
                let digits = line.bytes().take_while(u8::is_ascii_digit).count();
                matches!(bytes.get(digits), Some(b'.' | b')'))
            }
            _ => false,
        };
        if block_start {
            return None;
        }
    }
    Some(text)
}
