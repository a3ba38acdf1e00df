//! Which tables of a page are its parameters and how they fit together.
//!
//! The parameters come from the params sections (`## Параметры метода`, `## Параметры`,
//! `## Параметры fields {#fields}`, …) or, on pages without one, from the blocks before the
//! first h2. The first parameter table there is the main one; the tables under later
//! headings (in those sections or in other non-response sections) are candidate sub-tables
//! that [`super::nesting`] links to the parameters that name them. Tables inside
//! `{% list tabs %}` are per-variant tables; notes, cuts and resolved includes are looked
//! into. Value tables (`Значение | Описание`, `### Доступные фоны {#backgrounds}`) are kept
//! for the parameters that link to them.

use crate::letters;
use crate::lexicon::sections as lx;
use b24_spec::Param;

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Cut, Heading, Include, Node, Note, Table, walk};

use super::examples::KeyParents;
use super::nesting::{self, Group, Linker};
use super::params::{self, Entry, EntryTable};
use super::required::{self, Convention};
use super::sections::{SectionKind, Sections};
use super::values::{self, ValueList};

/// Where a block comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The params sections, or the preamble of a page without one.
    Params,
    /// Another section that is not the response, errors or examples: it may hold
    /// sub-tables a parameter links to ("## Список полей", "## Тип AI").
    Other,
}

/// One block of the parameter region, in page order.
#[derive(Debug)]
enum Item<'a> {
    Heading(&'a Heading),
    Table {
        table: &'a Table,
        source: Source,
        /// The tab title, for a table inside `{% list tabs %}`.
        variant: Option<&'a str>,
        /// Which tabs block the table is in (tables of one block are variants).
        tabs: Option<usize>,
    },
    /// A paragraph or a list (value lists after a table).
    Text(&'a Node),
}

/// Reads the parameters of a page.
pub fn read(path: &str, sections: &Sections<'_>, diags: &mut Diagnostics) -> Vec<Param> {
    let params_sections: Vec<_> = sections.of_kind(SectionKind::Params).collect();
    let mut items = Vec::new();
    let mut walker = Walker::default();
    // The preamble holds the main table unless a section is the method's parameters as a
    // whole ("## Параметры метода"); "## Параметры fields" alone only describes a field.
    let preamble_is_params = !params_sections
        .iter()
        .any(|s| is_main_params_heading(&s.heading.text));
    if preamble_is_params {
        walker.nodes(&sections.preamble, Source::Params, None, &mut items);
    }
    for section in &params_sections {
        items.push(Item::Heading(section.heading));
        walker.nodes(&section.nodes, Source::Params, None, &mut items);
    }
    for section in sections.of_kind(SectionKind::Other) {
        items.push(Item::Heading(section.heading));
        walker.nodes(&section.nodes, Source::Other, None, &mut items);
    }

    let main = items
        .iter()
        .enumerate()
        .find_map(|(index, item)| match item {
            Item::Table {
                table,
                source: Source::Params,
                ..
            } => params::entry_table(table).map(|entries| (index, entries)),
            _ => None,
        });
    let Some((main_at, main_entries)) = main else {
        report_unread_tables(path, &items, diags);
        return Vec::new();
    };
    let (main_group, mut groups, value_tables) = group_tables(&items, main_at, main_entries);

    let mut linker = Linker::new(path, &groups, &value_tables);
    let mut entries = linker.read_group(&main_group, diags);
    linker.link_all(&mut entries, 0, diags);
    entries = extra_tables(path, &main_group, &groups, &mut linker, entries, diags);
    let (used, used_values) = linker.used();
    for (group, used) in groups.iter_mut().zip(used) {
        group.used = used;
    }
    for (table, used) in value_tables.iter().zip(used_values) {
        if !used {
            let heading = table
                .heading
                .map_or_else(|| "no heading".to_owned(), |h| format!("\"{}\"", h.text));
            diags.push(
                path,
                table.line,
                Code::ValuesUnlinked,
                format!("the value table under {heading} is linked to no parameter"),
            );
        }
    }

    attach_trailing_values(path, &items[main_at + 1..], &mut entries, diags);
    nest_flat_keys(path, sections, &mut entries, diags);

    // The convention: marks of every table in use, else legends in the params region.
    let mut convention = Convention::default();
    note_marks(&entries, &mut convention);
    if !convention.stars && has_legend(preamble_is_params, &params_sections, sections, &groups) {
        convention.stars = true;
    }
    for group in groups.iter().filter(|g| !g.used) {
        report_unlinked(path, group, diags);
    }
    entries
        .into_iter()
        .map(|entry| entry.finish(convention))
        .collect()
}

/// "Параметры", "Параметры метода", "Параметры запроса": a heading for all the method's
/// parameters, not for one parameter's fields.
fn is_main_params_heading(text: &str) -> bool {
    const WORDS: &[&str] = lx::MAIN_PARAMS_WORDS;
    text.to_lowercase()
        .split(|c: char| !letters::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .all(|w| WORDS.contains(&w))
}

/// Collects the region's blocks, looking into tabs, notes, cuts and includes.
#[derive(Default)]
struct Walker {
    tabs_seen: usize,
}

impl Walker {
    fn nodes<'a>(
        &mut self,
        nodes: &[&'a Node],
        source: Source,
        variant: Option<(&'a str, usize)>,
        out: &mut Vec<Item<'a>>,
    ) {
        for node in nodes {
            self.node(node, source, variant, out);
        }
    }

    fn node<'a>(
        &mut self,
        node: &'a Node,
        source: Source,
        variant: Option<(&'a str, usize)>,
        out: &mut Vec<Item<'a>>,
    ) {
        match node {
            Node::Heading(heading) => out.push(Item::Heading(heading)),
            Node::Table(table) => out.push(Item::Table {
                table,
                source,
                variant: variant.map(|(title, _)| title),
                tabs: variant.map(|(_, id)| id),
            }),
            Node::Paragraph(_) | Node::List(_) => out.push(Item::Text(node)),
            Node::Tabs(tabs) => {
                self.tabs_seen += 1;
                let id = self.tabs_seen;
                for tab in &tabs.tabs {
                    for child in &tab.children {
                        self.node(child, source, Some((tab.title.as_str(), id)), out);
                    }
                }
            }
            Node::Note(Note { children, .. }) | Node::Cut(Cut { children, .. }) => {
                for child in children {
                    self.node(child, source, variant, out);
                }
            }
            Node::Include(include) if !is_required_include(include) => {
                for child in include.children.iter() {
                    self.node(child, source, variant, out);
                }
            }
            _ => {}
        }
    }
}

fn is_required_include(include: &Include) -> bool {
    super::includes_file(include, crate::lexicon::required::LEGEND_INCLUDE)
}

/// Splits the region's tables into the main group (the first parameter table, with the
/// other tabs of its tabs block), the candidate sub-tables grouped by heading, and the
/// value tables.
fn group_tables<'a>(
    items: &[Item<'a>],
    main_at: usize,
    main_entries: EntryTable<'a>,
) -> (Group<'a>, Vec<Group<'a>>, Vec<nesting::ValueTable<'a>>) {
    let mut main_entries = Some(main_entries);
    let mut main = Group::default();
    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut value_tables = Vec::new();
    let mut heading: Option<&'a Heading> = None;
    let mut main_tabs = None;
    // A new heading starts a new group; tables under one heading share it.
    let mut open_group: Option<usize> = None;
    for (index, item) in items.iter().enumerate() {
        match item {
            Item::Heading(h) => {
                heading = Some(h);
                open_group = None;
            }
            Item::Text(_) => {}
            Item::Table {
                table,
                source,
                variant,
                tabs,
            } => {
                // The main table is an entry table (so not a value table), read once.
                if index == main_at
                    && let Some(entries) = main_entries.take()
                {
                    main.heading = heading;
                    main.source_is_params = true;
                    main_tabs = *tabs;
                    main.tables.push((*variant, entries));
                    main.line = table.line;
                    continue;
                }
                if let Some(values) = values::from_table(table) {
                    value_tables.push(nesting::ValueTable {
                        heading,
                        values,
                        line: table.line,
                    });
                    continue;
                }
                // Not a value table: only the entry reading is left to try.
                let Some(entries) = params::entry_table_of(table) else {
                    continue;
                };
                if index > main_at && tabs.is_some() && *tabs == main_tabs {
                    main.tables.push((*variant, entries));
                    continue;
                }
                match open_group.filter(|&g| groups[g].tabs == *tabs) {
                    Some(g) => groups[g].tables.push((*variant, entries)),
                    None => {
                        groups.push(Group {
                            heading,
                            source_is_params: *source == Source::Params,
                            tables: vec![(*variant, entries)],
                            tabs: *tabs,
                            line: table.line,
                            used: false,
                        });
                        open_group = Some(groups.len() - 1);
                    }
                }
            }
        }
    }
    (main, groups, value_tables)
}

/// Parameter tables the linking left over, in the params sections:
/// - siblings of a main table that sits under its own sub-heading ("### 1. Через
///   идентификатор", "### 2. Через элемент") are ways to call the method: their
///   parameters merge with the main ones as variants named by the headings;
/// - other tables under a heading that speaks of parameters ("### Дополнительные
///   параметры") add top-level parameters.
fn extra_tables<'a>(
    path: &str,
    main: &Group<'a>,
    groups: &[Group<'a>],
    linker: &mut Linker<'_, '_>,
    entries: Vec<Entry>,
    diags: &mut Diagnostics,
) -> Vec<Entry> {
    let (used, _) = linker.used();
    let level = main.heading.map_or(0, |h| h.level);
    let spare: Vec<usize> = (0..groups.len())
        .filter(|&i| !used[i] && groups[i].source_is_params)
        .collect();
    if level >= 3 && main.tables.iter().all(|(variant, _)| variant.is_none()) {
        let siblings: Vec<usize> = spare
            .iter()
            .copied()
            .filter(|&i| groups[i].heading.is_some_and(|h| h.level == level))
            .filter(|&i| {
                groups[i]
                    .tables
                    .iter()
                    .all(|(variant, _)| variant.is_none())
            })
            .collect();
        if !siblings.is_empty() {
            let title = |g: &Group<'a>| -> &'a str { g.heading.map_or("", |h| h.text.as_str()) };
            let mut tables = vec![(Some(title(main)), entries)];
            for &i in &siblings {
                linker.mark_used(i);
                let mut more = linker.read_group(&groups[i], diags);
                linker.link_all(&mut more, 0, diags);
                tables.push((Some(title(&groups[i])), more));
            }
            return nesting::merge_variants(tables);
        }
    }
    let mut entries = entries;
    for i in spare {
        let Some(heading) = groups[i].heading else {
            continue;
        };
        if heading.level < 3 || !letters::has_folded(&heading.text, lx::PARAMS) {
            continue;
        }
        linker.mark_used(i);
        let mut more = linker.read_group(&groups[i], diags);
        linker.link_all(&mut more, 0, diags);
        diags.push(
            path,
            groups[i].line,
            Code::ParamsTableAppended,
            format!(
                "the table under \"{}\" is linked to no parameter; its rows are read as more parameters",
                heading.text
            ),
        );
        nesting::merge_entries(&mut entries, more);
    }
    entries
}

/// Keys listed flat right after the object they belong to (`PROPERTIES`, then `NAME`,
/// `COLOR`, …) go under it when the request examples only ever show them inside it.
fn nest_flat_keys(
    path: &str,
    sections: &Sections<'_>,
    entries: &mut Vec<Entry>,
    diags: &mut Diagnostics,
) {
    // Only an object with no fields, followed by more rows, can take rows from below it.
    let open = |entry: &Entry| {
        entry.children.is_empty() && entry.keys.is_empty() && nesting::holds_fields(&entry.param)
    };
    if !entries.windows(2).any(|pair| open(&pair[0])) {
        return;
    }
    let mut codes: Vec<&str> = Vec::new();
    for section in sections.of_kind(SectionKind::Examples) {
        for node in &section.nodes {
            walk(std::slice::from_ref(*node), &mut |n| {
                if let Node::Code(code) = n {
                    codes.push(&code.text);
                }
            });
        }
    }
    if codes.is_empty() {
        return;
    }
    let keys = KeyParents::read(codes.into_iter());
    let parent_of = |entry: &Entry| -> Option<String> {
        match &entry.param.pattern {
            Some(pattern) => keys.parent_of_glob(pattern),
            None => keys.parent_of(&entry.param.name),
        }
        .map(str::to_owned)
    };
    let mut i = 0;
    while i < entries.len() {
        let holder = &entries[i];
        if !open(holder) {
            i += 1;
            continue;
        }
        // The rows after the holder that the examples put inside it, or inside one of
        // those rows (`FIELDS` → `PROPERTIES` → `NAME`).
        let mut inside = vec![holder.param.name.clone()];
        let mut end = i + 1;
        while end < entries.len() && parent_of(&entries[end]).is_some_and(|p| inside.contains(&p)) {
            inside.push(entries[end].param.name.clone());
            end += 1;
        }
        if end > i + 1 {
            let moved: Vec<Entry> = entries.drain(i + 1..end).collect();
            diags.push(
                path,
                moved[0].line,
                Code::ParamsNestedByExample,
                format!(
                    "{} rows after `{}` are its keys in the request examples; they are read as its fields",
                    moved.len(),
                    entries[i].param.name
                ),
            );
            for entry in moved {
                let parent = parent_of(&entry).unwrap_or_default();
                place(&mut entries[i], &parent, entry);
            }
        }
        i += 1;
    }
}

/// Puts `entry` under the entry named `parent` in `holder`'s tree (the holder itself when
/// no deeper entry has that name).
fn place(holder: &mut Entry, parent: &str, entry: Entry) {
    fn find<'e>(node: &'e mut Entry, name: &str) -> Option<&'e mut Entry> {
        if node.param.name == name {
            return Some(node);
        }
        node.children.iter_mut().find_map(|c| find(c, name))
    }
    if holder.param.name != parent
        && let Some(found) = holder.children.iter_mut().find_map(|c| find(c, parent))
    {
        found.children.push(entry);
        return;
    }
    holder.children.push(entry);
}

/// Value lists after the main table ("Доступны следующие статусы:") belong to the
/// parameter the evidence points at: one the intro names, one whose example is a listed
/// value, or the only parameter that can take values.
fn attach_trailing_values(
    path: &str,
    items: &[Item<'_>],
    entries: &mut [Entry],
    diags: &mut Diagnostics,
) {
    let run: Vec<&Node> = items
        .iter()
        .map_while(|item| match item {
            Item::Text(node) => Some(*node),
            _ => None,
        })
        .collect();
    for list in values::find_lists(&run) {
        match target_of(&list, entries) {
            Some(index) => values::merge(&mut entries[index].param.enum_values, list.values),
            None => diags.push(
                path,
                list.line,
                Code::EnumUnattached,
                format!(
                    "values listed after the table (\"{}\") match no parameter",
                    list.intro
                ),
            ),
        }
    }
}

fn target_of(list: &ValueList, entries: &[Entry]) -> Option<usize> {
    let intro = list.intro.to_lowercase();
    let named = entries.iter().position(|e| {
        intro
            .split(|c: char| !letters::is_alphanumeric(c) && c != '_')
            .any(|word| word == e.param.name.to_lowercase())
    });
    let by_example = || {
        entries.iter().position(|e| {
            e.param.example.as_ref().is_some_and(|example| {
                let example = example.trim_matches(['\'', '"']);
                list.values.iter().any(|v| v.value == example)
            })
        })
    };
    let only = || {
        let open: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.param.enum_values.is_empty() && e.children.is_empty())
            .map(|(i, _)| i)
            .collect();
        (open.len() == 1).then(|| open[0])
    };
    named.or_else(by_example).or_else(only)
}

/// The `required.md` footnote or a legend sentence in the params region, in a section that
/// gave a linked sub-table, or in a cell of a table in use.
fn has_legend(
    preamble_is_params: bool,
    params_sections: &[&super::sections::Section<'_>],
    sections: &Sections<'_>,
    groups: &[Group<'_>],
) -> bool {
    let mut found = false;
    let mut check = |nodes: &[&Node]| {
        for node in nodes {
            walk(std::slice::from_ref(*node), &mut |node| {
                found |= match node {
                    Node::Include(include) => is_required_include(include),
                    Node::Paragraph(text) => required::is_legend(&text.plain),
                    _ => false,
                };
            });
        }
    };
    if preamble_is_params {
        check(&sections.preamble);
    }
    for section in params_sections {
        check(&section.nodes);
    }
    // Sections outside the params region count only through their linked tables.
    let used_lines: Vec<u32> = groups.iter().filter(|g| g.used).map(|g| g.line).collect();
    for section in sections.of_kind(SectionKind::Other) {
        let holds_used = section.nodes.iter().any(|node| {
            let mut hit = false;
            walk(std::slice::from_ref(*node), &mut |n| {
                hit |= matches!(n, Node::Table(t) if used_lines.contains(&t.line));
            });
            hit
        });
        if holds_used {
            check(&section.nodes);
        }
    }
    found
}

fn note_marks(entries: &[Entry], convention: &mut Convention) {
    for entry in entries {
        convention.note(&entry.mark);
        note_marks(&entry.children, convention);
    }
}

fn report_unlinked(path: &str, group: &Group<'_>, diags: &mut Diagnostics) {
    let heading = group
        .heading
        .map_or_else(|| "no heading".to_owned(), |h| format!("\"{}\"", h.text));
    let (code, what) = if group.source_is_params {
        (
            Code::SubtableUnlinked,
            "is linked to no parameter; its rows are left out",
        )
    } else {
        (
            Code::TableNotParams,
            "outside the params section is linked to no parameter; it is not read as parameters",
        )
    };
    diags.push(
        path,
        group.line,
        code,
        format!("the table under {heading} {what}"),
    );
}

/// A page whose params region has tables but none of them reads as parameters.
fn report_unread_tables(path: &str, items: &[Item<'_>], diags: &mut Diagnostics) {
    for item in items {
        if let Item::Table {
            table,
            source: Source::Params,
            ..
        } = item
            && values::from_table(table).is_none()
        {
            diags.push(
                path,
                table.line,
                Code::ParamsTableUnknown,
                "a table in the params section has no parameter header or named rows",
            );
        }
    }
}
