//! What comes with every answer besides `result`: the `time` block (execution time and the
//! per-method budget) and, for lists, `total` and `next`.

use serde::{Deserialize, Serialize};

/// The `time` block of a reply. Fields vary between methods and portals, so all are
/// optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Time {
    /// Unix time the portal started the request (fractional seconds).
    pub start: Option<f64>,
    pub finish: Option<f64>,
    /// Seconds the request took on the portal.
    pub duration: Option<f64>,
    pub processing: Option<f64>,
    pub date_start: Option<String>,
    pub date_finish: Option<String>,
    /// Seconds of execution time this method has accumulated for this application or
    /// webhook over the last 10 minutes; past the portal's limit the method answers
    /// `OPERATION_TIME_LIMIT`.
    pub operating: Option<f64>,
    /// Unix time when the oldest minute of `operating` is dropped.
    pub operating_reset_at: Option<f64>,
}

/// The metadata of one reply.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Meta {
    pub time: Option<Time>,
    /// For lists: how many items match (absent or 0 when `start=-1`).
    pub total: Option<u64>,
    /// For lists: the `start` of the next page; absent on the last page.
    pub next: Option<u64>,
    /// The HTTP status of the reply.
    pub http_status: u16,
    /// REST 3.0: the reply came with `Idempotent-Replayed: true`, i.e. the portal did not
    /// run the method again but returned the reply it stored for this `Idempotency-Key`.
    pub replayed: bool,
}

/// A decoded `result` with the metadata of its reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    pub result: T,
    pub meta: Meta,
}

impl<T> Response<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            result: f(self.result),
            meta: self.meta,
        }
    }
}

/// Reads a count that the portal sends as a number or as a numeric string.
pub(crate) fn lenient_u64(raw: &serde_json::value::RawValue) -> Option<u64> {
    match serde_json::from_str::<serde_json::Value>(raw.get()).ok()? {
        serde_json::Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
