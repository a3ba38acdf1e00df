//! Typed lists through the generated client against the fake portal on 127.0.0.1:
//! `Client::stream` and `Client::stream_by_id` over `crm.lead.list`, `crm.item.list` and
//! `tasks.task.list`, their request counts on 10,000 items, the caller's `select`, `filter`
//! and `order` on the wire, and the checks that refuse bad input before sending.

// `crm.lead.list` is deprecated in favour of `crm.item.list`, and still served.
#![allow(deprecated)]

use b24_api::crm::contact::{ContactFields, CrmContactAdd};
use b24_api::crm::item::CrmItemList;
use b24_api::crm::lead::{CrmLeadList, LeadField};
use b24_api::crm::stagehistory::CrmStagehistoryList;
use b24_api::crm::{EntityTypeId, StatusEntityId};
use b24_api::filter::{Filter, Order};
use b24_api::tasks::api::scrum::epic::TasksApiScrumEpicList;
use b24_api::tasks::task::TasksTaskList;
use b24_api::{Client, Error, ListMethod};
use b24_fake_portal::{FakePortal, Fault};
use b24_runtime::{FileData, RateLimiter};
use futures_util::TryStreamExt;
use serde_json::{Value, json};

async fn portal(items: usize) -> (FakePortal, Client) {
    let portal = FakePortal::builder()
        .items(items)
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

/// The fake portal's ids: ascending with gaps.
fn id_of(index: usize) -> u64 {
    let i = index as u64 + 1;
    i * 3 - (i % 2)
}

/// Items are typed (`Lead`, `Item`, `Task`); the tests compare them as the JSON they
/// write back, where ids are numbers.
fn to_value<T: serde::Serialize>(item: T) -> Value {
    serde_json::to_value(item).expect("items serialize")
}

fn ids(items: &[Value], key: &str) -> Vec<u64> {
    items
        .iter()
        .map(|item| {
            // Entities whose docs type the id as a string write it back as one.
            let id = &item[key];
            id.as_u64()
                .or_else(|| id.as_str().and_then(|text| text.parse().ok()))
                .expect("a numeric id")
        })
        .collect()
}

fn key_order(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn generated_list_methods_declare_how_they_page() {
    assert_eq!(CrmLeadList::ITEMS_KEY, None);
    assert_eq!(CrmLeadList::ID_FIELD, "ID");
    assert_eq!(CrmLeadList::FIELDS, Some(LeadField::NAMES));
    assert!(LeadField::NAMES.contains(&"STATUS_ID"));
    assert_eq!(LeadField::Title.as_str(), "TITLE");
    assert_eq!(CrmItemList::ITEMS_KEY, Some("items"));
    assert_eq!(CrmItemList::ID_FIELD, "id");
    assert_eq!(TasksTaskList::ITEMS_KEY, Some("tasks"));
    assert_eq!(TasksTaskList::ID_FIELD, "id");
    assert_eq!(EntityTypeId::Deal.id(), 2);
    assert_eq!(StatusEntityId::DealStage(3).as_str(), "DEAL_STAGE_3");
}

#[tokio::test]
async fn stream_reads_10000_leads_in_five_requests_keeping_select_filter_order() {
    let (portal, client) = portal(10_000).await;
    let request = CrmLeadList::new()
        .select([LeadField::Id, LeadField::Title])
        .filter(Filter::new().ge(LeadField::Opportunity, 0))
        .order(Order::new().asc(LeadField::Id));

    let items: Vec<Value> = client
        .stream(&request)
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();

    let expected: Vec<u64> = (0..10_000).map(id_of).collect();
    assert_eq!(ids(&items, "ID"), expected);
    assert_eq!(items[0], json!({"ID": 2, "TITLE": "Item 1"}));
    // One plain page, then 199 pages in 4 batches of up to 50.
    assert_eq!(portal.request_count(), 5);
    let requests = portal.requests();
    let first = &requests[0].body;
    assert_eq!(first["select"], json!(["ID", "TITLE"]));
    assert_eq!(first["filter"], json!({">=OPPORTUNITY": 0}));
    assert_eq!(first["order"], json!({"ID": "ASC"}));
    assert_eq!(first["start"], json!(0));
    let cmd = &requests[1].body["cmd"];
    assert_eq!(cmd.as_object().unwrap().len(), 50);
    assert_eq!(
        cmd["p0"],
        json!(
            "crm.lead.list?select[0]=ID&select[1]=TITLE&filter[%3E%3DOPPORTUNITY]=0&order[ID]=ASC&start=50"
        )
    );
    assert_eq!(requests[4].body["cmd"].as_object().unwrap().len(), 49);
}

#[tokio::test]
async fn stream_by_id_walks_10000_leads_both_ways_in_five_requests() {
    let (portal, client) = portal(10_000).await;

    let ascending: Vec<Value> = client
        .stream_by_id(&CrmLeadList::new().select(["ID"]))
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        ids(&ascending, "ID"),
        (0..10_000).map(id_of).collect::<Vec<_>>()
    );
    assert_eq!(portal.request_count(), 5);
    let first = &portal.requests()[0].body;
    assert_eq!(first["order"], json!({"ID": "ASC"}));
    assert_eq!(first["filter"], json!({">ID": 0}));
    assert_eq!(first["start"], json!(-1));

    portal.clear_requests();
    let descending: Vec<Value> = client
        .stream_by_id(&CrmLeadList::new().order(json!({"ID": "DESC"})))
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        ids(&descending, "ID"),
        (0..10_000).rev().map(id_of).collect::<Vec<_>>()
    );
    assert_eq!(portal.request_count(), 5);
    let requests = portal.requests();
    assert_eq!(requests[0].body["order"], json!({"ID": "DESC"}));
    assert_eq!(requests[0].body["filter"], json!({}));
    let p1 = requests[1].body["cmd"]["p1"].as_str().unwrap();
    assert!(
        p1.contains("filter[%3CID]=$result[p0][49][ID]") && p1.contains("order[ID]=DESC"),
        "{p1}"
    );
}

#[tokio::test]
async fn the_callers_filter_selects_the_same_items_in_both_modes() {
    let (_portal, client) = portal(3_000).await;
    let filter = || {
        Filter::new()
            .r#in(LeadField::StatusId, ["NEW", "JUNK"])
            .gt(LeadField::Opportunity, 500)
            .is_not_empty(LeadField::Comments)
    };
    let expected: Vec<u64> = (0..3_000usize)
        .filter(|&i| {
            let opportunity = (i as i64 + 1) * 37 % 1000;
            (i.is_multiple_of(4) || i % 4 == 3) && opportunity > 500 && !i.is_multiple_of(3)
        })
        .map(id_of)
        .collect();
    assert!(expected.len() > 100, "the filter keeps several pages");

    let paged: Vec<Value> = client
        .stream(&CrmLeadList::new().filter(filter()))
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();
    let by_id: Vec<Value> = client
        .stream_by_id(&CrmLeadList::new().filter(filter()))
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&paged, "ID"), expected);
    assert_eq!(ids(&by_id, "ID"), expected);
}

#[tokio::test]
async fn order_keys_go_out_in_the_order_given() {
    let (portal, client) = portal(120).await;
    // `json!` keeps the order (serde_json's `preserve_order`), as does `Order`.
    for order in [
        json!({"STATUS_ID": "DESC", "ID": "ASC"}),
        Order::new()
            .desc(LeadField::StatusId)
            .asc(LeadField::Id)
            .into(),
    ] {
        portal.clear_requests();
        let items: Vec<Value> = client
            .stream(&CrmLeadList::new().order(order))
            .map_ok(to_value)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.len(), 120);
        let body = &portal.requests()[0].body;
        assert_eq!(key_order(&body["order"]), ["STATUS_ID", "ID"]);
        // NEW first (the greatest status), ids ascending within it.
        assert_eq!(items[0]["STATUS_ID"], json!("NEW"));
        assert_eq!(items[0]["ID"], json!(id_of(0)));
        assert_eq!(items[1]["ID"], json!(id_of(4)));
        assert_eq!(items[119]["STATUS_ID"], json!("CONVERTED"));
        // The batched pages carry the same order.
        let p0 = portal.requests()[1].body["cmd"]["p0"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(p0.contains("order[STATUS_ID]=DESC&order[ID]=ASC"), "{p0}");
    }
}

#[tokio::test]
async fn bad_input_is_refused_before_anything_is_sent() {
    let (portal, client) = portal(100).await;
    let cases = [
        (
            CrmLeadList::new().order(json!({"ID": "UP"})),
            "`order` direction of `ID` must be ASC or DESC, not `UP`",
        ),
        (
            CrmLeadList::new().select(["ID", "TITEL"]),
            "`select` names `TITEL`, which is not a documented field",
        ),
        (
            CrmLeadList::new().filter(Filter::new().ge("DATE_CREATED", "2024-01-01")),
            "`filter` names `DATE_CREATED`",
        ),
        (
            CrmLeadList::new().order(json!({"TITLE": "ASC", "ID": "ASC"})),
            "",
        ),
    ];
    for (index, (request, message)) in cases.iter().enumerate() {
        let by_id = index == 3;
        let result: Result<Vec<Value>, Error> = if by_id {
            client
                .stream_by_id(request)
                .map_ok(to_value)
                .try_collect()
                .await
        } else {
            client.stream(request).map_ok(to_value).try_collect().await
        };
        let err = result.unwrap_err();
        assert!(matches!(err, Error::InvalidParams { .. }), "{err:?}");
        assert!(err.to_string().contains(message), "{err}");
        assert!(err.to_string().ends_with("nothing was sent"), "{err}");
    }
    assert_eq!(portal.request_count(), 0);

    // Masks and custom fields pass.
    let items: Vec<Value> = client
        .stream(&CrmLeadList::new().select(["*", "UF_*", "UF_CRM_1700000000"]))
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 100);
}

/// Lists whose `select`/`filter` link their entity's data type (the catalog and sale
/// lists) check names by it; families documented as a pattern (`PARENT_ID_*` of deals)
/// pass.
#[tokio::test]
async fn linked_catalogues_and_documented_patterns_check_names() {
    use b24_api::catalog::price::{CatalogPriceList, PriceField};
    use b24_api::crm::deal::CrmDealList;
    assert_eq!(CatalogPriceList::FIELDS, Some(PriceField::NAMES));
    assert!(CrmDealList::FIELD_PATTERNS.contains(&"PARENT_ID_*"));
    let (portal, client) = portal(10).await;
    let refused: Result<Vec<Value>, Error> = client
        .stream(&CatalogPriceList::new().select(["id", "productID_typo"]))
        .map_ok(to_value)
        .try_collect()
        .await;
    let err = refused.unwrap_err();
    assert!(err.to_string().contains("`productID_typo`"), "{err}");
    assert_eq!(portal.request_count(), 0);
    let deals: Vec<Value> = client
        .stream(&CrmDealList::new().select(["ID", "PARENT_ID_1032"]))
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(deals.len(), 10);
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_naming_it_after_the_items_before() {
    let (portal, client) = portal(500).await;
    portal.inject_for("batch", Fault::BadGateway);
    let mut stream = std::pin::pin!(client.stream(&CrmLeadList::new()));
    let mut read = 0;
    let err = loop {
        match stream.try_next().await {
            Ok(Some(_)) => read += 1,
            Ok(None) => panic!("the stream ended without the error"),
            Err(err) => break err,
        }
    };
    assert_eq!(read, 50);
    let Error::Page {
        method,
        page,
        source,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((method.as_str(), *page), ("crm.lead.list", 2));
    assert!(matches!(**source, Error::NotJson { .. }), "{source:?}");
    assert!(err.may_have_executed());
    assert!(stream.try_next().await.unwrap().is_none());
}

#[tokio::test]
async fn wrapped_lists_page_under_their_items_key() {
    let (portal, client) = portal(3_000).await;
    let request = CrmItemList::new(EntityTypeId::Deal.into())
        .select(["id", "TITLE"])
        .filter(json!({"@STATUS_ID": ["NEW"]}));
    let items: Vec<Value> = client
        .stream_by_id(&request)
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 750);
    assert_eq!(items[0], json!({"id": 2, "TITLE": "Item 1"}));
    assert_eq!(portal.requests()[0].body["entityTypeId"], json!(2));
    let p1 = portal.requests()[1].body["cmd"]["p1"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(p1.contains("$result[p0][items][49][id]"), "{p1}");

    let tasks: Vec<Value> = client
        .stream(&TasksTaskList::new())
        .map_ok(to_value)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&tasks, "id"), (0..3_000).map(id_of).collect::<Vec<_>>());
}

/// Lists whose result table documents one record: the record is the item, under the key
/// the success example shows (`{"items": [...]}`), or the result itself when no example
/// says otherwise.
#[test]
fn one_record_lists_page_too() {
    assert_eq!(CrmStagehistoryList::ITEMS_KEY, Some("items"));
    assert_eq!(CrmStagehistoryList::ID_FIELD, "ID");
    assert_eq!(TasksApiScrumEpicList::ITEMS_KEY, None);
    assert_eq!(TasksApiScrumEpicList::ID_FIELD, "id");
}

#[tokio::test]
async fn a_one_record_list_streams_by_id_under_its_items_key() {
    let (portal, client) = portal(3_000).await;
    let request = CrmStagehistoryList::new()
        .entity_type_id(2)
        .select(["ID", "STAGE_ID"]);
    let records: Vec<b24_api::crm::stagehistory::Stagehistory> =
        client.stream_by_id(&request).try_collect().await.unwrap();
    assert_eq!(records.len(), 3_000);
    let got: Vec<u64> = records
        .iter()
        .map(|record| record.id.unwrap() as u64)
        .collect();
    assert_eq!(got, (0..3_000).map(id_of).collect::<Vec<_>>());
    assert_eq!(portal.requests().len(), 3);
    let p1 = portal.requests()[1].body["cmd"]["p1"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(p1.contains("$result[p0][items][49][ID]"), "{p1}");
    // Its page documents `STAGE_ID` in tabs the catalogue misses, as its example shows:
    // no check by the incomplete list, so a documented name is never refused.
    assert_eq!(CrmStagehistoryList::FIELDS, None);
}

/// Lists whose items come keyed by id (`{"templates": {"57": {…}, "53": {…}}}`) stream the
/// map's values in the order sent; a list whose success example needs the lenient reader
/// (`rpa.timeline.listForItem`: a trailing comma) still says where its items are.
#[tokio::test]
async fn keyed_item_lists_stream_in_the_order_sent() {
    use b24_api::documentgenerator::template::DocumentgeneratorTemplateList;
    assert_eq!(DocumentgeneratorTemplateList::ITEMS_KEY, Some("templates"));
    assert_eq!(DocumentgeneratorTemplateList::ID_FIELD, "id");
    assert_eq!(
        b24_api::rpa::timeline::RpaTimelineListForItem::ITEMS_KEY,
        Some("timeline")
    );
    let (portal, client) = portal(120).await;
    let template_ids = |templates: &[b24_api::documentgenerator::template::DocumentgeneratorTemplateListResultTemplates]| -> Vec<u64> {
        templates
            .iter()
            .map(|t| t.id.as_deref().and_then(|id| id.parse().ok()).expect("an id"))
            .collect()
    };
    // Descending: the map's keys are not in their sorted order, the page's order is kept.
    let request = DocumentgeneratorTemplateList::new().param("order", json!({"id": "DESC"}));
    let templates: Vec<_> = client.stream(&request).try_collect().await.unwrap();
    let expected: Vec<u64> = (0..120).rev().map(id_of).collect();
    assert_eq!(template_ids(&templates), expected);
    // The first page, then the other two in one batch.
    assert_eq!(portal.requests().len(), 2);
    portal.clear_requests();
    // By id: no reference can name a keyed page's 50th item, so one page a request.
    let templates: Vec<_> = client
        .stream_by_id(&DocumentgeneratorTemplateList::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        template_ids(&templates),
        (0..120).map(id_of).collect::<Vec<_>>()
    );
    assert_eq!(portal.requests().len(), 3);
    let second = &portal.requests()[1].body["cmd"];
    assert_eq!(second.as_object().map(|cmd| cmd.len()), Some(1), "{second}");
}

/// File parameters are `FileData`, written in the form the method's page asks for.
#[test]
fn file_parameters_take_file_data_in_the_documented_form() {
    let photo = FileData::from_bytes("me.png", b"png");
    let contact = CrmContactAdd::new().fields(ContactFields::new().photo(photo.clone()));
    assert_eq!(
        serde_json::to_value(&contact).unwrap()["fields"]["PHOTO"],
        json!({"fileData": ["me.png", "cG5n"]})
    );
    let template = b24_api::bizproc::workflow::template::BizprocWorkflowTemplateAdd::new(
        vec![json!("crm"), json!("CCrmDocumentLead"), json!("LEAD")],
        "Approve".into(),
        FileData::from_bytes("approve.bpt", b"bpt"),
    );
    assert_eq!(
        serde_json::to_value(&template).unwrap()["TEMPLATE_DATA"],
        json!(["approve.bpt", "YnB0"])
    );
    let group = b24_api::sonet_group::SonetGroupCreate::new("Team".into()).image(photo);
    assert_eq!(
        serde_json::to_value(&group).unwrap()["IMAGE"],
        json!("cG5n")
    );
}
