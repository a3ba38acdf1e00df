//! One event as the portal posts it to a handler.

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::error::{DecodeError, EventError};
use super::redact::redacted;
use crate::Secret;

/// An event POST (`ONCRMDEALADD`, `onAppInstall`, …): its name, its `data`, and its `auth`
/// block with the portal's address and the tokens.
///
/// Read it with [`IncomingEvent::from_form`] (what the portal sends) or
/// [`IncomingEvent::from_json`], check it came from the portal with
/// [`IncomingEvent::verify`], then decode it with `b24_api::events::Event::try_from` or
/// [`IncomingEvent::decode`]. `Debug` masks every token.
#[derive(Clone, PartialEq)]
pub struct IncomingEvent {
    name: String,
    payload: Map<String, Value>,
}

impl IncomingEvent {
    /// Parses the form-encoded body the portal posts (`event=ONCRMDEALADD&data[FIELDS][ID]=1
    /// &auth[application_token]=…`), nesting bracketed keys. Fails on a key that does not
    /// follow the `name[a][b]` grammar and on a body without `event`; never panics.
    pub fn from_form(body: &[u8]) -> Result<Self, EventError> {
        Self::from_map(crate::form::parse(body)?)
    }

    /// Reads an event already decoded as JSON (a queued offline event, a test fixture, a
    /// proxy that re-encodes the POST).
    pub fn from_json(value: &Value) -> Result<Self, EventError> {
        match value {
            Value::Object(map) => Self::from_map(map.clone()),
            _ => Err(EventError::NotAnObject),
        }
    }

    fn from_map(payload: Map<String, Value>) -> Result<Self, EventError> {
        let name = match payload.get("event") {
            None | Some(Value::Null) => return Err(EventError::MissingEvent),
            Some(Value::String(name)) if name.trim().is_empty() => {
                return Err(EventError::MissingEvent);
            }
            Some(Value::String(name)) => name.trim().to_owned(),
            Some(_) => return Err(EventError::EventNotText),
        };
        Ok(Self { name, payload })
    }

    /// The event name as sent (`ONCRMDEALADD`; the portal upper-cases it).
    pub fn event_name(&self) -> &str {
        &self.name
    }

    /// Whether this is the event `name`, compared without regard to case as the portal
    /// does (`onCrmDealAdd` is `ONCRMDEALADD`).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    fn auth_text(&self, key: &str) -> Option<&str> {
        self.payload.get("auth")?.get(key)?.as_str()
    }

    /// `auth.member_id`: the portal's unique id, the key to store its tokens under.
    pub fn member_id(&self) -> Option<&str> {
        self.auth_text("member_id")
    }

    /// `auth.domain`: the portal's address (`example.bitrix24.com`).
    pub fn domain(&self) -> Option<&str> {
        self.auth_text("domain")
    }

    /// `data`: the event's own payload, as sent.
    pub fn data(&self) -> Option<&Value> {
        self.payload.get("data")
    }

    /// `auth.application_token`: the token the portal gave the application at install.
    pub fn application_token(&self) -> Option<Secret> {
        self.auth_text("application_token").map(Secret::from)
    }

    /// `auth.access_token`, sent when the application subscribed with its OAuth token.
    pub fn access_token(&self) -> Option<Secret> {
        self.auth_text("access_token").map(Secret::from)
    }

    /// `auth.refresh_token`, sent with `access_token`.
    pub fn refresh_token(&self) -> Option<Secret> {
        self.auth_text("refresh_token").map(Secret::from)
    }

    /// Whether the event carries the application token `expected` (saved from
    /// `onAppInstall`), compared in constant time. `false`, never a panic, when the token
    /// is absent, of another length or not text; an empty `expected` matches nothing, so a
    /// handler configured without a token rejects everything.
    pub fn verify(&self, expected: &Secret) -> bool {
        match self.auth_text("application_token") {
            Some(sent) if !expected.expose().is_empty() => expected.matches(sent),
            _ => false,
        }
    }

    /// The whole payload, tokens included: for code that needs a key no accessor gives.
    /// Never log it (`Debug` of the event itself masks the tokens).
    pub fn expose_payload(&self) -> &Map<String, Value> {
        &self.payload
    }

    /// Decodes the payload into `T` (a generated event struct), naming the field that does
    /// not fit.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        let payload = Value::Object(self.payload.clone());
        serde_path_to_error::deserialize(payload).map_err(|error| {
            let outer = error.path().to_string();
            let message = mask_secrets(&error.into_inner().to_string(), &self.payload);
            // The generated structs read each object whole and prefix a field's error with
            // its wire name (`data: FIELDS: ID: invalid …`): follow those prefixes through
            // the payload's own keys to get the path.
            let (inner, message) = field_path(&message, &self.payload);
            let path = match (outer.as_str(), inner.is_empty()) {
                (".", false) => inner.join("."),
                (_, false) => format!("{outer}.{}", inner.join(".")),
                (_, true) => outer,
            };
            DecodeError {
                event: self.name.clone(),
                path,
                message,
            }
        })
    }
}

/// The keys the message starts with (`a: b: rest`) that are keys of the payload along
/// that path, and the rest of the message.
fn field_path(message: &str, payload: &Map<String, Value>) -> (Vec<String>, String) {
    let mut path = Vec::new();
    let mut rest = message;
    let mut here = payload;
    loop {
        let found = here.iter().find(|(key, _)| {
            rest.strip_prefix(key.as_str())
                .is_some_and(|after| after.starts_with(": "))
        });
        let Some((key, value)) = found else { break };
        path.push(key.clone());
        rest = &rest[key.len() + 2..];
        match value {
            Value::Object(inner) => here = inner,
            _ => break,
        }
    }
    (path, rest.to_owned())
}

/// `message` with every token of `payload` replaced by `***`: serde quotes the values it
/// could not read, and a token in the wrong place must not reach a log through an error.
fn mask_secrets(message: &str, payload: &Map<String, Value>) -> String {
    fn collect<'a>(value: &'a Value, secret: bool, found: &mut Vec<&'a str>) {
        match value {
            Value::String(text) if secret && !text.is_empty() => found.push(text),
            Value::Object(map) => {
                for (key, value) in map {
                    let secret = secret
                        || super::redact::is_secret_key(key)
                        || (key == "auth" && value.is_string());
                    collect(value, secret, found);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| collect(item, secret, found)),
            _ => {}
        }
    }
    let mut secrets = Vec::new();
    for (key, value) in payload {
        let secret = super::redact::is_secret_key(key) || (key == "auth" && value.is_string());
        collect(value, secret, &mut secrets);
    }
    // Longest first, so a token that contains another is masked whole.
    secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
    let mut masked = message.to_owned();
    for secret in secrets {
        masked = masked.replace(secret, "***");
    }
    masked
}

impl fmt::Debug for IncomingEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IncomingEvent")
            .field("event", &self.name)
            .field("payload", &redacted(&Value::Object(self.payload.clone())))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = "event=ONCRMDEALADD&event_handler_id=185&data%5BFIELDS%5D%5BID%5D=6641\
        &ts=1735374081&auth%5Baccess_token%5D=s6p6ecl&auth%5Bdomain%5D=some.bitrix24.com\
        &auth%5Bmember_id%5D=a223c6b3&auth%5Brefresh_token%5D=4s386p3q\
        &auth%5Bapplication_token%5D=51856fefc120";

    #[test]
    fn a_form_post_is_read_with_its_nesting() {
        let event = IncomingEvent::from_form(FORM.as_bytes()).expect("reads");
        assert_eq!(event.event_name(), "ONCRMDEALADD");
        assert!(event.is("onCrmDealAdd"));
        assert_eq!(event.domain(), Some("some.bitrix24.com"));
        assert_eq!(event.member_id(), Some("a223c6b3"));
        assert_eq!(
            event.data(),
            Some(&serde_json::json!({"FIELDS": {"ID": "6641"}}))
        );
    }

    #[test]
    fn form_and_json_give_the_same_event() {
        let json = serde_json::json!({
            "event": "ONCRMDEALADD", "event_handler_id": "185",
            "data": {"FIELDS": {"ID": "6641"}}, "ts": "1735374081",
            "auth": {"access_token": "s6p6ecl", "domain": "some.bitrix24.com",
                     "member_id": "a223c6b3", "refresh_token": "4s386p3q",
                     "application_token": "51856fefc120"}
        });
        let from_json = IncomingEvent::from_json(&json).expect("reads");
        let from_form = IncomingEvent::from_form(FORM.as_bytes()).expect("reads");
        assert_eq!(
            Value::Object(from_form.payload),
            Value::Object(from_json.payload)
        );
    }

    #[test]
    fn the_application_token_is_checked() {
        let event = IncomingEvent::from_form(FORM.as_bytes()).expect("reads");
        assert!(event.verify(&Secret::new("51856fefc120")));
        assert!(!event.verify(&Secret::new("51856fefc121")));
        assert!(!event.verify(&Secret::new("51856")));
        assert!(!event.verify(&Secret::new("")));
        let no_auth = IncomingEvent::from_form(b"event=ONAPPTEST").expect("reads");
        assert!(!no_auth.verify(&Secret::new("51856fefc120")));
        let nested =
            IncomingEvent::from_form(b"event=X&auth[application_token][0]=a").expect("reads");
        assert!(!nested.verify(&Secret::new("a")));
    }

    #[test]
    fn debug_masks_the_tokens() {
        let event = IncomingEvent::from_form(FORM.as_bytes()).expect("reads");
        let shown = format!("{event:?}");
        for token in ["s6p6ecl", "4s386p3q", "51856fefc120"] {
            assert!(!shown.contains(token), "{shown}");
        }
        assert!(shown.contains("some.bitrix24.com"), "{shown}");
        assert_eq!(
            event.application_token().map(|t| t.expose().to_owned()),
            Some("51856fefc120".to_owned())
        );
    }

    #[test]
    fn a_post_without_event_is_refused() {
        for body in [&b"data[FIELDS][ID]=1"[..], b"event=&x=1", b"event=%20", b""] {
            assert_eq!(
                IncomingEvent::from_form(body),
                Err(EventError::MissingEvent),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        assert_eq!(
            IncomingEvent::from_form(b"event[a]=X"),
            Err(EventError::EventNotText)
        );
        assert_eq!(
            IncomingEvent::from_json(&serde_json::json!(["event"])),
            Err(EventError::NotAnObject)
        );
        assert_eq!(
            IncomingEvent::from_json(&serde_json::json!({"event": 5})),
            Err(EventError::EventNotText)
        );
    }

    #[test]
    fn a_malformed_key_is_refused_with_the_key() {
        let error = IncomingEvent::from_form(b"event=X&data[FIELDS[ID]=1").expect_err("refused");
        let shown = error.to_string();
        assert!(shown.contains("data[FIELDS[ID]"), "{shown}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Typed {
        data: TypedData,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct TypedData {
        #[serde(rename = "FIELDS")]
        fields: TypedFields,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct TypedFields {
        #[serde(rename = "ID")]
        id: Vec<i64>,
    }

    #[test]
    fn prefixed_messages_give_the_path_and_tokens_are_masked() {
        let payload = serde_json::json!({
            "data": {"FIELDS": {"ID": "x"}},
            "auth": "tok123456",
        });
        let Value::Object(payload) = payload else {
            unreachable!()
        };
        let (path, rest) = field_path("data: FIELDS: ID: invalid number", &payload);
        assert_eq!(path, ["data", "FIELDS", "ID"]);
        assert_eq!(rest, "invalid number");
        let (path, _) = field_path("datum: x", &payload);
        assert!(path.is_empty());
        assert_eq!(
            mask_secrets("auth: invalid type: string \"tok123456\"", &payload),
            "auth: invalid type: string \"***\""
        );
    }

    #[test]
    fn a_payload_that_does_not_fit_names_the_event_and_field() {
        let event = IncomingEvent::from_form(FORM.as_bytes()).expect("reads");
        let error = event.decode::<Typed>().expect_err("does not fit");
        assert_eq!(error.event, "ONCRMDEALADD");
        assert_eq!(error.path, "data.FIELDS.ID");
        assert!(!error.to_string().contains("51856fefc120"));
    }
}
