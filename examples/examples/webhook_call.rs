//! A first call with an incoming webhook: set the current user's status to "do not disturb".
//!
//! `B24_WEBHOOK_URL=https://example.bitrix24.ru/rest/1/your_webhook_code/ cargo run -p b24-examples --example webhook_call`

// ANCHOR: call
use b24_api::Client;
use b24_api::im::user::status::{ImUserStatusSet, ImUserStatusSetStatus};

/// Sets the webhook user's status; `true` when the portal accepted it.
pub async fn go_dnd(client: &Client) -> Result<bool, b24_api::Error> {
    client
        .send(&ImUserStatusSet::new(ImUserStatusSetStatus::Dnd))
        .await
}
// ANCHOR_END: call

#[allow(dead_code)] // the tests include this file for `go_dnd` alone
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // ANCHOR: client
    let client = Client::from_webhook(&std::env::var("B24_WEBHOOK_URL")?)?;
    // ANCHOR_END: client
    println!("status set: {}", go_dnd(&client).await?);
    Ok(())
}
