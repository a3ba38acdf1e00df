//! `start`/`next` paging: the standard navigation of list methods.

use futures_util::{Stream, TryStreamExt, stream};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{List, decode_items, page_items};
use crate::ordered::Node;
use crate::{Api, Client, Error};

struct Cursor {
    client: Client,
    list: List,
    start: u64,
    done: bool,
    read: usize,
}

impl Cursor {
    async fn next_page<T: DeserializeOwned>(&mut self) -> Result<Option<Vec<T>>, Error> {
        if self.done {
            return Ok(None);
        }
        let mut params = self.list.params.clone();
        Node::set(&mut params, "start", Node::Number(self.start.into()));
        let reply = self
            .client
            .call_api::<Value>(Api::Classic, &self.list.method, &Node::Object(params))
            .await?;
        let method = &self.list.method;
        let items = page_items(method, reply.result, &mut self.list.items_key)?;
        match reply.meta.next {
            Some(next) if next > self.start => self.start = next,
            Some(next) => {
                return Err(Error::Cursor {
                    method: method.clone(),
                    reason: format!("next={next} does not advance past start={}", self.start),
                });
            }
            None => self.done = true,
        }
        let offset = self.read;
        self.read += items.len();
        decode_items(method, items, offset).map(Some)
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
        let start = list
            .number_param("start")
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0);
        let cursor = Cursor {
            client: self.clone(),
            list,
            start,
            done: false,
            read: 0,
        };
        stream::try_unfold(cursor, |mut cursor| async move {
            Ok(cursor.next_page::<T>().await?.map(|items| (items, cursor)))
        })
        .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
        .try_flatten()
    }
}
