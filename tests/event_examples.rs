//! Every event example in the documentation through `IncomingEvent` and `Event::try_from`.
//!
//! For each committed event spec, its page under `B24_DOCS_DIR` is read and every JSON
//! code block that is an event payload (an object with an `event` key) is decoded twice:
//! as JSON (`IncomingEvent::from_json`) and as the form body the portal would post
//! (`IncomingEvent::from_form` of the same payload written as PHP's `http_build_query`
//! writes it). Both must become the page's own variant of `b24_api::events::Event`, never
//! `Other` and never an error, and the decoded event's `Debug` must not show its tokens.

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

/// The page's event payload examples: JSON objects with an `event` key.
fn event_examples(page: &str) -> Vec<Value> {
    code_blocks(page)
        .into_iter()
        .filter(|block| block.trim_start().starts_with('{'))
        .filter_map(|block| b24_doc_parser::extract::lenient_json::parse::<Value>(&block).ok())
        .map(|read| read.value)
        .filter(|value| value.get("event").is_some())
        .collect()
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

/// The tokens of an example, to look for in `Debug`.
fn tokens(example: &Value) -> Vec<String> {
    ["application_token", "access_token", "refresh_token"]
        .iter()
        .filter_map(|key| example.get("auth")?.get(key)?.as_str())
        .filter(|token| token.len() >= 8)
        .map(str::to_owned)
        .collect()
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
    for spec in committed_events() {
        let Ok(page) = std::fs::read_to_string(docs.join(&spec.source)) else {
            failed.push(format!("{}: page {} is missing", spec.event, spec.source));
            continue;
        };
        let examples = event_examples(&page);
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
         {pages_with_examples} pages; {} event pages have no JSON payload example",
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
