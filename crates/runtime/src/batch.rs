//! `batch`: up to 50 commands in one HTTP request, named, optionally chained with
//! `$result[name][…]` references, with results and per-command errors mapped back to their
//! names. Longer batches are split into several requests. Building the bodies and reading
//! the replies is `b24_protocol::batch`, re-exported here; [`Client::batch`] sends them.
//!
//! ```no_run
//! # async fn run(client: b24_runtime::Client) -> Result<(), b24_runtime::Error> {
//! use b24_runtime::batch::{Batch, result_ref};
//! use serde_json::{json, Value};
//!
//! let mut batch = Batch::new().halt(true);
//! let user = batch.add_call::<Value>("get_user", "user.current", &json!({}))?;
//! let department = batch.add_call::<Value>(
//!     "get_department",
//!     "department.get",
//!     &json!({"ID": result_ref("get_user", &["UF_DEPARTMENT", "0"])}),
//! )?;
//! let reply = client.batch(&batch).await?;
//! let user: Value = reply.get(&user)?;
//! let department: Value = reply.get(&department)?;
//! # Ok(()) }
//! ```

pub use b24_protocol::batch::*;

use crate::{Api, Client, Error};

impl Client {
    /// Sends a batch: one HTTP request per [`MAX_COMMANDS`] commands. Each request goes
    /// through the same limits and retries as a single call.
    pub async fn batch(&self, batch: &Batch) -> Result<BatchResponse, Error> {
        let mut response = batch.response();
        for request in batch.requests()? {
            let reply = self
                .execute::<BatchResult>(Api::Classic, "batch", request.body())
                .await?;
            let go_on = response.absorb(
                &request,
                reply.result,
                reply.meta.time,
                reply.meta.http_status,
            );
            if !go_on {
                break;
            }
        }
        Ok(response)
    }
}
