//! `batch` as the portal runs it: commands in order, `$result[name][…]` references resolved
//! against earlier results, per-command errors, `halt`, and PHP's `[]` for empty maps.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value, json};

use crate::query;
use crate::{Outcome, UnresolvedReferences};

pub const MAX_COMMANDS: usize = 50;

/// The commands in the order they were sent (a `Value` would sort them by name).
fn ordered_commands(raw_body: &[u8]) -> Option<Vec<(String, String)>> {
    #[derive(Deserialize)]
    struct Body {
        cmd: Commands,
    }

    struct Commands(Vec<(String, String)>);

    impl<'de> Deserialize<'de> for Commands {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct CommandsVisitor;

            impl<'de> Visitor<'de> for CommandsVisitor {
                type Value = Commands;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("cmd as a map or a list")
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Commands, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry::<String, String>()? {
                        out.push(entry);
                    }
                    Ok(Commands(out))
                }

                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Commands, A::Error> {
                    let mut out = Vec::new();
                    while let Some(line) = seq.next_element::<String>()? {
                        out.push((out.len().to_string(), line));
                    }
                    Ok(Commands(out))
                }
            }

            deserializer.deserialize_any(CommandsVisitor)
        }
    }

    serde_json::from_slice::<Body>(raw_body)
        .ok()
        .map(|body| body.cmd.0)
}

/// Runs a batch with `dispatch` for each command.
pub fn run(
    raw_body: &[u8],
    params: &Value,
    unresolved: UnresolvedReferences,
    dispatch: &mut dyn FnMut(&str, &Value) -> Outcome,
) -> Outcome {
    let Some(commands) = ordered_commands(raw_body) else {
        return Outcome::error(400, "INVALID_ARG_VALUE", "cmd is required");
    };
    if commands.len() > MAX_COMMANDS {
        return Outcome::error(
            400,
            "ERROR_BATCH_LENGTH_EXCEEDED",
            "Max batch length exceeded",
        );
    }
    let halt = match params.get("halt") {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        Some(Value::String(s)) => s == "1" || s.eq_ignore_ascii_case("true") || s == "Y",
        _ => false,
    };
    let mut results = Map::new();
    let mut errors = Map::new();
    let mut totals = Map::new();
    let mut nexts = Map::new();
    for (name, line) in commands {
        let (method, query_text) = line.split_once('?').unwrap_or((line.as_str(), ""));
        let mut command_params = query::parse(query_text);
        let outcome = match substitute(&mut command_params, &results, unresolved) {
            Err(reference) => Outcome::error(
                400,
                "ERROR_BATCH_REFERENCE",
                &format!("cannot resolve {reference}"),
            ),
            Ok(()) if method == "batch" => Outcome::error(
                405,
                "ERROR_BATCH_METHOD_NOT_ALLOWED",
                "Method is not allowed for batch usage",
            ),
            Ok(()) => dispatch(method, &command_params),
        };
        match outcome.into_parts() {
            Ok((result, total, next)) => {
                results.insert(name.clone(), result);
                if let Some(total) = total {
                    totals.insert(name.clone(), json!(total));
                }
                if let Some(next) = next {
                    nexts.insert(name.clone(), json!(next));
                }
            }
            Err((code, description)) => {
                errors.insert(
                    name,
                    json!({"error": code, "error_description": description}),
                );
                if halt {
                    break;
                }
            }
        }
    }
    Outcome::ok(json!({
        "result": php_map(results),
        "result_error": php_map(errors),
        "result_total": php_map(totals),
        "result_next": php_map(nexts),
        "result_time": [],
    }))
}

/// PHP's `json_encode` writes an empty array as `[]`, not `{}`.
fn php_map(map: Map<String, Value>) -> Value {
    if map.is_empty() {
        Value::Array(Vec::new())
    } else {
        Value::Object(map)
    }
}

fn substitute(
    params: &mut Value,
    results: &Map<String, Value>,
    unresolved: UnresolvedReferences,
) -> Result<(), String> {
    match params {
        Value::String(text) if text.starts_with("$result[") => {
            match resolve(text, results) {
                Some(value) => *text = value,
                None => match unresolved {
                    UnresolvedReferences::Error => return Err(text.clone()),
                    UnresolvedReferences::Empty => text.clear(),
                },
            }
            Ok(())
        }
        Value::Object(map) => map
            .values_mut()
            .try_for_each(|v| substitute(v, results, unresolved)),
        Value::Array(items) => items
            .iter_mut()
            .try_for_each(|v| substitute(v, results, unresolved)),
        _ => Ok(()),
    }
}

/// `$result[name][a][0]` → the scalar at that path, as a string.
fn resolve(reference: &str, results: &Map<String, Value>) -> Option<String> {
    let mut rest = reference.strip_prefix("$result")?;
    let mut path = Vec::new();
    while let Some(after) = rest.strip_prefix('[') {
        let close = after.find(']')?;
        path.push(&after[..close]);
        rest = &after[close + 1..];
    }
    let (name, inner) = path.split_first()?;
    let mut value = results.get(*name)?;
    for key in inner {
        value = match value {
            Value::Object(map) => map.get(*key)?,
            Value::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "1" } else { "" }.to_owned()),
        _ => None,
    }
}
