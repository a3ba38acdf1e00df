//! The HTTP side: auth, faults, the bucket, recording, and running methods.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::dataset::{self, Page, Shape};
use crate::oauth::Check;
use crate::{
    CLIENT_ID, CLIENT_SECRET, Fault, Outcome, RecordedRequest, Reply, Shared, USER_ID,
    WEBHOOK_CODE, batch,
};

type Portal = State<Arc<Shared>>;

pub async fn rest(
    State(shared): Portal,
    Path(rest): Path<String>,
    RawQuery(query): RawQuery,
    http_method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let method = segments
        .last()
        .map(|m| m.trim_end_matches(".json"))
        .unwrap_or_default()
        .to_owned();
    let params: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (fault, moved_to) = {
        let mut state = shared.lock();
        state.requests.push(RecordedRequest {
            http_method: http_method.to_string(),
            path: format!("/rest/{rest}"),
            query: query.clone(),
            method: method.clone(),
            headers: headers.clone(),
            body: params.clone(),
        });
        let position = state
            .faults
            .iter()
            .position(|(only, _)| only.as_deref().is_none_or(|m| m == method));
        let fault = position
            .and_then(|i| state.faults.remove(i))
            .map(|(_, f)| f);
        (fault, state.moved_to.clone())
    };
    if let Some(base) = moved_to {
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        let location = format!("{base}/rest/{rest}{query}");
        return (StatusCode::FOUND, [(header::LOCATION, location)], "").into_response();
    }
    let after_run = match fault {
        Some(Fault::Slow(delay)) => {
            tokio::time::sleep(delay).await;
            None
        }
        Some(Fault::QueryLimit) => {
            return render(
                &shared,
                Outcome::error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"),
            );
        }
        Some(Fault::Overload) => {
            return render(
                &shared,
                Outcome::error(503, "OVERLOAD_LIMIT", "REST API is blocked due to overload"),
            );
        }
        Some(Fault::Unavailable) => {
            return html(503, "<html><body>503 Service Unavailable</body></html>");
        }
        Some(Fault::OperationTimeLimit { reset_at }) => {
            let mut body = json!({
                "error": "OPERATION_TIME_LIMIT",
                "error_description": "Method is blocked due to operation time limit",
            });
            if let Some(reset_at) = reset_at {
                body["time"] = json!({"operating": 480.5, "operating_reset_at": reset_at});
            }
            return reply(Reply::json(429, body));
        }
        other => other,
    };
    if let Some(refused) = admit(&shared) {
        return refused;
    }
    if let Some(denied) = authorize(&shared, &segments, query.as_deref(), &params) {
        return denied;
    }
    if segments.first() == Some(&"api") {
        let disconnect = matches!(after_run, Some(Fault::Disconnect));
        return crate::v3::serve(&shared, &method, &headers, &body, disconnect);
    }
    let outcome = match (method.as_str(), scripted(&shared, &method)) {
        (_, Some(reply)) => Outcome::Raw(reply),
        ("batch", None) => batch::run(&params, shared.config.unresolved, &mut |m, p| {
            dispatch(&shared, m, p)
        }),
        _ => dispatch(&shared, &method, &params),
    };
    match after_run {
        Some(Fault::BadGateway) => html(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
        Some(Fault::Disconnect) => {
            let full = render_body(&shared, outcome);
            crate::v3::cut(full.status, full.body)
        }
        Some(Fault::TruncatedJson) => {
            let mut full = render_body(&shared, outcome);
            let mut cut = full.body.len() / 2;
            while !full.body.is_char_boundary(cut) {
                cut -= 1;
            }
            full.body.truncate(cut);
            reply(full)
        }
        _ => render(&shared, outcome),
    }
}

/// The leaky bucket; `Some` is the refusal.
fn admit(shared: &Shared) -> Option<Response> {
    let now = (shared.config.clock)();
    let mut state = shared.lock();
    let bucket = state.bucket.as_mut()?;
    if bucket.admit(now) {
        return None;
    }
    state.rejected += 1;
    drop(state);
    Some(render(
        shared,
        Outcome::error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"),
    ))
}

/// Webhook path (`/rest/[api/]{user}/{code}/{method}`) or OAuth `auth`; `Some` is the refusal.
fn authorize(
    shared: &Shared,
    segments: &[&str],
    query: Option<&str>,
    params: &Value,
) -> Option<Response> {
    let parts = match segments.split_first() {
        Some((&"api", rest)) => rest,
        _ => segments,
    };
    let deny = |code: &str, text: &str| Some(render(shared, Outcome::error(401, code, text)));
    match parts {
        [user, code, _method] if *user == USER_ID.to_string() && *code == WEBHOOK_CODE => None,
        [_method] => {
            let from_query = query.map(crate::query::parse);
            let token = params
                .get("auth")
                .and_then(Value::as_str)
                .or_else(|| from_query.as_ref()?.get("auth")?.as_str());
            let Some(token) = token else {
                return deny("NO_AUTH_FOUND", "Wrong authorization data");
            };
            let check = shared.lock().tokens.check(token);
            match check {
                Check::Valid => None,
                Check::Expired => deny("expired_token", "The access token provided has expired."),
                Check::Invalid => deny("invalid_token", "The access token provided is invalid."),
            }
        }
        _ => deny("NO_AUTH_FOUND", "Wrong authorization data"),
    }
}

fn scripted(shared: &Shared, method: &str) -> Option<Reply> {
    shared.lock().replies.get(method).cloned()
}

/// Runs a method other than `batch` (which cannot nest).
pub(crate) fn dispatch(shared: &Shared, method: &str, params: &Value) -> Outcome {
    if let Some(reply) = scripted(shared, method) {
        return Outcome::Raw(reply);
    }
    // How the method spells its items: the id key, the key `result` wraps them in, and
    // whether they are keyed by id (see `Shape`).
    let list = |id_key, wrapper, keyed| {
        let shape = Shape {
            id_key,
            wrapper,
            keyed,
        };
        match dataset::page(shared.config.items, shape, params) {
            Ok(page) => Outcome::Ok(page),
            Err(reason) => Outcome::error(400, "INVALID_FILTER", &reason),
        }
    };
    match method {
        "item.list" | "crm.lead.list" | "crm.deal.list" => list("ID", None, false),
        "crm.item.list" => list("id", Some("items"), false),
        // A list whose page documents one record and shows it under `items`.
        "crm.stagehistory.list" => list("ID", Some("items"), false),
        "tasks.task.list" => list("id", Some("tasks"), false),
        // Items keyed by id under `templates`, as the documentgenerator pages show.
        "documentgenerator.template.list" | "crm.documentgenerator.template.list" => {
            list("id", Some("templates"), true)
        }
        _ => Outcome::error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!"),
    }
}

pub(crate) fn time_block(shared: &Shared) -> Value {
    let now = (shared.config.unix_clock)();
    json!({
        "start": now,
        "finish": now + 0.01,
        "duration": 0.01,
        "processing": 0.005,
        "date_start": "2026-01-01T00:00:00+00:00",
        "date_finish": "2026-01-01T00:00:00+00:00",
        "operating": 0.005,
        "operating_reset_at": (now + 600.0).floor(),
    })
}

fn render_body(shared: &Shared, outcome: Outcome) -> Reply {
    match outcome {
        Outcome::Ok(Page {
            result,
            total,
            next,
        }) => {
            let mut body = json!({ "result": result });
            if let Some(total) = total {
                body["total"] = json!(total);
            }
            if let Some(next) = next {
                body["next"] = json!(next);
            }
            body["time"] = time_block(shared);
            Reply::json(200, body)
        }
        Outcome::Err {
            status,
            code,
            description,
        } => Reply::error(status, &code, &description),
        Outcome::Raw(scripted) => scripted,
    }
}

fn render(shared: &Shared, outcome: Outcome) -> Response {
    reply(render_body(shared, outcome))
}

pub(crate) fn reply(reply: Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, reply.content_type)],
        reply.body,
    )
        .into_response()
}

fn html(status: u16, body: &str) -> Response {
    reply(Reply::raw(status, "text/html", body))
}

/// `GET /oauth/token/?grant_type=refresh_token&client_id=…&client_secret=…&refresh_token=…`
pub async fn oauth_token(
    State(shared): Portal,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| query.get(name).map(String::as_str).unwrap_or_default();
    if field("grant_type") != "refresh_token" {
        return reply(Reply::error(
            400,
            "invalid_request",
            "unsupported grant_type",
        ));
    }
    if field("client_id") != CLIENT_ID || field("client_secret") != CLIENT_SECRET {
        return reply(Reply::error(401, "invalid_client", "invalid client"));
    }
    let delay = shared.config.refresh_delay;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let renewed = shared.lock().tokens.renew(field("refresh_token"));
    let Some((access, refresh)) = renewed else {
        return reply(Reply::error(400, "invalid_grant", "Invalid refresh token"));
    };
    let now = (shared.config.unix_clock)();
    reply(Reply::json(
        200,
        json!({
            "access_token": access,
            "refresh_token": refresh,
            "client_endpoint": "http://127.0.0.1/rest/",
            "domain": "oauth.bitrix24.tech",
            "expires": now as i64 + 3600,
            "expires_in": 3600,
            "member_id": "a223c6b3710f85df22e9377d6c4f7553",
            "scope": "crm,user",
            "server_endpoint": "https://oauth.bitrix24.tech/rest/",
            "status": "L",
            "user_id": 1,
        }),
    ))
}
