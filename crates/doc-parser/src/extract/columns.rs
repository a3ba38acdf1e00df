//! Column roles of a table, read from its header row.

use crate::letters;
use crate::lexicon::columns as lx;
use crate::page::{Cell, Row};

use super::inline::plain;

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The name, with the type on the next line (`Название` + `тип`).
    NameAndType,
    Name,
    Type,
    Description,
    Example,
    /// The revision or version that introduced the row.
    Since,
    Required,
    /// An error code.
    Code,
    /// An HTTP status.
    Status,
    /// An error message or a value's meaning.
    Message,
    Other,
}

/// Reads a header row into roles; `None` when the row is data. A header's first cell
/// names a known column and its other cells are bold words or known column names.
pub fn header_roles(row: &Row) -> Option<Vec<Role>> {
    let role = |cell: &Cell| role_of(&plain(&cell.raw).to_lowercase());
    // Most first rows are data: their first cell settles it.
    let (first_cell, rest) = row.cells.split_first()?;
    let first = role(first_cell);
    if first == Role::Other {
        return None;
    }
    // A field named like a header word, with its type (`**code**` over `string`): data.
    if !matches!(first, Role::Name | Role::NameAndType)
        && super::cell::read(&first_cell.raw).is_some_and(|cell| cell.ty.is_some())
    {
        return None;
    }
    let mut roles = Vec::with_capacity(row.cells.len());
    roles.push(first);
    roles.extend(rest.iter().map(role));
    let all_header_like = row.cells.iter().zip(&roles).all(|(cell, role)| {
        *role != Role::Other || cell.raw.is_empty() || cell.raw.starts_with("**")
    });
    all_header_like.then_some(roles)
}

/// Roles for a header whose words are not the usual ones ("Метод | Описание | С версии"
/// over a table of typed parameters): the name first, the description second, known
/// words elsewhere.
pub fn positional_roles(row: &Row) -> Vec<Role> {
    row.cells
        .iter()
        .enumerate()
        .map(|(i, cell)| match i {
            0 => Role::NameAndType,
            _ => match role_of(&plain(&cell.raw).to_lowercase()) {
                Role::Other if i == 1 => Role::Description,
                role => role,
            },
        })
        .collect()
}

/// A row of labels: every cell is one bold phrase, with no type, link or marker.
pub fn is_label_row(row: &Row) -> bool {
    row.cells.iter().all(|cell| {
        let raw = cell.raw.trim();
        raw.is_empty()
            || raw.starts_with("**")
                && raw.ends_with("**")
                && !raw.contains(['\n', '[', '`'])
                && !raw.trim_matches('*').contains('*')
    })
}

fn role_of(text: &str) -> Role {
    // The first word decides; the others are looked at in two cases only.
    let mut words = text
        .split(|c: char| !letters::is_alphanumeric(c))
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or_default();
    let has =
        |prefix: &str| first.starts_with(prefix) || words.clone().any(|w| w.starts_with(prefix));
    // "Параметры", "Параметр": the name column under any ending.
    let first = if first.starts_with(lx::PARAM_STEM) {
        lx::PARAM_STEM
    } else {
        first
    };
    let is = |headers: &[&str]| headers.contains(&first);
    if is(lx::NAME_HEADERS) {
        return if has(lx::TYPE_STEM) {
            Role::NameAndType
        } else {
            Role::Name
        };
    }
    if is(lx::SINCE_FIRST_WORDS) && (has(lx::VERSION_STEM) || is(lx::SINCE_HEADERS)) {
        return Role::Since;
    }
    [
        (lx::TYPE_HEADERS, Role::Type),
        (lx::DESCRIPTION_HEADERS, Role::Description),
        (lx::EXAMPLE_HEADERS, Role::Example),
        (lx::REQUIRED_HEADERS, Role::Required),
        (lx::CODE_HEADERS, Role::Code),
        (lx::STATUS_HEADERS, Role::Status),
        (lx::MESSAGE_HEADERS, Role::Message),
    ]
    .into_iter()
    .find_map(|(headers, role)| is(headers).then_some(role))
    .unwrap_or(Role::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_to_roles() {
        assert_eq!(role_of("название\nтип"), Role::NameAndType);
        assert_eq!(role_of("параметр"), Role::Name);
        assert_eq!(role_of("параметры"), Role::Name);
        assert_eq!(role_of("параметр / тип"), Role::NameAndType);
        assert_eq!(role_of("ревизия"), Role::Since);
        assert_eq!(role_of("с версии"), Role::Since);
        assert_eq!(role_of("код"), Role::Code);
        assert_eq!(role_of("cообщение об ошибке"), Role::Message);
        assert_eq!(role_of("чтение"), Role::Other);
    }
}
