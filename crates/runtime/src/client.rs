//! The async client: one pipeline every call goes through.
//!
//! ```text
//! leaky bucket → POST (re-sent on a portal move) → envelope
//!   ├─ expired_token              → renew the OAuth pair (shared), repeat once
//!   ├─ QUERY_LIMIT/OVERLOAD/503   → back off with jitter, repeat (bounded)
//!   ├─ OPERATION_TIME_LIMIT       → wait for operating_reset_at, repeat (bounded)
//!   └─ anything else              → the error
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::auth::Credentials;
use crate::clock::Clock;
use crate::events::{PortalMoved, PortalMovedHook};
use crate::limits::{OperatingBudget, RateLimiter};
use crate::retry::{Failure, RetryPolicy, classify};
use crate::transport::{self, Exchange};
use crate::{Api, ClientBuilder, Error, Method, Response, TokenPair, Webhook};
use b24_protocol::envelope;

/// Redirects followed for one call: a moved portal needs one; more is a loop.
const MAX_REDIRECTS: usize = 3;

/// A Bitrix24 REST client. Cheap to clone; clones share the connection pool, the rate
/// limiter and the OAuth tokens.
///
/// ```no_run
/// # async fn run() -> Result<(), b24_runtime::Error> {
/// let client = b24_runtime::Client::from_webhook("https://example.bitrix24.ru/rest/1/code/")?;
/// let me: serde_json::Value = client.call("user.current", &serde_json::json!({})).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub credentials: Credentials,
    pub limiter: RateLimiter,
    pub retry: RetryPolicy,
    pub operating: OperatingBudget,
    pub clock: Arc<dyn Clock>,
    pub user_agent: HeaderValue,
    pub on_portal_moved: Option<PortalMovedHook>,
    /// Give REST 3.0 calls without a key a generated `Idempotency-Key`.
    pub idempotency_keys: bool,
}

impl Client {
    /// A client that calls through an incoming webhook
    /// (`https://{portal}/rest/{user_id}/{code}/`), with the default settings.
    pub fn from_webhook(url: &str) -> Result<Self, Error> {
        ClientBuilder::new().webhook(url)?.build()
    }

    /// A client over a caller-configured `reqwest::Client` (proxies, TLS roots). The client
    /// must not follow redirects itself (`redirect::Policy::none()`): a followed 302 turns
    /// the POST into a GET and loses the parameters.
    pub fn with_http(webhook: Webhook, http: reqwest::Client) -> Self {
        ClientBuilder::new()
            .webhook_parsed(webhook)
            .http(http)
            .build()
            .unwrap_or_else(|_| unreachable!("a parsed webhook and an HTTP client suffice"))
    }

    /// Settings beyond the defaults: OAuth, timeouts, limits, retries, callbacks.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// Calls a typed method and decodes its `result`.
    pub async fn send<M: Method>(&self, request: &M) -> Result<M::Output, Error> {
        Ok(self.send_with_meta(request).await?.result)
    }

    /// Like [`send`](Self::send), with the reply's `time` block, `total` and `next`.
    pub async fn send_with_meta<M: Method>(
        &self,
        request: &M,
    ) -> Result<Response<M::Output>, Error> {
        b24_protocol::method::check_before_sending(request)?;
        self.call_api(M::API, M::NAME, request).await
    }

    /// Calls any method by name with untyped parameters: the escape hatch for methods the
    /// bindings do not cover yet.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        params: &serde_json::Value,
    ) -> Result<T, Error> {
        Ok(self.call_api(Api::Classic, method, params).await?.result)
    }

    /// The general form: any API generation, any serializable parameters, with metadata.
    pub async fn call_api<T: DeserializeOwned>(
        &self,
        api: Api,
        method: &str,
        params: &(impl Serialize + ?Sized),
    ) -> Result<Response<T>, Error> {
        self.execute(api, method, &encode(method, params)?).await
    }

    /// The current OAuth token pair (after any renewals), or `None` for a webhook client.
    pub fn tokens(&self) -> Option<TokenPair> {
        match &self.inner.credentials {
            Credentials::OAuth(session) => Some(session.tokens()),
            Credentials::Webhook(_) => None,
        }
    }

    /// Checks the `application_token` of an incoming event against the one configured with
    /// [`OAuth::application_token`](crate::OAuth::application_token).
    pub fn verify_application_token(&self, candidate: &str) -> bool {
        match &self.inner.credentials {
            Credentials::OAuth(session) => session.verify_application_token(candidate),
            Credentials::Webhook(_) => false,
        }
    }

    /// `scheme://host[:port]` of the portal (after any move).
    pub fn portal(&self) -> String {
        self.inner.credentials.origin()
    }

    /// The shared rate limiter, to give to other clients of the same portal.
    pub fn rate_limiter(&self) -> &RateLimiter {
        &self.inner.limiter
    }

    pub(crate) async fn execute<T: DeserializeOwned>(
        &self,
        api: Api,
        method: &str,
        params: &[u8],
    ) -> Result<Response<T>, Error> {
        self.execute_keyed(api, method, params, None).await
    }

    /// [`execute`](Self::execute) with an `Idempotency-Key` (REST 3.0 only). With a key
    /// (given, or generated when the client is set to), a timeout or a broken connection is
    /// retried like an overload: the portal answers a repeat from its stored reply.
    pub(crate) async fn execute_keyed<T: DeserializeOwned>(
        &self,
        api: Api,
        method: &str,
        params: &[u8],
        key: Option<&crate::v3::IdempotencyKey>,
    ) -> Result<Response<T>, Error> {
        let inner = &*self.inner;
        let generated = (key.is_none() && api == Api::RestV3 && inner.idempotency_keys)
            .then(crate::v3::IdempotencyKey::generate);
        let key = key.or(generated.as_ref()).filter(|_| api == Api::RestV3);
        let mut attempt: u32 = 1;
        let mut renewed = false;
        let mut operation_waits: u32 = 0;
        loop {
            inner.limiter.acquire(&*inner.clock).await;
            let (status, body, generation, replayed) = match self
                .exchange(api, method, params, key)
                .await
            {
                Ok(reply) => reply,
                Err(error)
                    if key.is_some()
                        && error.may_have_executed()
                        && attempt < inner.retry.max_attempts =>
                {
                    let wait = inner.retry.backoff(attempt);
                    tracing::debug!(method, attempt, %error, "lost reply: repeating with the same Idempotency-Key");
                    inner.clock.sleep(wait).await;
                    attempt += 1;
                    continue;
                }
                Err(error) => return Err(error),
            };
            tracing::debug!(method, status, attempt, replayed, "reply");
            let error = match envelope::split(method, status, &body) {
                Ok(success) => {
                    inner.operating.record(method, success.meta.time.as_ref());
                    let result =
                        envelope::decode_raw(method, success.result_json(), "result", &body)?;
                    let mut meta = success.meta;
                    meta.replayed = replayed;
                    return Ok(Response { result, meta });
                }
                Err(error) => error,
            };
            match classify(&error) {
                Failure::ExpiredToken if !renewed => {
                    let (Credentials::OAuth(session), Some(generation)) =
                        (&inner.credentials, generation)
                    else {
                        return Err(error);
                    };
                    session
                        .refresh(&inner.http, &inner.user_agent, generation)
                        .await?;
                    renewed = true;
                }
                Failure::Overloaded if attempt < inner.retry.max_attempts => {
                    inner.limiter.mark_full(&*inner.clock);
                    let wait = inner.retry.backoff(attempt);
                    tracing::debug!(
                        method,
                        attempt,
                        wait_ms = wait.as_millis() as u64,
                        "overloaded: backing off"
                    );
                    inner.clock.sleep(wait).await;
                    attempt += 1;
                }
                Failure::OperationLimit if operation_waits < inner.retry.operation_limit_waits => {
                    let wait =
                        self.operation_wait(method, error.api().and_then(|e| e.time.as_deref()));
                    tracing::debug!(
                        method,
                        wait_ms = wait.as_millis() as u64,
                        "operation time limit: waiting"
                    );
                    inner.clock.sleep(wait).await;
                    operation_waits += 1;
                }
                _ => return Err(error),
            }
        }
    }

    /// How long to wait after `OPERATION_TIME_LIMIT`: until `operating_reset_at` (plus a
    /// second for clock skew), or the policy's default when the portal never said.
    fn operation_wait(&self, method: &str, error_time: Option<&crate::Time>) -> Duration {
        let inner = &*self.inner;
        let policy = &inner.retry;
        let wait = match inner.operating.reset_at(method, error_time) {
            Some(reset_at) => {
                let seconds = reset_at - inner.clock.unix_now() + 1.0;
                if seconds.is_finite() && seconds > 0.0 {
                    Duration::from_secs_f64(seconds)
                } else {
                    // The reset time is already past: the budget should be back shortly.
                    Duration::from_secs(1)
                }
            }
            None => policy.operation_limit_default_wait,
        };
        wait.min(policy.operation_limit_max_wait)
    }

    /// One POST, re-sent to the new address when the portal moved.
    async fn exchange(
        &self,
        api: Api,
        method: &str,
        params: &[u8],
        key: Option<&crate::v3::IdempotencyKey>,
    ) -> Result<(u16, String, Option<u64>, bool), Error> {
        let inner = &*self.inner;
        for _ in 0..=MAX_REDIRECTS {
            let prepared = inner.credentials.prepare(api, method, params)?;
            let exchange = transport::post_json(
                &inner.http,
                prepared.url,
                prepared.body,
                &inner.user_agent,
                method,
                key,
            )
            .await?;
            match exchange {
                Exchange::Reply {
                    status,
                    body,
                    replayed,
                } => return Ok((status, body, prepared.generation, replayed)),
                Exchange::Redirect { location } => self.follow_move(method, &location)?,
            }
        }
        Err(Error::Redirect {
            method: method.to_owned(),
            reason: format!("more than {MAX_REDIRECTS} redirects"),
        })
    }

    fn follow_move(&self, method: &str, location: &url::Url) -> Result<(), Error> {
        let inner = &*self.inner;
        let from = inner.credentials.origin();
        let to = location.origin().ascii_serialization();
        let unusable = |reason: String| Error::Redirect {
            method: method.to_owned(),
            reason,
        };
        if from == to {
            // A redirect within the portal (to a login page, say) is not a move.
            return Err(unusable("redirected within the same portal".to_owned()));
        }
        inner.credentials.move_to(location).map_err(unusable)?;
        tracing::info!(%from, %to, "the portal moved; re-sending to the new address");
        if let Some(hook) = &inner.on_portal_moved {
            hook(&PortalMoved::new(from, to));
        }
        Ok(())
    }
}

/// The JSON body of a call, or [`Error::Encode`] naming the method.
pub(crate) fn encode(method: &str, params: &(impl Serialize + ?Sized)) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(params).map_err(|source| Error::Encode {
        method: method.to_owned(),
        source,
    })
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("limiter", &self.inner.limiter.limit())
            .finish_non_exhaustive()
    }
}
