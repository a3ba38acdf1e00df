//! REST 3.0 endpoints (`/rest/api/…`), as `api-reference/rest-v3.md` describes them:
//!
//! - JSON bodies only (`INVALIDJSONEXCEPTION` otherwise); replies `{"result": {…}, "time"}`
//!   or 4xx `{"error": {"code", "message", "validation"?}}`;
//! - a generic entity store per method family: `X.add` (`fields`) → `{"item"}`, `X.get`
//!   (`id`, `select`) → `{"item"}`, `X.update` (`id`, `fields`) → `{"item"}` (`{"result":
//!   true}` for `tasks.*`, as `tasks.task.update` documents), `X.delete`
//!   (`id`) → `{"result": true}`, `X.list` (`filter`, `select`, `order`, `pagination`) →
//!   `{"items"}`, `X.tail` (`cursor`) → `{"items"}`; missing parameters are validation
//!   errors naming the field;
//! - each list's documented paging: `{page, limit}` for most, `{limit, afterCursor}` with the
//!   next cursor in the reply (`call.followup.list`, `note.collection.list`), the first page
//!   only (`note.document.search.list`), `cursor: {field, order, value, limit}` for tails;
//! - the filter language: `[field, op, value]`, `[field, [values]]`, `{"logic", "conditions"}`;
//!   an unknown operator or field is refused like the portal does;
//! - `Idempotency-Key`: validated; the successful reply is stored per (method, key) and
//!   returned again with `Idempotent-Replayed: true` for the same body; another body is 422;
//!   errors are not stored;
//! - `batch`: a JSON array of `{"method", "query"}` run in order; the classic `cmd` object is
//!   refused with `INVALIDSELECTEXCEPTION`.

use std::collections::HashMap;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::{Reply, Shared};

const PREFIX: &str = "BITRIX_REST_V3_EXCEPTION_";

/// The v3 part of the portal's state.
#[derive(Debug, Default)]
pub(crate) struct Store {
    /// Entities by family (`tasks.task`), in id order.
    entities: HashMap<String, Vec<Map<String, Value>>>,
    next_id: u64,
    /// Stored successful replies by (method, key): the request body and the reply body.
    idempotent: HashMap<(String, String), (Value, String)>,
    /// How many times each method actually ran (replays excluded).
    pub executions: HashMap<String, usize>,
}

impl Store {
    pub fn items(&self, family: &str) -> Vec<Value> {
        self.entities
            .get(family)
            .map(|items| items.iter().cloned().map(Value::Object).collect())
            .unwrap_or_default()
    }
}

/// A v3 failure.
#[derive(Debug)]
pub(crate) struct Failure {
    status: u16,
    code: String,
    message: String,
    validation: Vec<(String, String)>,
}

impl Failure {
    fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: format!("{PREFIX}{code}"),
            message: message.into(),
            validation: Vec::new(),
        }
    }

    fn validation(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            validation: vec![(field.to_owned(), message)],
            ..Self::new(
                400,
                "VALIDATION_REQUESTVALIDATIONEXCEPTION",
                "Ошибка при валидации объекта запроса",
            )
        }
    }

    fn body(&self) -> Value {
        let mut error = json!({"code": self.code, "message": self.message});
        if !self.validation.is_empty() {
            error["validation"] = self
                .validation
                .iter()
                .map(|(field, message)| json!({"field": field, "message": message}))
                .collect();
        }
        json!({ "error": error })
    }
}

/// Serves one `/rest/api/…` request (auth already checked). `after` is what to do with the
/// reply once the method ran: send it, or cut the connection.
pub(crate) fn serve(
    shared: &Shared,
    method: &str,
    headers: &HeaderMap,
    body: &Bytes,
    disconnect: bool,
) -> Response {
    let time = crate::handler::time_block(shared);
    let key = headers
        .get("idempotency-key")
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let parsed: Result<Value, _> = if body.iter().all(u8::is_ascii_whitespace) {
        Ok(Value::Object(Map::new()))
    } else {
        serde_json::from_slice(body)
    };
    let result = match parsed {
        Err(_) => Err(Failure::new(
            400,
            "INVALIDJSONEXCEPTION",
            "Тело запроса не является корректным JSON",
        )),
        Ok(params) => run_keyed(shared, method, key.as_deref(), strip_auth(params)),
    };
    let (status, text, replayed) = match result {
        Ok((text, replayed)) => (200, text, replayed),
        Err(failure) => (failure.status, failure.body().to_string(), false),
    };
    let text = if status == 200 && !replayed {
        // The stored text has no `time`: each reply gets its own.
        add_time(&text, time)
    } else {
        text
    };
    let mut response = if disconnect {
        cut(status, text)
    } else {
        crate::handler::reply(Reply::raw(status, "application/json", &text))
    };
    if let Some(key) = key.and_then(|k| HeaderValue::from_str(&k).ok()) {
        response.headers_mut().insert("idempotency-key", key);
        if replayed {
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
        }
    }
    response
}

fn add_time(text: &str, time: Value) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut body)) if !body.contains_key("time") => {
            body.insert("time".to_owned(), time);
            Value::Object(body).to_string()
        }
        _ => text.to_owned(),
    }
}

/// A reply whose headers promise the whole body but whose connection breaks halfway: the
/// method ran, the client never learns the outcome.
pub(crate) fn cut(status: u16, text: String) -> Response {
    let half = text.len() / 2;
    let first = Bytes::from(text.into_bytes()).slice(..half);
    let full_len = first.len() * 2 + 1;
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(first),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection dropped by the fake portal",
        )),
    ];
    let body = Body::from_stream(futures_util::stream::iter(chunks));
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_LENGTH, full_len.to_string()),
        ],
        body,
    )
        .into_response()
}

/// The OAuth token is not a parameter (and differs between retries of one call).
fn strip_auth(mut params: Value) -> Value {
    if let Value::Object(map) = &mut params {
        map.remove("auth");
    }
    params
}

/// Runs a call with its idempotency key: `(reply text, replayed)`.
fn run_keyed(
    shared: &Shared,
    method: &str,
    key: Option<&str>,
    params: Value,
) -> Result<(String, bool), Failure> {
    let Some(key) = key else {
        return run(shared, method, &params).map(|result| (result.to_string(), false));
    };
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        return Err(Failure::new(
            400,
            "INVALIDIDEMPOTENCYKEYEXCEPTION",
            "Значение ключа не подходит по длине или содержит недопустимые символы",
        ));
    }
    let slot = (method.to_owned(), key.to_owned());
    if let Some((stored_params, stored_reply)) = shared.lock().v3.idempotent.get(&slot) {
        if *stored_params != params {
            return Err(Failure::new(
                422,
                "IDEMPOTENCYKEYREUSEDEXCEPTION",
                "Ключ уже использовался с другим телом запроса",
            ));
        }
        return Ok((stored_reply.clone(), true));
    }
    let result = run(shared, method, &params)?;
    let text = result.to_string();
    shared
        .lock()
        .v3
        .idempotent
        .insert(slot, (params, text.clone()));
    Ok((text, false))
}

/// Runs one method: the whole success body (`{"result": …}`) or a failure.
fn run(shared: &Shared, method: &str, params: &Value) -> Result<Value, Failure> {
    if let Some(reply) = shared.lock().replies.get(method).cloned() {
        return scripted(reply);
    }
    if method == "batch" {
        return batch(shared, params);
    }
    let Some((family, action)) = method.rsplit_once('.') else {
        return Err(not_found(method));
    };
    let result = {
        let mut state = shared.lock();
        let store = &mut state.v3;
        let outcome = match action {
            "add" => add(store, family, params),
            "get" => get(store, family, params),
            "update" => update(store, family, params),
            "delete" => delete(store, family, params),
            "list" => list(store, family, method, params),
            "tail" => tail(store, family, params),
            _ => return Err(not_found(method)),
        }?;
        *store.executions.entry(method.to_owned()).or_default() += 1;
        outcome
    };
    Ok(json!({ "result": result }))
}

fn scripted(reply: Reply) -> Result<Value, Failure> {
    let body: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
    if reply.status == 200 {
        return Ok(body);
    }
    let error = body.get("error").cloned().unwrap_or_default();
    let text = |value: &Value, key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let validation = error
        .get("validation")
        .and_then(Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .map(|e| (text(e, "field"), text(e, "message")))
                .collect()
        })
        .unwrap_or_default();
    Err(Failure {
        status: reply.status,
        code: text(&error, "code"),
        message: text(&error, "message"),
        validation,
    })
}

fn not_found(method: &str) -> Failure {
    Failure {
        status: 404,
        code: "ERROR_METHOD_NOT_FOUND".to_owned(),
        message: format!("Method '{method}' not found"),
        validation: Vec::new(),
    }
}

fn batch(shared: &Shared, params: &Value) -> Result<Value, Failure> {
    let Value::Array(calls) = params else {
        // The classic `{"cmd": {…}}` form.
        return Err(Failure::new(
            400,
            "INVALIDSELECTEXCEPTION",
            "Тело batch должно быть массивом вызовов",
        ));
    };
    let mut results = Vec::with_capacity(calls.len());
    for (index, call) in calls.iter().enumerate() {
        let Some(method) = call.get("method").and_then(Value::as_str) else {
            return Err(Failure::validation(
                &format!("{index}.method"),
                "Обязательное поле `method` не указано",
            ));
        };
        if method == "batch" {
            return Err(Failure::validation(
                &format!("{index}.method"),
                "batch не может быть вложен",
            ));
        }
        let query = call.get("query").cloned().unwrap_or(json!({}));
        match run(shared, method, &query) {
            Ok(mut body) => {
                results.push(body.get_mut("result").map(Value::take).unwrap_or_default())
            }
            Err(failure) => results.push(failure.body()),
        }
    }
    Ok(json!({ "result": results }))
}

fn required<'a>(params: &'a Value, field: &str) -> Result<&'a Value, Failure> {
    params.get(field).filter(|v| !v.is_null()).ok_or_else(|| {
        Failure::validation(field, format!("Обязательное поле `{field}` не указано"))
    })
}

fn id_of(params: &Value) -> Result<u64, Failure> {
    let id = required(params, "id")?;
    id.as_u64()
        .or_else(|| id.as_str().and_then(|s| s.parse().ok()))
        .ok_or_else(|| Failure::validation("id", "Поле `id` должно быть целым числом"))
}

fn fields_of(params: &Value) -> Result<&Map<String, Value>, Failure> {
    required(params, "fields")?
        .as_object()
        .ok_or_else(|| Failure::validation("fields", "Поле `fields` должно быть объектом"))
}

fn find<'a>(
    store: &'a mut Store,
    family: &str,
    id: u64,
) -> Result<&'a mut Map<String, Value>, Failure> {
    store
        .entities
        .get_mut(family)
        .and_then(|items| {
            items
                .iter_mut()
                .find(|item| item.get("id") == Some(&json!(id)))
        })
        .ok_or_else(|| {
            Failure::new(
                400,
                "ENTITYNOTFOUNDEXCEPTION",
                format!("Объект с идентификатором {id} не найден"),
            )
        })
}

fn add(store: &mut Store, family: &str, params: &Value) -> Result<Value, Failure> {
    let fields = fields_of(params)?;
    store.next_id += 1;
    let mut item = Map::new();
    item.insert("id".to_owned(), json!(store.next_id));
    for (key, value) in fields {
        if key != "id" {
            item.insert(key.clone(), value.clone());
        }
    }
    store
        .entities
        .entry(family.to_owned())
        .or_default()
        .push(item.clone());
    Ok(json!({ "item": item }))
}

fn get(store: &mut Store, family: &str, params: &Value) -> Result<Value, Failure> {
    let id = id_of(params)?;
    let item = find(store, family, id)?.clone();
    Ok(json!({ "item": select(&item, params.get("select"))? }))
}

fn update(store: &mut Store, family: &str, params: &Value) -> Result<Value, Failure> {
    let id = id_of(params)?;
    let fields = fields_of(params)?.clone();
    let item = find(store, family, id)?;
    for (key, value) in fields {
        if key != "id" {
            item.insert(key, value);
        }
    }
    // `tasks.task.update` answers `{"result": true}`; `tasks.task.result.update` and the
    // `note.*` updates answer the item: each as its page shows.
    if family == "tasks.task" {
        return Ok(json!({ "result": true }));
    }
    Ok(json!({ "item": item.clone() }))
}

fn delete(store: &mut Store, family: &str, params: &Value) -> Result<Value, Failure> {
    let id = id_of(params)?;
    find(store, family, id)?;
    if let Some(items) = store.entities.get_mut(family) {
        items.retain(|item| item.get("id") != Some(&json!(id)));
    }
    Ok(json!({ "result": true }))
}

/// How a list pages, as its page documents it. Most take `pagination: {page, limit}`;
/// these do not, and the client has to follow each.
#[derive(Debug, Clone, Copy)]
enum Scheme {
    /// `pagination: {page, limit}` or `{offset, limit}`.
    Pages,
    /// `pagination: {limit, afterCursor}`; the reply carries the next cursor under `key`
    /// (`null` on the last page), with `hasMore` where the page shows it. The cursor holds
    /// the last item's `fields`.
    Cursor {
        key: &'static str,
        has_more: bool,
        fields: &'static [&'static str],
    },
    /// `pagination: {limit}` and only the first page (`hasMore` says whether more matched).
    FirstPage,
}

fn scheme(method: &str) -> Scheme {
    match method {
        // telephony/follow-up/call-followup-list.md
        "call.followup.list" => Scheme::Cursor {
            key: "afterCursor",
            has_more: true,
            fields: &["startDate", "id"],
        },
        // note/collection/note-collection-list.md
        "note.collection.list" => Scheme::Cursor {
            key: "nextCursor",
            has_more: false,
            fields: &["position", "id"],
        },
        // note/document/note-document-search-list.md
        "note.document.search.list" => Scheme::FirstPage,
        _ => Scheme::Pages,
    }
}

/// The family's items that pass `filter`, sorted by `order`.
fn matching(
    store: &Store,
    family: &str,
    params: &Value,
) -> Result<Vec<Map<String, Value>>, Failure> {
    let items = store.entities.get(family).cloned().unwrap_or_default();
    let known: Vec<String> = std::iter::once("id".to_owned())
        .chain(items.iter().flat_map(|item| item.keys().cloned()))
        .collect();
    let filter = params.get("filter").cloned().unwrap_or(json!([]));
    let mut matched = Vec::new();
    for item in &items {
        let holds = match &filter {
            Value::Array(conditions) => all(conditions, item, &known)?,
            // `call.followup.list` filters with an object: `{field: value}` or
            // `{field: {from, to}}` (a range, both ends included).
            Value::Object(fields) => fields.iter().all(|(field, wanted)| {
                let actual = item.get(field);
                match (wanted.get("from"), wanted.get("to")) {
                    (Some(from), Some(to)) => {
                        compare(actual, Some(from)).is_ge() && compare(actual, Some(to)).is_le()
                    }
                    _ => compare(actual, Some(wanted)).is_eq(),
                }
            }),
            _ => return Err(Failure::validation("filter", "Фильтр должен быть массивом")),
        };
        if holds {
            matched.push(item.clone());
        }
    }
    if let Some(Value::Object(order)) = params.get("order") {
        for (field, direction) in order.iter().rev() {
            let descending = direction
                .as_str()
                .is_some_and(|d| d.eq_ignore_ascii_case("desc"));
            sort(&mut matched, field, descending);
        }
    }
    Ok(matched)
}

fn selected(items: Vec<Map<String, Value>>, params: &Value) -> Result<Vec<Value>, Failure> {
    items
        .iter()
        .map(|item| select(item, params.get("select")))
        .collect()
}

fn list(store: &mut Store, family: &str, method: &str, params: &Value) -> Result<Value, Failure> {
    let matched = matching(store, family, params)?;
    let pagination = params.get("pagination");
    match scheme(method) {
        Scheme::Pages => {
            let (offset, limit) = self::pagination(pagination)?;
            let page = matched.into_iter().skip(offset).take(limit).collect();
            Ok(json!({ "items": selected(page, params)? }))
        }
        Scheme::FirstPage => {
            let limit = cursor_limit(pagination, false)?;
            let has_more = matched.len() > limit;
            let page = matched.into_iter().take(limit).collect();
            Ok(json!({ "items": selected(page, params)?, "hasMore": has_more }))
        }
        Scheme::Cursor {
            key,
            has_more,
            fields,
        } => {
            let limit = cursor_limit(pagination, true)?;
            let after = pagination.and_then(|p| p.get("afterCursor"));
            let start = match after {
                None | Some(Value::Null) => 0,
                Some(cursor) => {
                    let id = fields
                        .iter()
                        .map(|field| cursor.get(*field).filter(|v| !v.is_null()))
                        .collect::<Option<Vec<_>>>()
                        .and_then(|_| cursor.get("id"))
                        .ok_or_else(|| {
                            Failure::validation(
                                "pagination.afterCursor",
                                format!("Курсор должен содержать поля {}", fields.join(", ")),
                            )
                        })?;
                    matched
                        .iter()
                        .position(|item| compare(item.get("id"), Some(id)).is_eq())
                        .map_or(matched.len(), |at| at + 1)
                }
            };
            let rest = matched.len().saturating_sub(start);
            let page: Vec<_> = matched.into_iter().skip(start).take(limit).collect();
            let more = rest > page.len();
            let cursor = match page.last() {
                Some(last) if more => Value::Object(
                    fields
                        .iter()
                        .map(|f| ((*f).to_owned(), last.get(*f).cloned().unwrap_or_default()))
                        .collect(),
                ),
                _ => Value::Null,
            };
            let mut reply = json!({ "items": selected(page, params)? });
            if has_more {
                reply["hasMore"] = json!(more);
            }
            reply[key] = cursor;
            Ok(reply)
        }
    }
}

/// `limit` of a cursor or first-page list (`1..=200`, default 50); `page` and `offset`
/// have no place there. `cursor`: whether `afterCursor` may be given.
fn cursor_limit(pagination: Option<&Value>, cursor: bool) -> Result<usize, Failure> {
    let Some(pagination) = pagination else {
        return Ok(50);
    };
    let invalid = || bad_pagination(pagination);
    let allowed: &[&str] = if cursor {
        &["limit", "afterCursor"]
    } else {
        &["limit"]
    };
    let Value::Object(keys) = pagination else {
        return Err(invalid());
    };
    if keys.keys().any(|k| !allowed.contains(&k.as_str())) {
        return Err(invalid());
    }
    match keys.get("limit") {
        None | Some(Value::Null) => Ok(50),
        Some(v) => match v.as_u64() {
            Some(n @ 1..=200) => Ok(n as usize),
            _ => Err(invalid()),
        },
    }
}

/// `X.tail` (`main.eventlog.tail`): the items after `cursor.value` in `cursor.field`
/// (`id`, ascending unless `order` is `DESC`), `cursor.limit` of them (default 50).
fn tail(store: &mut Store, family: &str, params: &Value) -> Result<Value, Failure> {
    let mut matched = matching(store, family, params)?;
    let cursor = params.get("cursor").cloned().unwrap_or(json!({}));
    let field = cursor.get("field").and_then(Value::as_str).unwrap_or("id");
    let descending = cursor
        .get("order")
        .and_then(Value::as_str)
        .is_some_and(|o| o.eq_ignore_ascii_case("desc"));
    let value = cursor.get("value").cloned().unwrap_or(json!(0));
    let limit = match cursor.get("limit") {
        None | Some(Value::Null) => 50,
        Some(v) => v
            .as_u64()
            .filter(|n| *n > 0)
            .ok_or_else(|| bad_pagination(&cursor))? as usize,
    };
    sort(&mut matched, field, descending);
    let page = matched
        .into_iter()
        .filter(|item| {
            let ordering = compare(item.get(field), Some(&value));
            if descending {
                ordering.is_lt()
            } else {
                ordering.is_gt()
            }
        })
        .take(limit)
        .collect();
    Ok(json!({ "items": selected(page, params)? }))
}

/// `(offset, limit)`: `page` and `limit` give the offset when both are there.
fn pagination(value: Option<&Value>) -> Result<(usize, usize), Failure> {
    let Some(value) = value else {
        return Ok((0, 50));
    };
    let invalid = || bad_pagination(value);
    let number = |key: &str| -> Result<Option<usize>, Failure> {
        match value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(|n| Some(n as usize)).ok_or_else(invalid),
        }
    };
    let limit = number("limit")?.unwrap_or(50);
    if limit == 0 {
        return Err(invalid());
    }
    let offset = match (number("page")?, number("offset")?) {
        (Some(page), _) => page.saturating_sub(1) * limit,
        (None, Some(offset)) => offset,
        (None, None) => 0,
    };
    Ok((offset, limit))
}

/// Stable: sorting by each `order` field from the last one leaves the first one deciding.
fn sort(items: &mut [Map<String, Value>], field: &str, descending: bool) {
    items.sort_by(|a, b| {
        let ordering = compare(a.get(field), b.get(field));
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
}

fn unknown_field(message: String) -> Failure {
    Failure::new(400, "UNKNOWNDTOPROPERTYEXCEPTION", message)
}

fn bad_pagination(pagination: &Value) -> Failure {
    Failure::new(
        400,
        "INVALIDPAGINATIONEXCEPTION",
        format!("Не удается распознать параметр пагинации `{pagination}`"),
    )
}

/// Every condition holds (AND).
fn all(conditions: &[Value], item: &Map<String, Value>, known: &[String]) -> Result<bool, Failure> {
    for condition in conditions {
        if !holds(condition, item, known)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn holds(condition: &Value, item: &Map<String, Value>, known: &[String]) -> Result<bool, Failure> {
    let bad = || {
        Failure::new(
            400,
            "INVALIDFILTEREXCEPTION",
            format!("Не удается распознать выражение фильтра `{condition}`"),
        )
    };
    match condition {
        Value::Object(group) => {
            let conditions = group
                .get("conditions")
                .and_then(Value::as_array)
                .ok_or_else(bad)?;
            let or = group
                .get("logic")
                .and_then(Value::as_str)
                .is_some_and(|l| l.eq_ignore_ascii_case("or"));
            if !or {
                return all(conditions, item, known);
            }
            for inner in conditions {
                if holds(inner, item, known)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Array(parts) => {
            let (field, op, value) = match parts.as_slice() {
                [field, values @ Value::Array(_)] => (field, "in", values),
                [field, Value::String(op), value] => (field, op.as_str(), value),
                _ => return Err(bad()),
            };
            let field = field.as_str().ok_or_else(bad)?;
            if !known.iter().any(|k| k == field) {
                return Err(unknown_field(format!("Неизвестное поле `{field}`")));
            }
            let actual = item.get(field);
            let cmp = |v: &Value| compare(actual, Some(v));
            use std::cmp::Ordering::*;
            Ok(match op {
                "=" => cmp(value) == Equal,
                "!=" => cmp(value) != Equal,
                ">" => cmp(value) == Greater,
                ">=" => cmp(value) != Less,
                "<" => cmp(value) == Less,
                "<=" => cmp(value) != Greater,
                "in" => value
                    .as_array()
                    .ok_or_else(bad)?
                    .iter()
                    .any(|v| cmp(v) == Equal),
                "between" => match value.as_array().map(Vec::as_slice) {
                    Some([from, to]) => cmp(from) != Less && cmp(to) != Greater,
                    _ => return Err(bad()),
                },
                other => {
                    return Err(Failure::new(
                        400,
                        "UNKNOWNFILTEROPERATOREXCEPTION",
                        format!("Неизвестный оператор `{other}`"),
                    ));
                }
            })
        }
        _ => Err(bad()),
    }
}

/// Numbers by value, everything else by its text.
fn compare(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    let number = |v: Option<&Value>| {
        v.and_then(|v| {
            v.as_f64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
    };
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => {
            let text = |v: Option<&Value>| match v {
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            text(a).cmp(&text(b))
        }
    }
}

/// Applies `select`: top-level fields (an unknown one is dropped, as the portal does) and
/// relation paths `relation.field` (the relation must be an object field of the item).
fn select(item: &Map<String, Value>, select: Option<&Value>) -> Result<Value, Failure> {
    let Some(Value::Array(paths)) = select else {
        return Ok(Value::Object(item.clone()));
    };
    let mut out = Map::new();
    for path in paths.iter().filter_map(Value::as_str) {
        match path.split_once('.') {
            None => {
                if let Some(value) = item.get(path) {
                    out.insert(path.to_owned(), value.clone());
                }
            }
            Some((relation, field)) => {
                let Some(Value::Object(related)) = item.get(relation) else {
                    return Err(unknown_field(format!("Неизвестное поле `{relation}`")));
                };
                let Some(value) = related.get(field) else {
                    return Err(unknown_field(format!(
                        "Неизвестное поле `{field}` для сущности `{relation}`"
                    )));
                };
                let entry = out
                    .entry(relation.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(entry) = entry {
                    entry.insert(field.to_owned(), value.clone());
                }
            }
        }
    }
    Ok(Value::Object(out))
}
