//! Client settings.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use crate::Error;
use crate::auth::{Credentials, OAuth, Webhook};
use crate::client::{Client, Inner};
use crate::clock::{Clock, SystemClock};
use crate::events::{PortalMoved, PortalMovedHook};
use crate::limits::{OperatingBudget, RateLimit, RateLimiter};
use crate::retry::RetryPolicy;

/// The portal gives up on a request after 60 s; waiting a little longer lets its own
/// error arrive instead of a client-side timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(70);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_USER_AGENT: &str = concat!("b24-runtime/", env!("CARGO_PKG_VERSION"));

/// Builds a [`Client`].
///
/// ```no_run
/// use std::time::Duration;
/// use b24_runtime::{Client, OAuth, OAuthApp, RateLimit, TokenPair};
///
/// # fn run() -> Result<(), b24_runtime::Error> {
/// let oauth = OAuth::new(
///     "https://portal.bitrix24.ru",
///     OAuthApp::new("app.573ad8a0346747.09223434", "client-secret"),
///     TokenPair::new("access-token", "refresh-token"),
/// )?
/// .on_refresh(|tokens| { /* store tokens.access_token.expose() and the refresh token */ });
/// let client = Client::builder()
///     .oauth(oauth)
///     .timeout(Duration::from_secs(30))
///     .rate_limit(RateLimit::ENTERPRISE)
///     .user_agent("my-integration/1.0")
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Default)]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    limiter: Option<RateLimiter>,
    retry: Option<RetryPolicy>,
    clock: Option<Arc<dyn Clock>>,
    on_portal_moved: Option<PortalMovedHook>,
    idempotency_keys: bool,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Authorize with an incoming webhook URL.
    pub fn webhook(self, url: &str) -> Result<Self, Error> {
        Ok(self.webhook_parsed(Webhook::parse(url)?))
    }

    pub fn webhook_parsed(mut self, webhook: Webhook) -> Self {
        self.credentials = Some(Credentials::webhook(webhook));
        self
    }

    /// Authorize as an OAuth application.
    pub fn oauth(mut self, oauth: OAuth) -> Self {
        self.credentials = Some(Credentials::oauth(oauth));
        self
    }

    /// A caller-configured HTTP client; `timeout`, `connect_timeout` do not apply to it,
    /// and it must not follow redirects (see [`Client::with_http`]).
    pub fn http(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The whole-request timeout (default 70 s; the portal stops at 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// `User-Agent` to send (`my-integration/1.0`); default `b24-runtime/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The portal's bucket (default [`RateLimit::STANDARD`]: 50 burst, 2 per second).
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.limiter = Some(RateLimiter::new(limit));
        self
    }

    /// A limiter shared with other clients of the same portal.
    pub fn rate_limiter(mut self, limiter: RateLimiter) -> Self {
        self.limiter = Some(limiter);
        self
    }

    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The time source for waits (tests use [`testing::ManualClock`](crate::testing::ManualClock)).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Called when the portal answers from a new address.
    pub fn on_portal_moved(mut self, hook: impl Fn(&PortalMoved) + Send + Sync + 'static) -> Self {
        self.on_portal_moved = Some(Arc::new(hook));
        self
    }

    /// REST 3.0 calls without an explicit key get a fresh `Idempotency-Key` (UUID v4) each,
    /// kept across the retries of that call: a write that timed out or lost its connection
    /// is then repeated safely instead of failing with "may have executed". Off by default.
    pub fn idempotency_keys(mut self, generate: bool) -> Self {
        self.idempotency_keys = generate;
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let credentials = self.credentials.ok_or_else(|| {
            Error::InvalidConfig("no credentials: call webhook() or oauth()".into())
        })?;
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let user_agent = HeaderValue::from_str(user_agent)
            .map_err(|_| Error::InvalidConfig("the User-Agent is not a valid header".into()))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .timeout(self.timeout.unwrap_or(DEFAULT_TIMEOUT))
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                // Redirects are the client's business: a moved portal needs the POST re-sent.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| Error::InvalidConfig(format!("HTTP client: {e}")))?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                credentials,
                limiter: self
                    .limiter
                    .unwrap_or_else(|| RateLimiter::new(RateLimit::STANDARD)),
                retry: self.retry.unwrap_or_default(),
                operating: OperatingBudget::default(),
                clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock::new())),
                user_agent,
                on_portal_moved: self.on_portal_moved,
                idempotency_keys: self.idempotency_keys,
            }),
        })
    }

    /// A blocking client for scripts (see [`blocking::Client`](crate::blocking::Client)).
    pub fn build_blocking(self) -> Result<crate::blocking::Client, Error> {
        crate::blocking::Client::from_async(self.build()?)
    }
}
