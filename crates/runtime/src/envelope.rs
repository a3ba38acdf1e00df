//! Decoding the `{"result": …}` / `{"error": …}` envelope every REST answer uses.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::{ApiError, Error};

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    #[serde(default)]
    error: Option<serde_json::Value>,
    #[serde(default)]
    error_description: Option<String>,
}

/// Turns a response body into the method's output or a typed error.
pub(crate) fn decode<T: DeserializeOwned>(
    method: &str,
    status: u16,
    body: &str,
) -> Result<T, Error> {
    let envelope: Envelope<'_> = match serde_json::from_str(body) {
        Ok(envelope) => envelope,
        Err(_) => {
            return Err(Error::NotJson {
                method: method.to_owned(),
                status,
                body_start: body.chars().take(200).collect(),
            });
        }
    };
    // An `error` key means failure even when the code is empty and only a description came.
    if envelope.error.is_some()
        || (envelope.result.is_none() && envelope.error_description.is_some())
    {
        let code = match envelope.error {
            Some(serde_json::Value::String(code)) => code,
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        return Err(Error::Api(ApiError {
            method: method.to_owned(),
            code,
            description: envelope.error_description.unwrap_or_default(),
            http_status: status,
        }));
    }
    let raw = envelope.result.map_or("null", RawValue::get);
    serde_json::from_str(raw).map_err(|source| Error::Decode {
        method: method.to_owned(),
        body: body.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_is_decoded() {
        let value: bool = decode("m", 200, r#"{"result": true, "time": {}}"#).unwrap();
        assert!(value);
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
    fn empty_error_code_is_still_an_error() {
        let err =
            decode::<bool>("m", 400, r#"{"error":"","error_description":"bad"}"#).unwrap_err();
        assert_eq!(err.api().unwrap().code, "");
        let err = decode::<bool>("m", 400, r#"{"error_description":"bad"}"#).unwrap_err();
        assert_eq!(err.api().unwrap().description, "bad");
    }

    #[test]
    fn html_is_not_json() {
        let err = decode::<bool>("m", 502, "<html>Bad Gateway</html>").unwrap_err();
        assert!(matches!(err, Error::NotJson { status: 502, .. }), "{err:?}");
    }

    #[test]
    fn wrong_shape_is_a_decode_error() {
        let err = decode::<bool>("m", 200, r#"{"result": "yes"}"#).unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    }
}
