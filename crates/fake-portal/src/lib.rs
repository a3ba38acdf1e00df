//! A fake Bitrix24 portal for tests and benchmarks: a real HTTP server on `127.0.0.1`.
//!
//! It checks auth (webhook path or OAuth `auth` token), records every request, and answers
//! with replies scripted per method or with its built-in methods:
//!
//! - `batch`, with `$result` references, `halt` and PHP's `[]` for empty maps;
//! - `item.list`, `crm.lead.list`, `crm.deal.list` (`result` is a list of `{"ID": "…"}`),
//!   `crm.item.list` (`{"items": [{"id": "…"}]}`) and `tasks.task.list`
//!   (`{"tasks": [{"id": "…"}]}`) over a dataset of [`FakePortalBuilder::items`] items
//!   (`TITLE`, `STATUS_ID`, `OPPORTUNITY`, `COMMENTS` besides the ID), paged by
//!   `start`/`next` or by `>ID`/`<ID` with `start=-1`, honouring `filter` with the
//!   documented prefixes, `order` and `select`;
//! - `/oauth/token/` renewing tokens (`grant_type=refresh_token`);
//! - REST 3.0 under `/rest/api/` (see `v3.rs`): the uniform envelope, validation errors,
//!   `Idempotency-Key` with stored replies, the JSON-array batch, the filter language and
//!   `pagination` over a generic entity store (`X.add/get/update/delete/list`).
//!
//! It can enforce the leaky bucket, expire the access token, move to another address (302)
//! and inject faults ([`Fault`]).

mod batch;
mod bucket;
mod dataset;
mod handler;
mod oauth;
mod query;
mod v3;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::http::HeaderMap;
use axum::routing::any;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use bucket::Bucket;
use dataset::Page;
use oauth::Tokens;

/// The webhook user and code the fake portal accepts.
pub const USER_ID: u64 = 1;
pub const WEBHOOK_CODE: &str = "t3stc0de";
/// The OAuth application the portal's token endpoint accepts.
pub const CLIENT_ID: &str = "app.t3st";
pub const CLIENT_SECRET: &str = "cl13nts3cr3t";
/// The first token pair; renewals issue `acc3ss-N` / `r3fr3sh-N`.
pub const ACCESS_TOKEN: &str = "acc3ss-0";
pub const REFRESH_TOKEN: &str = "r3fr3sh-0";
/// The `application_token` of events.
pub const APPLICATION_TOKEN: &str = "appt0k3n";

/// One request the portal received.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub http_method: String,
    /// The full path, `/rest/1/{code}/im.user.status.set`.
    pub path: String,
    /// The query string, if any (`auth=…` for an OAuth REST 3.0 batch).
    pub query: Option<String>,
    /// The REST method name (the last path segment).
    pub method: String,
    pub headers: HeaderMap,
    /// The body parsed as JSON, or `Value::Null` if it was not JSON.
    pub body: Value,
}

/// A scripted reply.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub content_type: &'static str,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            body: body.to_string(),
            content_type: "application/json",
        }
    }

    pub fn result(result: Value) -> Self {
        Self::json(200, json!({ "result": result }))
    }

    pub fn error(status: u16, code: &str, description: &str) -> Self {
        Self::json(
            status,
            json!({ "error": code, "error_description": description }),
        )
    }

    pub fn raw(status: u16, content_type: &'static str, body: &str) -> Self {
        Self {
            status,
            body: body.to_owned(),
            content_type,
        }
    }
}

/// A failure to inject into the next matching request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Fault {
    /// 503 `QUERY_LIMIT_EXCEEDED`, without running the method.
    QueryLimit,
    /// 503 `OVERLOAD_LIMIT`.
    Overload,
    /// 503 with an HTML page (a proxy in front of the portal).
    Unavailable,
    /// 429 `OPERATION_TIME_LIMIT`, with `operating_reset_at` in its `time` block if given.
    OperationTimeLimit { reset_at: Option<f64> },
    /// 502 with an HTML page, after running the method.
    BadGateway,
    /// The method runs, and the reply is cut in the middle of its JSON.
    TruncatedJson,
    /// The reply comes after this delay (real time); the method runs.
    Slow(Duration),
    /// The method runs, then the connection breaks in the middle of the reply (the
    /// headers promise more body than is sent): the client cannot know the outcome.
    Disconnect,
}

/// What to do with a `$result` reference to something that does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnresolvedReferences {
    /// The command fails (`ERROR_BATCH_REFERENCE`).
    #[default]
    Error,
    /// The reference becomes an empty string (a `>ID` filter then matches everything).
    Empty,
}

/// A time source in seconds, to share a test's manual clock.
pub type SecondsClock = Arc<dyn Fn() -> f64 + Send + Sync>;

struct Config {
    items: usize,
    unresolved: UnresolvedReferences,
    refresh_delay: Duration,
    clock: SecondsClock,
    unix_clock: SecondsClock,
}

#[derive(Default)]
struct State {
    requests: Vec<RecordedRequest>,
    replies: HashMap<String, Reply>,
    faults: VecDeque<(Option<String>, Fault)>,
    moved_to: Option<String>,
    bucket: Option<Bucket>,
    rejected: usize,
    tokens: Tokens,
    v3: v3::Store,
}

struct Shared {
    config: Config,
    state: Mutex<State>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking test thread must not hide the requests from the others.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("requests", &self.lock().requests.len())
            .finish_non_exhaustive()
    }
}

/// Settings of a fake portal.
pub struct FakePortalBuilder {
    rate_limit: Option<(u32, f64)>,
    config: Config,
}

impl std::fmt::Debug for FakePortalBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakePortalBuilder")
            .field("rate_limit", &self.rate_limit)
            .field("items", &self.config.items)
            .finish_non_exhaustive()
    }
}

impl FakePortalBuilder {
    /// Enforce a leaky bucket: `burst` requests, draining `per_second`.
    pub fn rate_limit(mut self, burst: u32, per_second: f64) -> Self {
        self.rate_limit = Some((burst, per_second));
        self
    }

    /// Serve a dataset of `count` items through `item.list` and `crm.item.list`.
    pub fn items(mut self, count: usize) -> Self {
        self.config.items = count;
        self
    }

    pub fn unresolved_references(mut self, mode: UnresolvedReferences) -> Self {
        self.config.unresolved = mode;
        self
    }

    /// Hold each token renewal this long (real time), so that concurrent callers pile up.
    pub fn refresh_delay(mut self, delay: Duration) -> Self {
        self.config.refresh_delay = delay;
        self
    }

    /// The monotonic clock of the bucket, in seconds (default: real time).
    pub fn clock(mut self, clock: SecondsClock) -> Self {
        self.config.clock = clock;
        self
    }

    /// The Unix clock of `time` blocks, in seconds (default: the system clock).
    pub fn unix_clock(mut self, clock: SecondsClock) -> Self {
        self.config.unix_clock = clock;
        self
    }

    /// Starts the portal on an ephemeral port of 127.0.0.1.
    pub async fn start(self) -> std::io::Result<FakePortal> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let state = State {
            bucket: self
                .rate_limit
                .map(|(burst, per_second)| Bucket::new(burst, per_second)),
            ..State::default()
        };
        let shared = Arc::new(Shared {
            config: self.config,
            state: Mutex::new(state),
        });
        let app = Router::new()
            .route("/rest/{*rest}", any(handler::rest))
            .route("/oauth/token/", any(handler::oauth_token))
            .with_state(shared.clone());
        let server = tokio::spawn(async move {
            // The server ends when the test drops the portal (the task is aborted).
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakePortal {
            addr,
            shared,
            server,
        })
    }
}

/// A running fake portal. Dropping it stops the server.
#[derive(Debug)]
pub struct FakePortal {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: JoinHandle<()>,
}

impl FakePortal {
    /// Starts a portal with no limits and no dataset.
    pub async fn start() -> std::io::Result<Self> {
        Self::builder().start().await
    }

    pub fn builder() -> FakePortalBuilder {
        let origin = tokio::time::Instant::now();
        FakePortalBuilder {
            rate_limit: None,
            config: Config {
                items: 0,
                unresolved: UnresolvedReferences::default(),
                refresh_delay: Duration::ZERO,
                clock: Arc::new(move || origin.elapsed().as_secs_f64()),
                unix_clock: Arc::new(|| {
                    SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map_or(0.0, |d| d.as_secs_f64())
                }),
            },
        }
    }

    /// The incoming-webhook URL of this portal.
    pub fn webhook_url(&self) -> String {
        format!("{}/rest/{USER_ID}/{WEBHOOK_CODE}/", self.base_url())
    }

    /// `http://127.0.0.1:PORT`: the portal address for OAuth clients.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The token endpoint for [`CLIENT_ID`]/[`CLIENT_SECRET`].
    pub fn oauth_server_url(&self) -> String {
        format!("{}/oauth/token/", self.base_url())
    }

    /// Scripts the reply for a method; unscripted methods get `ERROR_METHOD_NOT_FOUND`
    /// (or the built-in behaviour of `batch`, `item.list`, `crm.item.list`).
    pub fn reply(&self, method: &str, reply: Reply) {
        self.shared.lock().replies.insert(method.to_owned(), reply);
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// How many HTTP requests reached `/rest/` (including refused ones).
    pub fn request_count(&self) -> usize {
        self.shared.lock().requests.len()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// Requests refused by the leaky bucket.
    pub fn rejected_count(&self) -> usize {
        self.shared.lock().rejected
    }

    /// Applies `fault` to the next request, whatever its method.
    pub fn inject(&self, fault: Fault) {
        self.shared.lock().faults.push_back((None, fault));
    }

    /// Applies `fault` to the next request of `method`.
    pub fn inject_for(&self, method: &str, fault: Fault) {
        self.shared
            .lock()
            .faults
            .push_back((Some(method.to_owned()), fault));
    }

    /// From now on, answer every `/rest/` request with a 302 to the same path at `base_url`
    /// (the portal was renamed).
    pub fn move_to(&self, base_url: &str) {
        self.shared.lock().moved_to = Some(base_url.trim_end_matches('/').to_owned());
    }

    /// The current access token stops working: calls with it get 401 `expired_token`.
    pub fn expire_access_token(&self) {
        self.shared.lock().tokens.expire();
    }

    /// How many times the token pair was renewed.
    pub fn refresh_count(&self) -> usize {
        self.shared.lock().tokens.refreshes
    }

    /// How many times a REST 3.0 method actually ran (replies replayed for an
    /// `Idempotency-Key` are not counted).
    pub fn v3_executions(&self, method: &str) -> usize {
        self.shared
            .lock()
            .v3
            .executions
            .get(method)
            .copied()
            .unwrap_or(0)
    }

    /// The REST 3.0 entities of a family (`tasks.task`), as stored.
    pub fn v3_items(&self, family: &str) -> Vec<Value> {
        self.shared.lock().v3.items(family)
    }

    /// The current (latest issued) token pair.
    pub fn current_tokens(&self) -> (String, String) {
        let state = self.shared.lock();
        (state.tokens.access.clone(), state.tokens.refresh.clone())
    }
}

impl Drop for FakePortal {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// The result of running one method.
#[derive(Debug)]
pub(crate) enum Outcome {
    Ok(Page),
    Err {
        status: u16,
        code: String,
        description: String,
    },
    Raw(Reply),
}

impl Outcome {
    pub fn ok(result: Value) -> Self {
        Outcome::Ok(Page {
            result,
            total: None,
            next: None,
        })
    }

    pub fn error(status: u16, code: &str, description: &str) -> Self {
        Outcome::Err {
            status,
            code: code.to_owned(),
            description: description.to_owned(),
        }
    }

    /// The result with `total` and `next`, or `(code, description)`, for a batch command.
    pub fn into_parts(self) -> Result<Page, (String, String)> {
        match self {
            Outcome::Ok(page) => Ok(page),
            Outcome::Err {
                code, description, ..
            } => Err((code, description)),
            Outcome::Raw(reply) => {
                let body: Value = serde_json::from_str(&reply.body).unwrap_or_default();
                match body.get("error") {
                    Some(code) => Err((
                        code.as_str().unwrap_or_default().to_owned(),
                        body.get("error_description")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                    )),
                    None => Ok(Page {
                        result: body.get("result").cloned().unwrap_or_default(),
                        total: body.get("total").and_then(Value::as_u64),
                        next: body.get("next").and_then(Value::as_u64),
                    }),
                }
            }
        }
    }
}
