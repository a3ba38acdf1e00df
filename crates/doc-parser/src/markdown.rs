//! Plain markdown (the text between YFM constructs) into [`Node`]s, with pulldown-cmark.

use crate::text::{ByteSet, skip_others};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::page::{Cell, CodeBlock, Heading, List, ListItem, Node, Quote, Row, Table, Text};

/// Deeper nesting than this is flattened: no real page comes close, and it keeps
/// hostile input from growing unbounded trees.
const MAX_DEPTH: usize = 48;

/// Maps byte offsets of a text to 1-based line numbers, counting newlines only as far as it
/// is asked: an index is made for every page and container, and scanners ask in text order
/// (a table of all line starts cost a pass and an allocation per container).
pub struct LineIndex<'t> {
    text: &'t str,
    first_line: u32,
    /// The last offset asked about and the number of newlines before it.
    counted: std::cell::Cell<(usize, usize)>,
    /// The last line end found, and the offset it was searched from.
    found_end: std::cell::Cell<(usize, usize)>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str, first_line: u32) -> Self {
        Self {
            text,
            first_line,
            counted: std::cell::Cell::new((0, 0)),
            found_end: std::cell::Cell::new((usize::MAX, 0)),
        }
    }

    /// The offset of the `\n` ending the line that holds `offset` (or the text's end).
    /// Scanners call it at every tag, and several tags on one long line must not rescan
    /// it: the last answer is kept.
    pub fn line_end(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let (from, end) = self.found_end.get();
        if from <= offset && offset <= end {
            return end;
        }
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[offset..])
            .map_or(self.text.len(), |at| offset + at);
        self.found_end.set((offset, end));
        end
    }

    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        let (at, newlines) = self.counted.get();
        let bytes = self.text.as_bytes();
        let newlines = if offset >= at {
            newlines + memchr::memchr_iter(b'\n', &bytes[at..offset]).count()
        } else {
            // Not expected (offsets grow), but stay correct.
            newlines - memchr::memchr_iter(b'\n', &bytes[offset..at]).count()
        };
        self.counted.set((offset, newlines));
        self.first_line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX))
    }
}

/// An open block; lists, tables and rows hold what they collect in their kind, which
/// keeps every frame small (frames are pushed and popped for every block).
enum FrameKind {
    Root,
    Quote,
    List { items: Vec<ListItem> },
    Item,
    Paragraph,
    Heading { level: u8, anchor: Option<String> },
    Code { lang: String },
    Table { rows: Vec<Row> },
    TableRow { cells: Vec<Cell> },
    TableCell,
}

struct Frame {
    kind: FrameKind,
    line: u32,
    children: Vec<Node>,
    plain: String,
    raw: Option<Range<usize>>,
}

impl Frame {
    fn new(kind: FrameKind, line: u32) -> Self {
        Self {
            kind,
            line,
            children: Vec::new(),
            plain: String::new(),
            raw: None,
        }
    }

    fn takes_inline(&self) -> bool {
        matches!(
            self.kind,
            FrameKind::Paragraph
                | FrameKind::Heading { .. }
                | FrameKind::Code { .. }
                | FrameKind::TableCell
        )
    }
}

/// Parses one markdown segment that starts at `first_line` of its file.
#[cfg(test)]
pub fn parse(text: &str, first_line: u32) -> Vec<Node> {
    let mut nodes = Vec::new();
    parse_counted_into(text, first_line, &mut nodes);
    nodes
}

/// Appends the nodes of `text` (starting at `first_line` of its file) to `out` and says
/// how many blocks nested deeper than the limit were flattened (for a diagnostic).
pub fn parse_counted_into(text: &str, first_line: u32, out: &mut Vec<Node>) -> usize {
    let lines = LineIndex::new(text, first_line);
    let options =
        Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // The root frame's children are `out` itself: the blocks are not gathered elsewhere
    // first. Room for a few frames: most segments nest a list item's paragraph at most.
    let mut root = Frame::new(FrameKind::Root, first_line);
    root.children = std::mem::take(out);
    let mut stack = Vec::with_capacity(4);
    stack.push(root);
    let mut ignored = 0usize;
    let mut flattened = 0usize;

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Paragraph => FrameKind::Paragraph,
                    Tag::Heading { level, id, .. } => FrameKind::Heading {
                        level: level as u8,
                        anchor: id.map(|id| id.into_string()),
                    },
                    Tag::BlockQuote(_) => FrameKind::Quote,
                    Tag::CodeBlock(kind) => FrameKind::Code {
                        lang: match kind {
                            CodeBlockKind::Fenced(info) => info
                                .split_whitespace()
                                .next()
                                .unwrap_or_default()
                                .to_lowercase(),
                            CodeBlockKind::Indented => String::new(),
                        },
                    },
                    Tag::List(_) => FrameKind::List { items: Vec::new() },
                    Tag::Item => FrameKind::Item,
                    Tag::Table(_) => FrameKind::Table { rows: Vec::new() },
                    Tag::TableHead | Tag::TableRow => FrameKind::TableRow { cells: Vec::new() },
                    Tag::TableCell => FrameKind::TableCell,
                    // Inline markup: keep its source range, its text arrives as events.
                    _ => {
                        inline(&mut stack, &lines, range, None);
                        continue;
                    }
                };
                if stack.len() >= MAX_DEPTH && !matches!(kind, FrameKind::Paragraph) {
                    ignored += 1;
                    flattened += 1;
                    continue;
                }
                // Block content of a tight list item ends its implicit paragraph.
                close_implicit_paragraph(&mut stack, text);
                // Counted for blocks only: inline markup has no line of its own.
                let line = lines.line(range.start);
                let mut frame = Frame::new(kind, line);
                if frame.takes_inline() {
                    // Its text is no longer than its source: one allocation, no regrowth.
                    frame.plain = String::with_capacity(range.len());
                }
                stack.push(frame);
            }
            Event::End(tag) => {
                let is_inline_end = !matches!(
                    tag,
                    TagEnd::Paragraph
                        | TagEnd::Heading(_)
                        | TagEnd::BlockQuote(_)
                        | TagEnd::CodeBlock
                        | TagEnd::List(_)
                        | TagEnd::Item
                        | TagEnd::Table
                        | TagEnd::TableHead
                        | TagEnd::TableRow
                        | TagEnd::TableCell
                );
                if is_inline_end {
                    inline(&mut stack, &lines, range, None);
                    continue;
                }
                if ignored > 0 && !matches!(tag, TagEnd::Paragraph) {
                    ignored -= 1;
                    continue;
                }
                if matches!(tag, TagEnd::Item) {
                    close_implicit_paragraph(&mut stack, text);
                }
                close_frame(&mut stack, text);
            }
            Event::Text(content)
            | Event::Code(content)
            | Event::InlineMath(content)
            | Event::DisplayMath(content) => inline(&mut stack, &lines, range, Some(&content)),
            Event::SoftBreak | Event::HardBreak => inline(&mut stack, &lines, range, Some("\n")),
            Event::InlineHtml(_) | Event::Html(_) | Event::FootnoteReference(_) => {
                inline(&mut stack, &lines, range, None)
            }
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
    while stack.len() > 1 {
        close_frame(&mut stack, text);
    }
    if let Some(root) = stack.pop() {
        *out = root.children;
    }
    flattened
}

/// The text of one paragraph's inline markdown with the markup removed: code-span ticks,
/// `**`/`__` emphasis, link targets and backslash escapes. Used for cells simple enough to
/// skip a full parse (see `yfm::table`); close to, not exactly, pulldown-cmark's text.
pub fn plain_inline(raw: &str) -> String {
    const INLINE_MARKUP: ByteSet = ByteSet::of(b"\\`*[]");
    let mut out = String::with_capacity(raw.len());
    let bytes = raw.as_bytes();
    // Text runs between markup bytes (all ASCII, so every cut is on a char boundary) are
    // copied whole.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let skip_to = match bytes[i] {
            b'\\' => {
                out.push_str(&raw[copied..i]);
                match raw[i + 1..].chars().next() {
                    Some(next) if next.is_ascii_punctuation() => {
                        out.push(next);
                        i + 2
                    }
                    Some(next) => {
                        out.push('\\');
                        out.push(next);
                        i + 1 + next.len_utf8()
                    }
                    None => {
                        out.push('\\');
                        i + 1
                    }
                }
            }
            b'`' => i + bytes[i..].iter().take_while(|&&b| b == b'`').count(),
            b'*' if bytes.get(i + 1) == Some(&b'*') => i + 2,
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                memchr::memchr(b')', &bytes[i..]).map_or(i + 1, |end| i + end + 1)
            }
            b'[' | b']' => i + 1,
            _ => {
                i = skip_others(bytes, i + 1, &INLINE_MARKUP);
                continue;
            }
        };
        if bytes[i] != b'\\' {
            out.push_str(&raw[copied..i]);
        }
        i = skip_to;
        copied = i;
    }
    out.push_str(&raw[copied..]);
    trimmed(out)
}

/// Adds inline content to the innermost frame that holds text, opening an implicit
/// paragraph in a tight list item (pulldown-cmark gives those no Paragraph tag).
fn inline(stack: &mut Vec<Frame>, lines: &LineIndex<'_>, range: Range<usize>, text: Option<&str>) {
    let needs_paragraph = stack.last().is_some_and(|frame| !frame.takes_inline());
    if needs_paragraph {
        let line = lines.line(range.start);
        stack.push(Frame::new(FrameKind::Paragraph, line));
    }
    let Some(frame) = stack.last_mut() else {
        return;
    };
    if let Some(text) = text {
        if frame.plain.capacity() == 0 {
            // An implicit paragraph (sized by no tag) gets its text in many pieces: start
            // with room for a few lines rather than growing from nothing.
            frame.plain.reserve(text.len().max(128));
        }
        frame.plain.push_str(text);
    }
    frame.raw = Some(match frame.raw.take() {
        Some(raw) => raw.start.min(range.start)..raw.end.max(range.end),
        None => range,
    });
}

fn close_implicit_paragraph(stack: &mut Vec<Frame>, text: &str) {
    let in_item_paragraph = stack.len() >= 2
        && matches!(stack[stack.len() - 1].kind, FrameKind::Paragraph)
        && matches!(stack[stack.len() - 2].kind, FrameKind::Item);
    if in_item_paragraph {
        close_frame(stack, text);
    }
}

/// `text` without surrounding whitespace, in its own buffer: the frame's text is not needed
/// any more, and a copy per paragraph, heading and cell was an allocation each (127k).
pub(crate) fn trimmed(mut text: String) -> String {
    if text.trim().len() == text.len() {
        return text;
    }
    text.truncate(text.trim_end().len());
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

fn close_frame(stack: &mut Vec<Frame>, source: &str) {
    let Some(frame) = stack.pop() else {
        return;
    };
    let Some(parent) = stack.last_mut() else {
        stack.push(frame);
        return;
    };
    let raw = frame
        .raw
        .as_ref()
        .and_then(|range| source.get(range.clone()))
        .unwrap_or_default()
        .trim()
        .to_owned();
    let line = frame.line;
    let node = match frame.kind {
        FrameKind::Root => return,
        FrameKind::Paragraph => Node::Paragraph(Text {
            raw,
            plain: trimmed(frame.plain),
            line,
        }),
        FrameKind::Heading { level, anchor } => Node::Heading(Heading {
            level,
            text: trimmed(frame.plain),
            anchor,
            line,
        }),
        FrameKind::Code { lang } => Node::Code(CodeBlock {
            lang,
            text: frame.plain,
            // The fence line itself; content starts on the next one.
            line,
        }),
        FrameKind::Quote => Node::Quote(Quote {
            children: frame.children,
            line,
        }),
        FrameKind::List { items } => Node::List(List { items, line }),
        // Items, rows and cells belong to their list, table and row; elsewhere (deep
        // nesting) they are left out.
        FrameKind::Item => {
            if let FrameKind::List { items, .. } = &mut parent.kind {
                items.push(ListItem {
                    children: frame.children,
                    line,
                });
            }
            return;
        }
        FrameKind::Table { rows } => Node::Table(Table { rows, line }),
        FrameKind::TableRow { cells } => {
            if let FrameKind::Table { rows } = &mut parent.kind {
                rows.push(Row { cells, line });
            }
            return;
        }
        FrameKind::TableCell => {
            let plain = trimmed(frame.plain);
            let nodes = if raw.is_empty() {
                Vec::new()
            } else {
                vec![Node::Paragraph(Text {
                    raw: raw.clone(),
                    plain,
                    line,
                })]
            };
            if let FrameKind::TableRow { cells } = &mut parent.kind {
                cells.push(Cell { raw, nodes, line });
            }
            return;
        }
    };
    match &mut parent.kind {
        // A list only holds items; stray blocks (deep nesting) go to the last item.
        FrameKind::List { items, .. } => match items.last_mut() {
            Some(item) => item.children.push(node),
            None => items.push(ListItem {
                children: vec![node],
                line,
            }),
        },
        _ => parent.children.push(node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char version `plain_inline` replaced: the byte-run version must agree.
    fn plain_inline_by_chars(raw: &str) -> String {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(c) = rest.chars().next() {
            match c {
                '\\' => {
                    let mut chars = rest.chars();
                    chars.next();
                    match chars.next() {
                        Some(next) if next.is_ascii_punctuation() => out.push(next),
                        Some(next) => {
                            out.push('\\');
                            out.push(next);
                        }
                        None => out.push('\\'),
                    }
                    rest = chars.as_str();
                }
                '`' => rest = rest.trim_start_matches('`'),
                '*' if rest.starts_with("**") => rest = &rest[2..],
                ']' if rest.starts_with("](") => {
                    rest = match rest.find(')') {
                        Some(end) => &rest[end + 1..],
                        None => &rest[1..],
                    };
                }
                '[' | ']' => rest = &rest[1..],
                _ => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out.trim().to_owned()
    }

    #[test]
    fn plain_inline_agrees_with_the_char_version() {
        for raw in [
            "",
            "  **ID**  ",
            "[`integer`](../data-types.md) | Идентификатор",
            "Поле \\*звёздочка\\* и \\я, в конце \\",
            "```online|offline``` и `код`",
            "*курсив* **жирный** ***оба***",
            "[ссылка](без конца и ] скобка",
            "] в начале, [ и ]( в середине",
            "эмодзи 😀 и \\😀",
        ] {
            assert_eq!(plain_inline(raw), plain_inline_by_chars(raw), "{raw:?}");
        }
    }

    /// The line index against a table of line starts, asked in any order.
    #[test]
    fn line_index_agrees_with_line_starts() {
        let text = "a\n\nbb\nccc\n\n";
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let index = LineIndex::new(text, 5);
        for offset in [0, 3, 1, 2, 9, 4, 12, 20, 0, 7, 7, 8, 6, 11] {
            let before = starts.iter().filter(|&&start| start <= offset).count();
            let line = 5 + u32::try_from(before - 1).unwrap();
            let end = starts.get(before).map_or(text.len(), |&next| next - 1);
            assert_eq!(index.line(offset), line, "line of {offset}");
            assert_eq!(index.line_end(offset), end, "line end of {offset}");
        }
    }

    #[test]
    fn headings_keep_anchor_and_line() {
        let nodes = parse("\n### Параметр fields {#fields}\n", 10);
        let Node::Heading(heading) = &nodes[0] else {
            panic!("{nodes:?}")
        };
        assert_eq!(heading.text, "Параметр fields");
        assert_eq!(heading.anchor.as_deref(), Some("fields"));
        assert_eq!((heading.level, heading.line), (3, 11));
    }

    #[test]
    fn tight_list_items_get_a_paragraph_with_raw_source() {
        let nodes = parse("- `online` – Онлайн\n- `dnd` – Не беспокоить\n", 1);
        let Node::List(list) = &nodes[0] else {
            panic!("{nodes:?}")
        };
        assert_eq!(list.items.len(), 2);
        let text = list.items[1].text().unwrap();
        assert_eq!(text.raw, "`dnd` – Не беспокоить");
        assert_eq!(text.plain, "dnd – Не беспокоить");
        assert_eq!(text.line, 2);
    }

    #[test]
    fn nested_lists_stay_inside_their_item() {
        let nodes = parse("- a\n    - b\n    - c\n- d\n", 1);
        let Node::List(list) = &nodes[0] else {
            panic!("{nodes:?}")
        };
        assert_eq!(list.items.len(), 2);
        assert!(matches!(list.items[0].children[1], Node::List(_)));
    }

    #[test]
    fn code_blocks_and_quotes() {
        let nodes = parse(
            "> Scope: [`im`](x.md)\n\n```json\n{\"result\": true}\n```\n",
            1,
        );
        assert!(matches!(&nodes[0], Node::Quote(q) if q.children.len() == 1));
        let Node::Code(code) = &nodes[1] else {
            panic!("{nodes:?}")
        };
        assert_eq!(code.lang, "json");
        assert_eq!(code.text, "{\"result\": true}\n");
        assert_eq!(code.line, 3);
    }

    #[test]
    fn very_deep_lists_do_not_grow_without_bound() {
        let mut text = String::new();
        for depth in 0..2000 {
            text.push_str(&"  ".repeat(depth));
            text.push_str("- item\n");
        }
        let mut nodes = Vec::new();
        let flattened = parse_counted_into(&text, 1, &mut nodes);
        assert!(flattened > 0);
        let mut count = 0;
        crate::page::walk(&nodes, &mut |_| count += 1);
        assert!(count > 0);
    }
}
