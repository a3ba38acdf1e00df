//! The loop that sends a REST 3.0 list's page requests: [`Client::list_v3`] and the REST 3.0
//! arm of [`Client::stream`]. Which request comes next, and when the list ends, is
//! [`PageWalk`]'s decision (`b24-protocol`).

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::PageWalk;
use crate::{Api, Client, Error, ListMethod};

/// The pages of a REST 3.0 list, read on demand.
#[derive(Debug)]
pub struct Pages<T> {
    client: Client,
    walk: PageWalk,
    item: PhantomData<fn() -> T>,
}

impl Client {
    /// Pages through a REST 3.0 list method in the scheme its page documents
    /// ([`ListMethod::V3_PAGING`]), `limit` items per request ([`DEFAULT_LIMIT`](super::DEFAULT_LIMIT)
    /// when `None`). The paging parameter in the request (`pagination` or `cursor`) is where
    /// the walk starts: a cursor given there is kept for the first page, its `limit` replaced.
    /// `select`, `filter` and `order` are checked against the documented fields first
    /// ([`Method::V3_FIELDS`](crate::Method::V3_FIELDS)).
    pub fn list_v3<M: ListMethod>(
        &self,
        request: &M,
        limit: Option<u32>,
    ) -> Result<Pages<M::Item>, Error> {
        PageWalk::for_request(request, limit).map(|walk| Pages::new(self, walk))
    }
}

/// [`Client::stream`] for a REST 3.0 [`ListMethod`]: pages of `M::PAGE_SIZE` in the
/// method's scheme; a request that cannot be encoded, or names a field the docs do not
/// list ([`Method::V3_FIELDS`](crate::Method::V3_FIELDS)), is the stream's only item.
pub(crate) fn stream<M: ListMethod>(
    client: &Client,
    request: &M,
) -> impl futures_util::Stream<Item = Result<M::Item, Error>> + Send + 'static {
    use futures_util::StreamExt;
    match PageWalk::for_stream(request) {
        Ok(walk) => Pages::<M::Item>::new(client, walk)
            .into_stream()
            .left_stream(),
        Err(error) => futures_util::stream::once(async move { Err(error) }).right_stream(),
    }
}

impl<T: DeserializeOwned> Pages<T> {
    fn new(client: &Client, walk: PageWalk) -> Self {
        Self {
            client: client.clone(),
            walk,
            item: PhantomData,
        }
    }

    /// The next page, or `None` after the last.
    pub async fn next_page(&mut self) -> Result<Option<Vec<T>>, Error> {
        if self.walk.is_done() {
            return Ok(None);
        }
        let reply = self
            .client
            .call_api::<Value>(Api::RestV3, self.walk.method(), &self.walk.request())
            .await?;
        self.walk.take_page(reply.result).map(Some)
    }

    /// Every item of every page.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page);
        }
        Ok(all)
    }

    /// The items one by one, as a stream (pages are fetched as it is polled).
    pub fn into_stream(self) -> impl futures_util::Stream<Item = Result<T, Error>> {
        futures_util::stream::try_unfold(
            (self, std::collections::VecDeque::new()),
            |(mut pages, mut buffer)| async move {
                loop {
                    if let Some(item) = buffer.pop_front() {
                        return Ok(Some((item, (pages, buffer))));
                    }
                    match pages.next_page().await? {
                        Some(page) => buffer.extend(page),
                        None => return Ok(None),
                    }
                }
            },
        )
    }
}
