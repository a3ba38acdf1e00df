//! Each example's logic against a fake portal on 127.0.0.1: the example files are compiled
//! into this test as modules, so what runs here is exactly what the README shows.

use b24_api::Client;
use b24_api::im::user::status::ImUserStatusSetStatus;
use b24_api::serde_json::json;
use b24_fake_portal::{ACCESS_TOKEN, CLIENT_ID, CLIENT_SECRET, FakePortal, REFRESH_TOKEN, Reply};

#[path = "../examples/webhook_call.rs"]
mod webhook_call;

#[path = "../examples/oauth_app.rs"]
mod oauth_app;

#[path = "../examples/list_all.rs"]
mod list_all;

#[path = "../examples/batch.rs"]
mod batch;

#[path = "../examples/errors.rs"]
mod errors;

#[tokio::test]
async fn the_webhook_example_sets_the_status() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("im.user.status.set", Reply::result(json!(true)));
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    assert!(webhook_call::go_dnd(&client).await.unwrap());

    let requests = portal.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].body, json!({"STATUS": "dnd"}));
}

#[tokio::test]
async fn the_oauth_example_stores_the_renewed_pair() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("user.current", Reply::result(json!({"ID": "1"})));
    let dir = tempfile::tempdir().unwrap();
    let store = oauth_app::FileTokenStore::new(dir.path().join("tokens.json"));
    store
        .save(&b24_api::TokenPair::new(ACCESS_TOKEN, REFRESH_TOKEN))
        .unwrap();
    let app = b24_api::OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
        .server(&portal.oauth_server_url())
        .unwrap();
    let client = oauth_app::oauth_client(&portal.base_url(), app, store.clone()).unwrap();
    portal.expire_access_token();

    let me: b24_api::serde_json::Value = client.call("user.current", &json!({})).await.unwrap();

    assert_eq!(me["ID"], "1");
    assert_eq!(portal.refresh_count(), 1);
    let stored = store.load().unwrap();
    let (access, refresh) = portal.current_tokens();
    assert_eq!(stored.access_token.expose(), access);
    assert_eq!(stored.refresh_token.expose(), refresh);
    assert_ne!(access, ACCESS_TOKEN);
}

#[tokio::test]
async fn the_list_example_reads_every_page() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply(
        "crm.deal.list",
        Reply::json(
            200,
            json!({"result": [{"ID": "1", "TITLE": "a"}, {"ID": "2", "TITLE": "b"}], "total": 2}),
        ),
    );
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    let deals = list_all::all_deals(&client).await.unwrap();

    assert_eq!(deals.len(), 2);
    assert_eq!(deals[1]["TITLE"], "b");
    assert_eq!(portal.requests()[0].body["select"], json!(["ID", "TITLE"]));
}

#[tokio::test]
async fn the_batch_example_chains_two_commands() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply(
        "user.current",
        Reply::result(json!({"ID": "1", "UF_DEPARTMENT": [7]})),
    );
    portal.reply("department.get", Reply::result(json!([{"ID": "7"}])));
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    let (me, department) = batch::me_and_my_department(&client).await.unwrap();

    assert_eq!(me["ID"], "1");
    assert_eq!(department, json!([{"ID": "7"}]));
    assert_eq!(portal.request_count(), 1, "one batch request");
}

#[tokio::test]
async fn the_errors_example_names_each_case() {
    let portal = FakePortal::start().await.unwrap();
    let client = errors::interactive_client(&portal.webhook_url()).unwrap();

    portal.reply("im.user.status.set", Reply::result(json!(true)));
    assert_eq!(
        errors::set_status(&client, ImUserStatusSetStatus::Dnd).await,
        "done: true"
    );

    portal.reply(
        "im.user.status.set",
        Reply::error(400, "STATUS_ERROR", "Unknown status"),
    );
    let unknown = ImUserStatusSetStatus::Unlisted("lunch".to_owned());
    assert_eq!(
        errors::set_status(&client, unknown).await,
        "the portal does not know this status"
    );

    portal.reply(
        "im.user.status.set",
        Reply::error(
            401,
            "insufficient_scope",
            "The request requires higher privileges",
        ),
    );
    assert_eq!(
        errors::set_status(&client, ImUserStatusSetStatus::Away).await,
        "the webhook lacks the `im` scope"
    );
}
