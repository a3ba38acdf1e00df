//! Splitting a reply into `result` + metadata, or a typed error. Shapes seen in the wild:
//! `{"result": …, "time": …}`, `{"error": "CODE", "error_description": "…"}`, an empty
//! `error` with only a description, REST 3.0's `{"error": {"code": …, "message": …}}`.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::meta::{Meta, Time, lenient_u64};
use crate::{ApiError, Error};

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    #[serde(borrow, default)]
    error: Option<&'a RawValue>,
    #[serde(default)]
    error_description: Option<String>,
    #[serde(borrow, default)]
    time: Option<&'a RawValue>,
    #[serde(borrow, default)]
    total: Option<&'a RawValue>,
    #[serde(borrow, default)]
    next: Option<&'a RawValue>,
}

/// A reply that is a success envelope: `result` still raw, to be decoded by the caller.
#[derive(Debug)]
pub struct Success<'a> {
    pub result: Option<&'a RawValue>,
    pub meta: Meta,
}

impl Success<'_> {
    /// The JSON text of `result`; a reply without one reads as `null`.
    pub fn result_json(&self) -> &str {
        self.result.map_or("null", RawValue::get)
    }
}

/// Parses the envelope. Errors are [`Error::Api`] or [`Error::NotJson`].
pub fn split<'a>(method: &str, status: u16, body: &'a str) -> Result<Success<'a>, Error> {
    let Ok(envelope) = serde_json::from_str::<Envelope<'a>>(body) else {
        return Err(Error::NotJson {
            method: method.to_owned(),
            status,
            body_start: body.chars().take(200).collect(),
        });
    };
    let time = envelope
        .time
        .and_then(|raw| serde_json::from_str::<Time>(raw.get()).ok());
    // An `error` key means failure even when the code is empty and only a description came.
    let error_value = envelope
        .error
        .map(|raw| serde_json::from_str::<serde_json::Value>(raw.get()).unwrap_or_default());
    let failed = match &error_value {
        Some(serde_json::Value::Null) | None => {
            envelope.result.is_none() && envelope.error_description.is_some()
        }
        Some(_) => true,
    };
    if failed || (envelope.result.is_none() && status >= 400) {
        let validation = error_value
            .as_ref()
            .map(crate::v3::error::validation)
            .unwrap_or_default();
        let (code, nested_description) = error_parts(error_value);
        let description = envelope
            .error_description
            .filter(|d| !d.is_empty())
            .or(nested_description)
            .unwrap_or_default();
        return Err(Error::Api(ApiError {
            method: method.to_owned(),
            code,
            description,
            http_status: status,
            time: time.map(Box::new),
            validation,
        }));
    }
    let meta = Meta {
        time,
        total: envelope.total.and_then(lenient_u64),
        next: envelope.next.and_then(lenient_u64),
        http_status: status,
        replayed: false,
    };
    Ok(Success {
        result: envelope.result,
        meta,
    })
}

/// The code and (REST 3.0) message out of an `error` value.
fn error_parts(error: Option<serde_json::Value>) -> (String, Option<String>) {
    match error {
        Some(serde_json::Value::String(code)) => (code, None),
        Some(serde_json::Value::Object(map)) => {
            let text = |key: &str| text_of(map.get(key));
            (
                text("code").unwrap_or_default(),
                text("message").or_else(|| text("description")),
            )
        }
        Some(serde_json::Value::Null) | None => (String::new(), None),
        Some(other) => (other.to_string(), None),
    }
}

/// A text field of an error: a string as it is, another value as JSON, `null` as none.
pub(crate) fn text_of(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Where a decode failed: `prefix` (`result`, `result[3]`) joined with the path inside it.
pub(crate) fn error_path(prefix: &str, inner: &serde_path_to_error::Path) -> String {
    match inner.to_string() {
        inner if inner == "." => prefix.to_owned(),
        inner => format!("{prefix}.{inner}"),
    }
}

/// Decodes a raw JSON value (`json`, a part of `body`; `path_prefix` names where it sits
/// in the reply, `result` or `result.p0`), reporting the path that failed and keeping the whole body.
///
/// Portals spell a whole `result` loosely: an id as `"5"`, `true` as `1` or `"Y"`, an empty
/// object as `[]`. When the strict decode fails, the other spellings of the same value
/// (`loose_spellings`) are tried before the first failure is reported.
pub fn decode_raw<T: DeserializeOwned>(
    method: &str,
    json: &str,
    path_prefix: &str,
    body: &str,
) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let err = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let spellings = serde_json::from_str::<serde_json::Value>(json)
        .map(|value| loose_spellings(&value))
        .unwrap_or_default();
    if let Some(value) = spellings
        .into_iter()
        .find_map(|spelling| serde_json::from_value::<T>(spelling).ok())
    {
        return Ok(value);
    }
    Err(Error::Decode {
        method: method.to_owned(),
        path: error_path(path_prefix, err.path()),
        body: body.to_owned(),
        source: err.into_inner(),
    })
}

/// Decodes a `result` already read as JSON the way [`decode`] does: as written, then in its
/// other spellings (see [`decode_raw`]); the error is the one of the value as written.
pub fn decode_result_value<T: DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, serde_json::Error> {
    let spellings = loose_spellings(&value);
    serde_json::from_value::<T>(value).or_else(|err| {
        spellings
            .into_iter()
            .find_map(|spelling| serde_json::from_value::<T>(spelling).ok())
            .ok_or(err)
    })
}

/// Other spellings of a top-level `result` that mean the same value: a number or boolean
/// sent as a string, a boolean sent as `0`/`1`/`Y`/`N`, an empty object sent as `[]` (PHP's
/// empty array) and a list sent as an object keyed `"0"`, `"1"`, …. Empty when the value has
/// no other spelling.
pub fn loose_spellings(value: &serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::Value;
    let mut spellings = Vec::new();
    match value {
        Value::String(text) => {
            let text = text.trim();
            if let Ok(integer) = text.parse::<i64>() {
                spellings.push(Value::from(integer));
            } else if let Ok(unsigned) = text.parse::<u64>() {
                spellings.push(Value::from(unsigned));
            } else if let Some(number) = text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
            {
                spellings.push(Value::Number(number));
            }
            // An empty `result` text is PHP's `false`.
            if let Some(flag) = crate::wire::flag_text(text).or(text.is_empty().then_some(false)) {
                spellings.push(Value::Bool(flag));
            }
        }
        Value::Number(number) => {
            spellings.push(Value::String(number.to_string()));
            match number.as_i64() {
                Some(1) => spellings.push(Value::Bool(true)),
                Some(0) => spellings.push(Value::Bool(false)),
                _ => {}
            }
        }
        Value::Array(items) if items.is_empty() => {
            spellings.push(Value::Object(serde_json::Map::new()));
        }
        Value::Object(map) => {
            if map.is_empty() {
                spellings.push(Value::Array(Vec::new()));
            } else if let Some(items) = indexed_values(map) {
                spellings.push(Value::Array(items));
            }
        }
        Value::Null => spellings.push(Value::Array(Vec::new())),
        _ => {}
    }
    spellings
}

/// The values of an object keyed `"0"`, `"1"`, … in order, if every key is such an index.
fn indexed_values(
    map: &serde_json::Map<String, serde_json::Value>,
) -> Option<Vec<serde_json::Value>> {
    let mut indexed = map
        .iter()
        .map(|(key, value)| {
            key.parse::<usize>()
                .ok()
                .map(|index| (index, value.clone()))
        })
        .collect::<Option<Vec<_>>>()?;
    indexed.sort_by_key(|(index, _)| *index);
    Some(indexed.into_iter().map(|(_, value)| value).collect())
}

/// Turns a response body into the method's output and metadata, or a typed error.
pub fn decode<T: DeserializeOwned>(
    method: &str,
    status: u16,
    body: &str,
) -> Result<(T, Meta), Error> {
    let success = split(method, status, body)?;
    let value = decode_raw(method, success.result_json(), "result", body)?;
    Ok((value, success.meta))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn result_and_metadata_are_decoded() {
        let (value, meta): (Vec<u32>, _) = decode(
            "m",
            200,
            r#"{"result": [1,2], "total": "120", "next": 50,
                "time": {"start": 1.5, "operating": 0.25, "operating_reset_at": 1778747792}}"#,
        )
        .unwrap();
        assert_eq!(value, vec![1, 2]);
        assert_eq!(meta.total, Some(120));
        assert_eq!(meta.next, Some(50));
        let time = meta.time.unwrap();
        assert_eq!(time.operating, Some(0.25));
        assert_eq!(time.operating_reset_at, Some(1_778_747_792.0));
    }

    #[test]
    fn a_result_value_decodes_as_the_client_decodes_it() {
        assert_eq!(
            decode_result_value::<bool>(serde_json::json!("Y")).ok(),
            Some(true)
        );
        assert_eq!(
            decode_result_value::<i64>(serde_json::json!("13")).ok(),
            Some(13)
        );
        // No spelling of `true` or `false`: the error of the value as written.
        let err = decode_result_value::<bool>(serde_json::json!("yes")).unwrap_err();
        assert!(err.to_string().contains("expected a boolean"), "{err}");
    }

    #[test]
    fn loosely_spelled_scalar_results_decode() {
        let (id, _): (i64, _) = decode("crm.deal.add", 200, r#"{"result": "5"}"#).unwrap();
        assert_eq!(id, 5);
        let (done, _): (bool, _) = decode("m", 200, r#"{"result": 1}"#).unwrap();
        assert!(done);
        let (done, _): (bool, _) = decode("m", 200, r#"{"result": "N"}"#).unwrap();
        assert!(!done);
        let (text, _): (String, _) = decode("m", 200, r#"{"result": 42}"#).unwrap();
        assert_eq!(text, "42");
        let (map, _): (std::collections::BTreeMap<String, u8>, _) =
            decode("m", 200, r#"{"result": []}"#).unwrap();
        assert!(map.is_empty());
        let (list, _): (Vec<u8>, _) =
            decode("m", 200, r#"{"result": {"1": 20, "0": 10}}"#).unwrap();
        assert_eq!(list, vec![10, 20]);
    }

    #[test]
    fn a_value_with_no_loose_spelling_still_fails_with_its_path() {
        let err = decode::<i64>("m", 200, r#"{"result": "five"}"#).unwrap_err();
        match err {
            Error::Decode { path, body, .. } => {
                assert_eq!(path, "result");
                assert!(body.contains("five"));
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
        let err = decode::<Vec<u8>>("m", 200, r#"{"result": {"a": 1}}"#).unwrap_err();
        assert!(matches!(err, Error::Decode { .. }));
    }

    #[test]
    fn error_envelope_is_typed() {
        let err = decode::<bool>(
            "im.user.status.set",
            400,
            r#"{"error":"STATUS_ERROR","error_description":"Status is not available"}"#,
        )
        .unwrap_err();
        let api = err.api().unwrap();
        assert_eq!(api.code, "STATUS_ERROR");
        assert_eq!(api.description, "Status is not available");
        assert_eq!(api.http_status, 400);
    }

    #[test]
    fn limit_errors_keep_their_time_block() {
        let err = decode::<bool>(
            "crm.item.list",
            429,
            r#"{"error":"OPERATION_TIME_LIMIT","error_description":"blocked",
                "time":{"operating_reset_at": 1700000600}}"#,
        )
        .unwrap_err();
        let api = err.api().unwrap();
        assert_eq!(api.kind(), ErrorCode::OperationTimeLimit);
        assert_eq!(
            api.time.as_ref().and_then(|t| t.operating_reset_at),
            Some(1_700_000_600.0)
        );
    }

    #[test]
    fn empty_error_code_is_still_an_error() {
        let err =
            decode::<bool>("m", 400, r#"{"error":"","error_description":"bad"}"#).unwrap_err();
        assert_eq!(err.api().unwrap().code, "");
        let err = decode::<bool>("m", 200, r#"{"error_description":"bad"}"#).unwrap_err();
        assert_eq!(err.api().unwrap().description, "bad");
    }

    #[test]
    fn rest_v3_error_objects_are_read() {
        let err = decode::<bool>(
            "tasks.task.get",
            400,
            r#"{"error":{"code":"BITRIX_REST_V3_EXCEPTION","message":"Bad id"}}"#,
        )
        .unwrap_err();
        let api = err.api().unwrap();
        assert_eq!(api.code, "BITRIX_REST_V3_EXCEPTION");
        assert_eq!(api.description, "Bad id");
    }

    #[test]
    fn html_and_truncated_json_are_not_json() {
        let err = decode::<bool>("m", 502, "<html>Bad Gateway</html>").unwrap_err();
        assert!(matches!(err, Error::NotJson { status: 502, .. }), "{err:?}");
        let err = decode::<bool>("m", 200, r#"{"result": [1, 2"#).unwrap_err();
        assert!(matches!(err, Error::NotJson { status: 200, .. }), "{err:?}");
    }

    #[test]
    fn wrong_shape_reports_the_path_and_keeps_the_body() {
        let body = r#"{"result": {"items": [{"ID": 1}, {"ID": "x"}]}}"#;
        #[derive(Debug, Deserialize)]
        struct Item {
            #[serde(rename = "ID")]
            _id: u32,
        }
        #[derive(Debug, Deserialize)]
        struct Page {
            #[serde(rename = "items")]
            _items: Vec<Item>,
        }
        let err = decode::<Page>("m", 200, body).unwrap_err();
        match err {
            Error::Decode {
                path, body: kept, ..
            } => {
                assert_eq!(path, "result.items[1].ID");
                assert_eq!(kept, body);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_result_decodes_as_null() {
        let (value, _): (Option<u32>, _) = decode("m", 200, r#"{"time": {}}"#).unwrap();
        assert_eq!(value, None);
    }
}
