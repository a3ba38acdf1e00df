//! Errors and retries: the client already retries what is safe to retry (limits, 503)
//! under its `RetryPolicy`; the rest comes back as one `Error` to match on.
//!
//! `B24_WEBHOOK_URL=… cargo run -p b24-examples --example errors`

// ANCHOR: policy
use std::time::Duration;

use b24_api::{Client, Error, RetryPolicy};

/// A client for interactive use: three attempts in all, backing off from 0.2 s.
pub fn interactive_client(webhook_url: &str) -> Result<Client, Error> {
    let retry = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(200),
        ..RetryPolicy::default()
    };
    Client::builder().webhook(webhook_url)?.retry(retry).build()
}
// ANCHOR_END: policy

// ANCHOR: handle
use b24_api::ErrorCode;
use b24_api::im::user::status::{ImUserStatusSet, ImUserStatusSetError, ImUserStatusSetStatus};

/// Sets a status and says what happened, the way a program would decide what to do next.
pub async fn set_status(client: &Client, status: ImUserStatusSetStatus) -> String {
    let err = match client.send(&ImUserStatusSet::new(status)).await {
        Ok(done) => return format!("done: {done}"),
        Err(err) => err,
    };
    // The codes this method's page documents, typed:
    if let Some(ImUserStatusSetError::StatusError) = ImUserStatusSet::error(&err) {
        return "the portal does not know this status".to_owned();
    }
    match &err {
        // System codes, typed by the runtime.
        Error::Api(api) if api.kind() == ErrorCode::InsufficientScope => {
            "the webhook lacks the `im` scope".to_owned()
        }
        Error::Api(api) => format!("the portal refused: {} ({})", api.code, api.description),
        // A timeout after the request went out: the status may be set already. Setting a
        // status twice is harmless, so try once more; a `crm.deal.add` would need a check.
        _ if err.may_have_executed() => "no answer; it may have run".to_owned(),
        other => format!("not sent: {other}"),
    }
}
// ANCHOR_END: handle

#[allow(dead_code)] // the tests include this file for its functions
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = interactive_client(&std::env::var("B24_WEBHOOK_URL")?)?;
    println!("{}", set_status(&client, ImUserStatusSetStatus::Dnd).await);
    let unknown = ImUserStatusSetStatus::Unlisted("lunch".to_owned());
    println!("{}", set_status(&client, unknown).await);
    Ok(())
}
