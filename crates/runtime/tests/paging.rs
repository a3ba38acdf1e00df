//! Reading whole lists: `start`/`next` and the fast mode, against 10,000 items.

use b24_fake_portal::{FakePortal, Reply, UnresolvedReferences};
use b24_runtime::{Client, Error, List, RateLimiter};
use futures_util::TryStreamExt;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize)]
struct Item {
    #[serde(rename = "ID")]
    id: String,
    #[serde(rename = "TITLE")]
    title: String,
}

async fn portal(items: usize, unresolved: UnresolvedReferences) -> (FakePortal, Client) {
    let portal = FakePortal::builder()
        .items(items)
        .unresolved_references(unresolved)
        .start()
        .await
        .expect("test setup");
    let client = Client::builder()
        .webhook(&portal.webhook_url())
        .expect("test setup")
        .rate_limiter(RateLimiter::unlimited())
        .build()
        .expect("test setup");
    (portal, client)
}

/// The IDs the fake portal gives its items: ascending with gaps.
fn expected_ids(count: usize) -> Vec<String> {
    (1..=count as u64)
        .map(|i| (i * 3 - (i % 2)).to_string())
        .collect()
}

#[tokio::test]
async fn start_next_reads_every_item_once_in_order() {
    let (portal, client) = portal(10_000, UnresolvedReferences::Error).await;

    let items: Vec<Item> = client
        .list(List::new("item.list").param("select", json!(["ID", "TITLE"])))
        .try_collect()
        .await
        .unwrap();

    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids, expected_ids(10_000));
    assert_eq!(items[9_999].title, "Item 10000");
    assert_eq!(portal.request_count(), 200);
    let requests = portal.requests();
    assert_eq!(requests[1].body["start"], json!(50));
    assert_eq!(requests[1].body["select"], json!(["ID", "TITLE"]));
}

#[tokio::test]
async fn fast_mode_reads_10000_items_in_five_requests() {
    for mode in [UnresolvedReferences::Error, UnresolvedReferences::Empty] {
        let (portal, client) = portal(10_000, mode).await;

        let items: Vec<Item> = client
            .list_by_id(List::new("item.list").param("filter", json!({"!TITLE": "x"})))
            .try_collect()
            .await
            .unwrap();

        let ids: Vec<String> = items.into_iter().map(|i| i.id).collect();
        assert_eq!(ids, expected_ids(10_000), "{mode:?}");
        // 1 + ⌈(10,000 − 50) / 2,500⌉
        assert_eq!(portal.request_count(), 5, "{mode:?}");
        let requests = portal.requests();
        let first = &requests[0].body;
        assert_eq!(first["start"], json!(-1));
        assert_eq!(first["order"], json!({"ID": "ASC"}));
        assert_eq!(first["filter"], json!({"!TITLE": "x", ">ID": 0}));
        let cmd = requests[1].body["cmd"].as_object().unwrap();
        assert_eq!(cmd.len(), 50);
        assert_eq!(
            cmd["p1"],
            json!(
                "item.list?filter[%21TITLE]=x&filter[%3EID]=$result[p0][49][ID]&order[ID]=ASC&start=-1"
            )
        );
    }
}

#[tokio::test]
async fn request_counts_stay_within_the_bound() {
    for (count, requests) in [
        (0, 1),
        (49, 1),
        (50, 2),
        (51, 2),
        (2_550, 3),
        (2_551, 3),
        (5_000, 3),
    ] {
        let (portal, client) = portal(count, UnresolvedReferences::Error).await;
        let items: Vec<Value> = client
            .list_by_id(List::new("item.list"))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.len(), count);
        assert_eq!(portal.request_count(), requests, "{count} items");
    }
}

#[tokio::test]
async fn wrapped_results_with_lowercase_ids_are_read() {
    let (portal, client) = portal(3_000, UnresolvedReferences::Error).await;

    let items: Vec<Value> = client
        .list_by_id(
            List::new("crm.item.list")
                .param("entityTypeId", 2)
                .id_field("id"),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 3_000);
    assert_eq!(
        items[0],
        json!({"id": "2", "TITLE": "Item 1", "STATUS_ID": "NEW", "OPPORTUNITY": "37.00", "COMMENTS": ""})
    );
    let cmd = portal.requests()[1].body["cmd"]["p1"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(cmd.contains("$result[p0][items][49][id]"), "{cmd}");

    let paged: Vec<Value> = client
        .list(List::new("crm.item.list").items_key("items"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(paged.len(), 3_000);
}

#[tokio::test]
async fn a_start_after_id_resumes_an_import() {
    let (_portal, client) = portal(200, UnresolvedReferences::Error).await;
    let items: Vec<Item> = client
        .list_by_id(List::new("item.list").param("filter", json!({">ID": 150})))
        .try_collect()
        .await
        .unwrap();
    assert!(items.iter().all(|i| i.id.parse::<u64>().unwrap() > 150));
    assert_eq!(items.len(), 200 - 50);
}

#[tokio::test]
async fn a_stalled_next_is_an_error_not_a_loop() {
    let (portal, client) = portal(0, UnresolvedReferences::Error).await;
    portal.reply(
        "stuck.list",
        Reply::json(
            200,
            json!({"result": [{"ID": "1"}], "total": 100, "next": 0}),
        ),
    );
    let err = client
        .list::<Value>(List::new("stuck.list"))
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Cursor { .. }), "{err:?}");
    assert_eq!(portal.request_count(), 1);
}

#[tokio::test]
async fn repeated_ids_in_fast_mode_are_an_error_not_a_loop() {
    let (portal, client) = portal(0, UnresolvedReferences::Error).await;
    // A method that ignores the `>ID` filter: every page is the same 50 items.
    let page: Vec<Value> = (1..=50).map(|i| json!({"ID": i.to_string()})).collect();
    portal.reply("deaf.list", Reply::result(Value::Array(page)));
    let mut stream = std::pin::pin!(client.list_by_id::<Value>(List::new("deaf.list")));
    let mut read = 0;
    let err = loop {
        match stream.try_next().await {
            Ok(Some(_)) => read += 1,
            Ok(None) => panic!("the stream ended"),
            Err(err) => break err,
        }
    };
    assert_eq!(read, 50);
    assert!(matches!(err, Error::Cursor { .. }), "{err:?}");
    assert_eq!(portal.request_count(), 2);
}

#[tokio::test]
async fn decode_errors_name_the_item_and_field() {
    let (portal, client) = portal(0, UnresolvedReferences::Error).await;
    portal.reply(
        "odd.list",
        Reply::result(json!([{"ID": "1", "TITLE": "a"}, {"ID": "2", "TITLE": 5}])),
    );
    let err = client
        .list::<Item>(List::new("odd.list"))
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    let Error::Decode { path, body, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "result[1].TITLE");
    assert!(body.contains("\"TITLE\":5"), "{body}");
}
