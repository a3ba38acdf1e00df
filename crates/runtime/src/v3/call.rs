//! The REST 3.0 entry points of [`Client`]: idempotent sends, untyped v3 calls, the v3
//! batch. They share the client's pipeline (limits, retries, token renewal, moves).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Batch, BatchReply, IdempotencyKey};
use crate::client::encode;
use crate::{Api, Client, Error, Method, Response};

impl Client {
    /// Sends a REST 3.0 method with an `Idempotency-Key`. A timeout or a broken connection
    /// is retried with the same key (within [`RetryPolicy::max_attempts`](crate::RetryPolicy));
    /// `meta.replayed` tells whether the portal answered from its stored reply. The key
    /// must belong to this one call: reusing it with another body is
    /// [`V3Code::IdempotencyKeyReused`](super::V3Code::IdempotencyKeyReused) (HTTP 422).
    pub async fn send_idempotent<M: Method>(
        &self,
        request: &M,
        key: &IdempotencyKey,
    ) -> Result<Response<M::Output>, Error> {
        if M::API != Api::RestV3 {
            return Err(Error::InvalidConfig(format!(
                "{}: Idempotency-Key works only with REST 3.0 methods",
                M::NAME
            )));
        }
        b24_protocol::method::check_before_sending(request)?;
        let body = encode(M::NAME, request)?;
        self.execute_keyed(Api::RestV3, M::NAME, &body, Some(key))
            .await
    }

    /// Calls any REST 3.0 method by name (`/rest/api/…`), optionally with a key.
    pub async fn call_v3<T: DeserializeOwned>(
        &self,
        method: &str,
        params: &(impl Serialize + ?Sized),
        key: Option<&IdempotencyKey>,
    ) -> Result<Response<T>, Error> {
        let body = encode(method, params)?;
        self.execute_keyed(Api::RestV3, method, &body, key).await
    }

    /// Sends a REST 3.0 batch (a JSON array of `{"method", "query"}` to `/rest/api/…/batch`).
    /// An empty batch or one above [`MAX_CALLS`](super::MAX_CALLS) is refused before
    /// sending; a reply with another number of results than calls is a decode error.
    /// Through OAuth the token goes in the `auth` query parameter, since an array body has
    /// no key for it.
    pub async fn send_v3_batch(&self, batch: &Batch) -> Result<BatchReply, Error> {
        let body = batch.body()?;
        let reply = self
            .execute_keyed::<Vec<Value>>(Api::RestV3, "batch", &body, None)
            .await?;
        batch.reply(reply.result, reply.meta.http_status)
    }
}
