//! Reading a typed [`ListMethod`] request: [`Client::stream`] and [`Client::stream_by_id`],
//! on the cursors of [`Client::list`] and [`Client::list_by_id`].

use b24_protocol::paging::{ByIdWalk, OffsetWalk};
use futures_util::{Stream, StreamExt, stream};

use super::{Cursor, List, ListMethod};
use crate::{Client, Error};

impl Client {
    /// Every item of a list, with the request's `select`, `filter` and `order` as given.
    ///
    /// The first page is a plain call; when it says more pages follow, up to 50 of them go
    /// in one `batch` request (their `start` values follow from the first page's `total`):
    /// 10,000 items take 5 requests. At most one request's worth of items (2,500) is held
    /// in memory.
    ///
    /// The request is checked before anything is sent ([`Error::InvalidParams`]): `order`
    /// directions are ASC or DESC, and where the method declares its documented fields,
    /// `select`/`filter`/`order` name only those (or custom `UF_` fields, or `*`, `UF_*`).
    /// The stream ends at the first error; a failed page is [`Error::Page`], naming it.
    ///
    /// ```no_run
    /// # async fn run<M: b24_runtime::ListMethod>(client: b24_runtime::Client, request: M)
    /// # -> Result<(), b24_runtime::Error> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mut items = std::pin::pin!(client.stream(&request));
    /// while let Some(item) = items.try_next().await? {
    ///     // one typed item at a time
    /// #   let _: M::Item = item;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn stream<M: ListMethod>(
        &self,
        request: &M,
    ) -> impl Stream<Item = Result<M::Item, Error>> + Send + 'static {
        // REST 3.0 lists page with `pagination` and filter with the v3 language.
        if M::API == crate::Api::RestV3 {
            return futures_util::future::Either::Left(crate::v3::stream(self, request));
        }
        futures_util::future::Either::Right(match List::for_stream(request) {
            Ok(list) => Cursor::new(self, OffsetWalk::new(list, true))
                .into_stream()
                .left_stream(),
            Err(error) => stream::once(async move { Err(error) }).right_stream(),
        })
    }

    /// Every item of a list by the "by ID" walk the documentation recommends for large
    /// lists (`performance/huge-data.md`): `order: {ID: ASC}`, `filter: {">ID": last}`,
    /// `start: -1` (no counting), with 50 pages chained through one `batch` request by
    /// `$result[p0][49][ID]`: 1 + ⌈(N − 50) / 2,500⌉ requests for N items.
    ///
    /// The request's `select` and `filter` are kept. Its `order` may be empty (ascending)
    /// or hold the ID field alone: `{ID: DESC}` walks from the greatest ID down with
    /// `<ID`. A `>ID` (`<ID` descending) already in the filter is where the walk starts,
    /// to resume an import. Any other `order` is refused, since the walk cannot keep it.
    /// Checks and errors as for [`Client::stream`].
    pub fn stream_by_id<M: ListMethod>(
        &self,
        request: &M,
    ) -> impl Stream<Item = Result<M::Item, Error>> + Send + 'static {
        match List::for_stream_by_id(request) {
            Ok(list) => Cursor::new(self, ByIdWalk::new(list))
                .into_stream()
                .left_stream(),
            Err(error) => stream::once(async move { Err(error) }).right_stream(),
        }
    }
}
