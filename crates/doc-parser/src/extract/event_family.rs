//! Pages that document several events, one per h2 section (the "Форматы событий" pages of
//! imbot.v2 and im.v2: `## ONIMBOTV2MESSAGEADD {#onimbotv2messageadd}` and a table of the
//! event's `data`). Each section becomes its own [`EventSpec`]:
//!
//! - `data` is the section's table, with its sub-tables (`### Объект command`) linked, and
//!   objects the tables leave open (`bot`) given the keys the page's examples show;
//! - the envelope around `data` (`event`, `ts`, `auth`) comes from the page's example of
//!   the whole POST when it has one, with `auth` read from the page's `auth` table.

use b24_spec::{EventSpec, Param, SCHEMA_VERSION, TypeExpr};
use serde_json::Value;

use crate::diagnostics::Diagnostics;
use crate::link::maps::{self, kind_of};
use crate::page::{Node, walk};

use super::fields;
use super::identity::{self, Identity};
use super::lenient_json;
use super::required::Convention;
use super::response::shown_field;
use super::scope::Access;
use super::sections::{Section, Sections};

/// Sections fewer than this naming an event do not make a page a family: a page about
/// one event names it in its h1.
const MIN_EVENTS: usize = 2;
/// Example objects nested deeper than this give no fields (a guard against deep input).
const MAX_EXAMPLE_DEPTH: usize = 8;

/// Whether the page documents several events, one per h2 section.
pub fn is_family(sections: &Sections<'_>) -> bool {
    event_sections(sections).count() >= MIN_EVENTS
}

/// The h2 sections whose heading is an event name and nothing else.
fn event_sections<'s, 'a>(
    sections: &'s Sections<'a>,
) -> impl Iterator<Item = &'s Section<'a>> + 's {
    sections
        .sections
        .iter()
        .filter(|section| is_event_heading(&section.heading.text))
}

fn is_event_heading(text: &str) -> bool {
    let text = text.trim();
    identity::is_event_name(text) && !text.contains(char::is_whitespace)
}

/// One spec per event section, in page order.
pub fn read(
    path: &str,
    title: &str,
    nodes: &[Node],
    sections: &Sections<'_>,
    access: &Access,
    diags: &mut Diagnostics,
) -> Vec<EventSpec> {
    // The blocks outside the event sections: the envelope example, the `bot` example, the
    // shared `auth` table. "Продолжите изучение" holds none of them.
    let common = super::event::blocks(sections, |s| !is_event_heading(&s.heading.text));
    let common_examples = json_objects(&common);
    let envelope = common_examples
        .iter()
        .find(|value| value.get("event").is_some() && value.get("data").is_some());
    // Examples of `data` alone (the page's "объект bot" example), and the envelope's.
    let shared_data: Vec<&Value> = common_examples
        .iter()
        .filter(|value| value.get("event").is_none())
        .chain(envelope.and_then(|value| value.get("data")))
        .collect();
    let common_tables = fields::collect(&common);
    event_sections(sections)
        .map(|section| {
            let identity = Identity {
                method: section.heading.text.trim().to_owned(),
                title: title.trim().to_owned(),
            };
            let mut examples = json_objects(&section.nodes);
            examples.extend(shared_data.iter().map(|value| (*value).clone()));
            let data = data_fields(path, section, &examples, diags);
            let payload = match envelope {
                Some(envelope) => enveloped(envelope, data, &common_tables, path, diags),
                None => vec![shown_field("data", TypeExpr::Object, data)],
            };
            EventSpec {
                schema_version: SCHEMA_VERSION,
                event: identity.method,
                source: path.to_owned(),
                title: identity.title,
                description: super::description(&section.nodes),
                scope: access.scopes.clone(),
                who_can_subscribe: access.who_can_call.clone(),
                deprecated: super::deprecation::read(path, nodes, &sections.preamble),
                payload,
            }
        })
        .collect()
}

/// The event's `data`: the section's first table, its sub-tables linked, open objects
/// filled from the examples.
fn data_fields(
    path: &str,
    section: &Section<'_>,
    examples: &[Value],
    diags: &mut Diagnostics,
) -> Vec<Param> {
    let tables = fields::collect(&section.nodes);
    if tables.is_empty() {
        // A section without a table: the keys its example shows.
        return examples.first().map(fields_of_value).unwrap_or_default();
    }
    let mut data = super::event::linked_payload(&tables, path, diags);
    for field in &mut data {
        if field.fields.is_empty() && field.ty.normalized == TypeExpr::Object {
            field.fields = merged_fields(examples.iter().filter_map(|e| e.get(&field.name)));
        }
    }
    data
}

/// The envelope example's top-level keys, `data` replaced by the event's fields and `auth`
/// described by the page's `auth` table when it has one.
fn enveloped(
    envelope: &Value,
    data: Vec<Param>,
    tables: &[fields::FieldTable<'_>],
    path: &str,
    diags: &mut Diagnostics,
) -> Vec<Param> {
    let mut payload = fields_of_value(envelope);
    let mut data = Some(data);
    for param in &mut payload {
        if param.name == "data" {
            param.fields = data.take().unwrap_or_default();
        } else if param.name == "auth" {
            let shown = std::mem::take(&mut param.fields);
            let mut used = vec![false; tables.len()];
            fields::link(
                std::slice::from_mut(param),
                "",
                tables,
                &mut used,
                Convention::default(),
                path,
                diags,
            );
            if param.fields.is_empty() {
                param.fields = shown;
            }
        }
    }
    payload
}

/// The JSON objects of the code blocks among `nodes`, in page order.
pub(super) fn json_objects(nodes: &[&Node]) -> Vec<Value> {
    let mut found = Vec::new();
    for node in nodes {
        walk(std::slice::from_ref(*node), &mut |node| {
            if let Node::Code(code) = node
                && code.text.trim_start().starts_with('{')
                && let Ok(read) = lenient_json::parse::<Value>(&code.text)
                && read.value.is_object()
            {
                found.push(read.value);
            }
        });
    }
    found
}

/// The union of the fields several examples of one object show, keys in first-seen order.
fn merged_fields<'v>(values: impl Iterator<Item = &'v Value>) -> Vec<Param> {
    let mut merged: Vec<Param> = Vec::new();
    for value in values {
        merge(&mut merged, fields_of_value(value));
    }
    merged
}

fn merge(into: &mut Vec<Param>, more: Vec<Param>) {
    for param in more {
        match into.iter_mut().find(|p| p.name == param.name) {
            Some(known) => {
                // `null` in one example, a value in another: the value tells the kind.
                if known.ty.normalized == TypeExpr::Any {
                    known.ty = param.ty;
                }
                merge(&mut known.fields, param.fields);
            }
            None => into.push(param),
        }
    }
}

/// An example object's keys as fields, nested, with the kinds their values show; a map
/// keyed by ids has no field names.
fn fields_of_value(value: &Value) -> Vec<Param> {
    fields_at(value, 0)
}

fn fields_at(value: &Value, depth: usize) -> Vec<Param> {
    let object = match value {
        Value::Object(map) => map,
        Value::Array(items) => match items.first() {
            Some(Value::Object(map)) => map,
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    if depth >= MAX_EXAMPLE_DEPTH || maps::is_id_keyed(object) {
        return Vec::new();
    }
    object
        .iter()
        .map(|(name, value)| shown_field(name, kind_of(value), fields_at(value, depth + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::includes::NoIncludes;
    use crate::{Outcome, ParsedPage, parse_page};
    use b24_spec::{EventSpec, TypeExpr};

    const PAGE: &str = "# Форматы событий x.v2\n\nОписание событий.\n\n\
## Структура {#payload}\n\n\
```json\n{\"event\": \"ONXV2ADD\", \"data\": {\"bot\": {\"id\": 1, \"auth\": {\"access_token\": \"a\"}}}, \"ts\": 1, \"auth\": {\"domain\": \"d\"}}\n```\n\n\
### Параметр auth {#auth}\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **domain**\n[`string`](x) | Адрес ||\n|| **application_token**\n[`string`](x) | Токен ||\n|#\n\n\
## ONXV2ADD {#onxv2add}\n\nДобавлено.\n\n\
#|\n|| **Поле** | **Тип** | **Описание** ||\n|| **bot** | `object` | Бот ||\n|| **command** | `object` | Команда, [ниже](#command) ||\n|#\n\n\
### Объект command {#command}\n\n#|\n|| **Поле** | **Тип** | **Описание** ||\n|| **id** | `integer` | ID ||\n|#\n\n\
### Пример данных\n\n```json\n{\"bot\": {\"id\": 1, \"code\": \"c\"}, \"command\": {\"id\": 2}}\n```\n\n\
## ONXV2DELETE {#onxv2delete}\n\nУдалено.\n\n\
#|\n|| **Поле** | **Тип** | **Описание** ||\n|| **messageId** | `integer` | ID ||\n|#\n\n\
## Продолжите изучение\n\n- [x](y)\n";

    fn parse(text: &str) -> ParsedPage {
        parse_page(
            "api-reference/x/events/events.md",
            text.as_bytes(),
            &NoIncludes,
        )
    }

    fn events(text: &str) -> Vec<EventSpec> {
        let page = parse(text);
        let Outcome::Events(events) = page.outcome else {
            panic!("{:?}", page.outcome)
        };
        events
    }

    fn names(params: &[b24_spec::Param]) -> Vec<&str> {
        params.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn each_event_section_becomes_an_event() {
        let events = events(PAGE);
        let events: Vec<&str> = events.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(events, ["ONXV2ADD", "ONXV2DELETE"]);
    }

    #[test]
    fn the_envelope_wraps_each_events_data() {
        let events = events(PAGE);
        let add = &events[0];
        assert_eq!(add.title, "Форматы событий x.v2");
        assert_eq!(add.description, "Добавлено.");
        assert_eq!(names(&add.payload), ["event", "data", "ts", "auth"]);
        // `auth` from the page's table, not from the example's one key.
        assert_eq!(
            names(&add.payload[3].fields),
            ["domain", "application_token"]
        );
        let data = &add.payload[1];
        assert_eq!(names(&data.fields), ["bot", "command"]);
        // The open `bot` takes the keys of every example that shows it.
        assert_eq!(names(&data.fields[0].fields), ["id", "code", "auth"]);
        assert_eq!(names(&data.fields[0].fields[2].fields), ["access_token"]);
        // The linked sub-table describes `command`.
        assert_eq!(names(&data.fields[1].fields), ["id"]);
        assert_eq!(data.fields[1].fields[0].ty.normalized, TypeExpr::Integer);
        let delete = &events[1];
        assert_eq!(names(&delete.payload[1].fields), ["messageId"]);
        let diagnostics = parse(PAGE).diagnostics;
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn without_an_envelope_example_the_payload_is_data() {
        let events = events(&PAGE.replace("\"event\": \"ONXV2ADD\", ", ""));
        assert_eq!(names(&events[1].payload), ["data"]);
        assert_eq!(names(&events[1].payload[0].fields), ["messageId"]);
    }

    #[test]
    fn one_event_section_is_no_family() {
        let cut = PAGE
            .split("## ONXV2DELETE")
            .next()
            .unwrap_or_default()
            .to_owned();
        let page = parse(&cut);
        assert!(
            matches!(page.outcome, Outcome::Skipped(_)),
            "{:?}",
            page.outcome
        );
    }
}
