//! The section model: the h1, the preamble before the first h2, and the h2 sections.

use crate::letters;
use crate::lexicon::sections as lx;
use crate::page::{Heading, Node};

/// A page cut at its h2 headings.
#[derive(Debug, Default)]
pub struct Sections<'a> {
    pub h1: Option<&'a Heading>,
    /// Blocks between the h1 and the first h2.
    pub preamble: Vec<&'a Node>,
    pub sections: Vec<Section<'a>>,
}

#[derive(Debug)]
pub struct Section<'a> {
    pub heading: &'a Heading,
    /// The heading as a node, for readers that walk blocks.
    pub heading_node: &'a Node,
    /// The section's blocks, h3 and deeper headings included.
    pub nodes: Vec<&'a Node>,
    /// Classified once: readers ask for it many times per page.
    kind: SectionKind,
}

/// What a section is about, from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Params,
    Examples,
    Response,
    Errors,
    Other,
}

impl<'a> Sections<'a> {
    /// The h2 sections of one kind, in page order.
    pub fn of_kind(&self, kind: SectionKind) -> impl Iterator<Item = &Section<'a>> {
        self.sections.iter().filter(move |s| s.kind == kind)
    }
}

impl Section<'_> {
    pub fn kind(&self) -> SectionKind {
        self.kind
    }
}

/// Classifies a heading by the words the docs use for each part of a method page.
pub fn classify(heading: &str) -> SectionKind {
    // Case-folded comparisons: the same as on the lowercased heading, without the copy.
    let starts = |prefix: &str| letters::starts_folded(heading, prefix);
    if starts(lx::PARAMS) {
        SectionKind::Params
    } else if starts(lx::EXAMPLES) {
        SectionKind::Examples
    } else if letters::has_folded(heading, lx::ERRORS) {
        SectionKind::Errors
    } else if lx::RESPONSE.iter().any(|p| starts(p)) {
        SectionKind::Response
    } else {
        SectionKind::Other
    }
}

pub fn split(nodes: &[Node]) -> Sections<'_> {
    let mut sections = Sections::default();
    for node in nodes {
        match node {
            Node::Heading(heading) if heading.level == 1 && sections.h1.is_none() => {
                sections.h1 = Some(heading);
            }
            Node::Heading(heading) if heading.level == 2 => sections.sections.push(Section {
                heading,
                heading_node: node,
                nodes: Vec::new(),
                kind: classify(&heading.text),
            }),
            _ => match sections.sections.last_mut() {
                Some(section) => section.nodes.push(node),
                None => sections.preamble.push(node),
            },
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_classified() {
        assert_eq!(classify("Параметры метода"), SectionKind::Params);
        assert_eq!(classify("Параметры"), SectionKind::Params);
        assert_eq!(classify("Примеры кода"), SectionKind::Examples);
        assert_eq!(classify("Ответ в случае успеха"), SectionKind::Response);
        assert_eq!(classify("Обработка ответа"), SectionKind::Response);
        assert_eq!(classify("Ответ в случае ошибки"), SectionKind::Errors);
        assert_eq!(classify("Обработка ошибок"), SectionKind::Errors);
        assert_eq!(classify("Продолжите изучение"), SectionKind::Other);
    }
}
