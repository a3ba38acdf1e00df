//! The POST the portal sends to an application's placement (widget) handler
//! (`api-reference/widgets/`): where the widget was opened, its context, and the user's
//! OAuth tokens.

use std::fmt;

use serde_json::{Map, Value};

use crate::Secret;
use crate::events::FormError;

/// A placement call that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlacementError {
    #[error("the placement POST is not a readable form: {0}")]
    Form(#[from] FormError),
    /// No `PLACEMENT`: this is not a placement call.
    #[error("the placement POST has no `PLACEMENT` field")]
    MissingPlacement,
    /// `PLACEMENT_OPTIONS` is not JSON (the portal sends it as a JSON string).
    #[error("`PLACEMENT_OPTIONS` is not JSON: {0}")]
    Options(String),
}

/// What a placement handler receives. The documented keys have fields; the rest are kept
/// in `extra`. `AUTH_ID`, `REFRESH_ID` and `APPLICATION_TOKEN` are [`Secret`]s.
///
/// The portal puts `DOMAIN`, `PROTOCOL`, `LANG` and `APP_SID` in the handler URL's query
/// string and the rest in the body: [`Placement::from_parts`] reads both,
/// [`Placement::from_form`] the body alone.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Placement {
    /// `PLACEMENT`: the placement code (`CRM_DEAL_DETAIL_TAB`, `REST_APP_URI`, …).
    pub placement: String,
    /// `PLACEMENT_OPTIONS`, parsed: the call's context (`{"ID": "42"}`); `Null` when absent
    /// or empty.
    pub options: Value,
    /// `AUTH_ID`: the OAuth access token of the user who opened the widget.
    pub auth_id: Option<Secret>,
    /// `AUTH_EXPIRES`: seconds until `auth_id` expires.
    pub auth_expires: Option<i64>,
    /// `REFRESH_ID`: the OAuth refresh token.
    pub refresh_id: Option<Secret>,
    /// `APPLICATION_TOKEN`: the same token events carry as `application_token`.
    pub application_token: Option<Secret>,
    /// `SERVER_ENDPOINT`: the OAuth server to renew tokens at.
    pub server_endpoint: Option<String>,
    /// `APPLICATION_SCOPE`: the application's scopes, comma-separated.
    pub application_scope: Option<String>,
    /// `member_id`: the portal's unique id.
    pub member_id: Option<String>,
    /// `status`: `L` local, `F` free, `S` subscription application.
    pub status: Option<String>,
    /// `DOMAIN`: the portal's address.
    pub domain: Option<String>,
    /// `PROTOCOL`: `1` for HTTPS, `0` for HTTP.
    pub protocol: Option<String>,
    /// `LANG`: the user's interface language.
    pub lang: Option<String>,
    /// `APP_SID`: the application session id of this rendering.
    pub app_sid: Option<String>,
    /// Keys not listed above, as sent (nested keys nested).
    pub extra: Map<String, Value>,
}

impl Placement {
    /// Reads the form-encoded body of a placement call.
    pub fn from_form(body: &[u8]) -> Result<Self, PlacementError> {
        Self::from_map(crate::form::parse(body)?)
    }

    /// Reads the handler URL's query string and the form body together; a key in both is
    /// taken from the body.
    pub fn from_parts(query: &str, body: &[u8]) -> Result<Self, PlacementError> {
        let mut map = crate::form::parse(query.trim_start_matches('?').as_bytes())?;
        map.extend(crate::form::parse(body)?);
        Self::from_map(map)
    }

    fn from_map(mut map: Map<String, Value>) -> Result<Self, PlacementError> {
        let mut text = |key: &str| match map.remove(key) {
            Some(Value::String(text)) => Some(text),
            Some(other) => {
                // A nested value under a documented scalar key: keep it, do not guess.
                map.insert(key.to_owned(), other);
                None
            }
            None => None,
        };
        let placement = text("PLACEMENT")
            .filter(|p| !p.is_empty())
            .ok_or(PlacementError::MissingPlacement)?;
        let options = match text("PLACEMENT_OPTIONS") {
            Some(json) if !json.trim().is_empty() => serde_json::from_str(&json)
                .map_err(|error| PlacementError::Options(error.to_string()))?,
            _ => Value::Null,
        };
        let auth_id = text("AUTH_ID").map(Secret::from);
        let auth_expires = text("AUTH_EXPIRES").and_then(|s| s.trim().parse().ok());
        let refresh_id = text("REFRESH_ID").map(Secret::from);
        let application_token = text("APPLICATION_TOKEN").map(Secret::from);
        let server_endpoint = text("SERVER_ENDPOINT");
        let application_scope = text("APPLICATION_SCOPE");
        let member_id = text("member_id");
        let status = text("status");
        let domain = text("DOMAIN");
        let protocol = text("PROTOCOL");
        let lang = text("LANG");
        let app_sid = text("APP_SID");
        Ok(Self {
            placement,
            options,
            auth_id,
            auth_expires,
            refresh_id,
            application_token,
            server_endpoint,
            application_scope,
            member_id,
            status,
            domain,
            protocol,
            lang,
            app_sid,
            extra: map,
        })
    }

    /// Whether the call carries the application token `expected`, in constant time;
    /// `false` when absent or when `expected` is empty.
    pub fn verify(&self, expected: &Secret) -> bool {
        match &self.application_token {
            Some(sent) if !expected.expose().is_empty() => expected.matches(sent.expose()),
            _ => false,
        }
    }
}

impl fmt::Debug for Placement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Placement")
            .field("placement", &self.placement)
            .field("options", &self.options)
            .field("auth_id", &self.auth_id)
            .field("auth_expires", &self.auth_expires)
            .field("refresh_id", &self.refresh_id)
            .field("application_token", &self.application_token)
            .field("server_endpoint", &self.server_endpoint)
            .field("application_scope", &self.application_scope)
            .field("member_id", &self.member_id)
            .field("status", &self.status)
            .field("domain", &self.domain)
            .field("protocol", &self.protocol)
            .field("lang", &self.lang)
            .field("app_sid", &self.app_sid)
            .field(
                "extra",
                &crate::events::redacted(&Value::Object(self.extra.clone())),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documented REST_APP_URI call (`widgets/universal/index.md`), as a query string
    /// and a form body.
    const QUERY: &str = "DOMAIN=xxx.bitrix24.com&PROTOCOL=1&LANG=ru&APP_SID=9ecab44f";
    const BODY: &str = "AUTH_ID=913374660070&AUTH_EXPIRES=3600&REFRESH_ID=81b29b66\
        &SERVER_ENDPOINT=https%3A%2F%2Foauth.bitrix24.tech%2Frest%2F\
        &APPLICATION_TOKEN=ec1b2074&APPLICATION_SCOPE=placement&member_id=d897063e&status=L\
        &PLACEMENT=REST_APP_URI\
        &PLACEMENT_OPTIONS=%7B%22test%22%3A%22y%22%2C%22docId%22%3A%2242%22%2C%22URI%22%3A%22%5C%2Fcompany%5C%2F%22%7D";

    #[test]
    fn the_documented_call_is_read() {
        let placement = Placement::from_parts(QUERY, BODY.as_bytes()).expect("reads");
        assert_eq!(placement.placement, "REST_APP_URI");
        assert_eq!(
            placement.options,
            serde_json::json!({"test": "y", "docId": "42", "URI": "/company/"})
        );
        assert_eq!(placement.domain.as_deref(), Some("xxx.bitrix24.com"));
        assert_eq!(placement.member_id.as_deref(), Some("d897063e"));
        assert_eq!(placement.auth_expires, Some(3600));
        assert_eq!(
            placement.auth_id.as_ref().map(Secret::expose),
            Some("913374660070")
        );
        assert!(placement.verify(&Secret::new("ec1b2074")));
        assert!(!placement.verify(&Secret::new("ec1b2075")));
        assert!(placement.extra.is_empty(), "{:?}", placement.extra);
    }

    #[test]
    fn debug_masks_the_tokens() {
        let placement =
            Placement::from_form(format!("{BODY}&X[access_token]=zz9").as_bytes()).expect("reads");
        let shown = format!("{placement:?}");
        for token in ["913374660070", "81b29b66", "ec1b2074", "zz9"] {
            assert!(!shown.contains(token), "{shown}");
        }
    }

    #[test]
    fn bad_calls_are_refused() {
        assert_eq!(
            Placement::from_form(b"AUTH_ID=x"),
            Err(PlacementError::MissingPlacement)
        );
        assert!(matches!(
            Placement::from_form(b"PLACEMENT=X&PLACEMENT_OPTIONS=%7Bnope"),
            Err(PlacementError::Options(_))
        ));
        assert!(matches!(
            Placement::from_form(b"PLACEMENT=X&a[b=1"),
            Err(PlacementError::Form(_))
        ));
        let empty_options = Placement::from_form(b"PLACEMENT=X&PLACEMENT_OPTIONS=").expect("reads");
        assert_eq!(empty_options.options, Value::Null);
    }
}
