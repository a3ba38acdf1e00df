//! What kind of page this is (FORMATS.md section 1): a method page (an h1 naming a method
//! and a Scope line in any form, or the sections of a method page), an event page (an h1
//! naming an event), or something to skip (overviews, references, tutorials) with a reason.

use super::identity::{self, Identity};
use super::sections::{SectionKind, Sections};
use crate::text::Search as _;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Method(Identity),
    Event(Identity),
    /// A page documenting several events, one per h2 section (see `event_family`).
    EventFamily,
    /// Not a method or event page; why.
    Skip(Skip),
}

/// Why a page is skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub reason: String,
    /// The h1 names a method, yet the page has neither a scope nor method sections: worth a
    /// warning, since a real method page may be missed.
    pub doubtful: Option<String>,
}

impl Skip {
    fn because(reason: impl Into<String>) -> PageKind {
        PageKind::Skip(Skip {
            reason: reason.into(),
            doubtful: None,
        })
    }
}

/// `has_scope` says whether the page has a Scope line; it is asked only when it matters.
pub fn classify(path: &str, sections: &Sections<'_>, has_scope: impl Fn() -> bool) -> PageKind {
    let Some(h1) = sections.h1 else {
        return Skip::because("the page has no h1");
    };
    let file = path.rsplit('/').next().unwrap_or(path);
    if let Some(id) = identity::from_h1(&h1.text) {
        let has_method_sections = sections.sections.iter().any(|s| {
            matches!(
                s.kind(),
                SectionKind::Params | SectionKind::Response | SectionKind::Errors
            )
        });
        if has_method_sections || has_scope() {
            return PageKind::Method(id);
        }
        return PageKind::Skip(Skip {
            reason: format!(
                "the h1 names `{}` but the page has no Scope line and no parameter, response or error section",
                id.method
            ),
            doubtful: Some(id.method),
        });
    }
    if let Some(id) = identity::event_from_h1(&h1.text) {
        return PageKind::Event(id);
    }
    if super::event_family::is_family(sections) {
        return PageKind::EventFamily;
    }
    // The 2024 docs name some methods only in the `{% note info "x.y.z" %}` over the
    // scope, or in the first sentence ("Метод `x.y.z` добавляет …"): with a scope, the
    // page is that method's, and the h1 is its title.
    if let Some(method) = identity::named_in_note(&sections.preamble)
        .or_else(|| identity::named_in_body(&sections.preamble).map(|(name, _)| name))
        && has_scope()
    {
        return PageKind::Method(Identity {
            method,
            title: h1.text.trim().to_owned(),
        });
    }
    let reason = if file == "index.md" {
        "an overview page (index.md)"
    } else if path.has("/events/") {
        "a page in an events folder that names no event"
    } else if file.has("data-types") || file.has("fields") || file == "entities.md" {
        "a reference page (fields or data types)"
    } else {
        "the h1 names no method or event"
    };
    Skip::because(reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::includes::NoIncludes;
    use crate::page::Node;

    fn kind(path: &str, md: &str) -> PageKind {
        let mut diags = Diagnostics::default();
        let nodes = crate::parse_blocks(path, md, &NoIncludes, &mut diags);
        let sections = super::super::sections::split(&nodes);
        let preamble: Vec<&Node> = sections.preamble.clone();
        classify(path, &sections, || {
            !super::super::scope::read(&preamble).scopes.is_empty()
        })
    }

    #[test]
    fn method_pages_need_a_scope_or_method_sections() {
        let scoped = kind("a/x.md", "# Добавить crm.deal.add\n\n> Scope: [`crm`](s)\n");
        assert!(matches!(scoped, PageKind::Method(id) if id.method == "crm.deal.add"));
        let unscoped = kind(
            "a/event-bind.md",
            "# Обработчик event.bind\n\n## Параметры метода\n\nБез параметров.\n",
        );
        assert!(matches!(unscoped, PageKind::Method(id) if id.method == "event.bind"));
        let PageKind::Skip(skip) = kind("a/guide.md", "# Как вызвать crm.deal.add\n\nТекст.\n")
        else {
            panic!("a guide is no method page")
        };
        assert_eq!(skip.doubtful.as_deref(), Some("crm.deal.add"));
    }

    #[test]
    fn a_method_named_only_in_the_note_or_the_first_sentence() {
        let note = kind(
            "a/landing-landing-add-block.md",
            "# Добавление нового блока на страницу\n\n{% note info \"landing.landing.addblock\" %}\n\n\
             **Scope**: [`landing`](s.md) | **Кто может выполнять метод**: `любой пользователь`\n\n\
             {% endnote %}\n\nМетод `landing.landing.addblock` добавляет блок.\n",
        );
        let PageKind::Method(id) = note else {
            panic!("the note names the method: {note:?}")
        };
        assert_eq!(id.method, "landing.landing.addblock");
        assert_eq!(id.title, "Добавление нового блока на страницу");
        let sentence = kind(
            "a/x.md",
            "# Добавление блока\n\n> Scope: [`landing`](s.md)\n\nМетод `landing.block.add` добавляет блок.\n",
        );
        assert!(matches!(sentence, PageKind::Method(id) if id.method == "landing.block.add"));
        // Without a scope, a page that mentions a method is a guide, not its page.
        let guide = kind(
            "a/y.md",
            "# Как добавить блок\n\nМетод `landing.block.add` добавляет блок.\n",
        );
        assert!(matches!(guide, PageKind::Skip(_)));
    }

    #[test]
    fn events_overviews_and_references() {
        assert!(matches!(
            kind("a/events/on-crm-deal-add.md", "# Событие onCrmDealAdd\n\n> Scope: [`crm`](s)\n"),
            PageKind::Event(id) if id.method == "onCrmDealAdd"
        ));
        for (path, md, reason) in [
            ("a/index.md", "# Сделки\n", "overview"),
            (
                "a/events/test-handler.md",
                "# Как проверить обработчик\n",
                "events folder",
            ),
            ("a/crm/data-types.md", "# Типы данных\n", "reference"),
            ("a/x.md", "Текст без заголовка\n", "no h1"),
        ] {
            let PageKind::Skip(skip) = kind(path, md) else {
                panic!("{path} is skipped")
            };
            assert!(skip.reason.contains(reason), "{path}: {}", skip.reason);
        }
    }
}
