//! `batch`: up to 50 commands in one HTTP request, named, optionally chained with
//! `$result[name][…]` references, with results and per-command errors mapped back to their
//! names. Longer batches are split into several requests.
//!
//! Sending is the transport's job (`b24_runtime::Client::batch`); this module builds the
//! bodies and reads the replies:
//!
//! ```
//! # fn run() -> Result<(), b24_protocol::Error> {
//! use b24_protocol::batch::{Batch, BatchResult, result_ref};
//! use serde_json::{json, Value};
//!
//! let mut batch = Batch::new().halt(true);
//! let user = batch.add_call::<Value>("get_user", "user.current", &json!({}))?;
//! batch.add_call::<Value>(
//!     "get_department",
//!     "department.get",
//!     &json!({"ID": result_ref("get_user", &["UF_DEPARTMENT", "0"])}),
//! )?;
//! let mut response = batch.response();
//! for request in batch.requests()? {
//!     // POST request.body() to `batch`; its reply's `result`:
//!     let result: BatchResult =
//!         serde_json::from_value(json!({"result": {"get_user": {"ID": "1"}}})).unwrap();
//!     if !response.absorb(&request, result, None, 200) {
//!         break;
//!     }
//! }
//! assert_eq!(response.get(&user)?, json!({"ID": "1"}));
//! # Ok(()) }
//! # run().unwrap();
//! ```

mod named;
pub(crate) mod query;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::encode_failed;
use crate::meta::{Time, lenient_u64};
use crate::ordered::Node;
use crate::{Api, ApiError, Error, Method, envelope};
use named::NamedMap;

/// Commands one `batch` request may carry.
pub const MAX_COMMANDS: usize = 50;

/// `$result[command][path…]`: a reference to a field of an earlier command's result, for
/// use as a parameter value of a later command in the same request.
pub fn result_ref(command: &str, path: &[&str]) -> String {
    let path: String = path.iter().map(|part| format!("[{part}]")).collect();
    format!("$result[{command}]{path}")
}

#[derive(Debug, Clone)]
struct Command {
    name: String,
    method: String,
    /// `method?query`, as sent.
    line: String,
}

/// A batch being built. Commands run in the order they are added.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    commands: Vec<Command>,
    halt: bool,
}

/// The name of a command with the type its result decodes to.
pub struct BatchKey<T> {
    name: String,
    _output: PhantomData<fn() -> T>,
}

impl<T> BatchKey<T> {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A `$result` reference into this command's result.
    pub fn reference(&self, path: &[&str]) -> String {
        result_ref(&self.name, path)
    }
}

impl<T> Clone for BatchKey<T> {
    fn clone(&self) -> Self {
        Self {
            name: self.name.clone(),
            _output: PhantomData,
        }
    }
}

impl<T> fmt::Debug for BatchKey<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BatchKey").field(&self.name).finish()
    }
}

impl Batch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stop at the first failing command (`halt=1`); later commands are reported as
    /// [`Error::NotExecuted`], and later chunks of a long batch are not sent.
    pub fn halt(mut self, halt: bool) -> Self {
        self.halt = halt;
        self
    }

    /// Adds a typed request under `name`.
    pub fn add<M: Method>(
        &mut self,
        name: impl Into<String>,
        request: &M,
    ) -> Result<BatchKey<M::Output>, Error> {
        if M::API != Api::Classic {
            return Err(Error::InvalidBatch(format!(
                "{} is a REST 3.0 method; batch carries classic methods",
                M::NAME
            )));
        }
        crate::method::check_required(request)?;
        self.add_call(name, M::NAME, request)
    }

    /// Adds any method by name with any object of parameters.
    pub fn add_call<T>(
        &mut self,
        name: impl Into<String>,
        method: &str,
        params: &(impl Serialize + ?Sized),
    ) -> Result<BatchKey<T>, Error> {
        let name = name.into();
        if name.is_empty() || name.contains(['[', ']', '&', '=', '?', '$', '#']) {
            return Err(Error::InvalidBatch(format!(
                "command name `{name}` must be non-empty and free of []&=?$#"
            )));
        }
        if self.commands.iter().any(|c| c.name == name) {
            return Err(Error::InvalidBatch(format!(
                "duplicate command name `{name}`"
            )));
        }
        if method.is_empty() || method.contains(['/', '?', '#', '&', '\\']) || method == "batch" {
            return Err(Error::InvalidMethodName(method.to_owned()));
        }
        let value = Node::from_serialize(params).map_err(encode_failed(method))?;
        let query = query::encode(&value).ok_or_else(|| {
            Error::InvalidBatch(format!("the parameters of `{name}` must be an object"))
        })?;
        let line = if query.is_empty() {
            method.to_owned()
        } else {
            format!("{method}?{query}")
        };
        self.commands.push(Command {
            name: name.clone(),
            method: method.to_owned(),
            line,
        });
        Ok(BatchKey {
            name,
            _output: PhantomData,
        })
    }

    pub fn len(&self) -> usize {
        self.commands.len()
    }

    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// The `method?query` line of a command, as it will be sent.
    pub fn command_line(&self, name: &str) -> Option<&str> {
        self.commands
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.line.as_str())
    }

    /// The HTTP requests this batch takes, in order: one `batch` call per [`MAX_COMMANDS`]
    /// commands. References that would cross from one request to another are refused
    /// (the portal resolves them only within a request). Send each
    /// [`body`](BatchRequest::body) to the `batch` method and give its `result` to
    /// [`BatchResponse::absorb`], starting from [`Batch::response`].
    pub fn requests(&self) -> Result<Vec<BatchRequest<'_>>, Error> {
        self.chunks()?
            .into_iter()
            .map(|commands| {
                let body = serde_json::to_vec(&BatchBody {
                    halt: u8::from(self.halt),
                    cmd: commands,
                })
                .map_err(encode_failed("batch"))?;
                Ok(BatchRequest {
                    body,
                    commands,
                    halt: self.halt,
                })
            })
            .collect()
    }

    /// The response to fill from the replies of [`requests`](Self::requests): every
    /// command is [`Error::NotExecuted`] until a reply mentions it.
    pub fn response(&self) -> BatchResponse {
        BatchResponse {
            order: self
                .commands
                .iter()
                .map(|c| (c.name.clone(), c.method.clone()))
                .collect(),
            ..BatchResponse::default()
        }
    }

    /// Splits into requests of at most [`MAX_COMMANDS`], refusing references that would
    /// cross from one request to another (the portal resolves them only within a request).
    fn chunks(&self) -> Result<Vec<&[Command]>, Error> {
        let chunks: Vec<&[Command]> = self.commands.chunks(MAX_COMMANDS).collect();
        let chunk_of: HashMap<&str, usize> = chunks
            .iter()
            .enumerate()
            .flat_map(|(i, chunk)| chunk.iter().map(move |c| (c.name.as_str(), i)))
            .collect();
        for (i, chunk) in chunks.iter().enumerate() {
            for (position, command) in chunk.iter().enumerate() {
                for target in references(&command.line) {
                    let earlier = chunk[..position].iter().any(|c| c.name == target);
                    if earlier {
                        continue;
                    }
                    let reason = match chunk_of.get(target) {
                        Some(other) if *other != i => "is in another request of the split batch",
                        Some(_) => "comes later",
                        None => "does not exist",
                    };
                    return Err(Error::InvalidBatch(format!(
                        "`{}` refers to `{target}`, which {reason}",
                        command.name
                    )));
                }
            }
        }
        Ok(chunks)
    }
}

/// The command names a `method?query` line refers to.
fn references(line: &str) -> impl Iterator<Item = &str> {
    line.match_indices("$result[")
        .filter_map(|(at, _)| query::reference_target(&line[at..]))
}

/// One HTTP request of a [`Batch`] (see [`Batch::requests`]).
#[derive(Debug)]
pub struct BatchRequest<'a> {
    body: Vec<u8>,
    commands: &'a [Command],
    halt: bool,
}

impl BatchRequest<'_> {
    /// The JSON body of the `batch` call: `{"halt": 0|1, "cmd": {name: "method?query"}}`.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// How many commands the request carries.
    pub fn len(&self) -> usize {
        self.commands.len()
    }

    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }
}

/// The `result` of one `batch` reply, as the portal sends it (PHP's `[]` for an empty
/// map included), for [`BatchResponse::absorb`].
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct BatchResult(WireBatch);

/// The body of one `batch` request, with `cmd` in insertion order.
#[derive(Serialize)]
struct BatchBody<'a> {
    halt: u8,
    #[serde(serialize_with = "command_lines")]
    cmd: &'a [Command],
}

/// `cmd`: each command's name and `method?query` line.
fn command_lines<S: Serializer>(commands: &&[Command], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(commands.iter().map(|c| (&c.name, &c.line)))
}

#[derive(Debug, Deserialize)]
struct WireBatch {
    #[serde(default)]
    result: NamedMap<Box<RawValue>>,
    #[serde(default)]
    result_error: NamedMap<serde_json::Value>,
    #[serde(default)]
    result_total: NamedMap<Box<RawValue>>,
    #[serde(default)]
    result_next: NamedMap<Box<RawValue>>,
    #[serde(default)]
    result_time: NamedMap<Box<RawValue>>,
}

/// The outcome of every command, by name.
#[derive(Debug, Default)]
pub struct BatchResponse {
    order: Vec<(String, String)>,
    results: BTreeMap<String, Box<RawValue>>,
    errors: BTreeMap<String, ApiError>,
    totals: BTreeMap<String, u64>,
    nexts: BTreeMap<String, u64>,
    times: BTreeMap<String, Time>,
    requests: Vec<Option<Time>>,
}

impl BatchResponse {
    /// The decoded result of a command, or its error.
    pub fn get<T: DeserializeOwned>(&self, key: &BatchKey<T>) -> Result<T, Error> {
        self.result(&key.name)
    }

    /// The result of a command by name, decoded as `T`.
    pub fn result<T: DeserializeOwned>(&self, name: &str) -> Result<T, Error> {
        if let Some(error) = self.errors.get(name) {
            return Err(Error::Api(error.clone()));
        }
        let method = self.method_of(name);
        match self.results.get(name) {
            Some(raw) => envelope::decode_raw(
                method,
                raw.get(),
                &format!("result.result.{name}"),
                raw.get(),
            ),
            None => Err(Error::NotExecuted {
                command: name.to_owned(),
            }),
        }
    }

    /// The raw JSON result of a command.
    pub fn raw(&self, name: &str) -> Option<&RawValue> {
        self.results.get(name).map(|raw| &**raw)
    }

    pub fn error(&self, name: &str) -> Option<&ApiError> {
        self.errors.get(name)
    }

    /// Every failed command with its error, by name.
    pub fn errors(&self) -> impl Iterator<Item = (&str, &ApiError)> {
        self.errors
            .iter()
            .map(|(name, error)| (name.as_str(), error))
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// `total` of a list command.
    pub fn total(&self, name: &str) -> Option<u64> {
        self.totals.get(name).copied()
    }

    /// `next` of a list command: present when it has another page.
    pub fn next(&self, name: &str) -> Option<u64> {
        self.nexts.get(name).copied()
    }

    /// The `time` block of one command.
    pub fn time(&self, name: &str) -> Option<&Time> {
        self.times.get(name)
    }

    /// The `time` block of each HTTP request the batch took, in order.
    pub fn request_times(&self) -> &[Option<Time>] {
        &self.requests
    }

    /// How many HTTP requests the batch took.
    pub fn request_count(&self) -> usize {
        self.requests.len()
    }

    /// Command names in the order they were added.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|(name, _)| name.as_str())
    }

    fn method_of(&self, name: &str) -> &str {
        self.order
            .iter()
            .find(|(n, _)| n == name)
            .map_or("batch", |(_, method)| method.as_str())
    }

    /// Takes in the reply to one of [`Batch::requests`]: its `result`, the `time` block of
    /// the HTTP reply and its status. Returns whether to send the next request: not after
    /// an error under `halt`.
    pub fn absorb(
        &mut self,
        request: &BatchRequest<'_>,
        result: BatchResult,
        time: Option<Time>,
        http_status: u16,
    ) -> bool {
        self.requests.push(time);
        self.absorb_wire(result.0, request.commands, http_status);
        !request.halt || self.errors.is_empty()
    }

    fn absorb_wire(&mut self, wire: WireBatch, commands: &[Command], http_status: u16) {
        let method_of = |name: &str| {
            commands
                .iter()
                .find(|c| c.name == name)
                .map_or_else(|| "batch".to_owned(), |c| c.method.clone())
        };
        for (name, value) in wire.result_error.0 {
            let error = command_error(method_of(&name), value, http_status);
            self.errors.insert(name, error);
        }
        self.results.extend(wire.result.0);
        let numbers = |map: NamedMap<Box<RawValue>>| {
            map.0
                .into_iter()
                .filter_map(|(name, raw)| lenient_u64(&raw).map(|n| (name, n)))
        };
        self.totals.extend(numbers(wire.result_total));
        self.nexts.extend(numbers(wire.result_next));
        self.times
            .extend(wire.result_time.0.into_iter().filter_map(|(name, raw)| {
                serde_json::from_str::<Time>(raw.get())
                    .ok()
                    .map(|time| (name, time))
            }));
    }
}

fn command_error(method: String, value: serde_json::Value, http_status: u16) -> ApiError {
    let text = |value| envelope::text_of(value).unwrap_or_default();
    let (code, description) = match &value {
        serde_json::Value::Object(map) => {
            (text(map.get("error")), text(map.get("error_description")))
        }
        other => (text(Some(other)), String::new()),
    };
    ApiError {
        method,
        code,
        description,
        http_status,
        time: None,
        validation: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn commands_are_encoded_in_order() {
        let mut batch = Batch::new().halt(true);
        batch
            .add_call::<()>("b", "user.current", &json!({}))
            .unwrap();
        batch
            .add_call::<()>(
                "a",
                "department.get",
                &json!({"ID": result_ref("b", &["UF_DEPARTMENT", "0"])}),
            )
            .unwrap();
        let chunks = batch.chunks().unwrap();
        let body = serde_json::to_string(&BatchBody {
            halt: 1,
            cmd: chunks[0],
        })
        .unwrap();
        assert_eq!(
            body,
            r#"{"halt":1,"cmd":{"b":"user.current","a":"department.get?ID=$result[b][UF_DEPARTMENT][0]"}}"#
        );
    }

    #[test]
    fn bad_names_and_references_are_refused() {
        let mut batch = Batch::new();
        assert!(batch.add_call::<()>("a[0]", "m", &json!({})).is_err());
        assert!(batch.add_call::<()>("a", "m", &json!([1])).is_err());
        assert!(batch.add_call::<()>("a", "batch", &json!({})).is_err());
        batch
            .add_call::<()>("a", "m", &json!({"X": "$result[later]"}))
            .unwrap();
        assert!(
            batch.add_call::<()>("a", "m", &json!({})).is_err(),
            "duplicate"
        );
        batch.add_call::<()>("later", "m", &json!({})).unwrap();
        let err = batch.chunks().unwrap_err();
        assert!(err.to_string().contains("comes later"), "{err}");
    }

    #[test]
    fn references_across_chunks_are_refused() {
        let mut batch = Batch::new();
        for i in 0..MAX_COMMANDS {
            batch
                .add_call::<()>(format!("c{i}"), "m", &json!({}))
                .unwrap();
        }
        batch
            .add_call::<()>("tail", "m", &json!({"ID": result_ref("c0", &["ID"])}))
            .unwrap();
        let err = batch.chunks().unwrap_err();
        assert!(err.to_string().contains("another request"), "{err}");
    }

    #[test]
    fn php_empty_arrays_and_errors_are_mapped_to_names() {
        let wire: WireBatch = serde_json::from_value(json!({
            "result": {"ok": {"ID": "1"}},
            "result_error": {"bad": {"error": "insufficient_scope", "error_description": ""}},
            "result_total": [],
            "result_next": {"ok": 50},
            "result_time": []
        }))
        .unwrap();
        let commands = [
            Command {
                name: "ok".into(),
                method: "user.get".into(),
                line: String::new(),
            },
            Command {
                name: "bad".into(),
                method: "crm.deal.add".into(),
                line: String::new(),
            },
        ];
        let mut response = BatchResponse {
            order: commands
                .iter()
                .map(|c| (c.name.clone(), c.method.clone()))
                .collect(),
            ..BatchResponse::default()
        };
        response.absorb_wire(wire, &commands, 200);
        assert_eq!(
            response.result::<serde_json::Value>("ok").unwrap(),
            json!({"ID": "1"})
        );
        assert_eq!(response.next("ok"), Some(50));
        assert_eq!(response.total("ok"), None);
        let error = response.error("bad").unwrap();
        assert_eq!(
            (error.code.as_str(), error.method.as_str()),
            ("insufficient_scope", "crm.deal.add")
        );
        assert!(matches!(
            response.result::<serde_json::Value>("bad"),
            Err(Error::Api(_))
        ));
        assert!(matches!(
            response.result::<serde_json::Value>("missing"),
            Err(Error::NotExecuted { .. })
        ));
    }
}
