//! The client against a real HTTP server on 127.0.0.1.

use b24_fake_portal::{FakePortal, Reply, WEBHOOK_CODE};
use b24_runtime::{Client, Error, Method};
use serde::Serialize;
use serde_json::json;

#[derive(Serialize)]
struct SetStatus {
    #[serde(rename = "STATUS")]
    status: &'static str,
}

impl Method for SetStatus {
    const NAME: &'static str = "im.user.status.set";
    type Output = bool;
}

#[tokio::test]
async fn posts_json_to_the_method_endpoint_and_decodes_the_result() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("im.user.status.set", Reply::result(json!(true)));
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    let result = client.send(&SetStatus { status: "dnd" }).await.unwrap();

    assert!(result);
    let requests = portal.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.http_method, "POST");
    assert_eq!(
        request.path,
        format!("/rest/1/{WEBHOOK_CODE}/im.user.status.set")
    );
    assert_eq!(request.body, json!({"STATUS": "dnd"}));
    assert_eq!(request.headers["content-type"], "application/json");
}

#[tokio::test]
async fn api_errors_are_typed_and_do_not_leak_the_code() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply(
        "im.user.status.set",
        Reply::error(400, "STATUS_ERROR", "Status is not available"),
    );
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    let err = client
        .send(&SetStatus { status: "nope" })
        .await
        .unwrap_err();

    let api = err.api().expect("an API error");
    assert_eq!(api.code, "STATUS_ERROR");
    assert_eq!(api.description, "Status is not available");
    assert_eq!(api.http_status, 400);
    let shown = format!("{err} {err:?} {client:?}");
    assert!(!shown.contains(WEBHOOK_CODE), "{shown}");
}

#[tokio::test]
async fn transport_errors_do_not_leak_the_code() {
    let portal = FakePortal::start().await.unwrap();
    let url = portal.webhook_url();
    drop(portal);
    let client = Client::from_webhook(&url).unwrap();

    let err = client.send(&SetStatus { status: "dnd" }).await.unwrap_err();

    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let mut shown = format!("{err} {err:?}");
    let mut source = std::error::Error::source(&err);
    while let Some(inner) = source {
        shown.push_str(&format!(" {inner} {inner:?}"));
        source = inner.source();
    }
    assert!(!shown.contains(WEBHOOK_CODE), "{shown}");
}

#[tokio::test]
async fn untyped_calls_reach_any_method() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("user.current", Reply::result(json!({"ID": "1"})));
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    let user: serde_json::Value = client.call("user.current", &json!({})).await.unwrap();

    assert_eq!(user, json!({"ID": "1"}));
}
