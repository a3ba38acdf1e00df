//! `batch` against the fake portal.

use b24_fake_portal::{FakePortal, Reply};
use b24_runtime::batch::{Batch, MAX_COMMANDS, result_ref};
use b24_runtime::{Client, Error, ErrorCode, Method};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize)]
struct UserCurrent {}

impl Method for UserCurrent {
    const NAME: &'static str = "user.current";
    type Output = Value;
}

async fn portal_and_client() -> (FakePortal, Client) {
    let portal = FakePortal::builder()
        .items(500)
        .start()
        .await
        .expect("test setup");
    portal.reply(
        "user.current",
        Reply::result(json!({"ID": "7", "UF_DEPARTMENT": [3, 5]})),
    );
    let client = Client::from_webhook(&portal.webhook_url()).expect("test setup");
    (portal, client)
}

#[tokio::test]
async fn named_commands_with_references_come_back_by_name() {
    let (portal, client) = portal_and_client().await;
    let mut batch = Batch::new().halt(true);
    let user = batch.add("get_user", &UserCurrent {}).unwrap();
    let after = batch
        .add_call::<Vec<Value>>(
            "items_after",
            "item.list",
            &json!({"filter": {">ID": user.reference(&["UF_DEPARTMENT", "1"])}, "start": -1}),
        )
        .unwrap();
    let page = batch
        .add_call::<Vec<Value>>("page", "item.list", &json!({"start": 0}))
        .unwrap();

    let reply = client.batch(&batch).await.unwrap();

    assert_eq!(reply.get(&user).unwrap()["ID"], json!("7"));
    // `>ID` = UF_DEPARTMENT[1] = 5: the items with IDs 6, 8, ...
    let items = reply.get(&after).unwrap();
    assert_eq!(items[0]["ID"], json!("6"));
    assert_eq!(reply.get(&page).unwrap().len(), 50);
    assert_eq!(reply.total("page"), Some(500));
    assert_eq!(reply.next("page"), Some(50));
    assert_eq!(reply.next("items_after"), None);
    assert!(reply.is_ok());
    assert_eq!(reply.request_count(), 1);
    assert!(reply.request_times()[0].is_some());

    let requests = portal.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "batch");
    assert_eq!(
        requests[0].body,
        json!({
            "halt": 1,
            "cmd": {
                "get_user": "user.current",
                "items_after": "item.list?filter[%3EID]=$result[get_user][UF_DEPARTMENT][1]&start=-1",
                "page": "item.list?start=0",
            }
        })
    );
}

#[tokio::test]
async fn errors_are_mapped_to_their_commands_and_halt_stops_the_rest() {
    let (_portal, client) = portal_and_client().await;
    let build = |halt| {
        let mut batch = Batch::new().halt(halt);
        batch
            .add_call::<Value>("first", "user.current", &json!({}))
            .unwrap();
        batch
            .add_call::<Value>("broken", "no.such.method", &json!({}))
            .unwrap();
        batch
            .add_call::<Value>("last", "user.current", &json!({}))
            .unwrap();
        batch
    };

    let reply = client.batch(&build(false)).await.unwrap();
    let error = reply.error("broken").unwrap();
    assert_eq!(error.kind(), ErrorCode::MethodNotFound);
    assert_eq!(error.method, "no.such.method");
    assert!(reply.result::<Value>("last").is_ok());
    assert!(!reply.is_ok());

    let reply = client.batch(&build(true)).await.unwrap();
    let first = reply.result::<Value>("first");
    assert!(first.is_ok(), "{first:?}");
    assert!(matches!(
        reply.result::<Value>("broken"),
        Err(Error::Api(_))
    ));
    assert!(matches!(
        reply.result::<Value>("last"),
        Err(Error::NotExecuted { .. })
    ));
}

#[tokio::test]
async fn an_all_failed_batch_decodes_php_empty_arrays() {
    let (_portal, client) = portal_and_client().await;
    let mut batch = Batch::new();
    batch
        .add_call::<Value>("a", "nope.one", &json!({}))
        .unwrap();
    let reply = client.batch(&batch).await.unwrap();
    // The portal sent `"result": []`, `"result_total": []`, ...
    assert_eq!(reply.errors().count(), 1);
    assert!(reply.raw("a").is_none());
}

#[tokio::test]
async fn long_batches_are_split_at_fifty() {
    let (portal, client) = portal_and_client().await;
    let mut batch = Batch::new();
    for i in 0..120 {
        batch
            .add_call::<Vec<Value>>(
                format!("p{i}"),
                "item.list",
                &json!({"start": i * 50 % 500}),
            )
            .unwrap();
    }

    let reply = client.batch(&batch).await.unwrap();

    assert_eq!(reply.request_count(), 3);
    assert_eq!(portal.request_count(), 3);
    for request in portal.requests() {
        assert!(request.body["cmd"].as_object().unwrap().len() <= MAX_COMMANDS);
    }
    for i in 0..120 {
        assert_eq!(
            reply.result::<Vec<Value>>(&format!("p{i}")).unwrap().len(),
            50
        );
    }
}

#[tokio::test]
async fn halt_stops_later_chunks_too() {
    let (portal, client) = portal_and_client().await;
    let mut batch = Batch::new().halt(true);
    batch.add_call::<Value>("bad", "nope", &json!({})).unwrap();
    for i in 0..60 {
        batch
            .add_call::<Value>(format!("c{i}"), "user.current", &json!({}))
            .unwrap();
    }
    let reply = client.batch(&batch).await.unwrap();
    assert_eq!(portal.request_count(), 1);
    assert!(matches!(
        reply.result::<Value>("c55"),
        Err(Error::NotExecuted { .. })
    ));
    assert!(reply.names().count() == 61);
}

#[test]
fn references_read_like_the_docs() {
    assert_eq!(
        result_ref("get_user", &["UF_DEPARTMENT", "0"]),
        "$result[get_user][UF_DEPARTMENT][0]"
    );
}
