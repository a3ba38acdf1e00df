//! Parameter tables into entries: column roles, the name-cell grammar, required marks,
//! defaults and in-cell value lists. Linking sub-tables and resolving the page's required
//! convention happen in [`super::param_section`], once every table of the page is known.

use crate::letters;
use crate::lexicon::shapes as lx;
use crate::text::Search as _;
use b24_spec::{Param, Required, TypeExpr, TypeRef};

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Cell, Node, Row, Table};

use super::cell::{self, NameCell};
use super::columns::{Role, header_roles, is_label_row, positional_roles};
use super::defaults;
use super::inline::plain;
use super::keys;
use super::required::Convention;
use super::required::{self, Mark};
use super::types::read_type_cell;
use super::values;

/// A table read as a list of named entries.
#[derive(Debug, Clone)]
pub struct EntryTable<'a> {
    pub roles: Vec<Role>,
    pub rows: &'a [Row],
}

/// One row: the parameter and what is still to be resolved page-wide.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// The parameter; `required` and `fields` are filled in later.
    pub param: Param,
    pub mark: Mark,
    /// Local anchors the row's type links to (`[`object[]`](#rows)`).
    pub type_anchors: Vec<String>,
    /// Local anchors the description links to (`[ниже](#fields)`).
    pub anchors: Vec<String>,
    pub line: u32,
    pub children: Vec<Entry>,
    /// Keys the description lists in prose, used when no sub-table gives the fields.
    pub keys: Vec<Entry>,
}

impl Entry {
    /// The finished parameter, required resolved by the page's convention.
    pub fn finish(self, convention: Convention) -> Param {
        let (required, required_if) = convention.resolve(&self.mark);
        let mut param = self.param;
        param.required = required;
        param.required_if = required_if;
        let children = if self.children.is_empty() {
            self.keys
        } else {
            self.children
        };
        param.fields = children
            .into_iter()
            .map(|child| child.finish(convention))
            .collect();
        param
    }
}

/// Reads a table as entries (parameters or fields): a header with a name column, or no
/// header and a first row whose first cell is a name with a type or a required star.
/// Value tables (`Значение | Описание`) are not entry tables.
pub fn entry_table(table: &Table) -> Option<EntryTable<'_>> {
    if values::from_table(table).is_some() {
        return None;
    }
    entry_table_of(table)
}

/// [`entry_table`] for a table already known not to be a value table.
pub fn entry_table_of(table: &Table) -> Option<EntryTable<'_>> {
    let first = table.rows.first()?;
    if let Some(roles) = header_roles(first) {
        return name_column(&roles).is_some().then(|| EntryTable {
            roles,
            rows: &table.rows[1..],
        });
    }
    // A header in other words over typed rows ("Метод | Описание | С версии").
    if is_label_row(first)
        && let Some(second) = table.rows.get(1)
        && second
            .cells
            .first()
            .and_then(|cell| cell::read(&cell.raw))
            .is_some_and(|name| name.ty.is_some())
    {
        return Some(EntryTable {
            roles: positional_roles(first),
            rows: &table.rows[1..],
        });
    }
    let cell = first.cells.first()?;
    let name = cell::read(&cell.raw)?;
    if name.ty.is_none() && !name.starred() {
        return None;
    }
    let mut roles = vec![Role::NameAndType];
    roles.extend(std::iter::repeat_n(
        Role::Description,
        first.cells.len().saturating_sub(1).min(1),
    ));
    Some(EntryTable {
        roles,
        rows: &table.rows,
    })
}

/// The column of the entries' names.
pub(super) fn name_column(roles: &[Role]) -> Option<usize> {
    roles
        .iter()
        .position(|r| matches!(r, Role::Name | Role::NameAndType))
}

/// Reads every data row into an entry; rows whose names are dotted (`fields.ID`) go under
/// the entry they name.
pub fn read_entries(table: &EntryTable<'_>, path: &str, diags: &mut Diagnostics) -> Vec<Entry> {
    let Some(name_index) = name_column(&table.roles) else {
        return Vec::new();
    };
    let mut entries: Vec<Entry> = Vec::with_capacity(table.rows.len());
    for row in table.rows {
        let Some(name_cell) = row.cells.get(name_index) else {
            continue;
        };
        let Some(name) = cell::read(&name_cell.raw) else {
            if !plain(&name_cell.raw).is_empty() {
                diags.push(
                    path,
                    row.line,
                    Code::ParamNameMissing,
                    format!("no parameter name in `{}`", first_line(&name_cell.raw)),
                );
            }
            continue;
        };
        let entry = read_row(table, row, name, path, diags);
        nest_dotted(&mut entries, entry, path, diags);
    }
    entries
}

fn read_row(
    table: &EntryTable<'_>,
    row: &Row,
    mut name: NameCell,
    path: &str,
    diags: &mut Diagnostics,
) -> Entry {
    let description_cell = column(table, row, Role::Description);
    let mut description = description_cell.map(|c| c.raw.clone()).unwrap_or_default();
    if !name.trailing.is_empty() {
        diags.push(
            path,
            row.line,
            Code::ParamRowUnsplit,
            format!(
                "the name cell of `{}` also holds text (a missing `|`?); it is read as the description",
                name.name
            ),
        );
        if description.is_empty() {
            description = std::mem::take(&mut name.trailing);
        }
    }
    // The name cell's type is used here only: taken, not copied.
    let read_type = name
        .ty
        .take()
        .or_else(|| column(table, row, Role::Type).and_then(|c| read_type_cell(&c.raw)));
    let mut type_anchors = Vec::new();
    let ty = match read_type {
        Some(read) => {
            for word in &read.unknown_words {
                diags.push(
                    path,
                    row.line,
                    Code::TypeUnknownWord,
                    format!(
                        "type word `{word}` of `{}` is not a primitive or a known reference; kept as ref({word})",
                        name.name
                    ),
                );
            }
            type_anchors = read.anchors;
            read.ty
        }
        None => TypeRef::unwritten(),
    };
    let anchors = local_anchors(&description);
    let description_nodes: &[Node] = description_cell.map_or(&[], |c| c.nodes.as_slice());
    // The description's words decide the mark only without a star or a column saying it.
    let description_plain = || match description_cell {
        Some(cell) => cell_text(cell),
        None => plain(&description),
    };
    let mark = if name.starred() {
        Mark::Star
    } else {
        match column(table, row, Role::Required).map(|c| required::column_mark(&plain(&c.raw))) {
            Some(mark) if mark != Mark::None => mark,
            _ => required::text_mark(&description_plain()),
        }
    };
    let mut enum_values = Vec::new();
    let untyped = ty
        .written
        .as_deref()
        .is_none_or(|w| w.eq_ignore_ascii_case("unknown"));
    // "Передается массив объектов с полями …": an `array` of objects.
    let objects_array = matches!(&ty.normalized, TypeExpr::Array(inner) if **inner == TypeExpr::Any)
        && letters::has_folded(&description, lx::ARRAY_OF_OBJECTS);
    let keys = if untyped || objects_array || is_object(&ty.normalized) {
        keys::in_cell(description_nodes)
    } else {
        Vec::new()
    };
    if takes_values(&ty) {
        let found = if description_nodes.is_empty() {
            values::CellValues {
                values: values::inline(&description),
                rejected: Vec::new(),
            }
        } else {
            let holder = if untyped {
                values::Holder::Untyped
            } else if names_array(&ty.normalized) {
                values::Holder::Names
            } else {
                values::Holder::Scalar
            };
            values::in_cell(description_nodes, holder)
        };
        for rejected in &found.rejected {
            diags.push(
                path,
                rejected.line,
                Code::EnumRejected,
                format!(
                    "a list in `{}` looks like values but is not read as an enum: {}",
                    name.name, rejected.reason
                ),
            );
        }
        enum_values = found.values;
        // `EVENT_...` listing `EVENT_HANDLER`, …: the names it stands for. A bare `*`
        // (`<ACCESS_CODE>`) says nothing about its values.
        if let Some(pattern) = &name.pattern
            && pattern != "*"
            && !enum_values.is_empty()
            && enum_values.iter().all(|v| glob_match(pattern, &v.value))
        {
            diags.push(
                path,
                row.line,
                Code::PatternInstances,
                format!(
                    "`{}` lists the names it stands for ({}); they are kept in its description",
                    name.name,
                    enum_values
                        .iter()
                        .map(|v| v.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            enum_values.clear();
        }
    }
    let values_from = if enum_values.is_empty() && !is_object(&ty.normalized) {
        values::source_method(description_nodes)
    } else {
        None
    };
    let default = defaults::read(description_nodes, &description);
    Entry {
        param: Param {
            name: name.name,
            alternatives: name.alternatives,
            pattern: name.pattern,
            ty,
            required: Required::Unknown,
            default,
            enum_values,
            values_from,
            example: column(table, row, Role::Example)
                .map(|c| plain(&c.raw))
                .filter(|e| !e.is_empty()),
            since: column(table, row, Role::Since)
                .map(|c| plain(&c.raw))
                .filter(|s| !s.is_empty()),
            description,
            ..Param::default()
        },
        mark,
        type_anchors,
        anchors,
        line: row.line,
        children: Vec::new(),
        keys,
    }
}

/// The text of a description cell for phrase matching: its paragraphs, without markup.
fn cell_text(cell: &Cell) -> String {
    let text = cell.plain();
    if text.is_empty() {
        plain(&cell.raw)
    } else {
        text
    }
}

/// `fields.ID`, `data[].id`, `params.filter.TYPE`: a row under the entry its path names,
/// when the table has that entry.
fn nest_dotted(entries: &mut Vec<Entry>, mut entry: Entry, path: &str, diags: &mut Diagnostics) {
    // Most names have no path: nothing to nest.
    if !entry.param.name.contains('.') {
        entries.push(entry);
        return;
    }
    let name = entry.param.name.clone();
    let segments: Vec<&str> = name.split('.').map(|s| s.trim_end_matches("[]")).collect();
    if segments.len() < 2 || segments.iter().any(|s| s.is_empty()) || entry.param.pattern.is_some()
    {
        entries.push(entry);
        return;
    }
    let (leaf, parents) = segments.split_last().unwrap_or((&"", &[]));
    let mut level: &mut Vec<Entry> = entries;
    for (at, parent) in parents.iter().enumerate() {
        match level.iter().position(|e| e.param.name == *parent) {
            // `edit` is a boolean and `edit.originator` a key of its own beside it (the
            // replies write such keys with the dot): a scalar has no fields.
            Some(index) if super::fields::is_scalar(&level[index].param.ty.normalized) => {
                entry.param.name = segments[at..].join(".");
                level.push(entry);
                return;
            }
            Some(index) => level = &mut level[index].children,
            None => {
                diags.push(
                    path,
                    entry.line,
                    Code::ParamPathOrphan,
                    format!("`{name}` names a parent `{parent}` that the table does not list"),
                );
                entries.push(entry);
                return;
            }
        }
    }
    entry.param.name = (*leaf).to_owned();
    level.push(entry);
}

/// Whether a `*` glob matches a name.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((prefix, suffix)) => {
            name.len() >= prefix.len() + suffix.len()
                && name.starts_with(prefix)
                && glob_match_suffix(suffix, &name[prefix.len()..])
        }
    }
}

fn glob_match_suffix(pattern: &str, name: &str) -> bool {
    if pattern.is_empty() {
        return true;
    }
    (0..=name.len())
        .filter(|&i| name.is_char_boundary(i))
        .any(|i| glob_match(pattern, &name[i..]))
}

/// Local links `(#anchor)` in a description.
pub fn local_anchors(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = raw[from..].find_str("](#").map(|i| from + i) {
        let start = at + 3;
        let Some(end) = raw[start..].find(')').map(|i| start + i) else {
            break;
        };
        let anchor = raw[start..end].trim();
        if !anchor.is_empty() && !anchor.contains(char::is_whitespace) {
            out.push(anchor.to_owned());
        }
        from = end;
    }
    out
}

fn column<'r>(table: &EntryTable<'_>, row: &'r Row, role: Role) -> Option<&'r Cell> {
    let index = table.roles.iter().position(|r| *r == role)?;
    row.cells.get(index)
}

fn first_line(raw: &str) -> &str {
    raw.lines().next().unwrap_or_default()
}

/// An object or an array of objects: its cell may list its keys.
fn is_object(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Object => true,
        TypeExpr::Array(inner) => is_object(inner),
        TypeExpr::Union(members) => members.iter().any(is_object),
        _ => false,
    }
}

/// An array of scalars or of anything (`select`): a list of field names gives its values.
fn names_array(expr: &TypeExpr) -> bool {
    matches!(expr, TypeExpr::Array(inner) if !is_object(inner))
}

/// Enumerations belong to scalars (or arrays of them), and to parameters whose type the
/// page does not give: lists in the cells of objects describe keys, not values.
fn takes_values(ty: &TypeRef) -> bool {
    fn scalar(expr: &TypeExpr) -> bool {
        match expr {
            TypeExpr::Object | TypeExpr::Any | TypeExpr::File => false,
            // `array` of anything: its values may be listed (the fields of `select`).
            TypeExpr::Array(inner) => **inner == TypeExpr::Any || scalar(inner),
            TypeExpr::Union(members) => members.iter().any(scalar),
            _ => true,
        }
    }
    ty.written.is_none() || scalar(&ty.normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("EVENT_*", "EVENT_HANDLER"));
        assert!(glob_match("*", "anything"));
        assert!(glob_match("property*", "property12"));
        assert!(!glob_match("UF_CRM_*", "UF_TASK"));
        assert!(glob_match("a*c", "abc"));
    }

    #[test]
    fn anchors_in_descriptions() {
        assert_eq!(
            local_anchors("Описание [ниже](#fields) и [фоны](#backgrounds), [x](../a.md#b)"),
            ["fields", "backgrounds"]
        );
    }
}
