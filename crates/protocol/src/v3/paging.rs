//! REST 3.0 lists do not share one paging scheme: each list page documents its own, and
//! [`Paging`] names the four the 2026-08 docs use. [`PageWalk`] computes the request of
//! each page in any of them and reads where the next one starts, keeping the caller's other
//! parameters (filter, select, order) as given, so a generated list method is read the same
//! way whatever its scheme. Sending the requests is the transport's loop (`b24-runtime`'s
//! `Client::list_v3` and `Client::stream`).

use serde_json::Value;

use crate::ordered::Node;
use crate::{Api, Error, ListMethod};

/// The page size used when the caller does not choose one: the smallest documented
/// maximum (200), so that every v3 list accepts it.
pub const DEFAULT_LIMIT: u32 = 200;

/// How a REST 3.0 list pages, as its page documents it. Generated list methods declare it
/// as [`ListMethod::V3_PAGING`](crate::ListMethod::V3_PAGING).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `pagination: {page, limit}` (`tasks.task.list`, `main.eventlog.list`, …). There is no
    /// `total`/`next`: a page shorter than `limit` is the last.
    Pages,
    /// `pagination: {limit, afterCursor}`: the reply's `cursor` key holds the cursor of the
    /// next page, sent back whole as `pagination.afterCursor`; a missing or `null` cursor,
    /// or `hasMore: false`, ends the list (`call.followup.list` answers `afterCursor`,
    /// `note.collection.list` answers `nextCursor`). The server may lower `limit`
    /// (`call.followup.list` caps heavy selects at 20), so page length decides nothing.
    AfterCursor {
        /// The reply key with the next cursor.
        cursor: &'static str,
    },
    /// `pagination: {limit}` with no way to a second page (`note.document.search.list`: its
    /// `hasMore` says more matched, but only the first page can be read).
    FirstPage,
    /// `cursor: {field, order, value, limit}` (`main.eventlog.tail`): each request starts
    /// after the last item's `field` value (`id` unless the request names another); a page
    /// shorter than `limit` is the last.
    Tail,
}

/// Where the walk is.
#[derive(Debug, Clone)]
enum Position {
    /// The next page number (`Paging::Pages`).
    Page(u32),
    /// The cursor for the next request, `None` on the first (`Paging::AfterCursor`).
    After(Option<Node>),
    /// The request's `cursor` object, its `value` moved on after each page (`Paging::Tail`).
    Tail(Vec<(String, Node)>),
    /// `Paging::FirstPage` before its only request.
    First,
}

/// The walk through a REST 3.0 list, one request per page: [`request`](Self::request) gives
/// the parameters of the current page, [`take_page`](Self::take_page) reads its reply and
/// moves on, [`is_done`](Self::is_done) says when the last page was read.
#[derive(Debug, Clone)]
pub struct PageWalk {
    method: &'static str,
    params: Vec<(String, Node)>,
    limit: u32,
    paging: Paging,
    position: Position,
    /// Items read so far (for the index in decode errors).
    seen: usize,
    done: bool,
}

impl PageWalk {
    /// The walk of a typed REST 3.0 list request, `limit` items per page
    /// ([`DEFAULT_LIMIT`] when `None`), after the checks that need no portal
    /// ([`check_before_sending`](crate::method::check_before_sending)). The paging parameter
    /// in the request (`pagination` or `cursor`) is where the walk starts: a cursor given
    /// there is kept for the first page, its `limit` replaced.
    pub fn for_request<M: ListMethod>(request: &M, limit: Option<u32>) -> Result<Self, Error> {
        if M::API != Api::RestV3 {
            return Err(Error::InvalidConfig(format!(
                "{}: a classic list pages with start/next (Client::list)",
                M::NAME
            )));
        }
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 {
            return Err(Error::InvalidConfig(format!(
                "{}: the page limit must be at least 1",
                M::NAME
            )));
        }
        crate::method::check_before_sending(request)?;
        Self::start(M::NAME, M::V3_PAGING, request, limit)
    }

    /// The walk for `Client::stream` of a REST 3.0 [`ListMethod`]: pages of `M::PAGE_SIZE`.
    pub fn for_stream<M: ListMethod>(request: &M) -> Result<Self, Error> {
        let limit = u32::try_from(M::PAGE_SIZE).unwrap_or(DEFAULT_LIMIT).max(1);
        crate::method::check_before_sending(request)?;
        Self::start(M::NAME, M::V3_PAGING, request, limit)
    }

    fn start(
        method: &'static str,
        paging: Paging,
        request: &impl serde::Serialize,
        limit: u32,
    ) -> Result<Self, Error> {
        let params = crate::List::with_params(method, request)?.params;
        let position = match paging {
            Paging::Pages => Position::Page(1),
            Paging::AfterCursor { .. } => Position::After(
                Node::get(&object_at(&params, "pagination"), "afterCursor")
                    .filter(|cursor| **cursor != Node::Null)
                    .cloned(),
            ),
            Paging::FirstPage => Position::First,
            Paging::Tail => Position::Tail(object_at(&params, "cursor")),
        };
        Ok(Self {
            method,
            params,
            limit,
            paging,
            position,
            seen: 0,
            done: false,
        })
    }

    /// The method's name.
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// Whether the last page was read.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The parameters of the current page's request.
    pub fn request(&self) -> Node {
        let mut params = self.params.clone();
        let limit = Node::from(Value::from(self.limit));
        let (key, value) = match &self.position {
            Position::Page(page) => (
                "pagination",
                vec![
                    ("page".to_owned(), Node::from(Value::from(*page))),
                    ("limit".to_owned(), limit),
                ],
            ),
            Position::First => ("pagination", vec![("limit".to_owned(), limit)]),
            Position::After(cursor) => {
                let mut pagination = vec![("limit".to_owned(), limit)];
                if let Some(cursor) = cursor {
                    pagination.push(("afterCursor".to_owned(), cursor.clone()));
                }
                ("pagination", pagination)
            }
            Position::Tail(cursor) => {
                let mut cursor = cursor.clone();
                Node::set(&mut cursor, "limit", limit);
                ("cursor", cursor)
            }
        };
        Node::set(&mut params, key, Node::Object(value));
        Node::Object(params)
    }

    /// Reads the current page's `result`: its items, decoded, and the position of the next
    /// page (or the end).
    pub fn take_page<T: serde::de::DeserializeOwned>(
        &mut self,
        mut result: Value,
    ) -> Result<Vec<T>, Error> {
        let items = match result.get_mut("items").map(Value::take) {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) => Vec::new(),
            Some(other) => {
                return Err(Error::Decode {
                    method: self.method.to_owned(),
                    path: "result.items".to_owned(),
                    body: other.to_string(),
                    source: serde::de::Error::custom("expected an array of items"),
                });
            }
        };
        self.advance(&result, &items)?;
        let offset = self.seen;
        self.seen += items.len();
        crate::paging::decode_items(self.method, items, offset)
    }

    /// Moves to the next page from this page's reply, or marks the walk done.
    fn advance(&mut self, result: &Value, items: &[Value]) -> Result<(), Error> {
        let short = items.len() < self.limit as usize;
        let more = result.get("hasMore").and_then(Value::as_bool);
        match &mut self.position {
            Position::Page(page) => {
                self.done = short;
                *page += 1;
            }
            Position::First => self.done = true,
            Position::After(cursor) => {
                let Paging::AfterCursor { cursor: key } = self.paging else {
                    return Ok(());
                };
                let next = result.get(key).filter(|c| !c.is_null()).cloned();
                self.done = more == Some(false) || next.is_none() || items.is_empty();
                *cursor = next.map(Node::from);
            }
            Position::Tail(cursor) => {
                self.done = short || items.is_empty();
                if self.done {
                    return Ok(());
                }
                let field = match Node::get(cursor, "field") {
                    Some(Node::String(field)) => field.clone(),
                    _ => "id".to_owned(),
                };
                let Some(value) = items.last().and_then(|item| item.get(&field)) else {
                    return Err(Error::InvalidParams {
                        method: self.method.to_owned(),
                        reason: format!(
                            "the items have no `{field}`, the cursor field: add it to `select` \
                             to read past the first page"
                        ),
                    });
                };
                Node::set(cursor, "value", Node::from(value.clone()));
            }
        }
        Ok(())
    }
}

/// The entries of the object under `key`, or none.
fn object_at(params: &[(String, Node)], key: &str) -> Vec<(String, Node)> {
    match Node::get(params, key) {
        Some(Node::Object(entries)) => entries.clone(),
        _ => Vec::new(),
    }
}
