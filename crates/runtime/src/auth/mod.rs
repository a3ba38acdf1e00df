//! How calls are authorized: an incoming webhook (the code is in the path) or an OAuth
//! application (the token is in the body, renewed on `expired_token`).

pub(crate) mod oauth;

use std::sync::{PoisonError, RwLock};

use url::Url;

use crate::{Api, Error};
pub use b24_protocol::{TokenPair, Webhook};
pub use oauth::{DEFAULT_OAUTH_SERVER, OAuth, OAuthApp, TokenCallback};
use oauth::{OAuthSession, with_auth};

/// The credentials of a client, with the portal address they point at (which changes when
/// the portal moves).
#[derive(Debug)]
pub(crate) enum Credentials {
    Webhook(RwLock<Webhook>),
    OAuth(Box<OAuthSession>),
}

/// A request ready to send: where, what, and which token generation it carries.
pub(crate) struct Prepared {
    pub url: Url,
    pub body: Vec<u8>,
    pub generation: Option<u64>,
}

impl Credentials {
    pub fn webhook(webhook: Webhook) -> Self {
        Credentials::Webhook(RwLock::new(webhook))
    }

    pub fn oauth(oauth: OAuth) -> Self {
        Credentials::OAuth(Box::new(OAuthSession::new(oauth)))
    }

    pub fn prepare(&self, api: Api, method: &str, params: &[u8]) -> Result<Prepared, Error> {
        match self {
            Credentials::Webhook(webhook) => {
                let webhook = webhook.read().unwrap_or_else(PoisonError::into_inner);
                Ok(Prepared {
                    url: webhook.endpoint(api, method)?,
                    body: params.to_vec(),
                    generation: None,
                })
            }
            Credentials::OAuth(session) => {
                let (token, generation) = session.access();
                let mut url = session.endpoint(api, method)?;
                // The token travels in the body's `auth` key. A REST 3.0 batch body is a
                // JSON array, with no key to put it in: there it goes in the `auth` query
                // parameter, where the general principles
                // (`how-to-call-rest-api/general-principles.md`) place it. The URL is
                // never logged and transport errors drop it (`transport_error`).
                let body = if params.trim_ascii_start().starts_with(b"[") {
                    url.query_pairs_mut().append_pair("auth", token.expose());
                    params.to_vec()
                } else {
                    with_auth(params, &token)
                };
                Ok(Prepared {
                    url,
                    body,
                    generation: Some(generation),
                })
            }
        }
    }

    /// `scheme://host[:port]` of the portal.
    pub fn origin(&self) -> String {
        match self {
            Credentials::Webhook(webhook) => webhook
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .origin(),
            Credentials::OAuth(session) => session.portal_host(),
        }
    }

    /// Points the credentials at the portal's new address.
    pub fn move_to(&self, origin: &Url) -> Result<(), String> {
        match self {
            Credentials::Webhook(webhook) => {
                let mut webhook = webhook.write().unwrap_or_else(PoisonError::into_inner);
                *webhook = webhook.moved_to(origin)?;
                Ok(())
            }
            Credentials::OAuth(session) => session.move_to(origin),
        }
    }
}
