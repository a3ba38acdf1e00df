//! Reading whole lists as streams of items: the loop that sends the requests of a
//! `b24_protocol::paging` walk.
//!
//! - [`Client::list`] follows `start`/`next` page by page (50 items per request, and the
//!   portal counts `total` each time).
//! - [`Client::list_by_id`] is the fast mode for large lists (`performance/huge-data.md`):
//!   order by ID ascending, filter `>ID`, `start=-1` (no counting), and chain 50 pages per
//!   `batch` request through `$result` references: about 2,500 items per HTTP request.
//! - [`Client::stream`] and [`Client::stream_by_id`] read a typed [`ListMethod`] request
//!   the same two ways, the first chaining 50 `start` pages per `batch` once the first
//!   page has told the `total`; both check the request before sending it.
//!
//! All keep one request's worth of items in memory and stop with
//! [`Error::Cursor`](crate::Error::Cursor) when the cursor does not move forward.

mod stream;

pub use b24_protocol::paging::{List, ListMethod, PAGE_SIZE};

use b24_protocol::paging::{ByIdWalk, OffsetWalk, PageRequest, Walk};
use futures_util::{Stream, TryStreamExt, stream as streams};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Api, Client, Error};

/// A walk and the client that sends its requests.
pub(crate) struct Cursor<W> {
    client: Client,
    walk: W,
}

impl<W: Walk + Send + 'static> Cursor<W> {
    pub(crate) fn new(client: &Client, walk: W) -> Self {
        Self {
            client: client.clone(),
            walk,
        }
    }

    /// The items of the walk's next request, `None` after the last.
    pub(crate) async fn next_page<T: DeserializeOwned>(&mut self) -> Result<Option<Vec<T>>, Error> {
        match self.walk.next_request()? {
            None => Ok(None),
            Some(PageRequest::Call(params)) => {
                let reply = self
                    .client
                    .call_api::<Value>(Api::Classic, self.walk.method(), &params)
                    .await;
                self.walk.take_call(reply).map(Some)
            }
            Some(PageRequest::Batch(batch)) => {
                let reply = self.client.batch(&batch).await;
                self.walk.take_batch(reply).map(Some)
            }
        }
    }

    pub(crate) fn into_stream<T>(self) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        streams::try_unfold(self, |mut cursor| async move {
            Ok(cursor.next_page::<T>().await?.map(|items| (items, cursor)))
        })
        .map_ok(|items| streams::iter(items.into_iter().map(Ok)))
        .try_flatten()
    }
}

impl Client {
    /// Every item of a list, following `start`/`next`. One request per page of 50.
    ///
    /// ```no_run
    /// # async fn run(client: b24_runtime::Client) -> Result<(), b24_runtime::Error> {
    /// use futures_util::TryStreamExt;
    /// use b24_runtime::List;
    ///
    /// let list = List::new("crm.deal.list").param("select", serde_json::json!(["ID", "TITLE"]));
    /// let deals: Vec<serde_json::Value> = client.list(list).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn list<T>(&self, list: List) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        Cursor::new(self, OffsetWalk::new(list, false)).into_stream()
    }

    /// Every item of a large list in the fast mode: at most 1 + ⌈(N − 50) / 2,500⌉ HTTP
    /// requests for N items (one more when N − 50 is an exact multiple of 2,500: the end of
    /// a list cannot be seen without counting).
    ///
    /// The list's `order` is replaced by its ID ascending and `>ID` is added to its
    /// `filter` (a `>ID` already there is where reading starts). Use it for methods that
    /// take `order`, `filter` and `start=-1` the standard way.
    ///
    /// ```no_run
    /// # async fn run(client: b24_runtime::Client) -> Result<(), b24_runtime::Error> {
    /// use futures_util::TryStreamExt;
    /// use b24_runtime::List;
    /// use serde_json::json;
    ///
    /// let list = List::new("crm.item.list")
    ///     .param("entityTypeId", 2)
    ///     .param("select", json!(["id", "title"]))
    ///     .items_key("items")
    ///     .id_field("id");
    /// let mut items = std::pin::pin!(client.list_by_id::<serde_json::Value>(list));
    /// while let Some(item) = items.try_next().await? {
    ///     // one item at a time; at most 2,500 are held in memory
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_by_id<T>(&self, list: List) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        Cursor::new(self, ByIdWalk::new(list)).into_stream()
    }
}
