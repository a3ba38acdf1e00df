//! Who the page is about: the method (or event) name and title from the h1, and the other
//! places a page names its method (the "Метод `x`" sentence, the code examples), which
//! catch copy-paste h1 bugs.

use crate::letters::find_folded;
use crate::lexicon::identity as lx;
use crate::page::{Node, walk};

use super::inline::code_spans;

/// The h1 split into its title and the name it ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub method: String,
    pub title: String,
}

/// Takes the last dotted identifier of the h1 that is a method name: not all uppercase
/// (event names), not `BX24.*` (the JS SDK), not a file name, not a bare API prefix
/// (`imbot.v2`).
pub fn from_h1(h1: &str) -> Option<Identity> {
    last_token(h1, is_method_name)
}

/// Takes the event name of an event page's h1: `ONCRMDEALADD`, `CATALOG.PRICE.ON.ADD`,
/// `onCrmDealAdd`, `OnExternalCallStart`.
pub fn event_from_h1(h1: &str) -> Option<Identity> {
    last_token(h1, is_event_name)
}

fn last_token(h1: &str, accept: fn(&str) -> bool) -> Option<Identity> {
    let mut found: Option<(usize, usize)> = None;
    let mut start = None;
    for (i, c) in h1.char_indices().chain(std::iter::once((h1.len(), ' '))) {
        let ident_char = c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '*');
        match (ident_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let token = h1[s..i].trim_end_matches('.');
                if accept(token) {
                    found = Some((s, s + token.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    let (s, e) = found?;
    let title = format!("{} {}", h1[..s].trim(), h1[e..].trim());
    Some(Identity {
        method: h1[s..e].to_owned(),
        title: title
            .trim()
            .trim_end_matches([':', '—', '-'])
            .trim()
            .to_owned(),
    })
}

/// A REST method name: dotted segments, some lowercase, starting with a letter.
pub fn is_method_name(token: &str) -> bool {
    let first = token.split('.').next().unwrap_or_default();
    let last = token.rsplit('.').next().unwrap_or_default();
    token.contains('.')
        && first.starts_with(|c: char| c.is_ascii_alphabetic())
        && token.split('.').all(|part| !part.is_empty())
        && !token.contains('*')
        && token.chars().any(|c| c.is_ascii_lowercase())
        && !token.starts_with("BX24.")
        && !token.ends_with(".md")
        && !is_version(last)
}

/// `v1`, `v2`: a name ending so is an API prefix (`imbot.v2`), not a method.
fn is_version(segment: &str) -> bool {
    segment
        .strip_prefix(['v', 'V'])
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// An event name: all uppercase with an `ON` part (`ONCRMDEALADD`, `CATALOG.PRICE.ON.ADD`),
/// or camel case starting with `on`/`On` (`onCrmDealAdd`, `OnExternalCallStart`).
pub fn is_event_name(token: &str) -> bool {
    if token.is_empty()
        || token.contains('*')
        || !token.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return false;
    }
    let upper = !token.chars().any(|c| c.is_ascii_lowercase());
    if upper {
        let parts: Vec<&str> = token.split('.').collect();
        return token.len() > 4
            && parts.iter().all(|p| !p.is_empty())
            && (token.starts_with("ON") || parts.contains(&"ON"));
    }
    !token.contains('.')
        && (token.starts_with("on") || token.starts_with("On"))
        && token[2..].starts_with(|c: char| c.is_ascii_uppercase())
}

/// The method the introduction names: "Метод `x` …" (the first code span after the word
/// "метод" in the preamble's paragraphs).
pub fn named_in_body(preamble: &[&Node]) -> Option<(String, u32)> {
    for node in preamble {
        let Node::Paragraph(text) = node else {
            continue;
        };
        let Some(at) = find_folded(&text.raw, lx::METHOD_NAMED) else {
            continue;
        };
        let after = &text.raw[at..];
        if let Some(name) = code_spans(after).first()
            && is_method_name(name)
        {
            return Some(((*name).to_owned(), text.line));
        }
    }
    None
}

/// The method a `{% note info "x.y.z" %}` of the preamble names in its title.
pub fn named_in_note(preamble: &[&Node]) -> Option<String> {
    preamble.iter().find_map(|node| match node {
        Node::Note(note) => {
            let title = note.title.trim().trim_matches('`');
            is_method_name(title).then(|| title.to_owned())
        }
        _ => None,
    })
}

/// Whether some code block of the page contains `method` as written (a cheap check that
/// spares [`called_in_examples`] on most pages).
pub fn examples_mention(nodes: &[Node], method: &str) -> bool {
    crate::page::any(
        nodes,
        &mut |node| matches!(node, Node::Code(code) if code.text.contains(method)),
    )
}

/// Method names the page's code examples call: `callMethod('x'`, `CRest::call('x'`,
/// `/rest/…/x` URLs. In page order, without repeats.
pub fn called_in_examples(nodes: &[Node]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    walk(nodes, &mut |node| {
        let Node::Code(code) = node else { return };
        for name in calls_in(&code.text) {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                names.push(name.to_owned());
            }
        }
    });
    names
}

/// Quoted method names right after a call opener, and the last segment of REST URLs.
fn calls_in(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("/rest/") {
        let rest = &code[at + "/rest/".len()..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '?' | '`' | ')'))
            .unwrap_or(rest.len());
        if let Some(last) = rest[..end].trim_end_matches('/').rsplit('/').next()
            && let Some(name) = last.strip_suffix(".json").or(Some(last))
            && is_method_name(name)
        {
            out.push(name);
        }
    }
    for opener in ["callMethod(", "::call(", "call_method(", ".call("] {
        for (at, _) in code.match_indices(opener) {
            let rest = code[at + opener.len()..].trim_start();
            let Some(quote) = rest.chars().next().filter(|c| matches!(c, '\'' | '"')) else {
                continue;
            };
            let inner = &rest[1..];
            if let Some(end) = inner.find(quote)
                && is_method_name(&inner[..end])
            {
                out.push(&inner[..end]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    #[test]
    fn the_seed_h1() {
        let id = from_h1("Установить статус пользователя im.user.status.set").unwrap();
        assert_eq!(id.method, "im.user.status.set");
        assert_eq!(id.title, "Установить статус пользователя");
    }

    #[test]
    fn last_name_wins_and_non_methods_are_skipped() {
        let id =
            from_h1("Получить перечень методов task.item.* с их описанием task.item.getmanifest")
                .unwrap();
        assert_eq!(id.method, "task.item.getmanifest");
        assert_eq!(from_h1("Событие ONCRMDEALADD"), None);
        assert_eq!(from_h1("BX24.callMethod"), None);
        assert_eq!(from_h1("Файл index.md"), None);
        assert_eq!(
            from_h1("Бот imbot.v2.Bot.register").unwrap().method,
            "imbot.v2.Bot.register"
        );
    }

    #[test]
    fn case_versions_and_underscores_are_kept() {
        for (h1, name) in [
            (
                "Получить список ролей landing.role.getList",
                "landing.role.getList",
            ),
            (
                "Список бронирований booking.v1.booking.list",
                "booking.v1.booking.list",
            ),
            ("Загрузить файл im.v2.File.upload", "im.v2.File.upload"),
            (
                "Добавить участника sonet_group.user.add",
                "sonet_group.user.add",
            ),
            ("Добавить задачу tasks.task.add v 3.0", "tasks.task.add"),
        ] {
            assert_eq!(
                from_h1(h1).map(|id| id.method).as_deref(),
                Some(name),
                "{h1}"
            );
        }
    }

    #[test]
    fn api_prefixes_are_not_methods() {
        assert_eq!(from_h1("Журнал изменений API imbot.v2"), None);
        assert_eq!(from_h1("Миграция с imbot на imbot.v2"), None);
    }

    #[test]
    fn event_names() {
        for (h1, name) in [
            ("Событие при создании сделки ONCRMDEALADD", "ONCRMDEALADD"),
            ("Cобытие при создании сделки onCrmDealAdd", "onCrmDealAdd"),
            (
                "Событие при изменении цены CATALOG.PRICE.ON.UPDATE",
                "CATALOG.PRICE.ON.UPDATE",
            ),
            ("Начало звонка OnExternalCallStart", "OnExternalCallStart"),
        ] {
            assert_eq!(
                event_from_h1(h1).map(|id| id.method).as_deref(),
                Some(name),
                "{h1}"
            );
        }
        assert_eq!(event_from_h1("Добавить сделку crm.deal.add"), None);
        assert_eq!(event_from_h1("Обработчик online"), None);
        assert_eq!(event_from_h1("Список API"), None);
    }

    #[test]
    fn the_body_sentence_and_the_examples_name_methods() {
        let nodes = markdown::parse(
            "Метод `bizproc.workflow.instances` возвращает список.\n\n```js\nBX24.callMethod('sale.status.getfields', {});\n$r = CRest::call(\"sale.status.getfields\");\n```\n\n```bash\ncurl https://x.bitrix24.ru/rest/1/abc/user.get.json\n```\n",
            1,
        );
        let refs: Vec<&Node> = nodes.iter().collect();
        assert_eq!(
            named_in_body(&refs),
            Some(("bizproc.workflow.instances".to_owned(), 1))
        );
        assert_eq!(
            called_in_examples(&nodes),
            ["sale.status.getfields", "user.get"]
        );
    }
}
