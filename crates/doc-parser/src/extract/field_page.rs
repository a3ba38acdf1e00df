//! Field pages: pages that describe an object's fields rather than a method ("Поля задачи",
//! "Поля объектов CRM", `main-entities-fields.md`). Their tables are kept, one section per
//! table with the heading's anchor, so that the corpus pass (`crate::link`) can make an
//! entity of the section a method page links to.

use crate::lexicon::sections as lx;
use b24_spec::Param;

use crate::diagnostics::Diagnostics;
use crate::letters::{has_folded, starts_folded};
use crate::page::Node;

use super::fields;
use super::required::Convention;

/// One field table of a field page.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSection {
    /// The anchor of the heading above the table (`checklist-item`), which links name.
    pub anchor: Option<String>,
    /// The heading's text, empty for a table right under the h1.
    pub heading: String,
    pub line: u32,
    pub fields: Vec<Param>,
    /// The heading one level up that encloses this section's heading, as `(anchor,
    /// text)`: "### Общие поля" under "## Bot {#bot}" is a part of `Bot`'s description.
    /// `None` under the h1 (or when the heading comes from an included page).
    pub outer: Option<(Option<String>, String)>,
}

/// Whether a page that names no method describes an object's fields: its h1 says "Поля …"
/// or "Описание полей …", or its file is a `*fields.md` reference page.
pub fn is_field_page(path: &str, h1: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    starts_folded(h1, lx::FIELDS_HEADING)
        || has_folded(h1, lx::FIELDS_DESCRIPTION_HEADING)
        || (file.ends_with("fields.md") && file != "index.md")
}

/// Whether a page defines objects by name: two sections at least headed by a name alone
/// whose anchor is that name in lower case ("## User {#user}", "## Chat {#chat}",
/// `chat-bots/chat-bots-v2/entities.md`). Method pages write these names as field types
/// (`[`User`](../../entities.md#user)`); the link pass makes them entities.
pub fn has_object_sections(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .filter(|node| matches!(node, Node::Heading(h) if is_object_heading(h)))
        .count()
        >= 2
}

/// "User {#user}", "ContentBlockDto {#contentblockdto}": a heading below the h1 that is
/// one name ([`is_object_name`]), anchored by that name in lower case.
fn is_object_heading(heading: &crate::page::Heading) -> bool {
    heading.level > 1
        && is_object_name(&heading.text)
        && heading
            .anchor
            .as_deref()
            .is_some_and(|anchor| anchor == heading.text.to_ascii_lowercase())
}

/// A Latin name starting with a capital and holding a small letter (`User`, `LayoutDto`;
/// not `ONIMBOTV2MESSAGEADD`, an event's name).
pub fn is_object_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_alphanumeric())
        && text.chars().any(|c| c.is_ascii_lowercase())
}

/// Whether an overview page (`biconnector/dataset/index.md`) has a section that describes
/// an object's fields ("## Описание полей датасета {#dataset}"): method pages link there.
pub fn has_field_section(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| {
        matches!(node, Node::Heading(h) if h.level > 1
            && (starts_folded(&h.text, lx::FIELDS_DESCRIPTION_HEADING) || starts_folded(&h.text, lx::FIELDS_HEADING)))
    })
}

/// Every field table of the page, in page order, with the heading above it.
pub fn read(path: &str, nodes: &[Node], diags: &mut Diagnostics) -> Vec<FieldSection> {
    let top: Vec<&Node> = nodes.iter().collect();
    let headings: Vec<&crate::page::Heading> = nodes
        .iter()
        .filter_map(|node| match node {
            Node::Heading(h) => Some(h),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for table in fields::collect(&top) {
        let mut rows = fields::read_table(&table, Convention::default(), path, diags);
        if rows.is_empty() {
            continue;
        }
        mark_read_only(&mut rows);
        let (anchor, heading) = match table.heading {
            Some(h) if h.level > 1 => (h.anchor.clone(), h.text.clone()),
            _ => (None, String::new()),
        };
        let outer = table.heading.and_then(|own| outer_heading(&headings, own));
        out.push(FieldSection {
            anchor,
            heading,
            line: table.line,
            fields: rows,
            outer,
        });
    }
    out
}

/// The nearest heading above `own` of a smaller level (not the h1), among the page's
/// top-level headings.
fn outer_heading(
    headings: &[&crate::page::Heading],
    own: &crate::page::Heading,
) -> Option<(Option<String>, String)> {
    let at = headings.iter().position(|h| std::ptr::eq(*h, own))?;
    headings[..at]
        .iter()
        .rev()
        .take_while(|h| h.level > 1)
        .find(|h| h.level < own.level)
        .map(|h| (h.anchor.clone(), h.text.clone()))
}

/// "Только для чтения" in a field's description: the field is returned, never sent.
pub fn mark_read_only(fields: &mut [Param]) {
    for field in fields {
        if has_folded(&field.description, lx::READ_ONLY) {
            field.read_only = true;
        }
        mark_read_only(&mut field.fields);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoIncludes;

    #[test]
    fn sections_keep_their_anchors_and_read_only_marks() {
        let md = "# Поля задачи\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n\
            || **id**\n[`integer`](x.md) | Идентификатор. Только для чтения ||\n\
            || **title**\n[`string`](x.md) | Название ||\n|#\n\n\
            ## Объект group {#group}\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n\
            || **name**\n[`string`](x.md) | Имя группы ||\n|#\n";
        let mut diags = Diagnostics::default();
        let nodes = crate::parse_blocks("tasks/fields.md", md, &NoIncludes, &mut diags);
        let sections = read("tasks/fields.md", &nodes, &mut diags);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].anchor, None);
        assert_eq!(sections[0].fields.len(), 2);
        assert!(sections[0].fields[0].read_only);
        assert!(!sections[0].fields[1].read_only);
        assert_eq!(sections[1].anchor.as_deref(), Some("group"));
        assert_eq!(sections[1].fields[0].name, "name");
        assert!(is_field_page("tasks/fields.md", "Поля задачи"));
        assert!(!is_field_page("tasks/guide.md", "Как создать задачу"));
    }
}
