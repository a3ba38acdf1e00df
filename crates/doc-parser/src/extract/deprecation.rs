//! Deprecation: the DEPRECATED note, "Развитие метода остановлено", or an outdated folder.

use b24_spec::Deprecation;

use crate::page::{Node, walk};

use super::identity;
use super::inline::plain;

pub fn read(path: &str, nodes: &[Node]) -> Option<Deprecation> {
    let mut found: Option<Deprecation> = None;
    for node in nodes {
        let Node::Note(note) = node else { continue };
        let mut text = String::new();
        let mut replacement = None;
        walk(&note.children, &mut |inner| {
            if let Node::Paragraph(p) = inner {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&p.plain);
                if replacement.is_none() {
                    replacement = linked_method(&p.raw);
                }
            }
        });
        let lower = format!("{} {}", note.title, text).to_lowercase();
        if lower.contains("deprecated")
            || lower.contains("развитие метода остановлено")
            || lower.contains("метод устарел")
        {
            found = Some(Deprecation {
                note: (!text.is_empty()).then_some(text),
                replacement,
            });
            break;
        }
    }
    if found.is_none() && (path.contains("/outdated/") || path.contains("/deprecated/")) {
        found = Some(Deprecation {
            note: None,
            replacement: None,
        });
    }
    found
}

/// The first link whose text is a method name: `[crm.item.add](…)`.
fn linked_method(raw: &str) -> Option<String> {
    let mut rest = raw;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find("](")?;
        let text = plain(&after[..close]);
        if let Some(id) = identity::from_h1(&text)
            && id.title.is_empty()
        {
            return Some(id.method);
        }
        rest = &after[close..];
    }
    None
}
