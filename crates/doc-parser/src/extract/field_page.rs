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
}

/// Whether a page that names no method describes an object's fields: its h1 says "Поля …"
/// or "Описание полей …", or its file is a `*fields.md` reference page.
pub fn is_field_page(path: &str, h1: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    starts_folded(h1, lx::FIELDS_HEADING)
        || has_folded(h1, lx::FIELDS_DESCRIPTION_HEADING)
        || (file.ends_with("fields.md") && file != "index.md")
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
        out.push(FieldSection {
            anchor,
            heading,
            line: table.line,
            fields: rows,
        });
    }
    out
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
