//! Every event example in the documentation through `IncomingEvent` and `Event::try_from`.
//!
//! For each committed event spec, its page under `B24_DOCS_DIR` is read and every JSON
//! code block that is an event payload (an object with an `event` key) is decoded twice:
//! as JSON (`IncomingEvent::from_json`) and as the form body the portal would post
//! (`IncomingEvent::from_form` of the same payload written as PHP's `http_build_query`
//! writes it). Both must become the page's own variant of `b24_api::events::Event`, never
//! `Other` and never an error, and the decoded event's `Debug` must not show its tokens.
//!
//! A page that documents several events (`## ONIMBOTV2MESSAGEADD` sections of the imbot.v2
//! and im.v2 "Форматы событий" pages) shows each event's `data` in its section: those
//! examples are posted as `{"event": <name>, "data": <example>}`, and an example of the
//! whole POST elsewhere on the page counts for the event it names.

use b24_api::events::Event;
use b24_runtime::events::IncomingEvent;
use b24_tests::{committed_events, docs_root};
use serde_json::Value;

/// The code blocks of a page, fences of any language, indented or not.
fn code_blocks(page: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in page.lines() {
        let trimmed = line.trim_start();
        match current.take() {
            None => {
                if let Some(rest) = trimmed.strip_prefix("```") {
                    current = Some((String::new(), rest.to_owned()));
                }
            }
            Some((text, _)) if trimmed.starts_with("```") => blocks.push(text),
            Some((mut text, info)) => {
                text.push_str(trimmed);
                text.push('\n');
                current = Some((text, info));
            }
        }
    }
    blocks
}

/// The JSON objects among a text's code blocks.
fn json_examples(text: &str) -> Vec<Value> {
    code_blocks(text)
        .into_iter()
        .filter(|block| block.trim_start().starts_with('{'))
        .filter_map(|block| b24_doc_parser::extract::lenient_json::parse::<Value>(&block).ok())
        .map(|read| read.value)
        .collect()
}

/// The page's event payload examples: JSON objects with an `event` key.
fn event_examples(page: &str) -> Vec<Value> {
    json_examples(page)
        .into_iter()
        .filter(|value| value.get("event").is_some())
        .collect()
}

/// The text of the page's `## {event}` section (up to the next h2), if it has one.
fn event_section<'p>(page: &'p str, event: &str) -> Option<&'p str> {
    let mut offset = 0;
    let mut start = None;
    for line in page.split_inclusive('\n') {
        if let Some(heading) = line.strip_prefix("## ") {
            if start.is_some() {
                return start.map(|from| &page[from..offset]);
            }
            let name = heading.split_whitespace().next().unwrap_or_default();
            if name == event {
                start = Some(offset);
            }
        }
        offset += line.len();
    }
    start.map(|from| &page[from..])
}

/// The examples of one event on a page that documents several: the `data` examples of its
/// section, posted in their envelope, and the page's whole-POST examples that name it.
fn family_examples(page: &str, event: &str) -> Vec<Value> {
    let mut examples: Vec<Value> = event_section(page, event)
        .map(json_examples)
        .unwrap_or_default()
        .into_iter()
        .map(|data| match data.get("event") {
            Some(_) => data,
            None => serde_json::json!({"event": event, "data": data}),
        })
        .collect();
    examples.extend(event_examples(page).into_iter().filter(|example| {
        example["event"]
            .as_str()
            .is_some_and(|name| name.eq_ignore_ascii_case(event))
    }));
    examples
}

/// `value` as `http_build_query` writes it: nested keys in brackets, `true`/`false` as
/// `1`/`0`, `null` and empty groups left out.
fn form_of(value: &Value) -> String {
    fn walk(key: &str, value: &Value, out: &mut form_urlencoded::Serializer<'_, String>) {
        match value {
            Value::Null => {}
            Value::Bool(flag) => {
                out.append_pair(key, if *flag { "1" } else { "0" });
            }
            Value::Number(number) => {
                out.append_pair(key, &number.to_string());
            }
            Value::String(text) => {
                out.append_pair(key, text);
            }
            Value::Array(items) => {
                for (at, item) in items.iter().enumerate() {
                    walk(&format!("{key}[{at}]"), item, out);
                }
            }
            Value::Object(map) => {
                for (name, item) in map {
                    walk(&format!("{key}[{name}]"), item, out);
                }
            }
        }
    }
    let mut out = form_urlencoded::Serializer::new(String::new());
    if let Value::Object(map) = value {
        for (name, item) in map {
            walk(name, item, &mut out);
        }
    }
    out.finish()
}

/// The tokens of an example, at any depth (`auth`, `data.bot.auth`), to look for in `Debug`.
fn tokens(example: &Value) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    let token = ["application_token", "access_token", "refresh_token"]
                        .contains(&key.as_str());
                    match item.as_str() {
                        Some(text) if token && text.len() >= 8 => out.push(text.to_owned()),
                        _ => walk(item, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(example, &mut out);
    out
}

/// Decodes `incoming` and checks it is the page's event; `Err` says why not.
fn check(incoming: IncomingEvent, documented: &str, secrets: &[String]) -> Result<(), String> {
    let event = Event::try_from(incoming).map_err(|error| error.to_string())?;
    if let Event::Other(other) = &event {
        return Err(format!("decoded as Other ({})", other.event_name()));
    }
    if !event.event_name().eq_ignore_ascii_case(documented) {
        return Err(format!(
            "decoded as {} instead of {documented}",
            event.event_name()
        ));
    }
    let shown = format!("{event:?}");
    if let Some(token) = secrets.iter().find(|token| shown.contains(token.as_str())) {
        return Err(format!("Debug shows the token {}…", &token[..4]));
    }
    Ok(())
}

#[test]
fn every_documented_event_example_decodes_into_its_variant() {
    let Some(docs) = docs_root("B24_DOCS_DIR") else {
        return;
    };
    let mut passed = 0;
    let mut pages_with_examples = 0;
    let mut without_examples = Vec::new();
    let mut failed = Vec::new();
    let events = committed_events();
    let mut family_events = 0;
    for spec in events {
        let Ok(page) = std::fs::read_to_string(docs.join(&spec.source)) else {
            failed.push(format!("{}: page {} is missing", spec.event, spec.source));
            continue;
        };
        let shared = events.iter().filter(|e| e.source == spec.source).count();
        let examples = if shared > 1 {
            family_events += 1;
            family_examples(&page, &spec.event)
        } else {
            event_examples(&page)
        };
        if examples.is_empty() {
            without_examples.push(spec.source.as_str());
            continue;
        }
        pages_with_examples += 1;
        for example in examples {
            let secrets = tokens(&example);
            let from_json = IncomingEvent::from_json(&example)
                .map_err(|error| error.to_string())
                .and_then(|incoming| check(incoming, &spec.event, &secrets));
            let form = form_of(&example);
            let from_form = IncomingEvent::from_form(form.as_bytes())
                .map_err(|error| error.to_string())
                .and_then(|incoming| check(incoming, &spec.event, &secrets));
            match (from_json, from_form) {
                (Ok(()), Ok(())) => passed += 1,
                (json, form) => failed.push(format!(
                    "{} ({}): json {json:?}, form {form:?}",
                    spec.event, spec.source
                )),
            }
        }
    }
    eprintln!(
        "event examples: {passed} of {} decode (JSON and form) into their variants, from \
         {pages_with_examples} events' pages ({family_events} events share a page with \
         others); {} events have no JSON payload example",
        passed + failed.len(),
        without_examples.len()
    );
    for page in &without_examples {
        eprintln!("  no example: {page}");
    }
    for failure in &failed {
        eprintln!("  {failure}");
    }
    assert!(failed.is_empty(), "{} examples do not decode", failed.len());
    assert!(
        passed > 0,
        "no event example was found under {}",
        docs.display()
    );
    // The imbot.v2 and im.v2 pages document 13 events between them.
    assert!(
        family_events >= 13,
        "{family_events} events from shared pages"
    );
}

#[test]
fn a_family_pages_section_gives_its_events_examples() {
    let page = "# Форматы\n\n```json\n{\"event\": \"ONXADD\", \"data\": {}}\n```\n\n\
                ## ONXADD {#onxadd}\n\n```json\n{\"id\": 1}\n```\n\n\
                ## ONXDELETE {#onxdelete}\n\n```json\n{\"id\": 2}\n```\n";
    let add = family_examples(page, "ONXADD");
    assert_eq!(
        add,
        [
            serde_json::json!({"event": "ONXADD", "data": {"id": 1}}),
            serde_json::json!({"event": "ONXADD", "data": {}}),
        ]
    );
    let delete = family_examples(page, "ONXDELETE");
    assert_eq!(
        delete,
        [serde_json::json!({"event": "ONXDELETE", "data": {"id": 2}})]
    );
}

#[test]
fn form_of_writes_nested_keys() {
    let value = serde_json::json!({"event": "X", "data": {"A": [1, {"B": true}]}, "n": null});
    let form = form_of(&value);
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(form.as_bytes())
        .into_owned()
        .collect();
    pairs.sort();
    let expected = [("data[A][0]", "1"), ("data[A][1][B]", "1"), ("event", "X")];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(pairs, expected);
}

#[test]
fn an_unknown_event_is_other_and_a_misfit_names_the_field() {
    let unknown = IncomingEvent::from_form(b"event=ONSOMETHINGNEW&data[X]=1").expect("reads");
    assert!(matches!(
        Event::try_from(unknown),
        Ok(Event::Other(ref other)) if other.event_name() == "ONSOMETHINGNEW"
    ));
    let misfit = IncomingEvent::from_form(
        b"event=ONCRMDEALADD&data[FIELDS][ID]=abc&auth[application_token]=s3cr3t",
    )
    .expect("reads");
    let error = Event::try_from(misfit).expect_err("ID is not a number");
    assert_eq!(error.event, "ONCRMDEALADD");
    assert_eq!(error.path, "data.FIELDS.ID");
    assert!(!error.to_string().contains("s3cr3t"), "{error}");
}

#[test]
fn a_documented_event_decodes_from_the_form_the_portal_posts() {
    let body = "event=ONCRMDEALADD&event_handler_id=185&data%5BFIELDS%5D%5BID%5D=6641\
        &ts=1735374081&auth%5Bdomain%5D=some.bitrix24.com&auth%5Bmember_id%5D=a223c6b3\
        &auth%5Bapplication_token%5D=51856fefc120afa4";
    let incoming = IncomingEvent::from_form(body.as_bytes()).expect("reads");
    assert!(incoming.verify(&b24_runtime::Secret::new("51856fefc120afa4")));
    let Ok(Event::OnCrmDealAdd(deal)) = Event::try_from(incoming) else {
        panic!("not OnCrmDealAdd")
    };
    let id = deal.data.and_then(|data| data.fields).and_then(|f| f.id);
    assert_eq!(id, Some(6641));
    let auth = deal.auth.expect("auth");
    assert_eq!(
        auth.application_token.as_ref().map(|t| t.expose()),
        Some("51856fefc120afa4")
    );
    assert!(!format!("{auth:?}").contains("51856fefc120afa4"));
}

#[test]
fn an_event_of_a_family_page_decodes_into_its_own_typed_payload() {
    // As the imbot.v2 page describes the webhook POST: scalars as strings, the bot's own
    // tokens under `data[bot][auth]`, the envelope's under `auth`.
    let body = "event=ONIMBOTV2COMMANDADD&data%5Bbot%5D%5Bid%5D=456\
        &data%5Bbot%5D%5Bcode%5D=support_bot\
        &data%5Bbot%5D%5Bauth%5D%5Baccess_token%5D=0b02a0690000071b00084400\
        &data%5Bcommand%5D%5Bid%5D=78&data%5Bcommand%5D%5Bcommand%5D=%2Fhelp\
        &data%5Bcommand%5D%5Bparams%5D=topic&data%5Blanguage%5D=en&ts=1772093963\
        &auth%5Bdomain%5D=some.bitrix24.ru&auth%5Bapplication_token%5D=831c76b092f9f135";
    let incoming = IncomingEvent::from_form(body.as_bytes()).expect("reads");
    assert!(incoming.verify(&b24_runtime::Secret::new("831c76b092f9f135")));
    let event = Event::try_from(incoming).expect("decodes");
    let shown = format!("{event:?}");
    let Event::Onimbotv2commandadd(command) = event else {
        panic!("not ONIMBOTV2COMMANDADD: {shown}")
    };
    let data = command.data.expect("data");
    let bot = data.bot.expect("bot");
    assert_eq!(bot.id, Some(456));
    assert_eq!(bot.code.as_deref(), Some("support_bot"));
    let token = bot
        .auth
        .and_then(|auth| auth.access_token)
        .expect("bot token");
    assert_eq!(token.expose(), "0b02a0690000071b00084400");
    let called = data.command.expect("command");
    assert_eq!(
        (called.id, called.command.as_deref()),
        (Some(78), Some("/help"))
    );
    assert_eq!(command.ts, Some(1772093963));
    for secret in ["0b02a0690000071b00084400", "831c76b092f9f135"] {
        assert!(!shown.contains(secret), "Debug shows {secret}");
    }
    // Its sibling on the same page is its own variant.
    let deleted =
        IncomingEvent::from_form(b"event=ONIMBOTV2DELETE&data[bot][id]=456").expect("reads");
    assert!(matches!(
        Event::try_from(deleted),
        Ok(Event::Onimbotv2delete(_))
    ));
}
