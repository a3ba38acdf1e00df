//! A first call with an incoming webhook: set the current user's status to "do not disturb".
//!
//! `B24_WEBHOOK_URL=https://example.bitrix24.ru/rest/1/your_webhook_code/ cargo run -p b24-examples --example webhook_call`

use b24_api::Client;
use b24_api::im::user::status::{ImUserStatusSet, ImUserStatusSetStatus};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_webhook(&b24_examples::webhook_url()?)?;
    let done: bool = client
        .send(&ImUserStatusSet::new(ImUserStatusSetStatus::Dnd))
        .await?;
    println!("status set: {done}");
    Ok(())
}
