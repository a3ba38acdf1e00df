//! Rate limits, retries and transport failures against the fake portal. Waits run on a
//! manual clock shared by the client and the portal's bucket: exact, and free of wall time.

use std::sync::Arc;
use std::time::Duration;

use b24_fake_portal::{FakePortal, Fault, Reply};
use b24_runtime::testing::ManualClock;
use b24_runtime::{Client, Error, ErrorCode, RateLimit, RateLimiter, RetryPolicy, TransportKind};
use serde_json::{Value, json};

async fn portal_on(clock: &Arc<ManualClock>, burst: u32, per_second: f64) -> FakePortal {
    let shared = clock.clone();
    let unix = clock.clone();
    FakePortal::builder()
        .rate_limit(burst, per_second)
        .clock(Arc::new(move || shared.seconds()))
        .unix_clock(Arc::new(move || b24_runtime::Clock::unix_now(&*unix)))
        .start()
        .await
        .expect("test setup")
}

fn client(
    portal: &FakePortal,
    clock: &Arc<ManualClock>,
    limit: Option<RateLimit>,
    retry: RetryPolicy,
) -> Client {
    let limiter = limit.map_or_else(RateLimiter::unlimited, RateLimiter::new);
    Client::builder()
        .webhook(&portal.webhook_url())
        .expect("test setup")
        .clock(clock.clone())
        .rate_limiter(limiter)
        .retry(retry)
        .build()
        .expect("test setup")
}

fn no_jitter() -> RetryPolicy {
    RetryPolicy {
        jitter: false,
        ..RetryPolicy::default()
    }
}

#[tokio::test]
async fn the_client_bucket_keeps_a_long_run_under_the_portal_limit() {
    let clock = Arc::new(ManualClock::new());
    let portal = portal_on(&clock, 50, 2.0).await;
    portal.reply("user.current", Reply::result(json!(true)));
    let client = client(
        &portal,
        &clock,
        Some(RateLimit::STANDARD),
        RetryPolicy::never(),
    );

    for _ in 0..120 {
        assert!(
            client
                .call::<bool>("user.current", &json!({}))
                .await
                .unwrap()
        );
    }

    assert_eq!(portal.rejected_count(), 0);
    assert_eq!(portal.request_count(), 120);
    // 50 at once, then 70 more at 2 per second.
    let elapsed = clock.seconds();
    assert!((elapsed - 35.0).abs() < 0.01, "clock advanced {elapsed} s");
}

#[tokio::test]
async fn without_the_client_bucket_the_portal_refuses_and_retries_recover() {
    let clock = Arc::new(ManualClock::new());
    let portal = portal_on(&clock, 5, 2.0).await;
    portal.reply("user.current", Reply::result(json!(true)));

    let bare = client(&portal, &clock, None, RetryPolicy::never());
    for _ in 0..5 {
        bare.call::<bool>("user.current", &json!({})).await.unwrap();
    }
    let err = bare
        .call::<bool>("user.current", &json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::QueryLimitExceeded));
    assert_eq!(err.api().unwrap().http_status, 503);
    assert!(!err.may_have_executed());

    let retrying = client(&portal, &clock, None, no_jitter());
    assert!(
        retrying
            .call::<bool>("user.current", &json!({}))
            .await
            .unwrap()
    );
    assert_eq!(clock.sleeps(), vec![Duration::from_millis(500)]);
}

#[tokio::test]
async fn overload_and_503_pages_are_retried_with_growing_backoff() {
    let clock = Arc::new(ManualClock::new());
    let portal = FakePortal::start().await.unwrap();
    portal.reply("user.current", Reply::result(json!(true)));
    portal.inject(Fault::QueryLimit);
    portal.inject(Fault::Overload);
    portal.inject(Fault::Unavailable);
    let client = client(&portal, &clock, None, no_jitter());

    assert!(
        client
            .call::<bool>("user.current", &json!({}))
            .await
            .unwrap()
    );

    assert_eq!(portal.request_count(), 4);
    assert_eq!(
        clock.sleeps(),
        vec![
            Duration::from_millis(500),
            Duration::from_secs(1),
            Duration::from_secs(2)
        ]
    );
}

#[tokio::test]
async fn retries_are_bounded_then_the_error_is_returned() {
    let clock = Arc::new(ManualClock::new());
    let portal = FakePortal::start().await.unwrap();
    for _ in 0..10 {
        portal.inject(Fault::QueryLimit);
    }
    let retry = RetryPolicy {
        max_attempts: 3,
        ..RetryPolicy::default()
    };
    let client = client(&portal, &clock, None, retry);

    let err = client
        .call::<Value>("user.current", &json!({}))
        .await
        .unwrap_err();

    assert_eq!(err.code(), Some(ErrorCode::QueryLimitExceeded));
    assert_eq!(portal.request_count(), 3);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    // Jitter keeps each wait within [d/2, d].
    assert!(sleeps[0] >= Duration::from_millis(250) && sleeps[0] <= Duration::from_millis(500));
    assert!(sleeps[1] >= Duration::from_millis(500) && sleeps[1] <= Duration::from_secs(1));
}

#[tokio::test]
async fn operation_time_limit_waits_for_operating_reset_at() {
    let clock = Arc::new(ManualClock::at_unix(1_700_000_000.0));
    let portal = FakePortal::start().await.unwrap();
    portal.reply("crm.item.list", Reply::result(json!([])));
    portal.inject(Fault::OperationTimeLimit {
        reset_at: Some(1_700_000_030.0),
    });
    let client = client(&portal, &clock, None, no_jitter());

    let reply = client
        .call_api::<Value>(b24_runtime::Api::Classic, "crm.item.list", &json!({}))
        .await
        .unwrap();

    assert_eq!(reply.result, json!([]));
    assert_eq!(portal.request_count(), 2);
    // Until the reset, plus a second for clock skew.
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(31)]);
}

#[tokio::test]
async fn operation_time_limit_without_a_time_block_uses_the_last_reply_of_the_method() {
    let clock = Arc::new(ManualClock::at_unix(1_700_000_000.0));
    let portal = FakePortal::start().await.unwrap();
    portal.reply(
        "crm.item.list",
        Reply::json(
            200,
            json!({"result": [], "time": {"operating": 470.0, "operating_reset_at": 1_700_000_100}}),
        ),
    );
    let client = client(&portal, &clock, None, no_jitter());
    let first = client
        .call_api::<Value>(b24_runtime::Api::Classic, "crm.item.list", &json!({}))
        .await
        .unwrap();
    let time = first.meta.time.unwrap();
    assert_eq!(time.operating, Some(470.0));
    assert_eq!(time.operating_reset_at, Some(1_700_000_100.0));

    portal.inject(Fault::OperationTimeLimit { reset_at: None });
    client
        .call::<Value>("crm.item.list", &json!({}))
        .await
        .unwrap();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(101)]);

    // A second block in a row is returned (one wait by default).
    portal.inject(Fault::OperationTimeLimit { reset_at: None });
    portal.inject(Fault::OperationTimeLimit { reset_at: None });
    let err = client
        .call::<Value>("crm.item.list", &json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::OperationTimeLimit));
    assert_eq!(err.api().unwrap().http_status, 429);
}

#[tokio::test]
async fn a_timeout_after_sending_is_reported_and_never_repeated() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("crm.deal.add", Reply::result(json!(42)));
    portal.inject(Fault::Slow(Duration::from_secs(5)));
    let client = Client::builder()
        .webhook(&portal.webhook_url())
        .unwrap()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let err = client
        .call::<u64>("crm.deal.add", &json!({"fields": {"TITLE": "x"}}))
        .await
        .unwrap_err();

    match &err {
        Error::Transport {
            kind,
            may_have_executed,
            ..
        } => {
            assert_eq!(*kind, TransportKind::Timeout);
            assert!(*may_have_executed);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.may_have_executed());
    assert_eq!(
        portal.request_count(),
        1,
        "a write that may have run is not repeated"
    );
}

#[tokio::test]
async fn a_refused_connection_never_ran() {
    let portal = FakePortal::start().await.unwrap();
    let url = portal.webhook_url();
    drop(portal);
    let client = Client::from_webhook(&url).unwrap();
    let err = client
        .call::<Value>("crm.deal.add", &json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: TransportKind::Connect,
                may_have_executed: false,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn html_502_and_truncated_json_are_not_json_and_not_repeated() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply(
        "crm.deal.add",
        Reply::result(json!({"ID": 42, "TITLE": "a long enough title"})),
    );
    let client = client(&portal, &Arc::new(ManualClock::new()), None, no_jitter());

    portal.inject(Fault::BadGateway);
    let err = client
        .call::<Value>("crm.deal.add", &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotJson { status: 502, .. }), "{err:?}");
    assert!(err.may_have_executed());

    portal.inject(Fault::TruncatedJson);
    let err = client
        .call::<Value>("crm.deal.add", &json!({}))
        .await
        .unwrap_err();
    let Error::NotJson {
        status, body_start, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 200);
    assert!(body_start.starts_with("{\"result\""), "{body_start}");
    assert_eq!(portal.request_count(), 2);
}

#[tokio::test]
async fn requests_carry_json_headers_and_a_user_agent() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("user.current", Reply::result(json!(true)));
    let client = Client::builder()
        .webhook(&portal.webhook_url())
        .unwrap()
        .user_agent("my-integration/2.0")
        .build()
        .unwrap();
    client
        .call::<bool>("user.current", &json!({}))
        .await
        .unwrap();
    let headers = &portal.requests()[0].headers;
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["accept"], "application/json");
    assert_eq!(headers["user-agent"], "my-integration/2.0");
    let default = Client::from_webhook(&portal.webhook_url()).unwrap();
    default
        .call::<bool>("user.current", &json!({}))
        .await
        .unwrap();
    let agent = portal.requests()[1].headers["user-agent"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(agent.starts_with("b24-runtime/"), "{agent}");
}
