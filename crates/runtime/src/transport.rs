//! One HTTP exchange: a JSON POST and its reply, with redirects handed back to the caller
//! (the portal-moved rule needs the POST re-sent, which HTTP clients do not do for 302).

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue, LOCATION, USER_AGENT};
use url::Url;

use crate::v3::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED, IdempotencyKey};
use crate::{Error, TransportKind};

/// What came back.
#[derive(Debug)]
pub(crate) enum Exchange {
    Reply {
        status: u16,
        body: String,
        /// `Idempotent-Replayed: true` came with it (REST 3.0).
        replayed: bool,
    },
    /// A 3xx with a `Location`, resolved against the request URL.
    Redirect { location: Url },
}

pub(crate) async fn post_json(
    http: &reqwest::Client,
    url: Url,
    body: Vec<u8>,
    user_agent: &HeaderValue,
    method: &str,
    idempotency_key: Option<&IdempotencyKey>,
) -> Result<Exchange, Error> {
    let request_url = url.clone();
    let mut request = http
        .post(url)
        .header(CONTENT_TYPE, "application/json")
        .header(ACCEPT, "application/json")
        .header(USER_AGENT, user_agent.clone());
    if let Some(key) = idempotency_key {
        // Validated as printable ASCII, which is always a valid header value.
        request = request.header(IDEMPOTENCY_KEY, key.as_str());
    }
    let response = request
        .body(body)
        .send()
        .await
        .map_err(|source| transport_error(method, source, false))?;
    let status = response.status();
    if status.is_redirection() {
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| request_url.join(value).ok());
        return match location {
            Some(location) => Ok(Exchange::Redirect { location }),
            None => Err(Error::Redirect {
                method: method.to_owned(),
                reason: format!("HTTP {} without a usable Location", status.as_u16()),
            }),
        };
    }
    let replayed = response
        .headers()
        .get(IDEMPOTENT_REPLAYED)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"));
    let body = response
        .text()
        .await
        .map_err(|source| transport_error(method, source, true))?;
    Ok(Exchange::Reply {
        status: status.as_u16(),
        body,
        replayed,
    })
}

/// Classifies a reqwest failure. The URL (which holds the webhook code) is dropped.
pub(crate) fn transport_error(method: &str, source: reqwest::Error, replied: bool) -> Error {
    let (kind, may_have_executed) = if source.is_connect() {
        (TransportKind::Connect, false)
    } else if source.is_timeout() {
        (TransportKind::Timeout, true)
    } else {
        (TransportKind::Io, true)
    };
    Error::Transport {
        method: method.to_owned(),
        kind,
        may_have_executed: may_have_executed || replied,
        source: Box::new(source.without_url()),
    }
}
