//! Field tables outside the request parameters: event payloads and response objects.
//!
//! A run of blocks holds a main table and sub-tables under headings ("### Параметр FIELDS
//! {#fields}", "#### Объект result"), possibly inside includes or tabs. Rows with dotted
//! names (`data.FIELDS`, `result.bot`) and sub-tables linked by an anchor or by the
//! heading's words become nested [`Param::fields`].

use b24_spec::{Param, TypeExpr};

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Heading, Node};

use super::params::{self, EntryTable};
use super::required::Convention;

/// Containers deeper than this are not searched for tables.
const MAX_DEPTH: usize = 16;
/// Sub-tables are linked at most this many levels deep.
const MAX_FIELD_DEPTH: usize = 8;

/// An entry table and the heading above it.
#[derive(Debug)]
pub struct FieldTable<'a> {
    pub heading: Option<&'a Heading>,
    pub entries: EntryTable<'a>,
    pub line: u32,
    /// The heading's words, lowercased once (linking compares them with every field).
    words: Vec<String>,
    /// `(#anchor)`, as a description links to it.
    anchor_link: Option<String>,
}

impl FieldTable<'_> {
    /// Whether the heading describes `field`: by an anchor its description links to
    /// (`[ниже](#fields)`), by naming it among its words ("Параметр FIELDS", "Объект
    /// result"), or by naming or anchoring its named type ("#### Тип recurring_deal
    /// {#recurring-deal}" for a field of type `recurring_deal`).
    fn describes(&self, field: &Param, path: &str) -> bool {
        let Some(heading) = self.heading else {
            return false;
        };
        if let Some(link) = &self.anchor_link
            && field.description.contains(link.as_str())
        {
            return true;
        }
        let has = |word: &str| self.words.iter().any(|w| w.eq_ignore_ascii_case(word));
        // "Поля объекта result.members.user": the field's dotted path from the root.
        if has(&field.name) || has(path) {
            return true;
        }
        named_types(&field.ty.normalized).iter().any(|ty| {
            has(ty)
                || heading
                    .anchor
                    .as_ref()
                    .is_some_and(|a| a.replace('-', "_").eq_ignore_ascii_case(ty))
        })
    }
}

/// The named types (`ref(x)`, also inside arrays and unions) of a type.
fn named_types(expr: &TypeExpr) -> Vec<&str> {
    match expr {
        TypeExpr::Ref(name) => vec![name.as_str()],
        TypeExpr::Array(inner) => named_types(inner),
        TypeExpr::Union(members) => members.iter().flat_map(named_types).collect(),
        _ => Vec::new(),
    }
}

/// Every entry table among `nodes`, in page order, looking inside includes, notes, cuts
/// and tabs; each with the nearest heading above it.
pub fn collect<'a>(nodes: &[&'a Node]) -> Vec<FieldTable<'a>> {
    let mut out = Vec::new();
    let mut heading = None;
    for node in nodes {
        visit(node, &mut heading, &mut out, 0);
    }
    out
}

fn visit<'a>(
    node: &'a Node,
    heading: &mut Option<&'a Heading>,
    out: &mut Vec<FieldTable<'a>>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match node {
        Node::Heading(h) => *heading = Some(h),
        Node::Table(table) => {
            if let Some(entries) = params::entry_table(table) {
                let words = heading
                    .map(|h| super::nesting::heading_words(&h.text))
                    .unwrap_or_default();
                out.push(FieldTable {
                    heading: *heading,
                    entries,
                    line: table.line,
                    words,
                    anchor_link: heading
                        .and_then(|h| h.anchor.as_ref())
                        .map(|a| format!("(#{a})")),
                });
            }
        }
        Node::Include(_) | Node::Note(_) | Node::Cut(_) | Node::Tabs(_) => {
            for group in node.children() {
                for child in group {
                    visit(child, heading, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Reads a table's rows and nests dotted names under their parents. `base` is what the
/// caller knows of the required convention; the table's own marks (stars, words) add to it.
pub fn read_table(
    table: &FieldTable<'_>,
    base: Convention,
    path: &str,
    diags: &mut Diagnostics,
) -> Vec<Param> {
    let entries = read_entries(table, path, diags);
    let mut convention = base;
    for entry in &entries {
        convention.note(&entry.mark);
    }
    nest_dotted(
        entries
            .into_iter()
            .map(|entry| entry.finish(convention))
            .collect(),
    )
}

/// The table's rows as entries. Unknown type words in response and payload tables are
/// counted in the import summary (`unknown_type_words`), not reported row by row: the
/// diagnostic is kept for request parameters, where it asks for a fix.
pub fn read_entries(
    table: &FieldTable<'_>,
    path: &str,
    diags: &mut Diagnostics,
) -> Vec<params::Entry> {
    let mut own = Diagnostics::default();
    let entries = params::read_entries(&table.entries, path, &mut own);
    diags.extend(
        own.into_vec()
            .into_iter()
            .filter(|d| d.code != Code::TypeUnknownWord),
    );
    entries
}

/// Links every field (recursively) to the unused sub-table describing its own fields.
/// `root` names what the fields belong to (`result` for a response, empty for a payload),
/// for headings that give a dotted path ("Поля объекта result.state").
pub fn link(
    fields: &mut [Param],
    root: &str,
    tables: &[FieldTable<'_>],
    used: &mut [bool],
    convention: Convention,
    path: &str,
    diags: &mut Diagnostics,
) {
    let mut ctx = Linker {
        tables,
        used,
        convention,
        path,
        diags,
    };
    ctx.link(fields, root, 0);
}

struct Linker<'t, 'a, 'u, 'p, 'd> {
    tables: &'t [FieldTable<'a>],
    used: &'u mut [bool],
    convention: Convention,
    path: &'p str,
    diags: &'d mut Diagnostics,
}

impl Linker<'_, '_, '_, '_, '_> {
    fn link(&mut self, fields: &mut [Param], parent: &str, depth: usize) {
        // Once every table is taken (a page with one table), no field can take one.
        if depth >= MAX_FIELD_DEPTH || self.used.iter().all(|&used| used) {
            return;
        }
        for field in fields {
            let own = if parent.is_empty() {
                field.name.clone()
            } else {
                format!("{parent}.{}", field.name)
            };
            if field.fields.is_empty() {
                let found = self
                    .tables
                    .iter()
                    .enumerate()
                    .position(|(i, table)| !self.used[i] && table.describes(field, &own));
                if let Some(index) = found {
                    self.used[index] = true;
                    // A table with stars marks its required rows; without, "not starred"
                    // says nothing (`read_table` adds the table's own marks).
                    let table = &self.tables[index];
                    field.fields = read_table(table, self.convention, self.path, self.diags);
                }
            }
            self.link(&mut field.fields, &own, depth + 1);
        }
    }
}

/// Moves rows named `parent.child` (or `parent[].child`) into their parent's fields. A row
/// whose parent is not in the table stays where it is, under its full name.
pub fn nest_dotted(rows: Vec<Param>) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::with_capacity(rows.len());
    for row in rows {
        insert(&mut out, row);
    }
    out
}

fn insert(out: &mut Vec<Param>, mut row: Param) {
    // Most names have no path.
    if !row.name.contains('.') {
        out.push(row);
        return;
    }
    let path: Vec<String> = row
        .name
        .split('.')
        .map(|s| s.trim_end_matches("[]").to_owned())
        .collect();
    if path.len() < 2 || path.iter().any(String::is_empty) {
        out.push(row);
        return;
    }
    let mut level: &mut Vec<Param> = out;
    for (at, segment) in path[..path.len() - 1].iter().enumerate() {
        // Children follow their parent: search from the end.
        let Some(index) = level
            .iter()
            .rposition(|p| p.name.trim_end_matches("[]") == segment)
        else {
            level.push(row);
            return;
        };
        // `edit` is a boolean and `edit.originator` a key of its own, beside it (the
        // replies write such keys with the dot): a scalar has no fields.
        if is_scalar(&level[index].ty.normalized) {
            row.name = path[at..].join(".");
            level.push(row);
            return;
        }
        level = &mut level[index].fields;
    }
    row.name = path[path.len() - 1].clone();
    level.push(row);
}

/// A string, number, boolean or date: a type without fields.
pub(super) fn is_scalar(ty: &TypeExpr) -> bool {
    matches!(
        ty,
        TypeExpr::String
            | TypeExpr::Integer
            | TypeExpr::Number
            | TypeExpr::Boolean
            | TypeExpr::Date
            | TypeExpr::DateTime
    )
}

/// Reports the tables of a run that no field claimed.
pub fn report_unused(
    tables: &[FieldTable<'_>],
    used: &[bool],
    what: &str,
    path: &str,
    diags: &mut Diagnostics,
) {
    for (table, used) in tables.iter().zip(used) {
        if !used {
            let heading = table.heading.map_or("", |h| h.text.as_str());
            diags.push(
                path,
                table.line,
                Code::FieldTableUnlinked,
                format!("{what} table under \"{heading}\" is linked to no field"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use b24_spec::TypeRef;

    fn param(name: &str) -> Param {
        Param {
            name: name.to_owned(),
            ty: TypeRef::unwritten(),
            ..Param::default()
        }
    }

    #[test]
    fn dotted_rows_nest_under_their_parents() {
        let rows = [
            "event",
            "data",
            "data.FIELDS",
            "data.FIELDS.ID",
            "error.validation[].field",
        ]
        .map(param)
        .to_vec();
        let nested = nest_dotted(rows);
        let names: Vec<&str> = nested.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["event", "data", "error.validation[].field"]);
        assert_eq!(nested[1].fields[0].name, "FIELDS");
        assert_eq!(nested[1].fields[0].fields[0].name, "ID");
    }
}
