//! YFM constructs that reach doc text (the parser keeps descriptions as the page wrote them)
//! turned into plain markdown rustdoc can show: notes become quotes with a bold title, YFM
//! tables (`#|`, `||`, `|#`) markdown tables, `{% cut %}` a bold line, includes a link to the
//! included file, `[{#T}](page)` a link named after the page; the other tags (`{% list %}`,
//! `{% if %}`…), heading anchors (`{#id}`) and required markers (`^*^`) are dropped.
//!
//! Code spans and fenced blocks are copied untouched: a `{{ }}` or `||` in code is code.
//! Tags and fences are read by the parser's YFM reader, as on the pages.

use b24_doc_parser::{Directive, Fence, next_tag};

/// Rewrites the YFM in `text`; `link` makes an include's path a URL (the caller knows the
/// page the text came from).
pub fn to_markdown(text: &str, link: &dyn Fn(&str) -> String) -> String {
    if !has_yfm(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut quote_depth = 0usize;
    let mut lines = text.split_inclusive('\n').peekable();
    let mut fence: Option<Fence> = None;
    while let Some(line) = lines.next() {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if let Some(open) = fence {
            push_quoted(&mut out, body, quote_depth);
            if open.closed_by(body) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = Fence::opened_by(body) {
            fence = Some(open);
            push_quoted(&mut out, body, quote_depth);
            continue;
        }
        if let Some(first) = trimmed.strip_prefix("#|") {
            // Gather the table up to its closing `|#` and print it as a markdown table.
            let mut table = first.to_owned();
            table.push('\n');
            let mut closed = table.contains("|#");
            while !closed {
                let Some(next) = lines.next() else { break };
                table.push_str(next);
                closed = next.contains("|#");
            }
            let (inside, after) = match table.find("|#") {
                Some(end) => (&table[..end], table[end + 2..].trim()),
                None => (table.as_str(), ""),
            };
            for row in table_markdown(inside, link) {
                push_quoted(&mut out, &row, quote_depth);
            }
            if !after.is_empty() {
                push_quoted(&mut out, &inline(after, link), quote_depth);
            }
            continue;
        }
        // A tag that is the whole (trimmed) line.
        let whole_line =
            next_tag(trimmed, 0).filter(|tag| tag.start == 0 && tag.end == trimmed.len());
        if let Some(tag) = whole_line {
            match tag.directive {
                Directive::Note { kind, title } => {
                    quote_depth += 1;
                    push_quoted(&mut out, &note_title(&kind, &title), quote_depth);
                    // The title is a paragraph of its own.
                    if !next_is_blank(lines.peek()) {
                        push_quoted(&mut out, "", quote_depth);
                    }
                }
                Directive::EndNote => {
                    quote_depth = quote_depth.saturating_sub(1);
                    // A line right after the note must not continue the quote lazily.
                    if !next_is_blank(lines.peek()) {
                        push_quoted(&mut out, "", quote_depth);
                    }
                }
                Directive::Cut { title } if !title.is_empty() => {
                    push_quoted(&mut out, &format!("**{title}**"), quote_depth);
                    push_quoted(&mut out, "", quote_depth);
                }
                Directive::Include { target, .. } => {
                    push_quoted(&mut out, &include_link(trimmed, &target, link), quote_depth);
                }
                // list/endlist, an untitled cut, cut's end, if/endif, anything else: structure only.
                _ => {}
            }
            continue;
        }
        push_quoted(&mut out, &inline(body, link), quote_depth);
    }
    // The text ended inside a quote or code block: it was already copied as it stood.
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Whether `text` may hold anything this module rewrites (most descriptions do not).
fn has_yfm(text: &str) -> bool {
    ["{%", "#|", "{#", "^*^", "||"]
        .iter()
        .any(|marker| text.contains(marker))
}

fn next_is_blank(line: Option<&&str>) -> bool {
    line.is_none_or(|line| line.trim().is_empty())
}

/// Appends `line` inside `depth` levels of block quote.
fn push_quoted(out: &mut String, line: &str, depth: usize) {
    for _ in 0..depth {
        out.push('>');
        if !line.is_empty() {
            out.push(' ');
        }
    }
    out.push_str(line);
    out.push('\n');
}

/// `{% note warning "Title" %}` → `**Warning: Title**`.
fn note_title(kind: &str, title: &str) -> String {
    let kind = match kind {
        "warning" => "Warning",
        "alert" => "Important",
        "tip" => "Tip",
        _ => "Note",
    };
    if title.is_empty() {
        format!("**{kind}**")
    } else {
        format!("**{kind}: {title}**")
    }
}

/// `{% include [label](path) %}` (`tag`, with its `target`) → a link to the included file.
fn include_link(tag: &str, target: &str, link: &dyn Fn(&str) -> String) -> String {
    let label = tag
        .split_once('[')
        .and_then(|(_, rest)| rest.split_once("]("))
        .map_or("", |(label, _)| label.trim());
    let label = if label.is_empty() {
        page_name(target)
    } else {
        label
    };
    format!("See [{label}]({}).", link(target))
}

/// The length of the code span `rest` starts with: to its closing run of as many backticks,
/// or to the end of `rest` when none closes it.
fn code_span_len(rest: &str) -> usize {
    let ticks = rest.bytes().take_while(|&b| b == b'`').count();
    rest[ticks..]
        .find(&rest[..ticks])
        .map_or(rest.len(), |close| ticks + close + ticks)
}

/// Inline YFM in one line outside code spans: `[{#T}](page)` named after the page, heading
/// anchors and required markers dropped, other `{% … %}` tags dropped.
fn inline(line: &str, link: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if rest.starts_with('`') {
            let end = code_span_len(rest);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if let Some(after) = rest.strip_prefix("[{#T}](") {
            let target = after.split(')').next().unwrap_or("");
            out.push_str(&format!("[{}]({target})", page_name(target)));
            rest = &after[(target.len() + 1).min(after.len())..];
        } else if let Some(close) = rest.strip_prefix("{#").and_then(|after| after.find('}')) {
            let id = &rest[2..2 + close];
            if id
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                out.truncate(out.trim_end_matches(' ').len());
                rest = &rest[close + 3..];
            } else {
                out.push('{');
                rest = &rest[1..];
            }
        } else if let Some(after) = rest.strip_prefix("^*^") {
            rest = after;
        } else if rest.starts_with("{%")
            && let Some(tag) = next_tag(rest, 0)
        {
            if let Directive::Include { target, .. } = &tag.directive {
                out.push_str(&include_link(&rest[..tag.end], target, link));
            }
            rest = &rest[tag.end..];
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A page's name from its path: `../events/safe-event-handlers.md#x` → `safe-event-handlers`.
fn page_name(target: &str) -> &str {
    let path = target.split('#').next().unwrap_or(target);
    let file = path
        .rsplit('/')
        .find(|part| !part.is_empty())
        .unwrap_or(path);
    let name = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".html"))
        .unwrap_or(file);
    if name == "index" || name.is_empty() {
        "the page"
    } else {
        name
    }
}

/// The rows of a YFM table body (`||a|b||\n||c|d||`) as markdown table lines; the first
/// row is the header. Cell text is joined onto one line.
fn table_markdown(body: &str, link: &dyn Fn(&str) -> String) -> Vec<String> {
    let rows: Vec<Vec<String>> = table_cells(body)
        .into_iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    let joined = cell
                        .lines()
                        .map(str::trim)
                        .filter(|line| !line.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ");
                    inline(&joined, link)
                })
                .collect()
        })
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return Vec::new();
    }
    let mut lines = vec![String::new()];
    for (index, row) in rows.iter().enumerate() {
        let mut line = String::from("|");
        for column in 0..width {
            let cell = row.get(column).map_or("", String::as_str);
            line.push(' ');
            line.push_str(cell);
            line.push_str(" |");
        }
        lines.push(line);
        if index == 0 {
            lines.push(format!("|{}", "---|".repeat(width)));
        }
    }
    lines.push(String::new());
    lines
}

/// The cells of a table body's rows: rows between `||` marks, cells between `|`, both
/// outside code spans (a `|` in code is escaped for markdown); the text between rows is
/// white space and dropped.
fn table_cells(body: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        let len = match c {
            '`' => code_span_len(rest),
            '|' if rest.starts_with("||") => 2,
            _ => c.len_utf8(),
        };
        let (piece, after) = rest.split_at(len);
        rest = after;
        match (piece, &mut row) {
            ("||", Some(_)) => rows.extend(row.take()),
            ("||", None) => row = Some(vec![String::new()]),
            ("|", Some(cells)) => cells.push(String::new()),
            (piece, Some(cells)) => {
                if let Some(cell) = cells.last_mut() {
                    cell.push_str(&piece.replace('|', "\\|"));
                }
            }
            (_, None) => {}
        }
    }
    // An unclosed last row is kept when it holds more than white space.
    rows.extend(row.filter(|cells| cells.len() > 1 || !cells[0].trim().is_empty()));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> String {
        to_markdown(text, &|target| format!("URL({target})"))
    }

    #[test]
    fn notes_become_quotes_with_a_title() {
        assert_eq!(
            plain("До.\n\n{% note info \"\" %}\n\nТекст `{% x %}`.\n\n{% endnote %}\n\nПосле."),
            "До.\n\n> **Note**\n>\n> Текст `{% x %}`.\n>\n\nПосле."
        );
        assert_eq!(
            plain("{% note warning \"Важно\" %}\nА\n{% endnote %}"),
            "> **Warning: Важно**\n>\n> А"
        );
    }

    #[test]
    fn tables_become_markdown_tables() {
        assert_eq!(
            plain(
                "Стадии:\n\n#|\n||STATUS_ID|Название||\n||NEW | Не\nобработан||\n||`a|b`|x||\n|#\n\nДалее."
            ),
            "Стадии:\n\n\n| STATUS_ID | Название |\n|---|---|\n| NEW | Не обработан |\n| `a\\|b` | x |\n\n\nДалее."
        );
    }

    #[test]
    fn includes_links_anchors_and_markers() {
        assert_eq!(
            plain("{% include [Примечание](../_includes/x.md) %}"),
            "See [Примечание](URL(../_includes/x.md))."
        );
        assert_eq!(
            plain("в статье [{#T}](../events/safe-event-handlers.md)."),
            "в статье [safe-event-handlers](../events/safe-event-handlers.md)."
        );
        assert_eq!(plain("## Поля {#fields}"), "## Поля");
        assert_eq!(plain("- **ID^*^** — код"), "- **ID** — код");
        assert_eq!(plain("{% list tabs %}\n\n- A\n\n{% endlist %}"), "\n- A");
        assert_eq!(plain("`{{x}}` и `a||b`"), "`{{x}}` и `a||b`");
    }

    #[test]
    fn code_blocks_are_untouched() {
        let text = "```json\n{% note %}\n#|\n```\nok";
        assert_eq!(plain(text), text);
    }
}
