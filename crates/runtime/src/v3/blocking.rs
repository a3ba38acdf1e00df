//! The REST 3.0 entry points of [`blocking::Client`](crate::blocking::Client): the same
//! calls as the async client's (`v3::call`, `v3::pages`), driven on its runtime, so the
//! checks before sending, the retries with a key and the errors are the async ones.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Batch, BatchReply, IdempotencyKey};
use crate::blocking::{Client, Items};
use crate::{Error, ListMethod, Method, Response};

impl Client {
    /// [`crate::Client::send_idempotent`]: a REST 3.0 write with an `Idempotency-Key`,
    /// repeated with the same key after a lost reply.
    pub fn send_idempotent<M: Method>(
        &self,
        request: &M,
        key: &IdempotencyKey,
    ) -> Result<Response<M::Output>, Error> {
        self.block_on(self.as_async().send_idempotent(request, key))
    }

    /// [`crate::Client::call_v3`]: any REST 3.0 method by name.
    pub fn call_v3<T: DeserializeOwned>(
        &self,
        method: &str,
        params: &(impl Serialize + ?Sized),
        key: Option<&IdempotencyKey>,
    ) -> Result<Response<T>, Error> {
        self.block_on(self.as_async().call_v3(method, params, key))
    }

    /// [`crate::Client::send_v3_batch`]: the JSON-array batch; an empty one or one above
    /// [`MAX_CALLS`](super::MAX_CALLS) is refused before sending.
    pub fn send_v3_batch(&self, batch: &Batch) -> Result<BatchReply, Error> {
        self.block_on(self.as_async().send_v3_batch(batch))
    }

    /// [`crate::Client::list_v3`] as an iterator: the items of every page, in the paging
    /// scheme the method's page documents, `limit` per request
    /// ([`DEFAULT_LIMIT`](super::DEFAULT_LIMIT) when `None`). A request refused before
    /// sending (a classic method, a zero limit, an undocumented field) is the `Err`;
    /// a page that fails is the iterator's `Err` item.
    pub fn list_v3<M: ListMethod>(
        &self,
        request: &M,
        limit: Option<u32>,
    ) -> Result<Items<M::Item>, Error> {
        let pages = self.as_async().list_v3(request, limit)?;
        Ok(self.items(pages.into_stream()))
    }

    /// [`crate::Client::stream`] as an iterator: a classic list by `start`, a REST 3.0 list
    /// in its documented scheme, `M::PAGE_SIZE` items per request.
    pub fn stream<M: ListMethod>(&self, request: &M) -> Items<M::Item> {
        self.items(self.as_async().stream(request))
    }
}
