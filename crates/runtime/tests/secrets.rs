//! Webhook codes, tokens and client secrets never reach `Debug`, `Display`, errors or
//! tracing output, whatever happens during a call.

use std::io::Write;
use std::sync::{Arc, Mutex};

use b24_fake_portal::{
    ACCESS_TOKEN, CLIENT_ID, CLIENT_SECRET, FakePortal, Fault, REFRESH_TOKEN, Reply, WEBHOOK_CODE,
};
use b24_runtime::{Client, OAuth, OAuthApp, RateLimiter, RetryPolicy, TokenPair};
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("capture lock").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn nothing_secret_is_traced_or_shown() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let portal = FakePortal::start().await.unwrap();
    let moved = FakePortal::start().await.unwrap();
    portal.reply("user.current", Reply::result(json!(true)));
    moved.reply("user.current", Reply::result(json!(true)));
    let mut shown = String::new();

    // A webhook client through retries, an error and a move.
    let webhook = Client::builder()
        .webhook(&portal.webhook_url())
        .unwrap()
        // A refused call marks the bucket full; the test need not wait for it to drain.
        .rate_limiter(RateLimiter::unlimited())
        .retry(RetryPolicy {
            base_delay: std::time::Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    portal.inject(Fault::QueryLimit);
    webhook
        .call::<bool>("user.current", &json!({}))
        .await
        .unwrap();
    let err = webhook.call::<bool>("nope", &json!({})).await.unwrap_err();
    shown.push_str(&format!("{err} {err:?} {webhook:?}"));
    portal.move_to(&moved.base_url());
    webhook
        .call::<bool>("user.current", &json!({}))
        .await
        .unwrap();
    shown.push_str(&format!("{webhook:?}"));

    // An OAuth client through a renewal and a failed renewal.
    let app = OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
        .server(&moved.oauth_server_url())
        .unwrap();
    let oauth = OAuth::new(
        &moved.base_url(),
        app,
        TokenPair::new(ACCESS_TOKEN, REFRESH_TOKEN),
    )
    .unwrap()
    .application_token("appt0k3n");
    shown.push_str(&format!("{oauth:?}"));
    let client = Client::builder().oauth(oauth).build().unwrap();
    moved.expire_access_token();
    client
        .call::<bool>("user.current", &json!({}))
        .await
        .unwrap();
    let (new_access, new_refresh) = moved.current_tokens();
    shown.push_str(&format!("{client:?} {:?}", client.tokens()));
    moved.expire_access_token();
    moved.expire_access_token();
    let stale = OAuth::new(
        &moved.base_url(),
        OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
            .server(&moved.oauth_server_url())
            .unwrap(),
        TokenPair::new(ACCESS_TOKEN, REFRESH_TOKEN),
    )
    .unwrap();
    let stale = Client::builder().oauth(stale).build().unwrap();
    let err = stale
        .call::<bool>("user.current", &json!({}))
        .await
        .unwrap_err();
    shown.push_str(&format!("{err} {err:?}"));

    let traced = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        traced.contains("reply"),
        "tracing captured nothing: {traced}"
    );
    let everything = format!("{shown}\n{traced}");
    for secret in [
        WEBHOOK_CODE,
        ACCESS_TOKEN,
        REFRESH_TOKEN,
        CLIENT_SECRET,
        "appt0k3n",
        new_access.as_str(),
        new_refresh.as_str(),
    ] {
        assert!(
            !everything.contains(secret),
            "`{secret}` leaked:\n{everything}"
        );
    }
}
