//! `start`/`next` paging: the standard navigation of list methods.
//!
//! Page by page ([`Client::list`]), or batched ([`Client::stream`]): once the first page
//! has told the `total`, the remaining `start` values are known, and up to 50 pages go in
//! one `batch` request: 1 + ⌈(⌈N / 50⌉ − 1) / 50⌉ requests for N items.

use futures_util::{Stream, TryStreamExt, stream};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{List, batch_pages, decode_items, page_error, page_items, settle};
use crate::batch::{Batch, MAX_COMMANDS};
use crate::ordered::Node;
use crate::{Api, Client, Error};

pub(crate) struct Cursor {
    client: Client,
    list: List,
    start: u64,
    done: bool,
    read: usize,
    /// Pages read so far (for errors naming the page that failed).
    pages: usize,
    /// Chain the pages after the first through `batch`.
    batched: bool,
    /// The `total` of the first page, when batching.
    total: Option<u64>,
    /// An error met after some pages of a batch were read: reported after them.
    pending: Option<Error>,
}

impl Cursor {
    pub(crate) fn new(client: &Client, list: List, batched: bool) -> Self {
        let start = list
            .number_param("start")
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0);
        Self {
            client: client.clone(),
            list,
            start,
            done: false,
            read: 0,
            pages: 0,
            batched,
            total: None,
            pending: None,
        }
    }

    pub(crate) async fn next_page<T: DeserializeOwned>(&mut self) -> Result<Option<Vec<T>>, Error> {
        if let Some(error) = self.pending.take() {
            return Err(error);
        }
        if self.done {
            return Ok(None);
        }
        let items = match self.total {
            Some(total) if self.batched => self.batch_of_pages(total).await?,
            _ => self.single_page().await?,
        };
        let offset = self.read;
        self.read += items.len();
        decode_items(&self.list.method, items, offset).map(Some)
    }

    fn page_params(&self, start: u64) -> Node {
        let mut params = self.list.params.clone();
        Node::set(&mut params, "start", Node::Number(start.into()));
        Node::Object(params)
    }

    async fn single_page(&mut self) -> Result<Vec<Value>, Error> {
        let method = self.list.method.clone();
        let reply = self
            .client
            .call_api::<Value>(Api::Classic, &method, &self.page_params(self.start))
            .await
            .map_err(|e| page_error(&method, self.pages + 1, e))?;
        self.pages += 1;
        let items = page_items(&mut self.list, reply.result)?;
        match reply.meta.next {
            Some(next) if next > self.start => {
                self.start = next;
                // Batch the rest only when the portal counted it.
                self.total = reply.meta.total.filter(|&total| total > next);
            }
            Some(next) => {
                return Err(Error::Cursor {
                    method,
                    reason: format!("next={next} does not advance past start={}", self.start),
                });
            }
            None => self.done = true,
        }
        Ok(items)
    }

    /// The next up to 50 pages, `start` values from the first page's `total`.
    async fn batch_of_pages(&mut self, total: u64) -> Result<Vec<Value>, Error> {
        let step = self.list.page_size as u64;
        let starts: Vec<u64> = (0..MAX_COMMANDS as u64)
            .map(|k| self.start + k * step)
            .take_while(|&start| start < total)
            .collect();
        let mut batch = Batch::new().halt(true);
        for (k, &start) in starts.iter().enumerate() {
            batch.add_call::<Value>(
                format!("p{k}"),
                &self.list.method,
                &self.page_params(start),
            )?;
        }
        let method = self.list.method.clone();
        let reply = self
            .client
            .batch(&batch)
            .await
            .map_err(|e| page_error(&method, self.pages + 1, e))?;
        let (pages, failure) = batch_pages(&reply, starts.len(), &method, self.pages + 1);
        let mut out = Vec::new();
        for page in pages {
            self.pages += 1;
            let items = page_items(&mut self.list, page)?;
            // The list shrank since it was counted: its end came early.
            let short = items.len() < self.list.page_size;
            out.extend(items);
            if short {
                self.done = true;
                return Ok(out);
            }
        }
        if failure.is_some() {
            return settle(out, failure, &mut self.pending);
        }
        self.start += step * starts.len() as u64;
        if self.start >= total {
            self.done = true;
        }
        Ok(out)
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
        Cursor::new(self, list, false).into_stream()
    }
}

impl Cursor {
    pub(crate) fn into_stream<T>(self) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        stream::try_unfold(self, |mut cursor| async move {
            Ok(cursor.next_page::<T>().await?.map(|items| (items, cursor)))
        })
        .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
        .try_flatten()
    }
}
