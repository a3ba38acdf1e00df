//! Markdown segments simple enough to build without pulldown-cmark: one-line paragraphs,
//! ATX headings, block quotes of those, and lists of one-line items, whose inline markup is
//! at most code spans, `**strong**` text and plain inline links. Most segments between YFM
//! constructs are of this kind (section headings, the `> Scope:` quote, short notes, value
//! lists in cells), and pulldown-cmark's setup costs more than the parse for them.
//!
//! Anything else, or anything this module is not sure markdown reads the same way, gives
//! `None`, and the caller parses the segment with pulldown-cmark. The nodes built here must
//! equal the ones [`crate::markdown`] builds from pulldown-cmark's events.

use crate::page::{Heading, List, ListItem, Node, Quote, Text};
use crate::text::{ByteSet, Trim as _, skip_others};

/// Bytes that may start inline markup (escapes, code, emphasis, links, HTML, entities,
/// strikethrough, table pipes), or that pulldown-cmark rewrites (NUL, CR, tab).
const INLINE_SYNTAX: ByteSet = ByteSet::of(b"\\`*_[]<&~|\0\r\t");

/// [`INLINE_SYNTAX`] and the braces of heading attributes (`{#anchor}`): text elsewhere.
const HEADING_SYNTAX: ByteSet = ByteSet::of(b"\\`*_[]<&~|{}\0\r\t");

/// Bytes a link target must not hold to be read here: spaces and parentheses (titles,
/// nesting), angle brackets, escapes, entities, code and emphasis, quotes.
const TARGET_SYNTAX: ByteSet = ByteSet::of(b" ()<>\\`&*\"'");

/// Bytes that may open a block when they start a line: lists, headings, quotes, fences,
/// thematic breaks, setext underlines, HTML, tables.
const BLOCK_START: ByteSet = ByteSet::of(b"-+*=_#>`~<|:");

/// One line of a segment (or of a quote's content, its `>` removed).
#[derive(Clone, Copy)]
struct Line<'t> {
    text: &'t str,
    number: u32,
}

impl<'t> Line<'t> {
    /// The line's leading spaces and its content, trailing spaces removed.
    fn split(self) -> (usize, &'t str) {
        let content = self.text.trim_start_matches(' ');
        let indent = self.text.len() - content.len();
        (indent, content.trim_end_matches(' '))
    }

    fn is_blank(self) -> bool {
        self.split().1.is_empty()
    }
}

/// The nodes of `text` (starting at `first_line` of its file), or `None` when it holds
/// anything beyond this module's simple blocks.
#[cfg(test)]
pub fn parse(text: &str, first_line: u32) -> Option<Vec<Node>> {
    let mut nodes = Vec::new();
    parse_into(text, first_line, &mut nodes).then_some(nodes)
}

/// Appends the nodes of `text` (starting at `first_line` of its file) to `out`; `false`,
/// with `out` as it was, when it holds anything beyond this module's simple blocks.
/// Appending saves the caller a vector per segment.
pub fn parse_into(text: &str, first_line: u32, out: &mut Vec<Node>) -> bool {
    // Sized at once: growing it line by line cost more than counting the lines.
    let count = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut lines = Vec::with_capacity(count);
    let mut number = first_line;
    let mut start = 0;
    while start <= text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |at| start + at);
        lines.push(Line {
            text: &text[start..end],
            number,
        });
        number = number.saturating_add(1);
        start = end + 1;
    }
    let mark = out.len();
    if blocks_into(&lines, false, out).is_none() {
        out.truncate(mark);
        return false;
    }
    true
}

/// The blocks of some lines: a segment's, or a quote's content (`in_quote`), appended to
/// `nodes`; `None` (with some appended) when a line is not simple.
fn blocks_into(lines: &[Line<'_>], in_quote: bool, nodes: &mut Vec<Node>) -> Option<()> {
    let mut after_paragraph = false;
    // Whether the paragraph's last line may take another: its source then runs on with
    // a `\n` (inside a quote it would take the next line's `>`, and a trailing space
    // stays in the source but not in the text).
    let mut continuable = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let (indent, content) = line.split();
        if content.is_empty() {
            after_paragraph = false;
            i += 1;
            continue;
        }
        // A second paragraph line continues the paragraph (or underlines it), and four
        // spaces make an indented code block: both left to pulldown-cmark.
        if indent >= 4 {
            return None;
        }
        // Unicode whitespace at the edges is text to markdown but trimmed by the node
        // builders: leave those rare lines to pulldown-cmark.
        if content.trim_ws().len() != content.len() {
            return None;
        }
        if content.starts_with('#') {
            nodes.push(heading(content, line.number)?);
            after_paragraph = false;
            i += 1;
            continue;
        }
        // Quotes and lists that interrupt a paragraph, or are indented, are left to
        // pulldown-cmark.
        if content.starts_with('>') {
            // A quote in a quote is left to pulldown-cmark, whose reader flattens and
            // reports nesting past its limit; recursing here would overflow the stack on
            // hostile input (`>>>>…`).
            if after_paragraph || indent > 0 || in_quote {
                return None;
            }
            let (quote, next) = quote(lines, i)?;
            nodes.push(quote);
            after_paragraph = false;
            i = next;
            continue;
        }
        if let Some((marker, _)) = list_item(content) {
            if indent > 0 || (after_paragraph && !marker.interrupts_paragraph) {
                return None;
            }
            let (list, next) = list(lines, i, marker)?;
            nodes.push(list);
            after_paragraph = false;
            i = next;
            continue;
        }
        if opens_block(content) {
            return None;
        }
        let untrimmed = line.text.len() - indent == content.len();
        if after_paragraph {
            // Any line but these continues the paragraph: left to pulldown-cmark.
            if !continuable || indent > 0 {
                return None;
            }
            let Some(Node::Paragraph(text)) = nodes.last_mut() else {
                return None;
            };
            text.raw.push('\n');
            text.raw.push_str(content);
            text.plain.push('\n');
            text.plain.push_str(&inline_plain(content, &INLINE_SYNTAX)?);
        } else {
            nodes.push(Node::Paragraph(paragraph(content, line.number)?));
        }
        after_paragraph = true;
        continuable = untrimmed && !in_quote;
        i += 1;
    }
    Some(())
}

/// A one-line paragraph.
fn paragraph(content: &str, line: u32) -> Option<Text> {
    Some(Text {
        raw: content.to_owned(),
        plain: inline_plain(content, &INLINE_SYNTAX)?,
        line,
    })
}

/// The block quote whose first line is `lines[first]`, and the index of the line after it.
/// Its lines all start with `>`, and a blank line or the end follows (a line of text
/// would continue its last paragraph lazily).
fn quote(lines: &[Line<'_>], first: usize) -> Option<(Node, usize)> {
    let mut content = Vec::new();
    let mut next = first;
    while let Some(line) = lines.get(next) {
        let Some(rest) = line.text.strip_prefix('>') else {
            break;
        };
        content.push(Line {
            text: rest.strip_prefix(' ').unwrap_or(rest),
            number: line.number,
        });
        next += 1;
    }
    if lines.get(next).is_some_and(|line| !line.is_blank()) {
        return None;
    }
    let mut children = Vec::new();
    blocks_into(&content, true, &mut children)?;
    let quote = Quote {
        children,
        line: lines[first].number,
    };
    Some((Node::Quote(quote), next))
}

/// What starts a list item: items with the same bullet (or the same delimiter after the
/// number) belong to one list.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Marker {
    /// `-`, `*` or `+`, or the `.` or `)` after a number.
    byte: u8,
    ordered: bool,
    /// Bullets, and numbered items starting at 1, may interrupt a paragraph.
    interrupts_paragraph: bool,
}

impl Marker {
    fn continues(self, list: Marker) -> bool {
        self.byte == list.byte && self.ordered == list.ordered
    }
}

/// A list item's marker and its text, for a line (trimmed) that starts with one followed
/// by a single space and text.
fn list_item(content: &str) -> Option<(Marker, &str)> {
    let bytes = content.as_bytes();
    let (marker, width) = match bytes.first()? {
        byte @ (b'-' | b'*' | b'+') => {
            let marker = Marker {
                byte: *byte,
                ordered: false,
                interrupts_paragraph: true,
            };
            (marker, 1)
        }
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let byte = *bytes.get(digits)?;
            if digits > 9 || !matches!(byte, b'.' | b')') {
                return None;
            }
            let marker = Marker {
                byte,
                ordered: true,
                interrupts_paragraph: &content[..digits] == "1",
            };
            (marker, digits + 1)
        }
        _ => return None,
    };
    let text = content[width..].strip_prefix(' ')?;
    Some((marker, text))
}

/// The list whose first item is `lines[first]`, and the index of the line after its last
/// item. Every item is one line of simple text; items may be separated by blank lines.
/// Lines that could continue an item (right after it, or indented after a blank line)
/// are left to pulldown-cmark.
fn list(lines: &[Line<'_>], first: usize, marker: Marker) -> Option<(Node, usize)> {
    let mut items = Vec::new();
    let mut at = first;
    loop {
        let line = lines[at];
        let (_, text) = list_item(line.split().1)?;
        // A space more makes the item's text indented, and a line that opens a block
        // inside the item (a nested list, a heading, a quote) needs pulldown-cmark.
        if text.is_empty()
            || text.starts_with(' ')
            || text.trim_ws().len() != text.len()
            || opens_block(text)
        {
            return None;
        }
        items.push(ListItem {
            children: vec![Node::Paragraph(paragraph(text, line.number)?)],
            line: line.number,
        });
        let after = at + 1;
        let next = (after..lines.len()).find(|&n| !lines[n].is_blank());
        let Some(next) = next else {
            return Some((list_node(marker, items, lines[first].number), after));
        };
        let (indent, content) = lines[next].split();
        if indent == 0 && list_item(content).is_some_and(|(other, _)| other.continues(marker)) {
            at = next;
            continue;
        }
        if next == after || indent > 0 {
            return None;
        }
        return Some((list_node(marker, items, lines[first].number), after));
    }
}

fn list_node(marker: Marker, items: Vec<ListItem>, line: u32) -> Node {
    Node::List(List {
        ordered: marker.ordered,
        items,
        line,
    })
}

/// Whether a line may start a block other than a paragraph: a leading `**` before a
/// letter is strong text, a leading number is an ordered list only before `.` or `)`, a
/// leading backtick a fence only in a run of three.
fn opens_block(content: &str) -> bool {
    let bytes = content.as_bytes();
    if bytes.starts_with(b"**") {
        return !content[2..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    }
    // A code span opens a paragraph; a fence needs three backticks.
    if bytes[0] == b'`' {
        return bytes.starts_with(b"```");
    }
    if bytes[0].is_ascii_digit() {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        return matches!(bytes.get(digits), Some(b'.' | b')'));
    }
    BLOCK_START.contains(bytes[0])
}

/// An ATX heading line (`## Text` or `## Text {#anchor}`), trimmed of spaces.
fn heading(content: &str, line: u32) -> Option<Node> {
    let level = content.bytes().take_while(|&b| b == b'#').count();
    let rest = content[level..].strip_prefix(' ')?;
    if level > 6 {
        return None;
    }
    let (text, anchor) = match rest.strip_suffix('}') {
        Some(before) => {
            let open = before.rfind(" {#")?;
            let anchor = &before[open + 3..];
            let plain_id = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
            if anchor.is_empty() || !anchor.bytes().all(plain_id) {
                return None;
            }
            (&before[..open], Some(anchor.to_owned()))
        }
        None => (rest, None),
    };
    let text = text.trim_matches(' ');
    // A closing `#` sequence, or an empty heading, is left to pulldown-cmark.
    if text.is_empty() || text.ends_with('#') || text.trim_ws().len() != text.len() {
        return None;
    }
    Some(Node::Heading(Heading {
        level: u8::try_from(level).ok()?,
        text: inline_plain(text, &HEADING_SYNTAX)?,
        anchor,
        line,
    }))
}

/// The text of a line whose only markup is code spans (single backticks, no edge spaces
/// inside), `**strong**` runs markdown cannot read otherwise, plain inline links and `_`
/// inside words; `None`
/// for anything else, that is for any byte of `syntax` outside those.
fn inline_plain(line: &str, syntax: &ByteSet) -> Option<String> {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut copied = 0;
    let mut in_strong = false;
    let mut at = skip_others(bytes, 0, syntax);
    while at < bytes.len() {
        out.push_str(&line[copied..at]);
        copied = match bytes[at] {
            b'`' => {
                let close = at + 1 + memchr::memchr(b'`', &bytes[at + 1..])?;
                let code = &line[at + 1..close];
                let single = close > at + 1 && bytes.get(close + 1) != Some(&b'`');
                if !single || code.starts_with(' ') || code.ends_with(' ') {
                    return None;
                }
                out.push_str(code);
                close + 1
            }
            b'*' if bytes.get(at + 1) == Some(&b'*') && bytes.get(at + 2) != Some(&b'*') => {
                let before = line[..at].chars().next_back();
                let after = line[at + 2..].chars().next();
                let delimits = if in_strong {
                    // Closing: a letter before, and no letter after (which could make it
                    // an opener as well).
                    before.is_some_and(char::is_alphanumeric)
                        && after.is_none_or(|c| c == ' ' || ".,:;!?)".contains(c))
                } else {
                    // Opening: at a word's start, before a letter.
                    before.is_none_or(|c| c == ' ') && after.is_some_and(char::is_alphanumeric)
                };
                if !delimits {
                    return None;
                }
                in_strong = !in_strong;
                at + 2
            }
            // `_` inside a word is text.
            b'_' => {
                let before = line[..at].chars().next_back();
                let after = line[at + 1..].chars().next();
                if !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
                {
                    return None;
                }
                out.push('_');
                at + 1
            }
            // `[text](target)` with plain text and a target markdown cannot read otherwise.
            b'[' if !line[..at].ends_with('!') => {
                let close = at + 1 + memchr::memchr(b']', &bytes[at + 1..])?;
                let label = &line[at + 1..close];
                let target_start = close + 2;
                if bytes.get(close + 1) != Some(&b'(') || label.contains('[') {
                    return None;
                }
                let target_end = target_start + memchr::memchr(b')', &bytes[target_start..])?;
                let target = &bytes[target_start..target_end];
                let plain_target = skip_others(target, 0, &TARGET_SYNTAX) == target.len();
                if target.is_empty() || !plain_target || label.is_empty() {
                    return None;
                }
                out.push_str(&inline_plain(label, syntax)?);
                target_end + 1
            }
            _ => return None,
        };
        at = skip_others(bytes, copied, syntax);
    }
    if in_strong {
        return None;
    }
    out.push_str(&line[copied..]);
    (out.trim_ws().len() == out.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every simple segment must give exactly what pulldown-cmark gives.
    #[test]
    fn agrees_with_pulldown_cmark() {
        let simple = [
            "",
            "  \n\n ",
            "Идентификатор элемента",
            "\n\n## Обработка ответа\n\nHTTP-статус: **200**\n\n",
            "### Параметр fields {#fields}\n",
            "# Добавить иконку crm.timeline.icon.add\n\n",
            "Устаревший.\n\nОписание",
            "Код ошибки: `BITRIX_REST_V3_EXCEPTION`\n",
            "`code` first",
            "**Важно**: значение `ID` из `crm.item.list`.",
            "Текст\n## Заголовок\nещё текст",
            "   Три пробела",
            "200 OK",
            "a **b `c` d** e",
            "Структура описана [ниже](#data)",
            "Тип [`integer`](../data-types.md) и [метод](./x-y.md#z).",
            "> Scope: [`crm`](../scopes/permissions.md)\n>\n> Кто может выполнять метод: любой\n\nМетод `x.y`.",
            "> a\n\n> b\n>\n> - c\n",
            ">",
            "Возможные значения:\n- `Y` — да\n- `N` — нет",
            "- a\n\n- b\n\n\nc\n* d\n\n+ e",
            "1. a\n2. b\n\n10. c\n\n1) d",
            "a\n1. b",
            "## Продолжите изучение\n\n- [{#T}](./a-b.md)\n- [{#T}](./index.md)",
            "Массив `{'поле': 'значение'}` и {#T}",
            "### Параметр deal_contact_binding {#deal_contact_binding}\n\nпо [ссылке](../x.md#a_b)",
            "Признак того, что отгрузка отгружена.\nВозможные значения:\n- `Y` – да\n- `N` – нет",
            "a **b**\nc `d` [e](f.md)\n\ng",
        ];
        for text in simple {
            let fast = parse(text, 7);
            assert_eq!(
                fast.as_ref(),
                Some(&crate::markdown::parse_full(text, 7).0),
                "{text:?}"
            );
        }
    }

    /// Segments assembled from pieces of the syntax this module takes or must refuse.
    fn segment() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "\n",
            "\n\n",
            " ",
            "   ",
            "#",
            "## ",
            " {#a}",
            "`",
            "**",
            "*",
            "_",
            "[",
            "]",
            "(",
            ")",
            "x.md",
            "#b",
            "текст",
            "word",
            "1.",
            "- ",
            "> ",
            "===",
            "\\",
            "&",
            "<",
            "!",
            "\t",
            "a b",
            "\u{a0}",
            "a_b",
            "_a",
            "a__b",
            "[x](y_z.md)",
            "{",
            "}",
            "{#T}",
            "\n- ",
            "\n* ",
            "\n1. ",
            "\n2) ",
            "\n> ",
            "\n>",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
    }

    /// Segments of whole lines: block starts (lists, quotes, indentation) before short
    /// texts, so that lists and quotes of every shape come up often.
    fn lines() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let starts = prop::sample::select(vec![
            "", "", "", "- ", "- ", "* ", "+ ", "1. ", "1. ", "2. ", "1) ", "3) ", "> ", "> ", ">",
            "> - ", "> > ", "- - ", "-  ", " ", "  ", "    ", "1.", "-", "# ", "> # ", "- # ",
            "- > ", "* * *", "---", "===",
        ]);
        let texts = prop::sample::select(vec![
            "",
            "",
            "a",
            "текст",
            "`код` — да",
            "**A** b",
            "[x](y.md)",
            "[{#T}](y.md)",
            "b c",
            "*",
            "- x",
            " x",
            "a  ",
        ]);
        let line = (starts, texts).prop_map(|(start, text)| format!("{start}{text}"));
        prop::collection::vec(line, 0..10).prop_map(|lines| lines.join("\n"))
    }

    proptest::proptest! {
        // Cheap cases, most of them refused: many are needed for a few hundred taken.
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]

        /// Whatever this module takes, pulldown-cmark reads the same way.
        #[test]
        fn whatever_it_takes_pulldown_cmark_reads_the_same(text in segment()) {
            if let Some(nodes) = parse(&text, 3) {
                proptest::prop_assert_eq!(nodes, crate::markdown::parse_full(&text, 3).0);
            }
        }

        /// The same for segments of list, quote and paragraph lines.
        #[test]
        fn whatever_lines_it_takes_pulldown_cmark_reads_the_same(text in lines()) {
            if let Some(nodes) = parse(&text, 3) {
                proptest::prop_assert_eq!(nodes, crate::markdown::parse_full(&text, 3).0);
            }
        }
    }

    #[test]
    fn anything_else_is_left_to_pulldown_cmark() {
        for text in [
            "two \nlines",
            "two\n lines",
            "> two\n> lines",
            "a_",
            "_a_",
            "a__b",
            "    indented code",
            "- item\ncontinued",
            "- item\n\n  continued",
            "-  item",
            "- ## heading",
            "- - nested",
            " - indented",
            "- a\n* b",
            "-",
            "a\n2. b",
            "> quote\nlazy",
            "> a\n\n> > b\n> >\n> > - c\n",
            "> > nested",
            "> a\n> b",
            "a\n> b",
            " > indented",
            "text\n===",
            "a [link](x y.md)",
            "a ![image](x.md)",
            "a [link]",
            "a [link] (x.md)",
            "a [[x]](y.md)",
            "a [x](<y.md>)",
            "a [x](y.md \"title\")",
            "## a {#T} b",
            "a *em*",
            "a**b**",
            "**b**c",
            "**unclosed",
            "``double``",
            "` spaced `",
            "a & b",
            "a\\*b",
            "## closed ##",
            "## attrs {.class}",
            "#",
            "####### seven",
            "\u{a0}nbsp",
            "a\tb",
            "---",
            "***",
            "```\ncode\n```",
        ] {
            assert_eq!(parse(text, 1), None, "{text:?}");
        }
    }
}
