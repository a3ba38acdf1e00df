//! `batch` as the portal runs it: commands in order, `$result[name][…]` references resolved
//! against earlier results, per-command errors, `halt`, and PHP's `[]` for empty maps.

use serde_json::{Map, Value, json};

use crate::query;
use crate::{Outcome, UnresolvedReferences};

pub const MAX_COMMANDS: usize = 50;

/// The commands in the order they were sent (`serde_json`'s `preserve_order` keeps the
/// order of `cmd`'s keys); `None` unless `cmd` is a map or a list of strings.
fn ordered_commands(params: &Value) -> Option<Vec<(String, String)>> {
    let line = |value: &Value| value.as_str().map(str::to_owned);
    match params.get("cmd")? {
        Value::Object(map) => map
            .iter()
            .map(|(name, value)| Some((name.clone(), line(value)?)))
            .collect(),
        Value::Array(lines) => lines
            .iter()
            .enumerate()
            .map(|(index, value)| Some((index.to_string(), line(value)?)))
            .collect(),
        _ => None,
    }
}

/// Runs a batch with `dispatch` for each command.
pub fn run(
    params: &Value,
    unresolved: UnresolvedReferences,
    dispatch: &mut dyn FnMut(&str, &Value) -> Outcome,
) -> Outcome {
    let Some(commands) = ordered_commands(params) else {
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
            Ok(page) => {
                results.insert(name.clone(), page.result);
                if let Some(total) = page.total {
                    totals.insert(name.clone(), json!(total));
                }
                if let Some(next) = page.next {
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
