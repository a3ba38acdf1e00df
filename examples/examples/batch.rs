//! Several calls in one request: `batch` runs up to 50 commands on the portal, and a
//! command can use an earlier one's result (`$result[...]`).
//!
//! `B24_WEBHOOK_URL=… cargo run -p b24-examples --example batch`

// ANCHOR: batch
use b24_api::Client;
use b24_api::batch::{Batch, result_ref};
use b24_api::serde_json::{Value, json};

/// The current user and their first department, in one request.
pub async fn me_and_my_department(client: &Client) -> Result<(Value, Value), b24_api::Error> {
    let mut batch = Batch::new().halt(true);
    let me = batch.add_call::<Value>("me", "user.current", &json!({}))?;
    let department = batch.add_call::<Value>(
        "department",
        "department.get",
        &json!({ "ID": result_ref("me", &["UF_DEPARTMENT", "0"]) }),
    )?;
    let reply = client.batch(&batch).await?;
    // Each command has its own result or error.
    Ok((reply.get(&me)?, reply.get(&department)?))
}
// ANCHOR_END: batch

#[allow(dead_code)] // the tests include this file for `me_and_my_department` alone
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_webhook(&std::env::var("B24_WEBHOOK_URL")?)?;
    let (me, department) = me_and_my_department(&client).await?;
    println!("{} works in {}", me["NAME"], department);
    Ok(())
}
