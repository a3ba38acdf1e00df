//! The OAuth token pair an application keeps; renewing it over HTTP is `b24-runtime`'s job.

use crate::Secret;

/// An access/refresh token pair and what the OAuth server said with it.
/// `Debug` shows the tokens as `Secret(***)`.
#[derive(Clone, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub struct TokenPair {
    pub access_token: Secret,
    pub refresh_token: Secret,
    /// Unix time the access token expires, when known. Informational: the client renews
    /// only when the portal says `expired_token`.
    pub expires: Option<i64>,
    pub member_id: Option<String>,
    /// The portal's REST address (`https://portal.bitrix24.ru/rest/`).
    pub client_endpoint: Option<String>,
    pub scope: Option<String>,
}

impl TokenPair {
    pub fn new(access_token: impl Into<Secret>, refresh_token: impl Into<Secret>) -> Self {
        Self {
            access_token: access_token.into(),
            refresh_token: refresh_token.into(),
            expires: None,
            member_id: None,
            client_endpoint: None,
            scope: None,
        }
    }
}
