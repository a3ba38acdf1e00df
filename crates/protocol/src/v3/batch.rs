//! The REST 3.0 `batch` (`rest-v3.md#batch`): the body is a JSON array of
//! `{"method", "query"}` and `result` is an array in the same order. The classic `cmd`
//! form is refused there (`INVALIDSELECTEXCEPTION`), so only REST 3.0 methods can be
//! added, and `Client::send_v3_batch` is the only way this
//! batch is sent.

use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::encode_failed;
use crate::ordered::Node;
use crate::{Api, ApiError, Error, Method};

/// Calls per batch. The REST 3.0 overview gives no limit of its own; this is the
/// documented limit of `batch` (`how-to-call-rest-api/batch.md`: up to 50 commands).
pub const MAX_CALLS: usize = 50;

/// A REST 3.0 batch under construction.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    calls: Vec<Call>,
}

#[derive(Debug, Clone, Serialize)]
struct Call {
    method: &'static str,
    query: Node,
}

/// Where one call's result will be in the reply, typed with the method's `Output`.
#[derive(Debug)]
pub struct Slot<T> {
    index: usize,
    method: &'static str,
    output: PhantomData<fn() -> T>,
}

impl<T> Clone for Slot<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Slot<T> {}

impl<T> Slot<T> {
    pub fn index(&self) -> usize {
        self.index
    }
}

impl Batch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a REST 3.0 call; a classic method is refused (it would be a `cmd` batch).
    pub fn push<M: Method>(&mut self, request: &M) -> Result<Slot<M::Output>, Error> {
        if M::API != Api::RestV3 {
            return Err(Error::InvalidBatch(format!(
                "`{}` is a classic method: a REST 3.0 batch takes REST 3.0 methods only",
                M::NAME
            )));
        }
        crate::method::check_before_sending(request)?;
        let query = Node::from_serialize(request).map_err(encode_failed(M::NAME))?;
        let query = match query {
            Node::Null => Node::Object(Vec::new()),
            other => other,
        };
        self.calls.push(Call {
            method: M::NAME,
            query,
        });
        Ok(Slot {
            index: self.calls.len() - 1,
            method: M::NAME,
            output: PhantomData,
        })
    }

    pub fn len(&self) -> usize {
        self.calls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// The body to send, after the checks that need no portal: not empty, not above
    /// [`MAX_CALLS`].
    pub fn body(&self) -> Result<Vec<u8>, Error> {
        if self.calls.is_empty() {
            return Err(Error::InvalidBatch("the batch is empty".to_owned()));
        }
        if self.calls.len() > MAX_CALLS {
            return Err(Error::InvalidBatch(format!(
                "{} calls, more than the {MAX_CALLS} a batch takes",
                self.calls.len()
            )));
        }
        serde_json::to_vec(&self.calls).map_err(encode_failed("batch"))
    }

    /// Reads the `result` array of this batch's reply (`http_status` is the reply's): one
    /// result per call, or a decode error when the count differs.
    pub fn reply(&self, results: Vec<Value>, http_status: u16) -> Result<BatchReply, Error> {
        let got = results.len();
        if got != self.len() {
            return Err(Error::Decode {
                method: "batch".to_owned(),
                path: "result".to_owned(),
                body: Value::Array(results).to_string(),
                source: serde::de::Error::custom(format!("{got} results for {} calls", self.len())),
            });
        }
        Ok(BatchReply {
            results,
            http_status,
        })
    }
}

/// The results of a sent batch, one per call, in order.
#[derive(Debug, Clone)]
pub struct BatchReply {
    results: Vec<Value>,
    http_status: u16,
}

impl BatchReply {
    pub fn len(&self) -> usize {
        self.results.len()
    }

    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }

    /// The raw results, in call order.
    pub fn raw(&self) -> &[Value] {
        &self.results
    }

    /// One call's result decoded with its method's `Output`; an element that is an
    /// `{"error": …}` object is that call's [`Error::Api`].
    pub fn get<T: DeserializeOwned>(&self, slot: Slot<T>) -> Result<T, Error> {
        let Some(value) = self.results.get(slot.index) else {
            return Err(Error::NotExecuted {
                command: format!("{}#{}", slot.method, slot.index),
            });
        };
        if let Some(error) = value.get("error").filter(|e| e.is_object()) {
            let (code, message, validation) = super::error::parts(error);
            return Err(Error::Api(ApiError {
                method: slot.method.to_owned(),
                code,
                description: message,
                http_status: self.http_status,
                time: None,
                validation,
            }));
        }
        let body = value.to_string();
        serde_path_to_error::deserialize(value).map_err(|err| Error::Decode {
            method: slot.method.to_owned(),
            path: format!("result[{}].{}", slot.index, err.path()),
            body,
            source: err.into_inner(),
        })
    }
}
