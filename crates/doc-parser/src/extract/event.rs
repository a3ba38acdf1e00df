//! Event pages (`ONCRMDEALADD`, `onCrmDealAdd`) into [`EventSpec`]s: what a handler
//! receives. The payload comes from the page's field tables (`event`, `data`,
//! `data.FIELDS`, sub-tables such as `### Параметр FIELDS {#fields}`, shared tables
//! included from `_includes/`), or from the example payload when the page has no table.

use crate::lexicon::sections as lx;
use b24_spec::{EventSpec, Param, SCHEMA_VERSION};

use crate::diagnostics::{Code, Diagnostics};
use crate::page::Node;

use super::fields::{self, FieldTable};
use super::identity::Identity;
use super::required::Convention;
use super::response::fields_of_object;
use super::scope::Access;
use super::sections::{Section, Sections};
use super::shape::Shape;

pub fn read(
    path: &str,
    identity: Identity,
    nodes: &[Node],
    sections: &Sections<'_>,
    access: Access,
    diags: &mut Diagnostics,
) -> EventSpec {
    let body = blocks(sections, |s| !is_further_reading(&s.heading.text));
    EventSpec {
        schema_version: SCHEMA_VERSION,
        event: identity.method,
        source: path.to_owned(),
        title: identity.title,
        description: super::description(&sections.preamble),
        scope: access.scopes,
        who_can_subscribe: access.who_can_call,
        deprecated: super::deprecation::read(path, nodes, &sections.preamble),
        payload: payload(path, &body, diags),
    }
}

/// The preamble and the blocks (headings included) of the sections `keep` accepts.
pub(super) fn blocks<'a>(
    sections: &Sections<'a>,
    keep: impl Fn(&Section<'a>) -> bool,
) -> Vec<&'a Node> {
    sections
        .preamble
        .iter()
        .copied()
        .chain(
            sections
                .sections
                .iter()
                .filter(|s| keep(s))
                .flat_map(|s| std::iter::once(s.heading_node).chain(s.nodes.iter().copied())),
        )
        .collect()
}

fn is_further_reading(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    lx::FURTHER_READING.iter().any(|p| lower.starts_with(p))
}

fn payload(path: &str, body: &[&Node], diags: &mut Diagnostics) -> Vec<Param> {
    let tables = fields::collect(body);
    if tables.is_empty() {
        return from_example(body, path, diags);
    }
    linked_payload(&tables, path, diags)
}

/// The fields of the first of `tables` (not empty), with the other tables linked under them.
pub(super) fn linked_payload(
    tables: &[FieldTable<'_>],
    path: &str,
    diags: &mut Diagnostics,
) -> Vec<Param> {
    // Each table speaks for itself: stars in the shared `auth` table (which carries its own
    // required.md footnote) say nothing about the page's main table.
    let base = Convention::default();
    let mut used = vec![false; tables.len()];
    used[0] = true;
    let mut payload = fields::read_table(&tables[0], base, path, diags);
    fields::link(&mut payload, "", tables, &mut used, base, path, diags);
    fields::report_unused(tables, &used, "payload", path, diags);
    payload
}

/// The example payload's top-level keys when the page has no table.
fn from_example(body: &[&Node], path: &str, diags: &mut Diagnostics) -> Vec<Param> {
    // A code block that starts with `{` and reads as JSON is an object.
    let first = super::event_family::json_objects(body).into_iter().next();
    match first.map(|value| Shape::of(&value)) {
        Some(Shape::Object(object)) => fields_of_object(&object),
        _ => {
            diags.push(
                path,
                body.first().map_or(0, |n| n.line()),
                Code::EventPayloadUnknown,
                "the event page has neither a payload table nor an example payload",
            );
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Code;
    use crate::includes::{IncludeLoader, Loaded};
    use crate::{Outcome, parse_page};

    struct Shared;
    impl IncludeLoader for Shared {
        fn load(&self, _from: &str, target: &str) -> Result<Loaded, String> {
            if !target.ends_with("auth-params-in-events.md") {
                return Err("absent".into());
            }
            Ok(Loaded {
                path: "_includes/auth-params-in-events.md".into(),
                text: "#|\n|| **Название**\n`тип` | **Описание** ||\n|| **access_token**\n[`string`](x) | Токен ||\n|| **domain***\n[`string`](x) | Адрес ||\n|#\n".into(),
            })
        }
    }

    const PAGE: &str = "# Cобытие при создании сделки onCrmDealAdd\n\n> Scope: [`crm`](s)\n>\n> Кто может подписаться: любой пользователь\n\nСобытие `ONCRMDEALADD` сработает при создании сделки.\n\n## Что получает обработчик\n\n```json\n{\"event\": \"ONCRMDEALADD\", \"data\": {\"FIELDS\": {\"ID\": \"1\"}}}\n```\n\n#|\n|| **Параметр**\n`тип` | **Описание** ||\n|| **event**\n[`string`](x) | Код события ||\n|| **data**\n[`object`](x) | Данные ||\n|| **data.FIELDS**\n[`object`](x) | Поля. Структура описана [ниже](#fields) ||\n|| **auth**\n[`object`](x) | Авторизация [ниже](#auth) ||\n|#\n\n### Параметр FIELDS {#fields}\n\n#|\n|| **Параметр**\n`тип` | **Описание** ||\n|| **ID**\n[`integer`](x) | Идентификатор ||\n|#\n\n### Параметр auth {#auth}\n\n{% include notitle [auth](../../_includes/auth-params-in-events.md) %}\n\n## Продолжите изучение\n\n- [x](y)\n";

    #[test]
    fn an_event_page_becomes_an_event_schema() {
        let page = parse_page(
            "api-reference/crm/events/on-crm-deal-add.md",
            PAGE.as_bytes(),
            &Shared,
        );
        let Outcome::Event(event) = page.outcome else {
            panic!("{:?}", page.outcome)
        };
        assert_eq!(event.event, "onCrmDealAdd");
        assert_eq!(event.title, "Cобытие при создании сделки");
        assert_eq!(event.scope, ["crm"]);
        assert_eq!(
            event.who_can_subscribe.as_deref(),
            Some("любой пользователь")
        );
        let names: Vec<&str> = event.payload.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["event", "data", "auth"]);
        let data = &event.payload[1];
        assert_eq!(data.fields[0].name, "FIELDS");
        assert_eq!(data.fields[0].fields[0].name, "ID");
        let auth = &event.payload[2];
        let auth_fields: Vec<&str> = auth.fields.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(auth_fields, ["access_token", "domain"]);
        assert!(auth.fields[1].required.is_true());
        // The shared table's stars say nothing about the page's own table.
        assert_eq!(event.payload[0].required, b24_spec::Required::Unknown);
        assert_eq!(auth.fields[0].required, b24_spec::Required::False);
        let codes: Vec<Code> = page.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.is_empty(), "{:?}", page.diagnostics);
    }

    #[test]
    fn without_a_table_the_example_gives_the_payload() {
        let page = parse_page(
            "api-reference/x/events/on-x.md",
            "# Событие ONXUPDATE\n\n> Scope: [`x`](s)\n\n```json\n{\"event\": \"ONXUPDATE\", \"data\": {}, \"ts\": 1,}\n```\n".as_bytes(),
            &Shared,
        );
        let Outcome::Event(event) = page.outcome else {
            panic!("{:?}", page.outcome)
        };
        let names: Vec<&str> = event.payload.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["data", "event", "ts"]);
    }
}
