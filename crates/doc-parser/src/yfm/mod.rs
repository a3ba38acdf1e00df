//! The YFM layer: splits a page into YFM constructs (`#|` tables, `{% note %}`,
//! `{% list tabs %}`, `{% cut %}`, `{% include %}`, `{% if %}`) and plain markdown, which
//! goes to pulldown-cmark. Containers are parsed recursively, so a table inside a tab inside
//! a note, or a note inside a table cell, come out as nested [`Node`]s with their lines.

mod directive;
mod lines;
mod table;
mod tabs;

use crate::diagnostics::{Code, Diagnostics};
use std::sync::Arc;

use crate::includes::{IncludeLoader, Parsed};
use crate::markdown::{self, LineIndex};
use crate::page::{CodeBlock, Cut, Include, Node, Note};

pub use directive::{Directive, next_tag};
use directive::{Family, Tag};
pub use lines::Fence;

/// Containers nested deeper than this are read as plain markdown.
const MAX_NESTING: usize = 24;
/// Includes of includes deeper than this are not followed (it catches cycles too).
const MAX_INCLUDE_DEPTH: usize = 6;

/// What the scanner needs besides the text.
pub struct Context<'a> {
    pub includes: &'a dyn IncludeLoader,
    pub diags: &'a mut Diagnostics,
}

/// Where a piece of text comes from.
#[derive(Clone, Copy)]
struct Origin<'a> {
    /// The file, relative to the docs root.
    path: &'a str,
    /// How many containers enclose the text.
    nesting: usize,
    /// How many includes led to this file.
    include_depth: usize,
}

/// Parses a whole page.
pub fn parse_page(path: &str, text: &str, ctx: &mut Context<'_>) -> Vec<Node> {
    let origin = Origin {
        path,
        nesting: 0,
        include_depth: 0,
    };
    parse_blocks(text, 1, origin, ctx)
}

/// Parses `text`, which starts on line `first_line` of its file.
fn parse_blocks(
    text: &str,
    first_line: u32,
    origin: Origin<'_>,
    ctx: &mut Context<'_>,
) -> Vec<Node> {
    let too_deep = origin.nesting > MAX_NESTING;
    if too_deep {
        ctx.diags.push(
            origin.path,
            first_line,
            Code::NestingTooDeep,
            format!("containers nested over {MAX_NESTING} deep; the rest is read as plain text"),
        );
    }
    // Most cells and tab bodies hold no YFM construct: hand them to pulldown-cmark directly.
    if too_deep || !lines::has_yfm_markers(text) {
        let mut nodes = Vec::new();
        markdown_blocks(text, first_line, origin, ctx, &mut nodes);
        return nodes;
    }
    let index = LineIndex::new(text, first_line);
    let mut scanner = Scanner {
        text,
        index: &index,
        marks: lines::TagMarks::new(text),
        origin,
        out: Vec::new(),
        markdown_start: 0,
    };
    scanner.run(ctx);
    scanner.out
}

/// Plain markdown through pulldown-cmark, appended to `out`; blocks nested past its limit
/// are reported.
fn markdown_blocks(
    text: &str,
    first_line: u32,
    origin: Origin<'_>,
    ctx: &mut Context<'_>,
    out: &mut Vec<Node>,
) {
    let flattened = markdown::parse_counted_into(text, first_line, out);
    if flattened > 0 {
        ctx.diags.push(
            origin.path,
            first_line,
            Code::NestingTooDeep,
            format!("{flattened} markdown block(s) nested too deep were flattened"),
        );
    }
}

struct Scanner<'t, 'i, 'o> {
    text: &'t str,
    index: &'i LineIndex<'t>,
    marks: lines::TagMarks<'t>,
    origin: Origin<'o>,
    out: Vec<Node>,
    /// Start of the markdown not yet handed to pulldown-cmark.
    markdown_start: usize,
}

impl Scanner<'_, '_, '_> {
    fn run(&mut self, ctx: &mut Context<'_>) {
        let text = self.text;
        let mut pos = 0;
        let mut fence: Option<Fence> = None;
        while pos < text.len() {
            // Several tags on one long line must not rescan it for its end.
            let line_end = self.index.line_end(pos);
            let next_line = (line_end + 1).min(text.len());
            let at_line_start = pos == 0 || text.as_bytes()[pos - 1] == b'\n';
            if at_line_start {
                let line = &text[pos..line_end];
                if let Some(open) = fence {
                    // The fence's content is markdown's: on to its closing line.
                    pos = open
                        .find_line(text, pos, Fence::closed_by)
                        .map_or(text.len(), |(_, end)| (end + 1).min(text.len()));
                    fence = None;
                    continue;
                }
                if let Some(open) = Fence::opened_by(line) {
                    // A fence at column 0 is always a top-level code block: read it here
                    // instead of through pulldown-cmark (code is over half of the docs'
                    // bytes). Indented fences may belong to a list item: pulldown reads them.
                    if !line.starts_with([' ', '\t']) {
                        self.flush_markdown(pos, ctx);
                        pos = self.code_block(open, pos, line_end);
                        self.markdown_start = pos;
                        continue;
                    }
                    fence = Some(open);
                    pos = next_line;
                    continue;
                }
                if lines::trim_start(line).starts_with("#|") {
                    self.flush_markdown(pos, ctx);
                    let (table, after) = table::parse(text, pos, self.index, self.origin, ctx);
                    self.out.push(Node::Table(table));
                    pos = after;
                    self.markdown_start = after;
                    continue;
                }
            }
            let tag = if self.marks.any_in(pos, line_end) {
                directive::next_tag(&text[..line_end], pos)
            } else {
                None
            };
            match tag {
                Some(tag) => {
                    self.flush_markdown(tag.start, ctx);
                    pos = self.handle_tag(tag, ctx);
                    self.markdown_start = pos;
                }
                None => pos = next_line,
            }
        }
        self.flush_markdown(text.len(), ctx);
    }

    fn flush_markdown(&mut self, end: usize, ctx: &mut Context<'_>) {
        let start = self.markdown_start.min(end);
        let segment = &self.text[start..end];
        if !lines::trim_start(segment).is_empty() {
            let line = self.index.line(start);
            markdown_blocks(segment, line, self.origin, ctx, &mut self.out);
        }
        self.markdown_start = end;
    }

    /// A fenced code block whose opening line spans `start..line_end`; returns where the
    /// text after its closing line starts. Unclosed, it runs to the end of the text.
    fn code_block(&mut self, open: Fence, start: usize, line_end: usize) -> usize {
        let text = self.text;
        let content_start = (line_end + 1).min(text.len());
        let (content_end, after) =
            match open.find_line(text, content_start, Fence::closed_strictly_by) {
                Some((close_start, close_end)) => (close_start, (close_end + 1).min(text.len())),
                None => (text.len(), text.len()),
            };
        self.out.push(Node::Code(CodeBlock {
            lang: open.lang(&text[start..line_end]),
            text: text[content_start.min(content_end)..content_end].to_owned(),
            line: self.index.line(start),
        }));
        after
    }

    /// Handles one tag and returns where scanning continues.
    fn handle_tag(&mut self, tag: Tag, ctx: &mut Context<'_>) -> usize {
        let line = self.index.line(tag.start);
        let path = self.origin.path;
        match tag.directive {
            Directive::Include { target, notitle } => {
                let node = self.include(target, notitle, line, ctx);
                self.out.push(node);
                tag.end
            }
            ref open if open.is_open() => self.region(&tag, line, ctx),
            Directive::Else => {
                ctx.diags.push(
                    path,
                    line,
                    Code::UnmatchedDirective,
                    "`{% else %}` outside `{% if %}`",
                );
                tag.end
            }
            Directive::Unknown(inner) => {
                ctx.diags.push(
                    path,
                    line,
                    Code::UnknownDirective,
                    format!("unknown tag `{{% {inner} %}}`"),
                );
                tag.end
            }
            // The end tags: the opening ones are all matched above.
            ref close => {
                let family = close.family().map_or("?", Family::name);
                ctx.diags.push(
                    path,
                    line,
                    Code::UnmatchedDirective,
                    format!("`{{% end{family} %}}` without an opening tag"),
                );
                tag.end
            }
        }
    }

    /// An opening tag: finds its end tag and parses what lies between.
    fn region(&mut self, tag: &Tag, line: u32, ctx: &mut Context<'_>) -> usize {
        let text = self.text;
        let Some(family) = tag.directive.family() else {
            return tag.end;
        };
        let found = lines::find_close(text, tag.end, family, self.index);
        let (body_end, resume, else_at) = match found {
            Some(close) => (close.start, close.end, close.else_at),
            None => {
                ctx.diags.push(
                    self.origin.path,
                    line,
                    Code::UnclosedDirective,
                    format!(
                        "`{{% {} %}}` is never closed; it runs to the end of the text",
                        family.name()
                    ),
                );
                (text.len(), text.len(), None)
            }
        };
        let inner = Origin {
            nesting: self.origin.nesting + 1,
            ..self.origin
        };
        let body_line = self.index.line(tag.end);
        match &tag.directive {
            Directive::Note { kind, title } => {
                let children = parse_blocks(&text[tag.end..body_end], body_line, inner, ctx);
                self.out.push(Node::Note(Note {
                    kind: kind.clone(),
                    title: title.clone(),
                    children,
                    line,
                }));
            }
            Directive::Cut { title } => {
                let children = parse_blocks(&text[tag.end..body_end], body_line, inner, ctx);
                self.out.push(Node::Cut(Cut {
                    title: title.clone(),
                    children,
                    line,
                }));
            }
            Directive::List => {
                let body = &text[tag.end..body_end];
                let tabs = tabs::parse(
                    body,
                    body_line,
                    line,
                    inner.path,
                    ctx,
                    |text, first, ctx| parse_blocks(text, first, inner, ctx),
                );
                self.out.push(Node::Tabs(tabs));
            }
            Directive::If { condition } => {
                let (then_end, else_part) = match else_at {
                    Some((else_start, else_end)) => (else_start, Some(else_end)),
                    None => (body_end, None),
                };
                let kept = match directive::evaluate_condition(condition) {
                    Some(true) => Some((tag.end, then_end)),
                    Some(false) => else_part.map(|start| (start, body_end)),
                    None => {
                        ctx.diags.push(
                            self.origin.path,
                            line,
                            Code::UnknownDirective,
                            format!(
                                "cannot evaluate `{{% if {condition} %}}`; its content is left out"
                            ),
                        );
                        None
                    }
                };
                if let Some((start, end)) = kept {
                    let first = self.index.line(start);
                    let nodes = parse_blocks(&text[start..end], first, inner, ctx);
                    self.out.extend(nodes);
                }
            }
            _ => {}
        }
        resume
    }

    fn include(&mut self, target: String, notitle: bool, line: u32, ctx: &mut Context<'_>) -> Node {
        let mut node = Include {
            target,
            children: Arc::from(Vec::new()),
            rest_v3: Arc::default(),
            line,
        };
        if self.origin.include_depth >= MAX_INCLUDE_DEPTH {
            ctx.diags.push(
                self.origin.path,
                line,
                Code::IncludeTooDeep,
                format!(
                    "`{}` not followed: includes nest over {MAX_INCLUDE_DEPTH} deep",
                    node.target
                ),
            );
            return Node::Include(node);
        }
        match ctx.includes.load(self.origin.path, &node.target) {
            Ok(loaded) => {
                // Shared files (`required.md`, `system-errors.md`) are included by most pages:
                // parse each once. Its own nesting limits are counted from the first include.
                let parsed = match ctx.includes.parsed(&loaded.path, notitle) {
                    Some(parsed) => parsed,
                    None => {
                        let origin = Origin {
                            path: &loaded.path,
                            nesting: self.origin.nesting + 1,
                            include_depth: self.origin.include_depth + 1,
                        };
                        let mut own = Diagnostics::default();
                        let mut inner = Context {
                            includes: ctx.includes,
                            diags: &mut own,
                        };
                        let mut children = parse_blocks(&loaded.text, 1, origin, &mut inner);
                        if notitle && matches!(children.first(), Some(Node::Heading(_))) {
                            children.remove(0);
                        }
                        let parsed = Parsed {
                            nodes: Arc::from(children),
                            diagnostics: Arc::from(own.into_vec()),
                            rest_v3: Arc::default(),
                        };
                        ctx.includes
                            .keep_parsed(&loaded.path, notitle, parsed.clone());
                        parsed
                    }
                };
                ctx.diags.extend(parsed.diagnostics.iter().cloned());
                node.children = parsed.nodes;
                node.rest_v3 = parsed.rest_v3;
            }
            Err(reason) => ctx.diags.push(
                self.origin.path,
                line,
                Code::IncludeUnresolved,
                format!("include `{}` not resolved: {reason}", node.target),
            ),
        }
        Node::Include(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::includes::NoIncludes;
    use crate::page::Table;

    fn parse(text: &str) -> (Vec<Node>, Vec<crate::Diagnostic>) {
        let mut diags = Diagnostics::default();
        let mut ctx = Context {
            includes: &NoIncludes,
            diags: &mut diags,
        };
        let nodes = parse_page("page.md", text, &mut ctx);
        (nodes, diags.into_vec())
    }

    fn table(node: &Node) -> &Table {
        match node {
            Node::Table(table) => table,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn dev_only_blocks_are_dropped() {
        let (nodes, diags) = parse("a\n\n{% if build == 'dev' %}\n\nTODO\n\n{% endif %}\n\nb\n");
        let texts: Vec<_> = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Paragraph(t) => Some(t.plain.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a", "b"]);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn notes_are_containers_and_tags_may_share_a_line() {
        let (nodes, _) = parse(
            "{% note info \"Заголовок\" %}\n\nвнутри\n\n{% endnote %}{% if build == 'dev' %}x{% endif %}\nпосле\n",
        );
        let Node::Note(note) = &nodes[0] else {
            panic!("{nodes:?}")
        };
        assert_eq!(
            (note.kind.as_str(), note.title.as_str()),
            ("info", "Заголовок")
        );
        assert!(matches!(&note.children[0], Node::Paragraph(t) if t.plain == "внутри"));
        assert!(matches!(&nodes[1], Node::Paragraph(t) if t.plain == "после" && t.line == 6));
    }

    #[test]
    fn tabs_hold_indented_tables_and_code() {
        let text = "{% list tabs %}\n\n- Вариант A\n\n    #|\n    || **Название**\n    `тип` | **Описание** ||\n    || **ID**\n    [`integer`](x.md) | Идентификатор ||\n    |#\n\n- PHP\n\n    ```php\n    - not a tab\n    ```\n\n{% endlist %}\n";
        let (nodes, diags) = parse(text);
        assert!(diags.is_empty(), "{diags:?}");
        let Node::Tabs(tabs) = &nodes[0] else {
            panic!("{nodes:?}")
        };
        assert_eq!(tabs.tabs.len(), 2);
        assert_eq!(tabs.tabs[0].title, "Вариант A");
        let rows = &table(&tabs.tabs[0].children[0]).rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].cells[0].raw, "**ID**\n[`integer`](x.md)");
        assert_eq!(rows[1].line, 8);
        assert!(matches!(&tabs.tabs[1].children[0], Node::Code(c) if c.lang == "php"));
    }

    #[test]
    fn cells_keep_code_pipes_fences_and_nested_tables() {
        let text = "#|\n|| **A** | `x|y` and ```a|b``` ||\n|| **B** | Пример:\n\n```json\n{\"a\": \"|\"}\n```\n\n#|\n||K|V||\n|#\n\nконец ||\n|#\n";
        let (nodes, diags) = parse(text);
        assert!(diags.is_empty(), "{diags:?}");
        let rows = &table(&nodes[0]).rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells[1].raw, "`x|y` and ```a|b```");
        let cell = &rows[1].cells[1];
        assert!(
            cell.nodes
                .iter()
                .any(|n| matches!(n, Node::Code(c) if c.text.contains('|')))
        );
        assert!(
            cell.nodes
                .iter()
                .any(|n| matches!(n, Node::Table(t) if t.rows[0].cells.len() == 2))
        );
        assert!(matches!(cell.nodes.last(), Some(Node::Paragraph(p)) if p.plain == "конец"));
    }

    #[test]
    fn a_fence_closed_on_the_row_end_line() {
        let text = "{% list tabs %}\n\n- A\n\n    #|\n    || **X**\n    [`object`](x) | Формат:\n    ```\n    {a: 1}\n    ``` ||\n    || **Y**\n    [`string`](x) | Текст ||\n    |#\n\n{% endlist %}\n\nпосле\n";
        let (nodes, diags) = parse(text);
        assert!(diags.is_empty(), "{diags:?}");
        let Node::Tabs(tabs) = &nodes[0] else {
            panic!("{nodes:?}")
        };
        let rows = &table(&tabs.tabs[0].children[0]).rows;
        assert_eq!(rows.len(), 2);
        assert!(rows[1].cells[0].raw.starts_with("**Y**"));
        assert!(matches!(&nodes[1], Node::Paragraph(t) if t.plain == "после"));
    }

    #[test]
    fn broken_markup_is_diagnosed_not_fatal() {
        let (nodes, diags) = parse("{% note %}\nnever closed\n#|\n|| **A** | a ||\n|| **B** | b\n");
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::UnclosedDirective), "{codes:?}");
        assert!(codes.contains(&Code::UnclosedTable), "{codes:?}");
        assert!(!nodes.is_empty());
        let (_, diags) = parse("{% endnote %}\n{% include [x](../../../x.md) %}\n{% bogus %}\n");
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                Code::UnmatchedDirective,
                Code::IncludeUnresolved,
                Code::UnknownDirective
            ]
        );
    }
}
