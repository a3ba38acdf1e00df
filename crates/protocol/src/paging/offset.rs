//! `start`/`next` paging: the standard navigation of list methods.
//!
//! Page by page (`Client::list`), or batched (`Client::stream`): once the first page has
//! told the `total`, the remaining `start` values are known, and up to 50 pages go in one
//! `batch` request: 1 + ⌈(⌈N / 50⌉ − 1) / 50⌉ requests for N items.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{List, PageRequest, Walk, batch_pages, decode_items, page_error, page_items, settle};
use crate::batch::{Batch, BatchResponse, MAX_COMMANDS};
use crate::ordered::Node;
use crate::{Error, Response};

/// The `start`/`next` walk through a list: which page comes next and when the list ends.
#[derive(Debug)]
pub struct OffsetWalk {
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
    /// The `start` values of the pages in the batch sent last.
    starts: Vec<u64>,
    /// An error met after some pages of a batch were read: reported after them.
    pending: Option<Error>,
}

impl OffsetWalk {
    /// A walk from the list's own `start` (0 without one); `batched`: after the first page,
    /// up to 50 pages a request through `batch`.
    pub fn new(list: List, batched: bool) -> Self {
        let start = list
            .number_param("start")
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0);
        Self {
            list,
            start,
            done: false,
            read: 0,
            pages: 0,
            batched,
            total: None,
            starts: Vec::new(),
            pending: None,
        }
    }

    fn page_params(&self, start: u64) -> Node {
        let mut params = self.list.params.clone();
        Node::set(&mut params, "start", Node::Number(start.into()));
        Node::Object(params)
    }

    fn decoded<T: DeserializeOwned>(&mut self, items: Vec<Value>) -> Result<Vec<T>, Error> {
        let offset = self.read;
        self.read += items.len();
        decode_items(&self.list.method, items, offset)
    }

    fn single_page(&mut self, reply: Result<Response<Value>, Error>) -> Result<Vec<Value>, Error> {
        let method = self.list.method.clone();
        let reply = reply.map_err(|e| page_error(&method, self.pages + 1, e))?;
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

    /// The batch of the next up to 50 pages, `start` values from the first page's `total`.
    fn batch_of_pages(&mut self, total: u64) -> Result<Batch, Error> {
        let step = self.list.page_size as u64;
        self.starts = (0..MAX_COMMANDS as u64)
            .map(|k| self.start + k * step)
            .take_while(|&start| start < total)
            .collect();
        let mut batch = Batch::new().halt(true);
        for (k, &start) in self.starts.iter().enumerate() {
            batch.add_call::<Value>(
                format!("p{k}"),
                &self.list.method,
                &self.page_params(start),
            )?;
        }
        Ok(batch)
    }

    fn batched_pages(&mut self, reply: Result<BatchResponse, Error>) -> Result<Vec<Value>, Error> {
        let method = self.list.method.clone();
        let reply = reply.map_err(|e| page_error(&method, self.pages + 1, e))?;
        let count = self.starts.len();
        let (pages, failure) = batch_pages(&reply, count, &method, self.pages + 1);
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
        self.start += self.list.page_size as u64 * count as u64;
        if self.total.is_some_and(|total| self.start >= total) {
            self.done = true;
        }
        Ok(out)
    }
}

impl Walk for OffsetWalk {
    fn method(&self) -> &str {
        &self.list.method
    }

    fn next_request(&mut self) -> Result<Option<PageRequest>, Error> {
        if let Some(error) = self.pending.take() {
            return Err(error);
        }
        if self.done {
            return Ok(None);
        }
        match self.total {
            Some(total) if self.batched => self.batch_of_pages(total).map(PageRequest::Batch),
            _ => Ok(PageRequest::Call(self.page_params(self.start))),
        }
        .map(Some)
    }

    fn take_call<T: DeserializeOwned>(
        &mut self,
        reply: Result<Response<Value>, Error>,
    ) -> Result<Vec<T>, Error> {
        let items = self.single_page(reply)?;
        self.decoded(items)
    }

    fn take_batch<T: DeserializeOwned>(
        &mut self,
        reply: Result<BatchResponse, Error>,
    ) -> Result<Vec<T>, Error> {
        let items = self.batched_pages(reply)?;
        self.decoded(items)
    }
}
