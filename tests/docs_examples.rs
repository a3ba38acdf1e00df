//! The generated types against the documentation's own examples.
//!
//! - Responses: every success example in `specs/` (the docs' JSON, read leniently) is decoded
//!   strictly into its method's output type.
//! - Requests: every cURL example body on the pages under `B24_DOCS_DIR` is deserialized into
//!   its method's request type and serialized again; the JSON must come back the same (up to
//!   the loose spellings Bitrix accepts: `5` for `"5"`, `true` for `"Y"`).
//!
//! Both report how many pass and list the failures; a guard fails the test when the share
//! drops below what was last recorded, so a generator change that breaks decoding shows.

use std::collections::{BTreeMap, HashMap};

use b24_api::registry::{Entry, METHODS};
use b24_runtime::Api;
use b24_spec::{ApiVersion, MethodSpec};
use b24_tests::{committed_methods, docs_root};
use serde_json::Value;

/// Success examples that decoded when the guard was last raised, in per mille of those
/// that parse as JSON and have a `result`.
// A result whose page gives one shape per parameter value (`im.department.colleagues.list`:
// ids with `USER_DATA=N`, objects with `Y`) is not typed as the entity alone.
const RESPONSES_PER_MILLE_AT_LEAST: usize = 994;
/// cURL bodies that round-tripped when the guard was last raised, in per mille of the
/// bodies that parse and name a generated method.
const REQUESTS_PER_MILLE_AT_LEAST: usize = 903;

/// The generated methods by lowercase name and API: portals match method names without
/// regard to case, and the docs' examples sometimes spell them differently from the title.
fn registry() -> HashMap<(String, Api), &'static Entry> {
    METHODS
        .iter()
        .map(|entry| ((entry.method.to_lowercase(), entry.api), entry))
        .collect()
}

fn api_of(spec: &MethodSpec) -> Api {
    match spec.api_version {
        ApiVersion::Classic => Api::Classic,
        ApiVersion::RestV3 => Api::RestV3,
    }
}

/// A tally with the first failures kept for the report.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    skipped: BTreeMap<&'static str, usize>,
    /// The first case of each skip reason, to show what it looks like.
    skipped_example: BTreeMap<&'static str, String>,
}

impl Tally {
    fn skip(&mut self, why: &'static str, case: impl FnOnce() -> String) {
        *self.skipped.entry(why).or_default() += 1;
        self.skipped_example.entry(why).or_insert_with(case);
    }

    fn per_mille(&self) -> usize {
        let total = self.passed + self.failed.len();
        (self.passed * 1000).checked_div(total).unwrap_or(0)
    }

    fn report(&self, what: &str) {
        let total = self.passed + self.failed.len();
        eprintln!(
            "{what}: {} of {total} pass ({}.{}%); skipped: {:?}",
            self.passed,
            self.per_mille() / 10,
            self.per_mille() % 10,
            self.skipped
        );
        for (why, case) in &self.skipped_example {
            eprintln!("  skipped ({why}), e.g. {case}");
        }
        for failure in self.failed.iter().take(40) {
            eprintln!("  {failure}");
        }
    }
}

#[test]
fn success_examples_decode_into_the_output_types() {
    let specs = committed_methods();
    let registry = registry();
    let mut tally = Tally::default();
    for spec in specs {
        let Some(entry) = registry.get(&(spec.method.to_lowercase(), api_of(spec))) else {
            panic!(
                "{} ({:?}) is not in the registry",
                spec.method, spec.api_version
            );
        };
        for example in &spec.response.examples {
            let Ok(read) =
                b24_doc_parser::extract::lenient_json::parse::<serde_json::Value>(example)
            else {
                tally.skip("not JSON", || spec.source.clone());
                continue;
            };
            let Some(result) = read.value.get("result") else {
                tally.skip("no `result` key", || spec.source.clone());
                continue;
            };
            match (entry.decode_output)(result.clone()) {
                Ok(()) => tally.passed += 1,
                Err(why) => tally
                    .failed
                    .push(format!("{} ({}): {why}", spec.method, spec.source)),
            }
        }
    }
    tally.report("success examples");
    assert!(
        tally.per_mille() >= RESPONSES_PER_MILLE_AT_LEAST,
        "fewer success examples decode than recorded ({} per mille)",
        RESPONSES_PER_MILLE_AT_LEAST
    );
}

/// A cURL example: its JSON body and the URL it posts to.
#[derive(Debug, PartialEq)]
struct Curl<'a> {
    body: String,
    url: &'a str,
}

/// Every `-d '…' URL` of the cURL commands in `page`.
fn curl_examples(page: &str) -> Vec<Curl<'_>> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("curl ") {
        rest = &rest[at + 5..];
        let Some(data) = rest.find("-d '") else { break };
        // The body belongs to this command only if no other command starts before it.
        if rest[..data].contains("curl ") || rest[..data].contains("```") {
            continue;
        }
        let body_start = &rest[data + 4..];
        let Some(end) = closing_quote(body_start) else {
            break;
        };
        // `'\''` is how a single quote is written inside a single-quoted shell word.
        let body = body_start[..end].replace("'\\''", "'");
        let after = &body_start[end + 1..];
        let url = after
            .split_whitespace()
            .map(|word| word.trim_matches(['"', '\'']))
            .find(|word| word.starts_with("http"))
            .unwrap_or_default();
        found.push(Curl { body, url });
        rest = after;
    }
    found
}

/// The `'` that ends a shell single-quoted body (not one of an escaped `'\''`): followed by
/// whitespace, a line continuation or the end.
fn closing_quote(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find('\'') {
        let at = from + found;
        let after = &text[at + 1..];
        if after.starts_with("\\''") {
            from = at + 4;
            continue;
        }
        if after.is_empty() || after.starts_with([' ', '\\', '\n', '\r']) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The method and API a cURL URL calls: its last path segment (without a `.json` suffix or a
/// query), `/rest/api/` for REST 3.0.
fn method_of(url: &str) -> Option<(&str, Api)> {
    let path = url.split('?').next().unwrap_or(url);
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let method = last.strip_suffix(".json").unwrap_or(last);
    let api = if url.contains("/rest/api/") {
        Api::RestV3
    } else {
        Api::Classic
    };
    (!method.is_empty() && method.contains('.')).then_some((method, api))
}

/// Equal up to the spellings Bitrix treats as one: numbers as strings, `Y`/`N` as booleans.
fn same_on_the_wire(sent: &Value, documented: &Value) -> bool {
    match (sent, documented) {
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| same_on_the_wire(v, w)))
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(v, w)| same_on_the_wire(v, w))
        }
        (a, b) if a == b => true,
        (a, b) => scalar_text(a).is_some_and(|a| scalar_text(b).is_some_and(|b| a == b)),
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(match s.as_str() {
            "Y" => "true".to_owned(),
            "N" => "false".to_owned(),
            other => other
                .parse::<f64>()
                .map_or(other.to_owned(), |n| n.to_string()),
        }),
        Value::Number(n) => n.as_f64().map(|n| n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[test]
fn curl_bodies_round_trip_through_the_request_types() {
    let Some(docs) = docs_root("B24_DOCS_DIR") else {
        return;
    };
    let specs = committed_methods();
    let registry = registry();
    let mut tally = Tally::default();
    let mut pages: Vec<&str> = specs.iter().map(|spec| spec.source.as_str()).collect();
    pages.sort_unstable();
    pages.dedup();
    for source in pages {
        let path = docs.join(source);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for curl in curl_examples(&text) {
            let Some((method, api)) = method_of(curl.url) else {
                tally.skip("no method in the URL", || format!("{source}: {}", curl.url));
                continue;
            };
            let Some(entry) = registry.get(&(method.to_lowercase(), api)) else {
                tally.skip("method not generated", || format!("{source}: {}", curl.url));
                continue;
            };
            let Ok(Value::Object(mut body)) = serde_json::from_str::<Value>(&curl.body) else {
                tally.skip("body is not a JSON object", || {
                    format!("{source}: {}", curl.body)
                });
                continue;
            };
            body.remove("auth");
            let body = Value::Object(body);
            match (entry.roundtrip_request)(body.clone()) {
                Ok(sent) if same_on_the_wire(&sent, &body) => tally.passed += 1,
                Ok(sent) => tally
                    .failed
                    .push(format!("{method} ({source}): sent {sent} for {body}")),
                Err(why) => tally.failed.push(format!("{method} ({source}): {why}")),
            }
        }
    }
    tally.report("cURL bodies");
    assert!(
        tally.per_mille() >= REQUESTS_PER_MILLE_AT_LEAST,
        "fewer cURL bodies round-trip than recorded ({} per mille)",
        REQUESTS_PER_MILLE_AT_LEAST
    );
}

#[test]
fn curl_examples_are_found_with_their_urls() {
    let page = "```bash\ncurl -X POST \\\n  -H \"Accept: application/json\" \\\n  \
                -d '{\"STATUS\":\"dnd\",\"NOTE\":\"it'\\''s\"}' \\\n  \
                https://x/rest/1/code/im.user.status.set\n```\n\n```bash\ncurl -X POST \\\n  \
                -d '{}' \"https://x/rest/api/tasks.task.get.json?x=1\"\n```\n";
    let found = curl_examples(page);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].body, r#"{"STATUS":"dnd","NOTE":"it's"}"#);
    assert_eq!(
        method_of(found[0].url),
        Some(("im.user.status.set", Api::Classic))
    );
    assert_eq!(found[1].body, "{}");
    assert_eq!(
        method_of(found[1].url),
        Some(("tasks.task.get", Api::RestV3))
    );
}

#[test]
fn wire_comparison_accepts_loose_spellings_only() {
    let documented: Value = serde_json::json!({"ID": "5", "ACTIVE": "Y", "NAME": "a"});
    let sent = serde_json::json!({"ID": 5, "ACTIVE": true, "NAME": "a"});
    assert!(same_on_the_wire(&sent, &documented));
    let wrong = serde_json::json!({"ID": 6, "ACTIVE": true, "NAME": "a"});
    assert!(!same_on_the_wire(&wrong, &documented));
    let missing = serde_json::json!({"ID": 5, "ACTIVE": true});
    assert!(!same_on_the_wire(&missing, &documented));
}
