//! OAuth application auth against the fake portal and its token endpoint.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use b24_fake_portal::{
    ACCESS_TOKEN, APPLICATION_TOKEN, CLIENT_ID, CLIENT_SECRET, FakePortal, REFRESH_TOKEN, Reply,
};
use b24_runtime::{Client, Error, ErrorCode, OAuth, OAuthApp, TokenPair};
use serde_json::{Value, json};

fn oauth(portal: &FakePortal) -> OAuth {
    let app = OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
        .server(&portal.oauth_server_url())
        .expect("test setup");
    OAuth::new(
        &portal.base_url(),
        app,
        TokenPair::new(ACCESS_TOKEN, REFRESH_TOKEN),
    )
    .expect("test setup")
}

fn client(oauth: OAuth) -> Client {
    Client::builder().oauth(oauth).build().expect("test setup")
}

#[tokio::test]
async fn the_token_goes_in_auth_and_is_not_renewed_while_it_works() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("user.current", Reply::result(json!({"ID": "1"})));
    let client = client(oauth(&portal));

    for _ in 0..3 {
        let user: Value = client.call("user.current", &json!({"x": 1})).await.unwrap();
        assert_eq!(user, json!({"ID": "1"}));
    }

    let requests = portal.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].path, "/rest/user.current");
    assert_eq!(requests[0].body, json!({"auth": ACCESS_TOKEN, "x": 1}));
    assert_eq!(portal.refresh_count(), 0, "never renewed ahead of expiry");
}

#[tokio::test]
async fn an_expired_token_is_renewed_once_the_call_repeated_and_the_pair_handed_over() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("user.current", Reply::result(json!({"ID": "1"})));
    let stored: Arc<Mutex<Vec<TokenPair>>> = Arc::default();
    let sink = stored.clone();
    let client = client(oauth(&portal).on_refresh(move |pair| {
        sink.lock().unwrap().push(pair.clone());
    }));
    portal.expire_access_token();

    let user: Value = client.call("user.current", &json!({})).await.unwrap();

    assert_eq!(user, json!({"ID": "1"}));
    assert_eq!(portal.refresh_count(), 1);
    let requests = portal.requests();
    assert_eq!(requests.len(), 2, "the failed call and its repetition");
    assert_eq!(requests[1].body["auth"], json!("acc3ss-1"));
    let stored = stored.lock().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].access_token.expose(), "acc3ss-1");
    assert_eq!(stored[0].refresh_token.expose(), "r3fr3sh-1");
    assert_eq!(client.tokens().unwrap(), stored[0]);
}

#[tokio::test]
async fn concurrent_callers_share_one_renewal() {
    let portal = FakePortal::builder()
        .refresh_delay(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    portal.reply("user.current", Reply::result(json!(true)));
    let client = client(oauth(&portal));
    portal.expire_access_token();

    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.call::<bool>("user.current", &json!({})).await })
        })
        .collect();
    for call in calls {
        assert!(call.await.unwrap().unwrap());
    }

    assert_eq!(portal.refresh_count(), 1);
}

#[tokio::test]
async fn a_second_expiry_right_after_renewal_is_returned_not_looped() {
    let portal = FakePortal::start().await.unwrap();
    // The method always says the token expired: renew once, then give up.
    portal.reply(
        "user.current",
        Reply::error(
            401,
            "expired_token",
            "The access token provided has expired.",
        ),
    );
    let client = client(oauth(&portal));

    let err = client
        .call::<Value>("user.current", &json!({}))
        .await
        .unwrap_err();

    assert_eq!(err.code(), Some(ErrorCode::ExpiredToken));
    assert_eq!(portal.refresh_count(), 1);
    assert_eq!(portal.request_count(), 2);
}

#[tokio::test]
async fn a_dead_refresh_token_is_an_oauth_error_without_secrets() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("user.current", Reply::result(json!(true)));
    let app = OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
        .server(&portal.oauth_server_url())
        .unwrap();
    let stale = OAuth::new(
        &portal.base_url(),
        app,
        TokenPair::new(ACCESS_TOKEN, "r3fr3sh-stale"),
    )
    .unwrap();
    let client = client(stale);
    portal.expire_access_token();

    let err = client
        .call::<bool>("user.current", &json!({}))
        .await
        .unwrap_err();

    let Error::OAuth(oauth) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(oauth.code, "invalid_grant");
    let shown = format!("{err} {err:?} {client:?}");
    for secret in [CLIENT_SECRET, "r3fr3sh-stale", ACCESS_TOKEN] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

#[tokio::test]
async fn application_tokens_of_events_are_checked() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(oauth(&portal).application_token(APPLICATION_TOKEN));
    assert!(client.verify_application_token(APPLICATION_TOKEN));
    assert!(!client.verify_application_token("forged"));
    assert!(!format!("{client:?}").contains(APPLICATION_TOKEN));
}
