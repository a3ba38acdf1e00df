//! Reading 10,000 items from the fake portal on loopback in each paging mode, and the
//! per-call overhead of the client against a bare reqwest POST.
//!
//! `cargo bench -p b24-runtime --bench paging` prints the HTTP request count of each mode
//! before criterion's timings.

use std::time::Duration;

use b24_fake_portal::{FakePortal, Reply};
use b24_runtime::{Client, List, RateLimiter};
use criterion::{Criterion, criterion_group, criterion_main};
use futures_util::TryStreamExt;
use serde_json::{Value, json};

const ITEMS: usize = 10_000;

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let portal = runtime
        .block_on(FakePortal::builder().items(ITEMS).start())
        .expect("the fake portal starts");
    portal.reply("user.current", Reply::result(json!({"ID": "1"})));
    // No client-side bucket: this measures the protocol, not the portal's rate limit.
    let client = Client::builder()
        .webhook(&portal.webhook_url())
        .expect("a webhook URL")
        .rate_limiter(RateLimiter::unlimited())
        .build()
        .expect("a client");

    let read = |fast: bool| {
        let client = client.clone();
        async move {
            let list = List::new("item.list");
            let items: Vec<Value> = if fast {
                client.list_by_id(list).try_collect().await
            } else {
                client.list(list).try_collect().await
            }
            .expect("the list reads");
            assert_eq!(items.len(), ITEMS);
        }
    };

    for (name, fast) in [("start/next", false), ("fast (by ID + batch)", true)] {
        portal.clear_requests();
        runtime.block_on(read(fast));
        println!(
            "read {ITEMS} items, {name}: {} HTTP requests",
            portal.request_count()
        );
    }

    let mut group = c.benchmark_group("read_10000_items");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("start_next", |b| {
        b.iter(|| {
            runtime.block_on(read(false));
            portal.clear_requests();
        });
    });
    group.bench_function("by_id_batch", |b| {
        b.iter(|| {
            runtime.block_on(read(true));
            portal.clear_requests();
        });
    });
    group.finish();

    let bare = reqwest::Client::new();
    let url = format!("{}user.current", portal.webhook_url());
    let mut group = c.benchmark_group("call_overhead");
    group.sample_size(50);
    group.bench_function("bare_reqwest", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let reply: Value = bare
                    .post(&url)
                    .header("content-type", "application/json")
                    .body("{}")
                    .send()
                    .await
                    .expect("a reply")
                    .json()
                    .await
                    .expect("JSON");
                assert_eq!(reply["result"]["ID"], json!("1"));
            });
            portal.clear_requests();
        });
    });
    group.bench_function("client_call", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let user: Value = client
                    .call("user.current", &json!({}))
                    .await
                    .expect("a reply");
                assert_eq!(user["ID"], json!("1"));
            });
            portal.clear_requests();
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
