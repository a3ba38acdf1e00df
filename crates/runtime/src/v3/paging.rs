//! REST 3.0 lists page with `pagination: {page, limit, offset}` (the v3 list pages:
//! `limit` defaults to 25 or 50 and is capped per method, 200 or 1000). There is no
//! `total`/`next`: a page shorter than `limit` is the last one. [`Pages`] walks them,
//! one request per page, keeping the caller's other parameters (filter, select, order) as
//! given.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::envelope::Items;
use crate::ordered::Node;
use crate::{Api, Client, Error, Method};

/// The page size used when the caller does not choose one: the smallest documented
/// maximum (200), so that every v3 list accepts it.
pub const DEFAULT_LIMIT: u32 = 200;

/// The pages of a REST 3.0 list, read on demand.
#[derive(Debug)]
pub struct Pages<T> {
    client: Client,
    method: &'static str,
    params: Vec<(String, Node)>,
    limit: u32,
    page: u32,
    done: bool,
    item: PhantomData<fn() -> T>,
}

impl Client {
    /// Pages through a REST 3.0 list method (`Output = Items<T>`), `limit` items per
    /// request ([`DEFAULT_LIMIT`] when `None`). Any `pagination` in the request is replaced.
    pub fn list_v3<M, T>(&self, request: &M, limit: Option<u32>) -> Result<Pages<T>, Error>
    where
        M: Method<Output = Items<T>>,
        T: DeserializeOwned,
    {
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
        let params = params_of(M::NAME, request)?;
        Ok(Pages {
            client: self.clone(),
            method: M::NAME,
            params,
            limit,
            page: 0,
            done: false,
            item: PhantomData,
        })
    }
}

/// [`Client::stream`] for a REST 3.0 [`ListMethod`](crate::ListMethod): pages of
/// `M::PAGE_SIZE` through `pagination`; a request that cannot be encoded is the stream's
/// only item.
pub(crate) fn stream<M: crate::ListMethod>(
    client: &Client,
    request: &M,
) -> impl futures_util::Stream<Item = Result<M::Item, Error>> + Send + 'static {
    use futures_util::StreamExt;
    let limit = u32::try_from(M::PAGE_SIZE).unwrap_or(DEFAULT_LIMIT).max(1);
    match params_of(M::NAME, request) {
        Ok(params) => Pages::<M::Item> {
            client: client.clone(),
            method: M::NAME,
            params,
            limit,
            page: 0,
            done: false,
            item: PhantomData,
        }
        .into_stream()
        .left_stream(),
        Err(error) => futures_util::stream::once(async move { Err(error) }).right_stream(),
    }
}

fn params_of<M: serde::Serialize>(
    method: &'static str,
    request: &M,
) -> Result<Vec<(String, Node)>, Error> {
    match Node::from_serialize(request).map_err(|source| Error::Encode {
        method: method.to_owned(),
        source,
    })? {
        Node::Object(entries) => Ok(entries),
        Node::Null => Ok(Vec::new()),
        _ => Err(Error::InvalidConfig(format!(
            "{method}: list parameters must be an object"
        ))),
    }
}

impl<T: DeserializeOwned> Pages<T> {
    /// The next page, or `None` after the last.
    pub async fn next_page(&mut self) -> Result<Option<Vec<T>>, Error> {
        if self.done {
            return Ok(None);
        }
        self.page += 1;
        let mut params = self.params.clone();
        let pagination = Node::from(serde_json::json!({"page": self.page, "limit": self.limit}));
        Node::set(&mut params, "pagination", pagination);
        let reply = self
            .client
            .call_api::<Items<Value>>(Api::RestV3, self.method, &Node::Object(params))
            .await?;
        let items = reply.result.items;
        if items.len() < self.limit as usize {
            self.done = true;
        }
        let offset = (self.page as usize - 1) * self.limit as usize;
        crate::paging::decode_items(self.method, items, offset).map(Some)
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
