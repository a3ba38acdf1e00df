//! Deprecation: the `{% note warning "DEPRECATED" %}` note, "Развитие метода остановлено",
//! "Метод устарел", or an `/outdated/` / `/deprecated/` folder; with the replacement
//! method when the page names one.

use crate::letters;
use crate::lexicon::deprecation as lx;
use crate::text::Search as _;
use b24_spec::Deprecation;

use crate::page::{Node, any, walk};

use super::identity;
use super::inline::{code_spans, plain};

/// Reads deprecation from the page's top-level notes and the preamble's paragraphs.
pub fn read(path: &str, nodes: &[Node], preamble: &[&Node]) -> Option<Deprecation> {
    let notes = nodes.iter().filter(|n| matches!(n, Node::Note(_)));
    let paragraphs = preamble
        .iter()
        .copied()
        .filter(|n| matches!(n, Node::Paragraph(_)));
    for node in notes.chain(paragraphs) {
        let (title, body): (&str, &[Node]) = match node {
            Node::Note(note) => (note.title.as_str(), note.children.as_slice()),
            other => ("", std::slice::from_ref(other)),
        };
        // Lowercasing every note of every page is costly: look for a marker's stem first
        // (a loose test: the markers below decide).
        let maybe = |t: &str| {
            lx::MARKER_STEMS
                .iter()
                .any(|stem| t.has(stem))
                // "устарел", "устаревший" in any case, without the first letter.
                || letters::has_folded(t, lx::OUTDATED_STEM)
        };
        let worth = maybe(title)
            || any(
                body,
                &mut |inner| matches!(inner, Node::Paragraph(p) if maybe(&p.plain)),
            );
        if !worth {
            continue;
        }
        let mut text = String::new();
        let mut replacement = None;
        walk(body, &mut |inner| {
            if let Node::Paragraph(p) = inner {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&p.plain);
                if replacement.is_none() {
                    replacement = replacement_in(&p.raw);
                }
            }
        });
        let lower = format!("{title} {text}").to_lowercase();
        if lx::MARKERS.iter().any(|m| lower.has(m)) {
            return Some(Deprecation {
                note: (!text.is_empty()).then_some(text),
                replacement,
            });
        }
    }
    (path.has("/outdated/") || path.has("/deprecated/")).then_some(Deprecation {
        note: None,
        replacement: None,
    })
}

/// The method to use instead: the first link whose text is a method name
/// (`[crm.item.add](…)`), else a code span naming one after "используйте".
fn replacement_in(raw: &str) -> Option<String> {
    let mut rest = raw;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find_str("](") else {
            break;
        };
        let text = plain(&after[..close]);
        if let Some(id) = identity::from_h1(&text)
            && id.title.is_empty()
        {
            return Some(id.method);
        }
        rest = &after[close..];
    }
    let at = letters::find_folded(raw, lx::USE_INSTEAD)?;
    code_spans(&raw[at..])
        .into_iter()
        .find(|span| identity::is_method_name(span))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::includes::NoIncludes;

    fn deprecation(path: &str, md: &str) -> Option<Deprecation> {
        let mut diags = Diagnostics::default();
        let nodes = crate::parse_blocks(path, md, &NoIncludes, &mut diags);
        let preamble: Vec<&Node> = nodes.iter().collect();
        read(path, &nodes, &preamble)
    }

    #[test]
    fn the_deprecated_note_names_its_replacement() {
        let found = deprecation(
            "api-reference/crm/deal.md",
            "{% note warning \"DEPRECATED\" %}\n\nРазвитие метода остановлено. Используйте [crm.item.add](../universal/crm-item-add.md).\n\n{% endnote %}\n",
        )
        .unwrap();
        assert_eq!(found.replacement.as_deref(), Some("crm.item.add"));
        assert!(found.note.unwrap().contains("Развитие метода остановлено"));
    }

    #[test]
    fn old_wording_in_a_paragraph_and_code_span_replacement() {
        let titled = deprecation(
            "api-reference/im/x.md",
            "{% note warning \"Устаревший метод\" %}\n\nМетод оставлен для поддержки. Используйте [im.v2.File.upload](y.md).\n\n{% endnote %}\n",
        )
        .unwrap();
        assert_eq!(titled.replacement.as_deref(), Some("im.v2.File.upload"));
        let found = deprecation(
            "api-reference/tasks/x.md",
            "Метод устарел. Используйте `tasks.task.get`.\n",
        )
        .unwrap();
        assert_eq!(found.replacement.as_deref(), Some("tasks.task.get"));
    }

    #[test]
    fn folders_mark_deprecation_without_a_note() {
        let found = deprecation("api-reference/outdated/rpa/x.md", "Текст.\n").unwrap();
        assert_eq!(
            found,
            Deprecation {
                note: None,
                replacement: None
            }
        );
        assert!(deprecation("api-reference/tasks/deprecated/x.md", "a\n").is_some());
        assert!(deprecation("api-reference/crm/x.md", "Поле устарело.\n").is_none());
    }
}
