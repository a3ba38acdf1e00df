//! The data-types pages (`data-types.md`, `crm/data-types.md`, …): the named types that
//! method pages write in their type columns (`user`, `crm_status`, `crm_multifield`).
//!
//! Two constructs define them: rows of a `Тип | Описание` table, whose description says
//! what the values are ("Целочисленный идентификатор …", "Объект …", `1` — встреча, …),
//! and headings named after a type over a field table (`### crm_multifield`, "Объект
//! uf_enum_element"), which give an object's fields. A type may have both.

use crate::lexicon::shapes as lx;
use std::collections::BTreeMap;

use b24_spec::{EnumValue, ReferenceKind, ReferenceType, TypeExpr};

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Node, Table, walk};
use crate::text::Search as _;

use super::fields;
use super::inline::code_spans;
use super::required::Convention;
use super::types::normalize;
use super::values;

/// Whether a page is a data-types page: those are read for named types, not methods.
pub fn is_data_types_page(path: &str) -> bool {
    path.rsplit('/').next() == Some("data-types.md")
}

/// Every named type the page defines, sorted by name.
pub fn read(path: &str, nodes: &[Node], diags: &mut Diagnostics) -> Vec<ReferenceType> {
    let mut types: BTreeMap<String, ReferenceType> = BTreeMap::new();
    walk(nodes, &mut |node| {
        if let Node::Table(table) = node {
            for defined in type_rows(path, table) {
                types.entry(defined.name.clone()).or_insert(defined);
            }
        }
    });
    let top: Vec<&Node> = nodes.iter().collect();
    for table in fields::collect(&top) {
        let Some(name) = table.heading.and_then(|h| structure_name(&h.text)) else {
            continue;
        };
        let fields = fields::read_table(&table, Convention::default(), path, diags);
        if fields.is_empty() {
            continue;
        }
        let entry = types
            .entry(name.to_owned())
            .or_insert_with(|| ReferenceType::new(name, ReferenceKind::Object, path));
        if entry.fields.is_empty() {
            entry.fields = fields;
        } else {
            diags.push(
                path,
                table.line,
                Code::TypeDefinedTwice,
                format!("`{name}` already has a field table on this page; this one is left out"),
            );
        }
    }
    // "### sale_shipment_property: См. описание [sale_order_property](#sale_order_property)":
    // the same structure under another name.
    for (name, other) in structure_references(nodes) {
        let fields = match types.get(&other) {
            Some(described) if !described.fields.is_empty() => described.fields.clone(),
            _ => continue,
        };
        if let Some(ty) = types.get_mut(&name)
            && ty.fields.is_empty()
        {
            ty.fields = fields;
        }
    }
    types.into_values().collect()
}

/// Structure headings whose section has no table but sends the reader to another type's
/// section: (the heading's type, the anchor it links to).
fn structure_references(nodes: &[Node]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(&str, bool)> = None;
    let finish = |current: Option<(&str, bool)>, link: Option<String>, out: &mut Vec<_>| {
        if let (Some((name, false)), Some(anchor)) = (current, link) {
            out.push((name.to_owned(), anchor));
        }
    };
    let mut link = None;
    for node in nodes {
        match node {
            Node::Heading(heading) => {
                finish(current, link.take(), &mut out);
                current = structure_name(&heading.text).map(|name| (name, false));
            }
            Node::Table(_) => {
                if let Some((_, has_table)) = current.as_mut() {
                    *has_table = true;
                }
            }
            Node::Paragraph(text) if link.is_none() => {
                link = local_link(&text.raw);
            }
            _ => {}
        }
    }
    finish(current, link, &mut out);
    out
}

/// The anchor of the first `[…](#anchor)` link in `raw`.
fn local_link(raw: &str) -> Option<String> {
    let start = raw.find("](#")? + 3;
    let end = raw[start..].find(')')? + start;
    Some(raw[start..end].to_owned())
}

/// The rows of a `Тип | Описание` table that name a type the method pages refer to (not a
/// primitive such as `integer`).
fn type_rows(path: &str, table: &Table) -> Vec<ReferenceType> {
    let Some(header) = table.rows.first() else {
        return Vec::new();
    };
    let is_type_table = header.cells.len() >= 2
        && header.cells[0]
            .plain()
            .trim_matches(|c: char| c == '*' || c.is_whitespace())
            .to_lowercase()
            == crate::lexicon::columns::TYPES_TABLE_HEADER;
    if !is_type_table {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in &table.rows[1..] {
        let [name_cell, description_cell, ..] = row.cells.as_slice() else {
            continue;
        };
        let spans = code_spans(&name_cell.raw);
        let [name] = spans.as_slice() else {
            continue;
        };
        let name = name.trim();
        // `null` only marks an optional member of a union (`string | null`).
        let primitive = !matches!(normalize(name), TypeExpr::Ref(_)) || name == "null";
        if !is_type_word(name) || primitive {
            continue;
        }
        let description = description_cell.raw.clone();
        let enum_values = described_values(&description);
        let kind = kind_of(&description_cell.plain(), &enum_values);
        out.push(ReferenceType {
            description,
            values_from: values::source_method(&description_cell.nodes),
            enum_values: if kind == ReferenceKind::IntegerEnum {
                enum_values
            } else {
                Vec::new()
            },
            ..ReferenceType::new(name, kind, path)
        });
    }
    out
}

/// Values written as "`1` — встреча, `2` — звонок. `0` — тип не определен": a code span,
/// a dash, its meaning; at least two of them.
fn described_values(raw: &str) -> Vec<EnumValue> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find('`') {
        let after_open = &rest[open + 1..];
        let Some(close) = after_open.find('`') else {
            break;
        };
        let value = &after_open[..close];
        let after = after_open[close + 1..].trim_start();
        rest = &after_open[close + 1..];
        let Some(meaning) = after
            .strip_prefix('—')
            .or_else(|| after.strip_prefix("- "))
            .or_else(|| after.strip_prefix('–'))
        else {
            continue;
        };
        let end = meaning.find('`').unwrap_or(meaning.len());
        let description = meaning[..end]
            .trim()
            .trim_end_matches([',', '.', ';'])
            .trim();
        out.push(EnumValue {
            value: value.to_owned(),
            description: description.to_owned(),
        });
    }
    if out.len() < 2 { Vec::new() } else { out }
}

/// What a definition says the values are. The words are the pages' own: "Целочисленный
/// идентификатор", "Строковый/Символьный идентификатор", "Строковый код", "Объект".
fn kind_of(plain: &str, values: &[EnumValue]) -> ReferenceKind {
    let lower = plain.to_lowercase();
    let integers = values.len() >= 2 && values.iter().all(|v| v.value.parse::<i64>().is_ok());
    if integers {
        ReferenceKind::IntegerEnum
    } else if lower.starts_with(lx::INTEGER_ID_KIND) {
        ReferenceKind::IntegerId
    } else if lx::STRING_CODE_KINDS
        .iter()
        .any(|words| lower.starts_with(words))
    {
        ReferenceKind::StringCode
    } else if lower.starts_with(lx::OBJECT_KIND) {
        ReferenceKind::Object
    } else {
        ReferenceKind::Other
    }
}

/// The type a structure heading names: `crm_multifield`, "Объект uf_enum_element", `time`
/// (the last word, when it is a type word in Latin letters).
fn structure_name(heading: &str) -> Option<&str> {
    let last = heading.split_whitespace().last()?;
    let word = last.trim_matches('`');
    (is_type_word(word) && !heading.has(crate::lexicon::identity::V3_WORD)).then_some(word)
}

/// `crm_status`, `sale_order.id`, `userFieldEntityId`: Latin, starting lower-case.
fn is_type_word(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoIncludes;

    fn types(md: &str) -> Vec<ReferenceType> {
        let mut diags = Diagnostics::default();
        let nodes = crate::parse_blocks(
            "api-reference/crm/data-types.md",
            md,
            &NoIncludes,
            &mut diags,
        );
        read("api-reference/crm/data-types.md", &nodes, &mut diags)
    }

    const PAGE: &str = "\
# Типы данных

## Типы данных

#|
|| **Тип** | **Описание** ||
|| `integer` | Целое число ||
|| `null` | Отсутствие значения ||
|| `crm_status` | Строковый идентификатор элемента справочника CRM (например, `NEW`). Получить возможные значения можно с помощью метода [crm.status.list](./status/crm-status-list.md) ||
|| `user` | Целочисленный идентификатор пользователя ||
|| [`crm_multifield`](#crm_multifield) | Объект, описывающий «множественное поле» ||
|| [`crm_multifield_copy`](#crm_multifield_copy) | Целочисленный идентификатор копии ||
|| `crm_enum_activitystatus` | Статус дела: `1` — ожидает выполнения, `2` — выполнено. `0` — статус не определен ||
|| `crm` | Привязка к элементам CRM: `D_1` ||
|#

## Структура объектов

### crm_multifield {#crm_multifield}

#|
|| **Название**
`тип` | **Описание** ||
|| **ID**
`integer` | Идентификатор ||
|| **VALUE**
`string` | Значение ||
|#

### crm_multifield_copy

См. описание [crm_multifield](#crm_multifield).
";

    #[test]
    fn type_tables_and_structures() {
        let types = types(PAGE);
        let by_name = |name: &str| types.iter().find(|t| t.name == name).unwrap();
        let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "crm",
                "crm_enum_activitystatus",
                "crm_multifield",
                "crm_multifield_copy",
                "crm_status",
                "user"
            ]
        );
        assert_eq!(by_name("user").kind, ReferenceKind::IntegerId);
        let status = by_name("crm_status");
        assert_eq!(status.kind, ReferenceKind::StringCode);
        assert_eq!(status.values_from.as_deref(), Some("crm.status.list"));
        let activity = by_name("crm_enum_activitystatus");
        assert_eq!(activity.kind, ReferenceKind::IntegerEnum);
        let values: Vec<_> = activity
            .enum_values
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        assert_eq!(values, ["1", "2", "0"]);
        assert_eq!(activity.enum_values[2].description, "статус не определен");
        let multifield = by_name("crm_multifield");
        assert_eq!(multifield.kind, ReferenceKind::Object);
        let fields: Vec<_> = multifield.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(fields, ["ID", "VALUE"]);
        assert_eq!(by_name("crm").kind, ReferenceKind::Other);
        // A structure that refers to another one has its fields.
        let copy = by_name("crm_multifield_copy");
        assert_eq!(copy.fields, multifield.fields);
    }

    #[test]
    fn only_data_types_pages() {
        assert!(is_data_types_page("api-reference/data-types.md"));
        assert!(is_data_types_page("api-reference/sale/data-types.md"));
        assert!(!is_data_types_page(
            "api-reference/crm/deals/crm-deal-add.md"
        ));
        assert!(!is_data_types_page("api-reference/my-data-types.md"));
    }
}
