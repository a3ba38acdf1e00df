//! The blocking client, for scripts: the fake portal runs on its own runtime thread.

use b24_fake_portal::{FakePortal, Reply};
use b24_runtime::batch::Batch;
use b24_runtime::{List, blocking};
use serde_json::{Value, json};

fn portal(runtime: &tokio::runtime::Runtime, items: usize) -> FakePortal {
    runtime
        .block_on(FakePortal::builder().items(items).start())
        .expect("test setup")
}

#[test]
fn calls_batches_and_lists_without_async() {
    let server = tokio::runtime::Runtime::new().unwrap();
    let portal = portal(&server, 300);
    portal.reply("user.current", Reply::result(json!({"ID": "1"})));
    let client = blocking::Client::from_webhook(&portal.webhook_url()).unwrap();

    let user: Value = client.call("user.current", &json!({})).unwrap();
    assert_eq!(user["ID"], json!("1"));

    let mut batch = Batch::new();
    batch
        .add_call::<Value>("me", "user.current", &json!({}))
        .unwrap();
    assert_eq!(
        client.batch(&batch).unwrap().result::<Value>("me").unwrap()["ID"],
        json!("1")
    );

    let paged = client
        .list::<Value>(List::new("item.list"))
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let fast = client
        .list_by_id::<Value>(List::new("item.list"))
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(paged.len(), 300);
    assert_eq!(paged, fast);
}
