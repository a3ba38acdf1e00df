//! A fake Bitrix24 portal for tests: a real HTTP server on `127.0.0.1` that checks the
//! webhook code, records every request and answers with replies scripted per method.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The webhook user and code the fake portal accepts.
pub const USER_ID: u64 = 1;
pub const WEBHOOK_CODE: &str = "t3stc0de";

/// One request the portal received.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub http_method: String,
    /// The full path, `/rest/1/{code}/im.user.status.set`.
    pub path: String,
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

#[derive(Default)]
struct Shared {
    requests: Vec<RecordedRequest>,
    replies: HashMap<String, Reply>,
}

type SharedState = Arc<Mutex<Shared>>;

fn lock(state: &SharedState) -> MutexGuard<'_, Shared> {
    // A panicking test thread must not hide the requests from the others.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running fake portal. Dropping it stops the server.
#[derive(Debug)]
pub struct FakePortal {
    addr: SocketAddr,
    state: SharedState,
    server: JoinHandle<()>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("requests", &self.requests.len())
            .finish_non_exhaustive()
    }
}

impl FakePortal {
    /// Starts the portal on an ephemeral port of 127.0.0.1.
    pub async fn start() -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let state = SharedState::default();
        let app = Router::new()
            .route("/rest/{*rest}", any(handle))
            .with_state(state.clone());
        let server = tokio::spawn(async move {
            // The server ends when the test drops the portal (the task is aborted).
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            addr,
            state,
            server,
        })
    }

    /// The incoming-webhook URL of this portal.
    pub fn webhook_url(&self) -> String {
        format!("http://{}/rest/{USER_ID}/{WEBHOOK_CODE}/", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Scripts the reply for a method; unscripted methods get `ERROR_METHOD_NOT_FOUND`.
    pub fn reply(&self, method: &str, reply: Reply) {
        lock(&self.state).replies.insert(method.to_owned(), reply);
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state).requests.clone()
    }
}

impl Drop for FakePortal {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn handle(
    State(state): State<SharedState>,
    Path(rest): Path<String>,
    method: axum::http::Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let segments: Vec<&str> = rest.split('/').collect();
    let rest_method = segments.last().copied().unwrap_or_default().to_owned();
    let recorded = RecordedRequest {
        http_method: method.to_string(),
        path: format!("/rest/{rest}"),
        method: rest_method.clone(),
        headers,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    };
    let mut shared = lock(&state);
    shared.requests.push(recorded);
    let expected_prefix = [USER_ID.to_string(), WEBHOOK_CODE.to_owned()];
    let reply = if segments.len() != 3 || segments[..2] != expected_prefix {
        Reply::error(401, "NO_AUTH_FOUND", "Wrong authorization data")
    } else {
        shared
            .replies
            .get(&rest_method)
            .cloned()
            .unwrap_or_else(|| Reply::error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!"))
    };
    drop(shared);
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(axum::http::header::CONTENT_TYPE, reply.content_type)],
        reply.body,
    )
        .into_response()
}
