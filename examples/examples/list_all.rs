//! Every deal of a portal, page by page: `Client::list` follows `start`/`next` (50 items
//! a request) and yields items as a stream.
//!
//! `B24_WEBHOOK_URL=… cargo run -p b24-examples --example list_all`

// ANCHOR: list
use b24_api::serde_json::{Value, json};
use b24_api::{Client, List};
use futures_util::TryStreamExt;

/// The ID and title of every deal.
pub async fn all_deals(client: &Client) -> Result<Vec<Value>, b24_api::Error> {
    let list = List::new("crm.deal.list").param("select", json!(["ID", "TITLE"]));
    client.list(list).try_collect().await
}
// ANCHOR_END: list

#[allow(dead_code)] // the tests include this file for `all_deals` alone
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_webhook(&std::env::var("B24_WEBHOOK_URL")?)?;
    let deals = all_deals(&client).await?;
    println!("{} deals", deals.len());
    Ok(())
}
