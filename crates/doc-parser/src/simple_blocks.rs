//! Markdown segments simple enough to build without pulldown-cmark: one-line paragraphs and
//! ATX headings separated by blank lines, whose inline markup is at most code spans,
//! `**strong**` text and plain inline links. Many segments between YFM constructs are of
//! this kind (section headings, short notes), and pulldown-cmark's setup costs more than
//! the parse for them.
//!
//! Anything else, or anything this module is not sure markdown reads the same way, gives
//! `None`, and the caller parses the segment with pulldown-cmark. The nodes built here must
//! equal the ones [`crate::markdown`] builds from pulldown-cmark's events.

use crate::page::{Heading, Node, Text};
use crate::text::{ByteSet, skip_others};

/// Bytes that may start inline markup (escapes, code, emphasis, links, HTML, entities,
/// strikethrough, table pipes, heading attributes), or that pulldown-cmark rewrites (NUL,
/// CR, tab).
const INLINE_SYNTAX: ByteSet = ByteSet::of(b"\\`*_[]<&~|{}\0\r\t");

/// Bytes that may open a block when they start a line: lists, headings, quotes, fences,
/// thematic breaks, setext underlines, HTML, tables.
const BLOCK_START: ByteSet = ByteSet::of(b"-+*=_#>`~<|:");

/// The nodes of `text` (starting at `first_line` of its file), or `None` when it holds
/// anything beyond this module's simple blocks.
pub fn parse(text: &str, first_line: u32) -> Option<Vec<Node>> {
    let mut nodes = Vec::new();
    let mut line_number = first_line;
    let mut after_paragraph = false;
    let mut start = 0;
    while start <= text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |at| start + at);
        let line = &text[start..end];
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let content = content.trim_end_matches(' ');
        if content.is_empty() {
            after_paragraph = false;
        } else {
            // A second paragraph line continues the paragraph (or underlines it), and four
            // spaces make an indented code block: both left to pulldown-cmark.
            if indent >= 4 {
                return None;
            }
            // Unicode whitespace at the edges is text to markdown but trimmed by the
            // node builders: leave those rare lines to pulldown-cmark.
            if content.trim().len() != content.len() {
                return None;
            }
            if content.starts_with('#') {
                nodes.push(heading(content, line_number)?);
                after_paragraph = false;
            } else {
                if after_paragraph || opens_block(content) {
                    return None;
                }
                let plain = inline_plain(content)?;
                nodes.push(Node::Paragraph(Text {
                    raw: content.to_owned(),
                    plain,
                    line: line_number,
                }));
                after_paragraph = true;
            }
        }
        line_number = line_number.saturating_add(1);
        start = end + 1;
    }
    Some(nodes)
}

/// Whether a line may start a block other than a paragraph: a leading `**` before a
/// letter is strong text, a leading number is an ordered list only before `.` or `)`.
fn opens_block(content: &str) -> bool {
    let bytes = content.as_bytes();
    if bytes.starts_with(b"**") {
        return !content[2..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
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
    if text.is_empty() || text.ends_with('#') || text.trim().len() != text.len() {
        return None;
    }
    Some(Node::Heading(Heading {
        level: u8::try_from(level).ok()?,
        text: inline_plain(text)?,
        anchor,
        line,
    }))
}

/// The text of a line whose only markup is code spans (single backticks, no edge spaces
/// inside), `**strong**` runs markdown cannot read otherwise and plain inline links; `None`
/// for anything else.
fn inline_plain(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut copied = 0;
    let mut in_strong = false;
    let mut at = skip_others(bytes, 0, &INLINE_SYNTAX);
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
                let plain_target = |b: &u8| !b" ()<>\\`&*_\"'".contains(b);
                if target.is_empty() || !target.iter().all(plain_target) || label.is_empty() {
                    return None;
                }
                out.push_str(&inline_plain(label)?);
                target_end + 1
            }
            _ => return None,
        };
        at = skip_others(bytes, copied, &INLINE_SYNTAX);
    }
    if in_strong {
        return None;
    }
    out.push_str(&line[copied..]);
    (out.trim().len() == out.len()).then_some(out)
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
            "**Важно**: значение `ID` из `crm.item.list`.",
            "Текст\n## Заголовок\nещё текст",
            "   Три пробела",
            "200 OK",
            "a **b `c` d** e",
            "Структура описана [ниже](#data)",
            "Тип [`integer`](../data-types.md) и [метод](./x-y.md#z).",
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
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
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
    }

    #[test]
    fn anything_else_is_left_to_pulldown_cmark() {
        for text in [
            "two\nlines",
            "    indented code",
            "- item",
            "1. first",
            "1) first",
            "> quote",
            "text\n===",
            "a [link](x y.md)",
            "a ![image](x.md)",
            "a [link]",
            "a [link] (x.md)",
            "a [[x]](y.md)",
            "a [x](<y.md>)",
            "a [x](y.md \"title\")",
            "a [{#T}](y.md)",
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
