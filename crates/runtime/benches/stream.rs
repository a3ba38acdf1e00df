//! `Client::stream` and `Client::stream_by_id` over a typed list request against the fake
//! portal on loopback: HTTP requests and peak memory for 10,000 and 100,000 items (read one
//! at a time, not collected), then criterion's timings for 10,000.
//!
//! `cargo bench -p b24-runtime --bench stream`

use std::time::Duration;

use b24_fake_portal::FakePortal;
use b24_runtime::{Client, ListMethod, Method, RateLimiter};
use criterion::{Criterion, criterion_group, criterion_main};
use futures_util::TryStreamExt;
use serde::Serialize;
use serde_json::Value;

/// `crm.lead.list` as the generated crate declares it.
#[derive(Serialize)]
struct LeadList {
    select: [&'static str; 2],
}

impl Method for LeadList {
    const NAME: &'static str = "crm.lead.list";
    type Output = Vec<Value>;
}

impl ListMethod for LeadList {
    type Item = Value;
}

const REQUEST: LeadList = LeadList {
    select: ["ID", "TITLE"],
};

/// Peak resident memory of the process so far (`VmHWM`), in KB.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn count(client: &Client, by_id: bool) -> usize {
    let mut read = 0;
    let result = if by_id {
        client
            .stream_by_id(&REQUEST)
            .try_for_each(|_| {
                read += 1;
                async { Ok(()) }
            })
            .await
    } else {
        client
            .stream(&REQUEST)
            .try_for_each(|_| {
                read += 1;
                async { Ok(()) }
            })
            .await
    };
    result.expect("the list reads");
    read
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let client_for = |portal: &FakePortal| {
        Client::builder()
            .webhook(&portal.webhook_url())
            .expect("a webhook URL")
            .rate_limiter(RateLimiter::unlimited())
            .build()
            .expect("a client")
    };

    for items in [10_000, 100_000] {
        let portal = runtime
            .block_on(FakePortal::builder().items(items).start())
            .expect("the fake portal starts");
        let client = client_for(&portal);
        for (name, by_id) in [("stream (start + batch)", false), ("stream_by_id", true)] {
            portal.clear_requests();
            let read = runtime.block_on(count(&client, by_id));
            assert_eq!(read, items);
            println!(
                "{items} items, {name}: {} HTTP requests, peak RSS so far {} KB",
                portal.request_count(),
                peak_kb().map_or("?".to_owned(), |kb| kb.to_string())
            );
        }
    }

    let portal = runtime
        .block_on(FakePortal::builder().items(10_000).start())
        .expect("the fake portal starts");
    let client = client_for(&portal);
    let mut group = c.benchmark_group("stream_10000_items");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for (name, by_id) in [("stream", false), ("stream_by_id", true)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                assert_eq!(runtime.block_on(count(&client, by_id)), 10_000);
                portal.clear_requests();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
