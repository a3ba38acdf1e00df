//! The fast mode for large lists (`performance/huge-data.md`): order by ID ascending, filter
//! `>ID` by the last ID seen, `start=-1` so the portal does not count. The first page is a
//! plain call; after that each HTTP request is a `batch` of 50 such calls, each filtering by
//! the last ID of the one before through `$result[prev][49][ID]`: 2,500 items a request.
//!
//! Reading stops at the first short page. Commands after it in the same batch point at an
//! item that does not exist; whatever the portal makes of that (an error, or an empty
//! filter that starts over) is never read. Every ID must be greater than the one before,
//! or the stream ends with [`Error::Cursor`] rather than loop.

use futures_util::{Stream, TryStreamExt, stream};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{List, decode_items, page_items};
use crate::batch::{Batch, MAX_COMMANDS, result_ref};
use crate::ordered::Node;
use crate::{Api, Client, Error};

struct Cursor {
    client: Client,
    list: List,
    /// The greatest ID read so far (the `>ID` filter of the next page).
    last_id: u64,
    /// The key holding the ID in items, as the portal spells it.
    id_key: Option<String>,
    first: bool,
    done: bool,
    /// An error met after some items of a batch were read: reported after them.
    pending: Option<Error>,
    read: usize,
}

impl Cursor {
    fn page_params(&self, after: Node) -> Result<Node, Error> {
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
        Node::set(&mut filter, &format!(">{}", self.list.id_field), after);
        Node::set(&mut params, "filter", Node::Object(filter));
        let order = vec![(self.list.id_field.clone(), Node::String("ASC".into()))];
        Node::set(&mut params, "order", Node::Object(order));
        Node::set(&mut params, "start", Node::Number((-1).into()));
        Ok(Node::Object(params))
    }

    async fn next_chunk<T: DeserializeOwned>(&mut self) -> Result<Option<Vec<T>>, Error> {
        if let Some(error) = self.pending.take() {
            return Err(error);
        }
        if self.done {
            return Ok(None);
        }
        let items = if self.first {
            self.first = false;
            self.first_page().await?
        } else {
            self.chained_pages().await?
        };
        let offset = self.read;
        self.read += items.len();
        decode_items(&self.list.method, items, offset).map(Some)
    }

    async fn first_page(&mut self) -> Result<Vec<Value>, Error> {
        let params = self.page_params(Node::Number(self.last_id.into()))?;
        let reply = self
            .client
            .call_api::<Value>(Api::Classic, &self.list.method, &params)
            .await?;
        let items = page_items(&self.list.method, reply.result, &mut self.list.items_key)?;
        self.accept(&items)?;
        Ok(items)
    }

    /// One `batch` of up to 50 chained pages.
    async fn chained_pages(&mut self) -> Result<Vec<Value>, Error> {
        let id_key = self
            .id_key
            .clone()
            .unwrap_or_else(|| self.list.id_field.clone());
        let last_index = (self.list.page_size - 1).to_string();
        let mut batch = Batch::new().halt(true);
        for k in 0..MAX_COMMANDS {
            let after = if k == 0 {
                Node::Number(self.last_id.into())
            } else {
                let previous = format!("p{}", k - 1);
                let mut path: Vec<&str> = Vec::with_capacity(3);
                if let Some(key) = &self.list.items_key {
                    path.push(key);
                }
                path.push(&last_index);
                path.push(&id_key);
                Node::String(result_ref(&previous, &path))
            };
            batch.add_call::<Value>(
                format!("p{k}"),
                &self.list.method,
                &self.page_params(after)?,
            )?;
        }
        let reply = self.client.batch(&batch).await?;
        let mut out = Vec::new();
        for k in 0..MAX_COMMANDS {
            let name = format!("p{k}");
            let page = match reply.result::<Value>(&name) {
                Ok(page) => page,
                Err(error) if out.is_empty() => return Err(error),
                Err(error) => {
                    self.pending = Some(error);
                    return Ok(out);
                }
            };
            let items = page_items(&self.list.method, page, &mut self.list.items_key)?;
            self.accept(&items)?;
            out.extend(items);
            if self.done {
                break;
            }
        }
        Ok(out)
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
            if id <= self.last_id {
                return Err(stalled(format!(
                    "ID {id} came after {}: the list is not ascending by ID, or the cursor stalled",
                    self.last_id
                )));
            }
            self.last_id = id;
        }
        if items.len() < self.list.page_size {
            self.done = true;
        }
        Ok(())
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

impl Client {
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
        let start_after = match Node::get(&list.params, "filter") {
            Some(Node::Object(filter)) => match Node::get(filter, &format!(">{}", list.id_field)) {
                Some(Node::Number(n)) => n.as_u64(),
                Some(Node::String(s)) => s.trim().parse().ok(),
                _ => None,
            },
            _ => None,
        }
        .unwrap_or(0);
        let cursor = Cursor {
            client: self.clone(),
            list,
            last_id: start_after,
            id_key: None,
            first: true,
            done: false,
            pending: None,
            read: 0,
        };
        stream::try_unfold(cursor, |mut cursor| async move {
            Ok(cursor.next_chunk::<T>().await?.map(|items| (items, cursor)))
        })
        .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
        .try_flatten()
    }
}
