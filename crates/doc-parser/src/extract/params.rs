//! Parameter tables into [`Param`]s: column roles, the name-cell grammar, required
//! convention, defaults, in-cell value lists, and sub-tables linked as nested fields.

use b24_spec::{DefaultValue, Param, Required, TypeExpr, TypeRef};

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Node, Row, Table};

use super::cell::{self, NameCell};
use super::columns::{Role, header_roles};
use super::inline::{code_spans, plain};
use super::types::{is_unknown_word, normalize, read_type};
use super::values::find_lists;

/// A table read as a list of named entries.
#[derive(Debug)]
pub struct EntryTable<'a> {
    pub roles: Vec<Role>,
    pub rows: &'a [Row],
}

/// Whether the page has a convention for marking required parameters; without one a
/// missing star means "unknown", not "optional".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Convention {
    pub marks_required: bool,
}

/// Reads a table as entries (parameters or fields): a header with a name column, or no
/// header and a first row whose first cell is a name with a type.
pub fn entry_table(table: &Table) -> Option<EntryTable<'_>> {
    let first = table.rows.first()?;
    if let Some(roles) = header_roles(first) {
        let named = roles
            .iter()
            .any(|r| matches!(r, Role::Name | Role::NameAndType));
        return named.then(|| EntryTable {
            roles,
            rows: &table.rows[1..],
        });
    }
    let cell = first.cells.first()?;
    let name = cell::read(&cell.raw)?;
    name.ty.as_ref()?;
    let mut roles = vec![Role::NameAndType];
    roles.extend(std::iter::repeat_n(
        Role::Description,
        first.cells.len().saturating_sub(1),
    ));
    Some(EntryTable {
        roles,
        rows: &table.rows,
    })
}

/// Whether any name cell in the table carries a required star.
pub fn has_stars(table: &EntryTable<'_>) -> bool {
    let Some(index) = name_column(&table.roles) else {
        return false;
    };
    table.rows.iter().any(|row| {
        row.cells
            .get(index)
            .and_then(|cell| cell::read(&cell.raw))
            .is_some_and(|name| name.starred())
    })
}

fn name_column(roles: &[Role]) -> Option<usize> {
    roles
        .iter()
        .position(|r| matches!(r, Role::Name | Role::NameAndType))
}

/// Reads every data row into a parameter.
pub fn read(
    table: &EntryTable<'_>,
    convention: Convention,
    path: &str,
    diags: &mut Diagnostics,
) -> Vec<Param> {
    let Some(name_index) = name_column(&table.roles) else {
        return Vec::new();
    };
    let mut params = Vec::with_capacity(table.rows.len());
    for row in table.rows {
        let Some(name_cell) = row.cells.get(name_index) else {
            continue;
        };
        let Some(name) = cell::read(&name_cell.raw) else {
            if !name_cell.raw.is_empty() {
                diags.push(
                    path,
                    row.line,
                    Code::ParamNameMissing,
                    format!("no parameter name in `{}`", first_line(&name_cell.raw)),
                );
            }
            continue;
        };
        let description_cell = column(table, row, Role::Description);
        let description = description_cell.map(|c| c.raw.clone()).unwrap_or_default();
        let ty = param_type(
            &name,
            column(table, row, Role::Type).map(|c| c.raw.as_str()),
        );
        if is_unknown_word(&ty.normalized) {
            diags.push(
                path,
                row.line,
                Code::TypeUnknownWord,
                format!(
                    "type `{}` of `{}` is kept as a named reference",
                    ty.normalized, name.name
                ),
            );
        }
        let required = required(
            &name,
            column(table, row, Role::Required).map(|c| plain(&c.raw)),
            &description,
            convention,
        );
        let enum_values = match description_cell {
            Some(cell) if is_scalar(&ty.normalized) => {
                let nodes: Vec<&Node> = cell.nodes.iter().collect();
                find_lists(&nodes, true)
                    .into_iter()
                    .next()
                    .map(|list| list.values)
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        };
        params.push(Param {
            name: name.name,
            ty,
            required,
            default: default_value(&description),
            enum_values,
            example: column(table, row, Role::Example)
                .map(|c| plain(&c.raw))
                .filter(|e| !e.is_empty()),
            since: column(table, row, Role::Since)
                .map(|c| plain(&c.raw))
                .filter(|s| !s.is_empty()),
            description,
            deprecated: false,
            fields: Vec::new(),
        });
    }
    params
}

fn column<'r>(table: &EntryTable<'_>, row: &'r Row, role: Role) -> Option<&'r crate::page::Cell> {
    let index = table.roles.iter().position(|r| *r == role)?;
    row.cells.get(index)
}

fn first_line(raw: &str) -> &str {
    raw.lines().next().unwrap_or_default()
}

fn param_type(name: &NameCell, type_cell: Option<&str>) -> TypeRef {
    if let Some(ty) = &name.ty {
        return ty.clone();
    }
    match type_cell {
        Some(raw) => read_type(raw).unwrap_or_else(|| {
            let word = plain(raw);
            if word.is_empty() {
                TypeRef::unwritten()
            } else {
                TypeRef {
                    normalized: normalize(&word),
                    written: Some(word),
                }
            }
        }),
        None => TypeRef::unwritten(),
    }
}

fn required(
    name: &NameCell,
    column: Option<String>,
    description: &str,
    convention: Convention,
) -> Required {
    if name.starred() {
        return Required::True;
    }
    if let Some(value) = column {
        match value.to_lowercase().as_str() {
            "да" | "yes" | "y" | "true" => return Required::True,
            "нет" | "no" | "n" | "false" => return Required::False,
            _ => {}
        }
    }
    let lower = description.to_lowercase();
    if lower.contains("(обязательн") || lower.starts_with("обязательный") {
        return Required::True;
    }
    if convention.marks_required {
        Required::False
    } else {
        Required::Unknown
    }
}

/// Enumerations belong to scalar parameters (or arrays of them): lists in the cells of
/// objects describe keys, not values.
fn is_scalar(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Object | TypeExpr::Any | TypeExpr::File => false,
        TypeExpr::Array(inner) => is_scalar(inner) && **inner != TypeExpr::Any,
        TypeExpr::Union(members) => members.iter().all(is_scalar),
        _ => true,
    }
}

/// "По умолчанию `N`" gives a literal; "по умолчанию — текущий пользователь" prose.
fn default_value(description: &str) -> Option<DefaultValue> {
    let lower = description.to_lowercase();
    let at = lower.find("по умолчанию")?;
    let after = &description[at + "по умолчанию".len()..];
    let after = after.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '=')
    });
    if after.starts_with('`') {
        return code_spans(after)
            .first()
            .map(|v| DefaultValue::Literal((*v).to_owned()));
    }
    let sentence = after
        .split(['.', '\n', ';', ')'])
        .next()
        .map(|s| plain(s.trim()))
        .unwrap_or_default();
    (!sentence.is_empty()).then_some(DefaultValue::Prose(sentence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        assert_eq!(
            default_value("Флаг. По умолчанию `N`."),
            Some(DefaultValue::Literal("N".into()))
        );
        assert_eq!(
            default_value("Ответственный, по умолчанию — текущий пользователь."),
            Some(DefaultValue::Prose("текущий пользователь".into()))
        );
        assert_eq!(default_value("Без умолчаний"), None);
    }
}
