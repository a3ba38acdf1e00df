//! The fast mode for large lists (`performance/huge-data.md`): order by ID ascending, filter
//! `>ID` by the last ID seen, `start=-1` so the portal does not count. The first page is a
//! plain call; after that each HTTP request is a `batch` of 50 such calls, each filtering by
//! the last ID of the one before through `$result[prev][49][ID]`: 2,500 items a request.
//! Descending works the same way with `order: {ID: DESC}` and `<ID`.
//!
//! Reading stops at the first short page. Commands after it in the same batch point at an
//! item that does not exist; whatever the portal makes of that (an error, or an empty
//! filter that starts over) is never read. Every ID must move past the one before, or the
//! walk ends with [`Error::Cursor`] rather than loop.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{List, PageRequest, Walk, batch_pages, decode_items, page_error, page_items, settle};
use crate::batch::{Batch, BatchResponse, MAX_COMMANDS, result_ref};
use crate::ordered::Node;
use crate::{Error, Response};

/// The by-ID walk through a list: the filter of each page, the chained batch, and the
/// checks that IDs move on.
#[derive(Debug)]
pub struct ByIdWalk {
    list: List,
    /// The last ID read (the `>ID`/`<ID` filter of the next page); `None` before the first
    /// page of a descending walk, which starts at the top.
    last_id: Option<u64>,
    /// The key holding the ID in items, as the portal spells it.
    id_key: Option<String>,
    first: bool,
    done: bool,
    /// An error met after some items of a batch were read: reported after them.
    pending: Option<Error>,
    read: usize,
    /// Pages read so far (for errors naming the page that failed).
    pages: usize,
    /// Pages in the batch sent last.
    chained: usize,
}

impl ByIdWalk {
    /// A walk starting after the `>ID` (or, descending, before the `<ID`) already in the
    /// list's filter, to resume an import.
    pub fn new(list: List) -> Self {
        let bound = match Node::get(&list.params, "filter") {
            Some(Node::Object(filter)) => match Node::get(filter, &bound_key(&list)) {
                Some(Node::Number(n)) => n.as_u64(),
                Some(Node::String(s)) => s.trim().parse().ok(),
                _ => None,
            },
            _ => None,
        };
        let last_id = if list.descending {
            bound
        } else {
            Some(bound.unwrap_or(0))
        };
        Self {
            list,
            last_id,
            id_key: None,
            first: true,
            done: false,
            pending: None,
            read: 0,
            pages: 0,
            chained: 0,
        }
    }

    fn page_params(&self, after: Option<Node>) -> Result<Node, Error> {
        let mut params = self.list.params.clone();
        let mut filter = match Node::get(&params, "filter") {
            Some(Node::Object(entries)) => entries.clone(),
            Some(Node::Null) | None => Vec::new(),
            // PHP sends an empty filter as `[]`.
            Some(Node::Array(items)) if items.is_empty() => Vec::new(),
            Some(_) => {
                return Err(Error::InvalidConfig(format!(
                    "{}: `filter` must be an object for list_by_id",
                    self.list.method
                )));
            }
        };
        let key = bound_key(&self.list);
        match after {
            Some(after) => Node::set(&mut filter, &key, after),
            None => filter.retain(|(k, _)| *k != key),
        }
        Node::set(&mut params, "filter", Node::Object(filter));
        let direction = if self.list.descending { "DESC" } else { "ASC" };
        let order = vec![(self.list.id_field.clone(), Node::String(direction.into()))];
        Node::set(&mut params, "order", Node::Object(order));
        Node::set(&mut params, "start", Node::Number((-1).into()));
        Ok(Node::Object(params))
    }

    fn decoded<T: DeserializeOwned>(&mut self, items: Vec<Value>) -> Result<Vec<T>, Error> {
        let offset = self.read;
        self.read += items.len();
        decode_items(&self.list.method, items, offset)
    }

    fn first_page(&mut self, reply: Result<Response<Value>, Error>) -> Result<Vec<Value>, Error> {
        let reply = reply.map_err(|e| page_error(&self.list.method, self.pages + 1, e))?;
        self.pages += 1;
        let items = page_items(&mut self.list, reply.result)?;
        self.accept(&items)?;
        Ok(items)
    }

    /// One `batch` of up to 50 chained pages; one page a request when items come keyed by
    /// id, since no reference can name the last item of such a page.
    fn chained_batch(&mut self) -> Result<Batch, Error> {
        let id_key = self
            .id_key
            .clone()
            .unwrap_or_else(|| self.list.id_field.clone());
        let last_index = (self.list.page_size - 1).to_string();
        let commands = if self.list.keyed { 1 } else { MAX_COMMANDS };
        let mut batch = Batch::new().halt(true);
        for k in 0..commands {
            let after = if k == 0 {
                self.last_id.map(|id| Node::Number(id.into()))
            } else {
                let previous = format!("p{}", k - 1);
                let mut path: Vec<&str> = Vec::with_capacity(3);
                if let Some(key) = &self.list.items_key {
                    path.push(key);
                }
                path.push(&last_index);
                path.push(&id_key);
                Some(Node::String(result_ref(&previous, &path)))
            };
            batch.add_call::<Value>(
                format!("p{k}"),
                &self.list.method,
                &self.page_params(after)?,
            )?;
        }
        self.chained = commands;
        Ok(batch)
    }

    fn chained_pages(&mut self, reply: Result<BatchResponse, Error>) -> Result<Vec<Value>, Error> {
        let method = self.list.method.clone();
        let reply = reply.map_err(|e| page_error(&method, self.pages + 1, e))?;
        let (pages, failure) = batch_pages(&reply, self.chained, &method, self.pages + 1);
        let mut out = Vec::new();
        for page in pages {
            self.pages += 1;
            let items = page_items(&mut self.list, page)?;
            self.accept(&items)?;
            out.extend(items);
            if self.done {
                return Ok(out);
            }
        }
        settle(out, failure, &mut self.pending)
    }

    /// Checks that IDs ascend past the last one, and notes the end at a short page.
    fn accept(&mut self, items: &[Value]) -> Result<(), Error> {
        let method = &self.list.method;
        let stalled = |reason: String| Error::Cursor {
            method: method.clone(),
            reason,
        };
        for item in items {
            let key = match &self.id_key {
                Some(key) => key.clone(),
                None => {
                    let key = find_id_key(item, &self.list.id_field).ok_or_else(|| {
                        stalled(format!("an item has no `{}` field", self.list.id_field))
                    })?;
                    self.id_key = Some(key.clone());
                    key
                }
            };
            let id = item
                .get(&key)
                .and_then(id_value)
                .ok_or_else(|| stalled(format!("an item has no numeric `{key}`")))?;
            if let Some(last) = self.last_id {
                let moved = if self.list.descending {
                    id < last
                } else {
                    id > last
                };
                if !moved {
                    let way = if self.list.descending {
                        "descending"
                    } else {
                        "ascending"
                    };
                    return Err(stalled(format!(
                        "ID {id} came after {last}: the list is not {way} by ID, or the cursor stalled"
                    )));
                }
            }
            self.last_id = Some(id);
        }
        if items.len() < self.list.page_size {
            self.done = true;
        }
        Ok(())
    }
}

impl Walk for ByIdWalk {
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
        if self.first {
            let params = self.page_params(self.last_id.map(|id| Node::Number(id.into())))?;
            return Ok(Some(PageRequest::Call(params)));
        }
        self.chained_batch()
            .map(|batch| Some(PageRequest::Batch(batch)))
    }

    fn take_call<T: DeserializeOwned>(
        &mut self,
        reply: Result<Response<Value>, Error>,
    ) -> Result<Vec<T>, Error> {
        self.first = false;
        let items = self.first_page(reply)?;
        self.decoded(items)
    }

    fn take_batch<T: DeserializeOwned>(
        &mut self,
        reply: Result<BatchResponse, Error>,
    ) -> Result<Vec<T>, Error> {
        let items = self.chained_pages(reply)?;
        self.decoded(items)
    }
}

fn find_id_key(item: &Value, id_field: &str) -> Option<String> {
    let map = item.as_object()?;
    if map.contains_key(id_field) {
        return Some(id_field.to_owned());
    }
    map.keys()
        .find(|k| k.eq_ignore_ascii_case(id_field))
        .cloned()
}

/// IDs come as numbers or numeric strings.
fn id_value(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `>ID` ascending, `<ID` descending.
fn bound_key(list: &List) -> String {
    let op = if list.descending { '<' } else { '>' };
    format!("{op}{}", list.id_field)
}
