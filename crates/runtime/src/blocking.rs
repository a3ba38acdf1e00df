//! A blocking client for scripts and other code without an async runtime. It owns a small
//! tokio runtime and drives the async [`Client`](crate::Client) on it; do not use it from
//! inside an async runtime (blocking there panics).

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::{Stream, StreamExt};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::batch::{Batch, BatchResponse};
use crate::{Api, Error, List, Method, Response};

/// The blocking twin of [`crate::Client`]; clones share the runtime and the client.
#[derive(Clone)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl Client {
    /// A blocking webhook client with the default settings.
    pub fn from_webhook(url: &str) -> Result<Self, Error> {
        Self::from_async(crate::Client::from_webhook(url)?)
    }

    /// Wraps an async client (from [`ClientBuilder::build`](crate::ClientBuilder::build)).
    pub fn from_async(inner: crate::Client) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::InvalidConfig(format!("cannot start a runtime: {e}")))?;
        Ok(Self {
            inner,
            runtime: Arc::new(runtime),
        })
    }

    /// The async client inside.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    pub fn send<M: Method>(&self, request: &M) -> Result<M::Output, Error> {
        self.runtime.block_on(self.inner.send(request))
    }

    pub fn send_with_meta<M: Method>(&self, request: &M) -> Result<Response<M::Output>, Error> {
        self.runtime.block_on(self.inner.send_with_meta(request))
    }

    pub fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        params: &serde_json::Value,
    ) -> Result<T, Error> {
        self.runtime.block_on(self.inner.call(method, params))
    }

    pub fn call_api<T: DeserializeOwned>(
        &self,
        api: Api,
        method: &str,
        params: &(impl Serialize + ?Sized),
    ) -> Result<Response<T>, Error> {
        self.runtime
            .block_on(self.inner.call_api(api, method, params))
    }

    pub fn batch(&self, batch: &Batch) -> Result<BatchResponse, Error> {
        self.runtime.block_on(self.inner.batch(batch))
    }

    /// [`crate::Client::list`] as an iterator.
    pub fn list<T: DeserializeOwned + Send + 'static>(&self, list: List) -> Items<T> {
        Items::new(self.runtime.clone(), self.inner.list(list))
    }

    /// [`crate::Client::list_by_id`] as an iterator.
    pub fn list_by_id<T: DeserializeOwned + Send + 'static>(&self, list: List) -> Items<T> {
        Items::new(self.runtime.clone(), self.inner.list_by_id(list))
    }

    /// Runs one async call of the inner client to completion (the REST 3.0 methods in
    /// `v3::blocking` use it).
    pub(crate) fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// An iterator over an async stream of the inner client.
    pub(crate) fn items<T>(
        &self,
        stream: impl Stream<Item = Result<T, Error>> + Send + 'static,
    ) -> Items<T> {
        Items::new(self.runtime.clone(), stream)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("blocking::Client")
            .field(&self.inner)
            .finish()
    }
}

type ItemStream<T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>;

/// The items of a list, read one request at a time as the iterator advances.
pub struct Items<T> {
    runtime: Arc<tokio::runtime::Runtime>,
    stream: ItemStream<T>,
}

impl<T> Items<T> {
    fn new(
        runtime: Arc<tokio::runtime::Runtime>,
        stream: impl Stream<Item = Result<T, Error>> + Send + 'static,
    ) -> Self {
        Self {
            runtime,
            stream: Box::pin(stream),
        }
    }
}

impl<T> Iterator for Items<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.runtime.block_on(self.stream.next())
    }
}

impl<T> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}
