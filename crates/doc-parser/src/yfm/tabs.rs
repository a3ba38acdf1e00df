//! `{% list tabs %}`: each top-level bullet is a tab; its indented content is a page of
//! its own.

use crate::diagnostics::Code;
use crate::page::{Node, Tab, Tabs};

use super::Context;
use super::lines::{Fence, dedent, trim_start};

/// Splits the body of a `{% list tabs %}` region into tabs and parses each tab's content
/// with `parse` (which knows the enclosing file and nesting).
pub(super) fn parse(
    body: &str,
    first_line: u32,
    line: u32,
    path: &str,
    ctx: &mut Context<'_>,
    mut parse: impl FnMut(&str, u32, &mut Context<'_>) -> Vec<Node>,
) -> Tabs {
    let markers = bullet_lines(body);
    let Some(indent) = markers.iter().map(|m| m.indent).min() else {
        if !body.trim().is_empty() {
            ctx.diags.push(
                path,
                line,
                Code::MalformedTable,
                "`{% list tabs %}` has no `- ` items",
            );
        }
        return Tabs {
            tabs: Vec::new(),
            line,
        };
    };
    let items: Vec<&Bullet> = markers.iter().filter(|m| m.indent == indent).collect();
    let mut tabs = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let content_start = item.line_end.map_or(body.len(), |end| end + 1);
        let content_end = items.get(n + 1).map_or(body.len(), |next| next.start);
        let content = &body[content_start.min(content_end)..content_end];
        // The content starts on the line after the bullet's, if the bullet line ends.
        let content_line = first_line
            .saturating_add(item.line)
            .saturating_add(u32::from(item.line_end.is_some()));
        tabs.push(Tab {
            title: item.title.to_owned(),
            children: parse(&dedent(content), content_line, ctx),
            line: first_line.saturating_add(item.line),
        });
    }
    Tabs { tabs, line }
}

struct Bullet<'a> {
    start: usize,
    line_end: Option<usize>,
    indent: usize,
    title: &'a str,
    /// Lines before this one in the body.
    line: u32,
}

/// Lines that start a bullet (`- `, `* `, `+ `), outside code fences.
fn bullet_lines(body: &str) -> Vec<Bullet<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    let mut pos = 0;
    let mut line_number = 0u32;
    while pos < body.len() {
        if let Some(open) = fence {
            // On to the line after the closing one, counting the lines skipped.
            let Some((_, close_end)) = open.find_line(body, pos, Fence::closed_by) else {
                break;
            };
            let next = (close_end + 1).min(body.len());
            let skipped = memchr::memchr_iter(b'\n', &body.as_bytes()[pos..next]).count();
            line_number = line_number.saturating_add(u32::try_from(skipped).unwrap_or(u32::MAX));
            fence = None;
            pos = next;
            continue;
        }
        let line_end = memchr::memchr(b'\n', &body.as_bytes()[pos..]).map(|i| pos + i);
        let line = &body[pos..line_end.unwrap_or(body.len())];
        if let Some(open) = Fence::opened_by(line) {
            fence = Some(open);
        } else {
            let trimmed = trim_start(line);
            let indent = line.len() - trimmed.len();
            let title = ["- ", "* ", "+ "]
                .iter()
                .find_map(|marker| trimmed.strip_prefix(marker));
            if let Some(title) = title {
                out.push(Bullet {
                    start: pos,
                    line_end,
                    indent,
                    title: title.trim(),
                    line: line_number,
                });
            }
        }
        pos = line_end.map_or(body.len(), |end| end + 1);
        line_number = line_number.saturating_add(1);
    }
    out
}
