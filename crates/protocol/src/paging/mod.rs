//! Reading whole lists, without sending anything: which request comes next and what its
//! reply means. A transport runs the loop ([`Walk`]); `b24-runtime` turns it into streams:
//!
//! - [`OffsetWalk`] follows `start`/`next` page by page (50 items per request, and the
//!   portal counts `total` each time), or, batched, chains 50 `start` pages per `batch`
//!   once the first page has told the `total` (`Client::list`, `Client::stream`);
//! - [`ByIdWalk`] is the fast mode for large lists (`performance/huge-data.md`): order by
//!   ID ascending, filter `>ID`, `start=-1` (no counting), and chain 50 pages per `batch`
//!   request through `$result` references: about 2,500 items per HTTP request
//!   (`Client::list_by_id`, `Client::stream_by_id`).
//!
//! A typed [`ListMethod`] request is checked before anything is sent
//! ([`List::for_stream`], [`List::for_stream_by_id`]). Both walks hold one request's
//! worth of items and stop with [`Error::Cursor`] when the cursor does not move forward.

mod by_id;
mod check;
mod list_method;
mod offset;

pub use by_id::ByIdWalk;
pub use list_method::ListMethod;
pub use offset::OffsetWalk;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::batch::{Batch, BatchResponse};
use crate::error::encode_failed;
use crate::ordered::Node;
use crate::{Api, Error, Method, Response};

/// The next HTTP request of a list walk.
#[derive(Debug)]
pub enum PageRequest {
    /// One call of the list method with these parameters; its reply goes to
    /// [`Walk::take_call`].
    Call(Node),
    /// A `batch` of pages; its reply goes to [`Walk::take_batch`].
    Batch(Batch),
}

/// A list walk with its transport left out: the loop asks for the
/// [`next_request`](Walk::next_request), sends it, and hands the reply (or the transport's
/// error) back, receiving the items it held.
pub trait Walk {
    /// The list method's name.
    fn method(&self) -> &str;

    /// The next request, `None` when the list is done, or the error that ends it (one met
    /// after items already delivered comes here, after them).
    fn next_request(&mut self) -> Result<Option<PageRequest>, Error>;

    /// The reply of a [`PageRequest::Call`]: its items, decoded.
    fn take_call<T: DeserializeOwned>(
        &mut self,
        reply: Result<Response<Value>, Error>,
    ) -> Result<Vec<T>, Error>;

    /// The reply of a [`PageRequest::Batch`]: the items of its pages, decoded.
    fn take_batch<T: DeserializeOwned>(
        &mut self,
        reply: Result<BatchResponse, Error>,
    ) -> Result<Vec<T>, Error>;
}

/// Items per page the portal returns (and the fast mode treats as a full page).
pub const PAGE_SIZE: usize = 50;

/// A list method and its parameters.
#[derive(Debug, Clone)]
pub struct List {
    pub(crate) method: String,
    /// Top-level parameters in the order given (key order matters in `order`).
    pub(crate) params: Vec<(String, Node)>,
    pub(crate) items_key: Option<String>,
    pub(crate) id_field: String,
    pub(crate) page_size: usize,
    /// The by-ID walk goes from the greatest ID down (`order: {ID: DESC}`, `<ID`).
    pub(crate) descending: bool,
    /// Documented field names to check `select`/`filter`/`order` against.
    pub(crate) fields: Option<&'static [&'static str]>,
    /// The prefix of custom fields, accepted besides `fields`.
    pub(crate) user_fields: Option<&'static str>,
    /// Documented families of field names (`PARENT_ID_*`), accepted besides `fields`.
    pub(crate) field_patterns: &'static [&'static str],
    /// The pages came as maps keyed by id (`{"templates": {"57": {…}}}`): no item has an
    /// index a `$result` reference could name.
    pub(crate) keyed: bool,
}

impl List {
    pub fn new(method: impl Into<String>) -> Self {
        Self {
            method: method.into(),
            params: Vec::new(),
            items_key: None,
            id_field: "ID".to_owned(),
            page_size: PAGE_SIZE,
            descending: false,
            fields: None,
            user_fields: None,
            field_patterns: &[],
            keyed: false,
        }
    }

    /// A list call from a generated list request: its parameters in the order it
    /// serializes them, with the items key, ID field, page size and documented fields the
    /// method declares.
    pub fn from_list_method<M: ListMethod>(request: &M) -> Result<Self, Error> {
        let mut list = Self::from_method(request)?;
        list.items_key = M::ITEMS_KEY.map(str::to_owned);
        list.id_field = M::ID_FIELD.to_owned();
        list.page_size = M::PAGE_SIZE.max(1);
        list.fields = M::FIELDS;
        list.user_fields = M::USER_FIELDS;
        list.field_patterns = M::FIELD_PATTERNS;
        Ok(list)
    }

    /// A list call with parameters given as any serializable object.
    pub fn with_params(
        method: impl Into<String>,
        params: &(impl Serialize + ?Sized),
    ) -> Result<Self, Error> {
        let method = method.into();
        let value = Node::from_serialize(params).map_err(encode_failed(&method))?;
        let params = match value {
            Node::Object(entries) => entries,
            Node::Null => Vec::new(),
            _ => {
                return Err(Error::InvalidConfig(format!(
                    "{method}: list parameters must be an object"
                )));
            }
        };
        Ok(Self {
            params,
            ..Self::new(method)
        })
    }

    /// A list call from a typed (generated) request.
    pub fn from_method<M: Method>(request: &M) -> Result<Self, Error> {
        if M::API != Api::Classic {
            return Err(Error::InvalidConfig(format!(
                "{}: REST 3.0 lists page differently",
                M::NAME
            )));
        }
        Self::with_params(M::NAME, request)
    }

    /// The list of a typed request as `Client::stream` reads it, checked before anything
    /// is sent ([`Error::InvalidParams`]): `order` directions are ASC or DESC, and where the
    /// method declares its documented fields, `select`/`filter`/`order` name only those (or
    /// custom `UF_` fields, or `*`, `UF_*`).
    pub fn for_stream<M: ListMethod>(request: &M) -> Result<Self, Error> {
        let list = Self::from_list_method(request)?;
        check::check(&list)?;
        Ok(list)
    }

    /// The list of a typed request as `Client::stream_by_id` reads it: checked as for
    /// [`for_stream`](Self::for_stream), and its `order` may be empty (ascending) or hold
    /// the ID field alone (`{ID: DESC}` walks from the greatest ID down); any other `order`
    /// is refused, since the walk cannot keep it.
    pub fn for_stream_by_id<M: ListMethod>(request: &M) -> Result<Self, Error> {
        Self::for_stream(request).and_then(by_id_direction)
    }

    /// The list method's name.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// Sets one parameter. Object keys go out in the order given: the workspace builds
    /// `serde_json` with `preserve_order`, so `json!({"DATE_CREATE": "DESC", "ID": "ASC"})`
    /// sorts by date first.
    pub fn param(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        Node::set(&mut self.params, &key.into(), Node::from(value.into()));
        self
    }

    /// A top-level parameter as a number, when it is one (or a numeric string).
    pub(crate) fn number_param(&self, key: &str) -> Option<i64> {
        match Node::get(&self.params, key)? {
            Node::Number(n) => n.as_i64(),
            Node::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The key the items sit under when `result` is an object (`items` for
    /// `crm.item.list`, `tasks` for `tasks.task.list`). Without it, an object `result` with
    /// a single list inside is read as that list.
    pub fn items_key(mut self, key: impl Into<String>) -> Self {
        self.items_key = Some(key.into());
        self
    }

    /// The ID field the fast mode orders and filters by (`ID`, or `id` for
    /// `crm.item.list`). The reply's key is matched without regard to case.
    pub fn id_field(mut self, field: impl Into<String>) -> Self {
        self.id_field = field.into();
        self
    }

    /// Items per full page, when a method pages by another size.
    pub fn page_size(mut self, size: usize) -> Self {
        self.page_size = size.max(1);
        self
    }
}

/// Reads the walk's direction from the caller's `order`, which may only name the ID.
fn by_id_direction(mut list: List) -> Result<List, Error> {
    let refuse = |reason: String| Error::InvalidParams {
        method: list.method.clone(),
        reason,
    };
    let descending = match Node::get(&list.params, "order") {
        None | Some(Node::Null) => false,
        Some(Node::Array(items)) if items.is_empty() => false,
        Some(Node::Object(entries)) => match entries.as_slice() {
            [] => false,
            [(field, Node::String(direction))] if field.eq_ignore_ascii_case(&list.id_field) => {
                direction.eq_ignore_ascii_case("desc")
            }
            _ => {
                let fields: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
                return Err(refuse(format!(
                    "stream_by_id orders by `{}` alone, not by {}: use stream for another order",
                    list.id_field,
                    fields.join(", ")
                )));
            }
        },
        Some(_) => return Err(refuse("`order` must be an object".to_owned())),
    };
    list.descending = descending;
    Ok(list)
}

/// Says which page of a list a fetch error belongs to (once: an error already naming its
/// page is kept).
pub(crate) fn page_error(method: &str, page: usize, source: Error) -> Error {
    match source {
        Error::Page { .. } => source,
        source => Error::Page {
            method: method.to_owned(),
            page,
            source: Box::new(source),
        },
    }
}

/// The items of one page: `result` itself, or the list under the items key. A map keyed
/// by ids in its place (PHP's encoding of an array indexed by id: `{"57": {…}, "53": {…}}`)
/// gives its values, in the order sent, and marks the list [`keyed`](List::keyed).
pub(crate) fn page_items(list: &mut List, result: Value) -> Result<Vec<Value>, Error> {
    let not_a_list = |reason: &str| Error::Cursor {
        method: list.method.clone(),
        reason: reason.to_owned(),
    };
    match result {
        Value::Array(items) => Ok(items),
        Value::Null => Ok(Vec::new()),
        Value::Object(map) if list.items_key.is_none() && is_keyed(&map) => {
            list.keyed = true;
            Ok(map.into_iter().map(|(_, item)| item).collect())
        }
        Value::Object(mut map) => {
            if list.items_key.is_none() {
                // The one list (or map of items) in the object.
                let mut lists = map
                    .iter()
                    .filter(|(_, v)| v.is_array() || v.as_object().is_some_and(is_keyed))
                    .map(|(k, _)| k);
                match (lists.next(), lists.next()) {
                    (Some(key), None) => list.items_key = Some(key.clone()),
                    _ if map.is_empty() => return Ok(Vec::new()),
                    _ => {
                        return Err(not_a_list(
                            "the result is an object without one list in it: set List::items_key",
                        ));
                    }
                }
            }
            let key = list.items_key.as_deref().unwrap_or_default();
            match map.remove(key) {
                Some(Value::Array(items)) => Ok(items),
                Some(Value::Null) | None => Ok(Vec::new()),
                // PHP sends an empty list as `{}` at times.
                Some(Value::Object(inner)) if inner.is_empty() => Ok(Vec::new()),
                Some(Value::Object(inner)) if is_keyed(&inner) => {
                    list.keyed = true;
                    Ok(inner.into_iter().map(|(_, item)| item).collect())
                }
                Some(_) => Err(not_a_list("the items key does not hold a list")),
            }
        }
        _ => Err(not_a_list("the result is not a list")),
    }
}

/// A non-empty map whose keys are all ids (decimal numbers) and whose values are objects:
/// items keyed by id, not a record.
fn is_keyed(map: &serde_json::Map<String, Value>) -> bool {
    !map.is_empty()
        && map.iter().all(|(key, item)| {
            !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) && item.is_object()
        })
}

/// The pages `p0`, `p1`, … of a batch of `count` list pages, in order, up to the first
/// that failed, and that failure, naming its page (`first_page` is the page number of
/// `p0`). With `halt`, the portal runs nothing after a failed command.
pub(crate) fn batch_pages(
    reply: &BatchResponse,
    count: usize,
    method: &str,
    first_page: usize,
) -> (Vec<Value>, Option<Error>) {
    let mut pages = Vec::with_capacity(count);
    for k in 0..count {
        match reply.result::<Value>(&format!("p{k}")) {
            Ok(page) => pages.push(page),
            Err(error) => return (pages, Some(page_error(method, first_page + k, error))),
        }
    }
    (pages, None)
}

/// What a batch of pages gave: its items, or its failure when no item came before it. A
/// failure after some items is kept in `pending`, for the stream to report after them.
pub(crate) fn settle(
    items: Vec<Value>,
    failure: Option<Error>,
    pending: &mut Option<Error>,
) -> Result<Vec<Value>, Error> {
    match failure {
        Some(error) if items.is_empty() => Err(error),
        Some(error) => {
            *pending = Some(error);
            Ok(items)
        }
        None => Ok(items),
    }
}

/// Decodes the items of a page (`offset`: items of the list before it), reporting
/// `result[i].field` on failure.
pub fn decode_items<T: DeserializeOwned>(
    method: &str,
    items: Vec<Value>,
    offset: usize,
) -> Result<Vec<T>, Error> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let body = item.to_string();
            serde_path_to_error::deserialize(item).map_err(|err| Error::Decode {
                method: method.to_owned(),
                path: crate::envelope::error_path(&format!("result[{}]", offset + i), err.path()),
                body,
                source: err.into_inner(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_are_found_under_a_single_list_key() {
        let mut list = List::new("m");
        let items = page_items(&mut list, json!({"items": [1, 2]})).unwrap();
        assert_eq!(items, vec![json!(1), json!(2)]);
        assert_eq!(list.items_key.as_deref(), Some("items"));
        assert!(page_items(&mut List::new("m"), json!({"a": [1], "b": [2]})).is_err());
        let mut list = List::new("m").items_key("tasks");
        assert!(
            page_items(&mut list, json!({"tasks": {}}))
                .unwrap()
                .is_empty()
        );
        assert!(page_items(&mut List::new("m"), json!(7)).is_err());
        assert!(!list.keyed);
    }

    #[test]
    fn items_keyed_by_id_are_the_maps_values_in_the_order_sent() {
        let page = json!({"templates": {"57": {"id": "57"}, "53": {"id": "53"}}});
        let mut list = List::new("m");
        let items = page_items(&mut list, page.clone()).unwrap();
        assert_eq!(items, vec![json!({"id": "57"}), json!({"id": "53"})]);
        assert_eq!(list.items_key.as_deref(), Some("templates"));
        assert!(list.keyed);
        let mut list = List::new("m").items_key("templates");
        assert_eq!(page_items(&mut list, page).unwrap().len(), 2);
        // The result itself keyed by id.
        let mut list = List::new("m");
        let items = page_items(&mut list, json!({"7": {"ID": "7"}})).unwrap();
        assert_eq!(items, vec![json!({"ID": "7"})]);
        // A record is no keyed map: its values are not all objects.
        let mut list = List::new("m").items_key("x");
        assert!(page_items(&mut list, json!({"x": {"1": 5}})).is_err());
    }

    #[test]
    fn item_decode_errors_name_the_item() {
        let err = decode_items::<u32>("m", vec![json!(1), json!("x")], 50).unwrap_err();
        match err {
            Error::Decode { path, body, .. } => {
                assert_eq!(path, "result[51]");
                assert_eq!(body, "\"x\"");
            }
            other => panic!("{other:?}"),
        }
    }
}
