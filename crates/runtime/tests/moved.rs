//! A portal that moved to a new address answers 302: the client re-sends the POST there,
//! keeps using the new address and tells the application.

use std::sync::{Arc, Mutex};

use b24_fake_portal::{
    ACCESS_TOKEN, CLIENT_ID, CLIENT_SECRET, FakePortal, REFRESH_TOKEN, Reply, WEBHOOK_CODE,
};
use b24_runtime::{Client, Error, OAuth, OAuthApp, PortalMoved, TokenPair};
use serde_json::json;

#[tokio::test]
async fn the_post_is_resent_to_the_new_address_and_reported() {
    let old = FakePortal::start().await.unwrap();
    let new = FakePortal::start().await.unwrap();
    new.reply("crm.deal.add", Reply::result(json!(42)));
    old.move_to(&new.base_url());
    let moves: Arc<Mutex<Vec<PortalMoved>>> = Arc::default();
    let sink = moves.clone();
    let client = Client::builder()
        .webhook(&old.webhook_url())
        .unwrap()
        .on_portal_moved(move |moved| sink.lock().unwrap().push(moved.clone()))
        .build()
        .unwrap();

    let id: u64 = client
        .call("crm.deal.add", &json!({"fields": {"TITLE": "x"}}))
        .await
        .unwrap();
    let again: u64 = client
        .call("crm.deal.add", &json!({"fields": {"TITLE": "y"}}))
        .await
        .unwrap();

    assert_eq!((id, again), (42, 42));
    assert_eq!(
        old.request_count(),
        1,
        "only the first call met the redirect"
    );
    let requests = new.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].http_method, "POST");
    assert_eq!(
        requests[0].path,
        format!("/rest/1/{WEBHOOK_CODE}/crm.deal.add")
    );
    assert_eq!(requests[0].body, json!({"fields": {"TITLE": "x"}}));
    assert_eq!(client.portal(), new.base_url());
    let moves = moves.lock().unwrap();
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0].from, old.base_url());
    assert_eq!(moves[0].to, new.base_url());
    assert!(!format!("{moves:?}").contains(WEBHOOK_CODE));
}

#[tokio::test]
async fn oauth_clients_follow_a_move_too() {
    let old = FakePortal::start().await.unwrap();
    let new = FakePortal::start().await.unwrap();
    new.reply("user.current", Reply::result(json!({"ID": "1"})));
    old.move_to(&new.base_url());
    let app = OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
        .server(&new.oauth_server_url())
        .unwrap();
    let oauth = OAuth::new(
        &old.base_url(),
        app,
        TokenPair::new(ACCESS_TOKEN, REFRESH_TOKEN),
    )
    .unwrap();
    let client = Client::builder().oauth(oauth).build().unwrap();

    let user: serde_json::Value = client.call("user.current", &json!({})).await.unwrap();

    assert_eq!(user["ID"], json!("1"));
    assert_eq!(new.requests()[0].body["auth"], json!(ACCESS_TOKEN));
}

#[tokio::test]
async fn a_redirect_loop_is_an_error() {
    let a = FakePortal::start().await.unwrap();
    let b = FakePortal::start().await.unwrap();
    a.move_to(&b.base_url());
    b.move_to(&a.base_url());
    let client = Client::from_webhook(&a.webhook_url()).unwrap();

    let err = client
        .call::<serde_json::Value>("user.current", &json!({}))
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
    assert!(!err.to_string().contains(WEBHOOK_CODE));
    assert!(a.request_count() + b.request_count() <= 4);
}
