//! The block model of a page: markdown blocks and YFM containers, each with its line.
//!
//! The YFM layer (`crate::yfm`) builds it; the extractors ([`crate::extract`]) read it.
//! `raw` fields keep the markdown source (for the cell grammar and for descriptions),
//! `plain` fields the text with markup removed (for matching phrases).

use std::sync::{Arc, OnceLock};

/// One block of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Heading(Heading),
    Paragraph(Text),
    List(List),
    Code(CodeBlock),
    Quote(Quote),
    Table(Table),
    Note(Note),
    Tabs(Tabs),
    Cut(Cut),
    Include(Include),
}

impl Node {
    pub fn line(&self) -> u32 {
        match self {
            Node::Heading(h) => h.line,
            Node::Paragraph(t) => t.line,
            Node::List(l) => l.line,
            Node::Code(c) => c.line,
            Node::Quote(q) => q.line,
            Node::Table(t) => t.line,
            Node::Note(n) => n.line,
            Node::Tabs(t) => t.line,
            Node::Cut(c) => c.line,
            Node::Include(i) => i.line,
        }
    }

    /// The blocks this one contains, in order (tabs contribute every tab's blocks).
    pub fn children(&self) -> Vec<&[Node]> {
        match self {
            Node::Quote(q) => vec![&q.children],
            Node::Note(n) => vec![&n.children],
            Node::Cut(c) => vec![&c.children],
            Node::Tabs(t) => t.tabs.iter().map(|tab| tab.children.as_slice()).collect(),
            Node::Include(i) => vec![&i.children],
            Node::List(l) => l
                .items
                .iter()
                .map(|item| item.children.as_slice())
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    /// Plain text, without the `{#anchor}`.
    pub text: String,
    pub anchor: Option<String>,
    pub line: u32,
}

/// A paragraph (or the inline text of a tight list item).
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub raw: String,
    pub plain: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub items: Vec<ListItem>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// The item's blocks; its own text comes first as a paragraph.
    pub children: Vec<Node>,
    pub line: u32,
}

impl ListItem {
    /// The item's first paragraph: its own text.
    pub fn text(&self) -> Option<&Text> {
        match self.children.first() {
            Some(Node::Paragraph(text)) => Some(text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    /// The info string's first word (`json`, `php`), lowercased; empty if none.
    pub lang: String,
    pub text: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub children: Vec<Node>,
    pub line: u32,
}

/// A YFM `#| … |#` table or a pipe table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell's markdown source, trimmed.
    pub raw: String,
    /// The cell parsed as blocks (cells hold lists, code, notes, nested tables).
    pub nodes: Vec<Node>,
    pub line: u32,
}

impl Cell {
    /// The cell's text with markup removed, paragraphs joined by newlines.
    pub fn plain(&self) -> String {
        let paragraphs = || {
            self.nodes.iter().filter_map(|node| match node {
                Node::Paragraph(text) => Some(text.plain.as_str()),
                _ => None,
            })
        };
        // Sized at once: cells are read many times.
        let mut out = String::with_capacity(paragraphs().map(|plain| plain.len() + 1).sum());
        for plain in paragraphs() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(plain);
        }
        out
    }
}

/// `{% note kind "title" %}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub kind: String,
    pub title: String,
    pub children: Vec<Node>,
    pub line: u32,
}

/// `{% list tabs %}`: each top-level bullet is a tab.
#[derive(Debug, Clone, PartialEq)]
pub struct Tabs {
    pub tabs: Vec<Tab>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    pub title: String,
    pub children: Vec<Node>,
    pub line: u32,
}

/// `{% cut "title" %}`: collapsed content.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub title: String,
    pub children: Vec<Node>,
    pub line: u32,
}

/// `{% include [text](path) %}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    /// The path as written, relative to the including file.
    pub target: String,
    /// The included blocks; empty when the include could not be resolved. Shared: an
    /// included file is parsed once per import, however many pages include it.
    pub children: Arc<[Node]>,
    /// What the included blocks say of REST 3.0, read once with their parse.
    pub rest_v3: Arc<OnceLock<RestV3>>,
    pub line: u32,
}

/// What blocks say of REST 3.0 (`extract::api_version`): a signal, else the line of the
/// first mention.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct RestV3 {
    pub signal: bool,
    pub mention: Option<u32>,
}

/// Visits every node depth-first, containers before their content.
pub fn walk<'a>(nodes: &'a [Node], visit: &mut dyn FnMut(&'a Node)) {
    walk_while(nodes, true, |node| {
        visit(node);
        true
    });
}

/// Whether some node (at any depth) satisfies `test`; stops at the first that does.
pub fn any<'a>(nodes: &'a [Node], test: &mut dyn FnMut(&'a Node) -> bool) -> bool {
    let mut found = false;
    walk_while(nodes, true, |node| {
        found = test(node);
        !found
    });
    found
}

/// Visits nodes depth-first while `visit` returns `true`, and included blocks only when
/// `into_includes`. Generic, so that the wrappers above call their visitor directly rather
/// than through a second dynamic call per node.
pub(crate) fn walk_while<'a>(
    nodes: &'a [Node],
    into_includes: bool,
    mut visit: impl FnMut(&'a Node) -> bool,
) {
    // An explicit stack: pages can nest deeply and recursion must not overflow. Children are
    // pushed without collecting them first: walks run many times over every page.
    // Room for the usual depth at once: growing from one costs more than the walk itself
    // on small pages.
    let mut stack: Vec<std::slice::Iter<'a, Node>> = Vec::with_capacity(16);
    stack.push(nodes.iter());
    while let Some(top) = stack.last_mut() {
        let Some(node) = top.next() else {
            stack.pop();
            continue;
        };
        if !visit(node) {
            return;
        }
        match node {
            Node::Quote(q) => stack.push(q.children.iter()),
            Node::Note(n) => stack.push(n.children.iter()),
            Node::Cut(c) => stack.push(c.children.iter()),
            Node::Include(i) if into_includes => stack.push(i.children.iter()),
            Node::Tabs(t) => {
                for tab in t.tabs.iter().rev() {
                    stack.push(tab.children.iter());
                }
            }
            Node::List(l) => {
                for item in l.items.iter().rev() {
                    stack.push(item.children.iter());
                }
            }
            Node::Table(table) => {
                for row in table.rows.iter().rev() {
                    for cell in row.cells.iter().rev() {
                        stack.push(cell.nodes.iter());
                    }
                }
            }
            Node::Include(_) | Node::Heading(_) | Node::Paragraph(_) | Node::Code(_) => {}
        }
    }
}
