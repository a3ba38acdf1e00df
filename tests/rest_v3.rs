//! REST 3.0 end to end: the generated client against the fake portal over loopback HTTP —
//! endpoints, the envelope, validation errors, idempotent retries, the v3 batch, the filter
//! language and paging.

use std::sync::Arc;
use std::time::Duration;

use b24_api::rest_v3::call::followup::{
    CallFollowupList, CallFollowupListFilter, CallFollowupListFilterStartDate,
};
use b24_api::rest_v3::mail::recipient::MailRecipientListcontacts;
use b24_api::rest_v3::main_::eventlog::{MainEventlogList, MainEventlogTail};
use b24_api::rest_v3::note::collection::{NoteCollectionList, NoteCollectionListItem};
use b24_api::rest_v3::note::document::search::NoteDocumentSearchList;
use b24_api::rest_v3::tasks::task::{
    Task, TaskFields, TasksTaskAdd, TasksTaskDelete, TasksTaskGet, TasksTaskList,
};
use b24_api::rest_v3::timeman::record::TimemanRecordList;
use b24_api::tasks::task::TasksTaskGet as ClassicTasksTaskGet;
use b24_fake_portal::{ACCESS_TOKEN, CLIENT_ID, CLIENT_SECRET, FakePortal, Fault, REFRESH_TOKEN};
use b24_runtime::testing::ManualClock;
use b24_runtime::v3::{Batch, Filter, IdempotencyKey, MAX_CALLS, Order, Select, V3Code};
use b24_runtime::{Client, Error, OAuth, OAuthApp, Response, RetryPolicy, TokenPair};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{Value, json};

fn retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(1),
        jitter: false,
        ..RetryPolicy::default()
    }
}

fn client(portal: &FakePortal) -> Client {
    builder(portal).build().expect("test setup")
}

fn builder(portal: &FakePortal) -> b24_runtime::ClientBuilder {
    Client::builder()
        .webhook(&portal.webhook_url())
        .expect("test setup")
        .clock(Arc::new(ManualClock::new()))
        .retry(retry())
}

fn task(title: &str) -> TasksTaskAdd {
    TasksTaskAdd::new(
        TaskFields::new()
            .title(title.to_owned())
            .creator_id(1)
            .responsible_id(1),
    )
}

async fn add_tasks(client: &Client, titles: &[(&str, &str)]) {
    for (title, status) in titles {
        let request = TasksTaskAdd::new(
            TaskFields::new()
                .title((*title).to_owned())
                .creator_id(1)
                .responsible_id(1)
                .param("status", *status),
        );
        client.send(&request).await.expect("task added");
    }
}

#[tokio::test]
async fn webhook_calls_go_to_rest_api_with_a_json_body_and_decode_the_envelope() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    let added = client.send(&task("Подготовить отчет")).await.unwrap();
    // The v3 task is its own typed struct (`rest_v3::tasks::task::Task`).
    let id = added.item.id.unwrap();
    assert_eq!(added.item.title.as_deref(), Some("Подготовить отчет"));

    let got = client.send_with_meta(&TasksTaskGet::new(id)).await.unwrap();
    assert_eq!(got.result.item.id, Some(id));
    assert!(got.meta.time.is_some(), "the v3 reply has a time block");
    assert!(!got.meta.replayed);
    let deleted = client.send(&TasksTaskDelete::new(id)).await.unwrap();
    assert!(deleted.result);

    let requests = portal.requests();
    assert_eq!(requests[0].path, "/rest/api/1/t3stc0de/tasks.task.add");
    assert_eq!(
        requests[1].path,
        format!("/rest/api/1/t3stc0de/tasks.task.get")
    );
    assert_eq!(requests[0].http_method, "POST");
    assert_eq!(
        requests[0].headers["content-type"].to_str().unwrap(),
        "application/json"
    );
    assert_eq!(requests[0].body["fields"]["creatorId"], 1);
}

#[tokio::test]
async fn oauth_calls_go_to_rest_api_method_with_the_token_in_the_body() {
    let portal = FakePortal::start().await.unwrap();
    let app = OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
        .server(&portal.oauth_server_url())
        .unwrap();
    let oauth = OAuth::new(
        &portal.base_url(),
        app,
        TokenPair::new(ACCESS_TOKEN, REFRESH_TOKEN),
    )
    .unwrap();
    let client = Client::builder().oauth(oauth).build().unwrap();
    let added = client.send(&task("oauth")).await.unwrap();
    assert_eq!(added.item.title.as_deref(), Some("oauth"));
    let request = &portal.requests()[0];
    assert_eq!(request.path, "/rest/api/tasks.task.add");
    assert_eq!(request.body["auth"], ACCESS_TOKEN);
}

#[tokio::test]
async fn an_oauth_v3_batch_carries_the_token_in_the_query_and_never_shows_it() {
    let portal = FakePortal::start().await.unwrap();
    let app = OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
        .server(&portal.oauth_server_url())
        .unwrap();
    let oauth = OAuth::new(
        &portal.base_url(),
        app,
        TokenPair::new(ACCESS_TOKEN, REFRESH_TOKEN),
    )
    .unwrap();
    let client = Client::builder().oauth(oauth).build().unwrap();
    client.send(&task("oauth batch")).await.unwrap();
    portal.clear_requests();

    // The body is an array, so the token goes where the general principles put it: the
    // `auth` query parameter. The portal checks it there.
    let mut batch = Batch::new();
    let got = batch.push(&TasksTaskGet::new(1)).unwrap();
    let reply = client.send_v3_batch(&batch).await.unwrap();
    assert_eq!(
        reply.get(got).unwrap().item.title.as_deref(),
        Some("oauth batch")
    );
    let request = &portal.requests()[0];
    assert_eq!(request.path, "/rest/api/batch");
    assert_eq!(
        request.query.as_deref(),
        Some(&*format!("auth={ACCESS_TOKEN}"))
    );
    assert!(request.body.is_array());
    assert!(!request.body.to_string().contains(ACCESS_TOKEN));

    // An expired token is renewed and the batch re-sent with the new one in the query.
    portal.expire_access_token();
    portal.clear_requests();
    client.send_v3_batch(&batch).await.unwrap();
    assert_eq!(portal.refresh_count(), 1);
    let requests = portal.requests();
    let queries: Vec<_> = requests.iter().map(|r| r.query.clone().unwrap()).collect();
    assert_eq!(queries.len(), 2, "refused, then re-sent: {queries:?}");
    assert_ne!(
        queries[0], queries[1],
        "the second carries the renewed token"
    );
    let token = queries[1].trim_start_matches("auth=").to_owned();

    // A wrong token is refused by the portal.
    let bad = OAuth::new(
        &portal.base_url(),
        OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
            .server(&portal.oauth_server_url())
            .unwrap(),
        TokenPair::new("not-the-token", "not-the-refresh"),
    )
    .unwrap();
    let bad = Client::builder().oauth(bad).build().unwrap();
    let refused = bad.send_v3_batch(&batch).await.unwrap_err();
    assert!(refused.api().is_some(), "{refused}");

    // Neither the error of a broken batch nor the client's Debug shows the token.
    portal.inject_for("batch", Fault::Disconnect);
    let err = client.send_v3_batch(&batch).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err}");
    for text in [err.to_string(), format!("{err:?}"), format!("{client:?}")] {
        assert!(!text.contains(&token), "the token leaked: {text}");
    }
}

#[tokio::test]
async fn validation_errors_are_typed_with_code_status_message_and_fields() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    let err = client
        .call_v3::<Value>("tasks.task.get", &json!({}), None)
        .await
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.http_status, 400);
    assert_eq!(err.v3_code(), Some(V3Code::RequestValidation));
    assert_eq!(api.description, "Ошибка при валидации объекта запроса");
    assert_eq!(api.validation.len(), 1);
    assert_eq!(api.validation[0].field, "id");
    assert!(err.to_string().contains("`id`"), "{err}");
    assert!(!err.may_have_executed());

    let missing = client.send(&TasksTaskGet::new(999)).await.unwrap_err();
    assert_eq!(missing.v3_code(), Some(V3Code::EntityNotFound));
    // The generated per-method error enum reads the v3 codes its page lists.
    assert_eq!(
        missing.documented::<b24_api::rest_v3::tasks::task::TasksTaskGetError>(),
        Some(b24_api::rest_v3::tasks::task::TasksTaskGetError::BitrixRestV3ExceptionEntitynotfoundexception)
    );
    let unknown = client
        .call_v3::<Value>("tasks.task.frobnicate", &json!({}), None)
        .await
        .unwrap_err();
    assert_eq!(unknown.api().map(|a| a.http_status), Some(404));
}

#[tokio::test]
async fn a_keyed_write_survives_a_dropped_connection_and_runs_once() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    portal.inject_for("tasks.task.add", Fault::Disconnect);
    let key = IdempotencyKey::new("9f1c1a7e-5f1b-4a1e-9a2c-2f5f2b6c7d80").unwrap();
    let reply = client
        .send_idempotent(&task("Однажды"), &key)
        .await
        .unwrap();
    assert!(reply.meta.replayed, "the retry got the stored reply");
    assert_eq!(reply.result.item.title.as_deref(), Some("Однажды"));
    assert_eq!(portal.v3_executions("tasks.task.add"), 1);
    assert_eq!(
        portal.v3_items("tasks.task").len(),
        1,
        "the item exists once"
    );
    let requests = portal.requests();
    assert_eq!(requests.len(), 2, "the first attempt and one retry");
    for request in &requests {
        assert_eq!(
            request.headers["idempotency-key"].to_str().unwrap(),
            key.as_str()
        );
    }
}

#[tokio::test]
async fn an_unkeyed_write_is_not_repeated_and_says_it_may_have_executed() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    portal.inject_for("tasks.task.add", Fault::Disconnect);
    let err = client.send(&task("Без ключа")).await.unwrap_err();
    assert!(err.may_have_executed(), "{err}");
    assert!(err.to_string().contains("may have executed"), "{err}");
    assert_eq!(portal.request_count(), 1, "no retry without a key");
    assert_eq!(portal.v3_executions("tasks.task.add"), 1);
    assert!(
        portal.requests()[0]
            .headers
            .get("idempotency-key")
            .is_none()
    );
}

#[tokio::test]
async fn generated_keys_make_every_v3_call_retryable() {
    let portal = FakePortal::start().await.unwrap();
    let client = builder(&portal).idempotency_keys(true).build().unwrap();
    portal.inject_for("tasks.task.add", Fault::Disconnect);
    let reply = client.send_with_meta(&task("auto")).await.unwrap();
    assert!(reply.meta.replayed);
    assert_eq!(portal.v3_items("tasks.task").len(), 1);
    let requests = portal.requests();
    let key = requests[0].headers["idempotency-key"].to_str().unwrap();
    assert_eq!(key.len(), 36, "a UUID: {key}");
    assert_eq!(
        requests[1].headers["idempotency-key"], key,
        "same key on retry"
    );
    // The next call gets a fresh key.
    client.send(&task("second")).await.unwrap();
    let third = &portal.requests()[2];
    assert_ne!(third.headers["idempotency-key"].to_str().unwrap(), key);
}

#[tokio::test]
async fn reusing_a_key_with_another_body_is_a_typed_422() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    let key = IdempotencyKey::generate();
    let first = client.send_idempotent(&task("a"), &key).await.unwrap();
    assert!(!first.meta.replayed);
    let again = client.send_idempotent(&task("a"), &key).await.unwrap();
    assert!(again.meta.replayed);
    assert_eq!(again.result, first.result);
    let err = client.send_idempotent(&task("b"), &key).await.unwrap_err();
    assert_eq!(err.v3_code(), Some(V3Code::IdempotencyKeyReused));
    assert_eq!(err.api().map(|a| a.http_status), Some(422));
    assert_eq!(portal.v3_items("tasks.task").len(), 1);

    // Keys are checked before anything is sent.
    assert!(matches!(
        IdempotencyKey::new("x".repeat(256)),
        Err(Error::InvalidIdempotencyKey(_))
    ));
    // A classic method cannot carry one.
    let classic = client
        .send_idempotent(&ClassicTasksTaskGet::new(), &key)
        .await
        .unwrap_err();
    assert!(matches!(classic, Error::InvalidConfig(_)));
    assert_eq!(portal.request_count(), 3);
}

#[tokio::test]
async fn the_v3_batch_is_a_json_array_and_each_result_decodes_with_its_output() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    add_tasks(&client, &[("one", "NEW"), ("two", "NEW")]).await;
    portal.clear_requests();

    let mut batch = Batch::new();
    let first = batch.push(&TasksTaskGet::new(1)).unwrap();
    let listed = batch
        .push(&TasksTaskList::new().filter(Filter::new().eq("title", "two").build().unwrap()))
        .unwrap();
    let deleted = batch.push(&TasksTaskDelete::new(2)).unwrap();
    let missing = batch.push(&TasksTaskGet::new(77)).unwrap();
    let reply = client.send_v3_batch(&batch).await.unwrap();
    assert_eq!(reply.len(), 4);
    assert_eq!(reply.get(first).unwrap().item.title.as_deref(), Some("one"));
    assert_eq!(reply.get(listed).unwrap().items.len(), 1);
    assert!(reply.get(deleted).unwrap().result);
    let err = reply.get(missing).unwrap_err();
    assert_eq!(err.v3_code(), Some(V3Code::EntityNotFound));

    let request = &portal.requests()[0];
    assert_eq!(request.path, "/rest/api/1/t3stc0de/batch");
    assert_eq!(
        request.body[0],
        json!({"method": "tasks.task.get", "query": {"id": 1}})
    );
    assert!(request.body.get("cmd").is_none());

    // Refused before sending: a classic method, an empty batch, one above the limit.
    assert!(matches!(
        Batch::new().push(&ClassicTasksTaskGet::new()),
        Err(Error::InvalidBatch(_))
    ));
    let empty = client.send_v3_batch(&Batch::new()).await.unwrap_err();
    assert!(matches!(empty, Error::InvalidBatch(_)), "{empty}");
    let mut big = Batch::new();
    for id in 0..=MAX_CALLS as i64 {
        big.push(&TasksTaskGet::new(id)).unwrap();
    }
    let too_big = client.send_v3_batch(&big).await.unwrap_err();
    assert!(too_big.to_string().contains("51 calls"), "{too_big}");
    assert_eq!(portal.request_count(), 1);
}

#[tokio::test]
async fn filters_select_and_order_reach_the_portal_and_bad_ones_never_leave() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    add_tasks(
        &client,
        &[
            ("a", "NEW"),
            ("b", "NEW"),
            ("c", "DONE"),
            ("d", "NEW"),
            ("e", "NEW"),
        ],
    )
    .await;

    let filter = Filter::new()
        .eq("status", "NEW")
        .or(|group| group.one_of("id", [1, 2]).is_in("id", [4]));
    let request = TasksTaskList::new()
        .filter(filter.build().unwrap())
        .select(Select::new(["id", "title"]).build().unwrap())
        .order(serde_json::to_value(Order::new().desc("id")).unwrap());
    let found = client.send(&request).await.unwrap();
    let ids: Vec<i64> = found.items.iter().map(|i| i.id.unwrap()).collect();
    assert_eq!(ids, [4, 2, 1]);
    assert_eq!(
        serde_json::to_value(&found.items[0]).unwrap(),
        json!({"id": 4, "title": "d"}),
        "select applied"
    );

    let between = Filter::new().between("id", 2, 4).ne("status", "DONE");
    let found = client
        .send(&TasksTaskList::new().filter(between.build().unwrap()))
        .await
        .unwrap();
    assert_eq!(found.items.len(), 2);

    // What the portal refuses comes back typed.
    let unknown_field = client
        .send(&TasksTaskList::new().filter(Filter::new().eq("stageId", 1).build().unwrap()))
        .await
        .unwrap_err();
    assert_eq!(unknown_field.v3_code(), Some(V3Code::UnknownDtoProperty));
    let sent = portal.request_count();

    // Checked before sending: an unknown operator, a field not in the documented list.
    let bad_op = Filter::new().condition("title", "like", "%a%").build();
    assert!(matches!(bad_op, Err(Error::InvalidFilter(_))));
    let bad_field = Filter::for_fields(MailRecipientListcontacts::FIELDS)
        .eq("mail", "x@example.com")
        .build();
    assert!(bad_field.unwrap_err().to_string().contains("mail"));
    assert!(
        Filter::for_fields(MailRecipientListcontacts::FIELDS)
            .eq("email", "x@example.com")
            .build()
            .is_ok()
    );
    assert_eq!(
        portal.request_count(),
        sent,
        "nothing sent for refused filters"
    );
}

#[tokio::test]
async fn select_follows_relations() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    let request = TasksTaskAdd::new(
        TaskFields::new()
            .title("r".to_owned())
            .creator_id(1)
            .responsible_id(7)
            .param(
                "responsible",
                json!({"id": 7, "name": "Имя", "email": "mail@bitrix.ru"}),
            ),
    );
    let id = client.send(&request).await.unwrap().item.id.unwrap();
    let got = client
        .send(
            &TasksTaskGet::new(id).select(
                Select::new(["id", "responsible.name", "responsible.email"])
                    .build()
                    .unwrap(),
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&got.item).unwrap(),
        json!({"id": id, "responsible": {"name": "Имя", "email": "mail@bitrix.ru"}})
    );
    // A related object's unknown field: the typed request never leaves (the docs list a
    // user's fields); sent untyped, the portal refuses it with its typed code.
    let sent = portal.request_count();
    let err = client
        .send(&TasksTaskGet::new(id).select(Select::new(["responsible.stageId"]).build().unwrap()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidParams { .. }), "{err}");
    assert_eq!(portal.request_count(), sent);
    let err = client
        .call_v3::<Value>(
            "tasks.task.get",
            &json!({"id": id, "select": ["responsible.stageId"]}),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.v3_code(), Some(V3Code::UnknownDtoProperty));
}

#[tokio::test]
async fn documented_fields_are_checked_before_anything_is_sent() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    add_tasks(&client, &[("a", "NEW"), ("b", "NEW")]).await;
    let sent = portal.request_count();
    let refused = |err: Error, named: &str| {
        let shown = err.to_string();
        assert!(matches!(err, Error::InvalidParams { .. }), "{shown}");
        assert!(shown.contains(named), "{shown} names {named}");
    };

    // `filter` (inside groups too), `select` and `order` of a list, without opting in.
    let typo = TasksTaskList::new().filter(Filter::new().eq("titel", "a").build().unwrap());
    refused(client.send(&typo).await.unwrap_err(), "titel");
    refused(client.list_v3(&typo, None).unwrap_err(), "titel");
    let first: Vec<Result<Task, Error>> = client.stream(&typo).collect().await;
    refused(first.into_iter().next().unwrap().unwrap_err(), "titel");
    let grouped = Filter::new().or(|g| g.eq("id", 1).eq("stageID", 2));
    let grouped = TasksTaskList::new().filter(grouped.build().unwrap());
    refused(client.send(&grouped).await.unwrap_err(), "stageID");
    let order = TasksTaskList::new().order(Order::new().asc("dedline"));
    refused(client.send(&order).await.unwrap_err(), "dedline");
    // Relation paths as far as the docs describe the related object.
    let relation = TasksTaskGet::new(1).select(["id", "responsible.nmae"]);
    let err = client.send(&relation).await.unwrap_err();
    refused(
        err,
        "`nmae` is not a documented field of `responsible` (`tasks.task.v3.user`)",
    );
    let not_a_relation = TasksTaskGet::new(1).select(["title.length"]);
    refused(
        client.send(&not_a_relation).await.unwrap_err(),
        "title.length",
    );
    // The same check in a batch and in a list whose fields are its page's own rows.
    refused(Batch::new().push(&relation).unwrap_err(), "nmae");
    let eventlog =
        MainEventlogList::new().filter(Filter::new().eq("auditTypeID", "X").build().unwrap());
    refused(client.send(&eventlog).await.unwrap_err(), "auditTypeID");
    // A filter written as JSON, past the builder, still names a documented operator.
    let raw = TimemanRecordList::new(vec![json!({"conditions": [["date", "like", "2026%"]]})]);
    let err = client.send(&raw).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidFilter(why) if why.contains("`like`")),
        "{err}"
    );
    assert_eq!(portal.request_count(), sent, "nothing was sent");

    // Documented fields go out (relation paths that pass: `select_follows_relations`).
    let good = TasksTaskList::new()
        .select(["id", "title"])
        .filter(
            Filter::new()
                .or(|g| g.eq("id", 1).eq("id", 2))
                .build()
                .unwrap(),
        )
        .order(Order::new().desc("id"));
    assert_eq!(client.send(&good).await.unwrap().items.len(), 2);
    assert_eq!(portal.request_count(), sent + 1);
    // Where the docs list no fields (`timeman.record.list`), nothing is checked.
    let open = TimemanRecordList::new(vec![json!(["anyField", "=", 1])]).select(["anything"]);
    let _ = client.send(&open).await;
    assert_eq!(portal.request_count(), sent + 2);
}

#[tokio::test]
async fn cursor_lists_decode_their_items_typed() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    for position in 1..=3 {
        let name = format!("База {position}");
        seed(
            &client,
            "note.collection",
            json!({"name": name, "position": position}),
        )
        .await;
    }
    let reply = client.send(&NoteCollectionList::new()).await.unwrap();
    let items: &[NoteCollectionListItem] = reply.items.as_deref().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[2].name.as_deref(), Some("База 3"));
    assert_eq!(items[2].position, Some(3));
    assert!(reply.extra.is_empty(), "{:?}", reply.extra);
}

/// The blocking client reads v3 lists as iterators and sends the v3 batch, with the async
/// client's checks and errors: the fake portal runs on its own runtime.
#[test]
fn the_blocking_client_lists_batches_and_retries_rest_v3() {
    let server = tokio::runtime::Runtime::new().unwrap();
    let portal = server.block_on(FakePortal::start()).unwrap();
    let client = b24_runtime::blocking::Client::from_async(client(&portal)).unwrap();
    for n in 1..=5 {
        client.send(&task(&format!("t{n}"))).unwrap();
    }
    portal.clear_requests();

    let items: Vec<Task> = client
        .list_v3(&TasksTaskList::new().select(["id", "title"]), Some(2))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let ids: Vec<i64> = items.iter().map(|t| t.id.unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(portal.request_count(), 3, "pages of 2, 2 and 1");
    assert_eq!(
        portal.requests()[1].body["pagination"],
        json!({"page": 2, "limit": 2})
    );
    let streamed: Vec<Task> = client
        .stream(&TasksTaskList::new())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(streamed.len(), 5);

    let mut batch = Batch::new();
    let got = batch.push(&TasksTaskGet::new(2)).unwrap();
    let gone = batch.push(&TasksTaskDelete::new(3)).unwrap();
    let reply = client.send_v3_batch(&batch).unwrap();
    assert_eq!(reply.get(got).unwrap().item.title.as_deref(), Some("t2"));
    assert!(reply.get(gone).unwrap().result);

    // Refused before sending, as by the async client.
    let sent = portal.request_count();
    assert!(matches!(
        client.send_v3_batch(&Batch::new()),
        Err(Error::InvalidBatch(_))
    ));
    let mut big = Batch::new();
    for id in 0..=MAX_CALLS as i64 {
        big.push(&TasksTaskGet::new(id)).unwrap();
    }
    assert!(matches!(
        client.send_v3_batch(&big),
        Err(Error::InvalidBatch(_))
    ));
    let typo = TasksTaskList::new().select(["titel"]);
    assert!(matches!(
        client.list_v3(&typo, None),
        Err(Error::InvalidParams { .. })
    ));
    assert!(client.list_v3(&TasksTaskList::new(), Some(0)).is_err());
    assert_eq!(portal.request_count(), sent);

    // A keyed write survives a dropped connection here too.
    portal.inject_for("tasks.task.add", Fault::Disconnect);
    let key = IdempotencyKey::generate();
    let reply = client.send_idempotent(&task("once"), &key).unwrap();
    assert!(reply.meta.replayed);
    assert_eq!(portal.v3_executions("tasks.task.add"), 6, "executed once");
    assert_eq!(
        portal.v3_items("tasks.task").len(),
        5,
        "4 left and the new one"
    );
}

#[tokio::test]
async fn lists_page_with_pagination_until_a_short_page() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    let titles: Vec<String> = (1..=7).map(|i| format!("t{i}")).collect();
    let pairs: Vec<(&str, &str)> = titles.iter().map(|t| (t.as_str(), "NEW")).collect();
    add_tasks(&client, &pairs).await;
    portal.clear_requests();

    let filter = Filter::new().eq("status", "NEW").build().unwrap();
    let pages = client
        .list_v3(&TasksTaskList::new().filter(filter), Some(3))
        .unwrap();
    let all = pages.collect_all().await.unwrap();
    let ids: Vec<i64> = all.iter().map(|i| i.id.unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    let requests = portal.requests();
    assert_eq!(requests.len(), 3, "pages of 3, 3 and 1");
    assert_eq!(
        requests[1].body["pagination"],
        json!({"page": 2, "limit": 3})
    );
    assert_eq!(requests[2].body["filter"], json!([["status", "=", "NEW"]]));

    assert!(client.list_v3(&TasksTaskList::new(), Some(0)).is_err());
}

#[tokio::test]
async fn rest_v3_lists_work_through_client_stream() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    let titles: Vec<String> = (1..=120).map(|i| format!("t{i}")).collect();
    let pairs: Vec<(&str, &str)> = titles.iter().map(|t| (t.as_str(), "NEW")).collect();
    add_tasks(&client, &pairs).await;
    portal.clear_requests();

    let request = TasksTaskList::new().filter(Filter::new().eq("status", "NEW").build().unwrap());
    let items: Vec<Task> = client.stream(&request).try_collect().await.unwrap();
    assert_eq!(items.len(), 120);
    assert_eq!(items[119].title.as_deref(), Some("t120"));
    let requests = portal.requests();
    assert_eq!(requests.len(), 3, "pages of 50, 50 and 20");
    assert!(requests.iter().all(|r| r.path.starts_with("/rest/api/")));
    assert_eq!(
        requests[2].body["pagination"],
        json!({"page": 3, "limit": 50})
    );
}

#[tokio::test]
async fn a_v3_add_without_its_required_fields_is_refused_before_sending() {
    use b24_runtime::Method;
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    assert_eq!(
        <TasksTaskAdd as Method>::REQUIRED_FIELDS,
        &[("fields", &["title", "creatorId", "responsibleId"][..])],
        "the add page's required fields, though TaskFields leaves them optional"
    );
    let partial = TasksTaskAdd::new(TaskFields::new().title("t".to_owned()));
    let err = client.send(&partial).await.unwrap_err();
    let Error::InvalidParams { method, reason } = &err else {
        panic!("{err}");
    };
    assert_eq!(method, "tasks.task.add");
    assert!(reason.contains("fields.creatorId"), "{reason}");
    assert!(reason.contains("fields.responsibleId"), "{reason}");
    assert!(!reason.contains("fields.title"), "{reason}");
    let key = IdempotencyKey::generate();
    let keyed = client.send_idempotent(&partial, &key).await.unwrap_err();
    assert!(matches!(keyed, Error::InvalidParams { .. }), "{keyed}");
    let batched = Batch::new().push(&partial).unwrap_err();
    assert!(matches!(batched, Error::InvalidParams { .. }), "{batched}");
    assert_eq!(portal.request_count(), 0, "nothing sent");

    client.send(&task("complete")).await.unwrap();
    assert_eq!(portal.request_count(), 1);
}

#[tokio::test]
async fn several_order_keys_keep_their_priority_on_the_wire() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    add_tasks(
        &client,
        &[("a", "NEW"), ("b", "DONE"), ("c", "NEW"), ("d", "DONE")],
    )
    .await;
    portal.clear_requests();
    let ids = |items: &[Task]| -> Vec<i64> { items.iter().map(|i| i.id.unwrap()).collect() };

    // `v3::Order` goes straight into the generated setter.
    let by_status = TasksTaskList::new().order(Order::new().asc("status").desc("id"));
    let found = client.send(&by_status).await.unwrap();
    assert_eq!(ids(&found.items), [4, 2, 3, 1]);
    let by_id = TasksTaskList::new().order(Order::new().desc("id").asc("status"));
    let found = client.send(&by_id).await.unwrap();
    assert_eq!(ids(&found.items), [4, 3, 2, 1]);

    let requests = portal.requests();
    assert_eq!(
        requests[0].body["order"].to_string(),
        r#"{"status":"ASC","id":"DESC"}"#
    );
    assert_eq!(
        requests[1].body["order"].to_string(),
        r#"{"id":"DESC","status":"ASC"}"#
    );
}

/// Adds an item to the fake portal's generic store of `family` (a v3 `X.add`).
async fn seed(client: &Client, family: &str, fields: Value) -> i64 {
    let reply: Response<Value> = client
        .call_v3(&format!("{family}.add"), &json!({ "fields": fields }), None)
        .await
        .expect("the fake portal adds the item");
    reply.result["item"]["id"]
        .as_i64()
        .expect("the added item has an id")
}

#[tokio::test]
async fn after_cursor_lists_send_back_the_cursor_of_the_previous_page() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    for day in 1..=5 {
        let start = format!("2026-01-0{day}T10:00:00Z");
        seed(
            &client,
            "call.followup",
            json!({"callId": day, "startDate": start}),
        )
        .await;
    }
    seed(
        &client,
        "call.followup",
        json!({"callId": 6, "startDate": "2026-02-01T10:00:00Z"}),
    )
    .await;
    portal.clear_requests();

    let january = CallFollowupListFilterStartDate::new(
        "2026-01-01T00:00:00Z".to_owned(),
        "2026-01-31T23:59:59Z".to_owned(),
    );
    let request = CallFollowupList::new(CallFollowupListFilter::new(january));
    let all = client
        .list_v3(&request, Some(2))
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    let calls: Vec<i64> = all.iter().map(|i| i["callId"].as_i64().unwrap()).collect();
    assert_eq!(calls, [1, 2, 3, 4, 5]);
    let requests = portal.requests();
    assert_eq!(requests.len(), 3, "pages of 2, 2 and 1");
    assert_eq!(requests[0].body["pagination"], json!({"limit": 2}));
    assert_eq!(
        requests[1].body["pagination"],
        json!({"limit": 2, "afterCursor": {"startDate": "2026-01-02T10:00:00Z", "id": 2}})
    );
    assert_eq!(requests[2].body["filter"], requests[0].body["filter"]);

    // The same through Client::stream, without naming the scheme.
    portal.clear_requests();
    let streamed: Vec<Value> = client.stream(&request).try_collect().await.unwrap();
    assert_eq!(streamed, all);
    assert_eq!(portal.request_count(), 1);
}

#[tokio::test]
async fn next_cursor_lists_stream_every_page() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    for position in 1..=60 {
        let name = format!("База {position}");
        seed(
            &client,
            "note.collection",
            json!({"name": name, "position": position * 10}),
        )
        .await;
    }
    portal.clear_requests();

    let items: Vec<_> = client
        .stream(&NoteCollectionList::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 60);
    assert_eq!(items[59].name.as_deref(), Some("База 60"));
    let requests = portal.requests();
    assert_eq!(requests.len(), 2, "pages of 50 and 10");
    assert_eq!(
        requests[1].body["pagination"],
        json!({"limit": 50, "afterCursor": {"position": 500, "id": 50}})
    );
}

#[tokio::test]
async fn a_first_page_only_list_is_read_once() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    for n in 1..=5 {
        seed(
            &client,
            "note.document.search",
            json!({"documentId": n, "title": "борщ"}),
        )
        .await;
    }
    portal.clear_requests();
    let request = NoteDocumentSearchList::new("борщ".to_owned());
    let first = client
        .list_v3(&request, Some(2))
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(first.len(), 2, "only the first page can be read");
    let requests = portal.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].body["pagination"], json!({"limit": 2}));
}

#[tokio::test]
async fn tails_start_after_the_last_item_read() {
    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    for n in 1..=7 {
        seed(
            &client,
            "main.eventlog",
            json!({"auditTypeId": format!("EVENT_{n}")}),
        )
        .await;
    }
    portal.clear_requests();

    let request = MainEventlogTail::new().cursor(json!({"field": "id", "value": 2}));
    let items = client
        .list_v3(&request, Some(2))
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<i64> = items.iter().map(|i| i.id.unwrap()).collect();
    assert_eq!(ids, [3, 4, 5, 6, 7]);
    let requests = portal.requests();
    assert_eq!(requests.len(), 3, "pages of 2, 2 and 1");
    assert_eq!(
        requests[1].body["cursor"],
        json!({"field": "id", "value": 4, "limit": 2})
    );

    // Selecting without the cursor field cannot go past the first page: said, not guessed.
    let blind = MainEventlogTail::new().select(["auditTypeId"]);
    let err = client
        .list_v3(&blind, Some(2))
        .unwrap()
        .collect_all()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidParams { .. }), "{err}");
}

/// What a real portal sends, not only the docs' examples: ids as strings, dates in ISO-8601
/// with an offset, `null` for what is empty (`startPlan`, `parent`), relations as objects,
/// keys the docs do not list. The typed v3 task and the `tasks.task.result.*` item read it.
#[test]
fn real_portal_replies_decode_into_the_typed_v3_entities() {
    use b24_api::rest_v3::tasks::task::result::TasksTaskResultList;
    use b24_api::rest_v3::tasks::task::{TaskPriority, TaskStatus};
    use b24_runtime::Method;

    let reply = json!({
        "item": {
            "id": "3835",
            "title": "название",
            "creatorId": "1",
            "responsible": {"id": "7", "name": "Саша", "email": "mail@bitrix.ru"},
            "deadline": "2025-12-25T23:00:00+03:00",
            "startPlan": null,
            "parentId": null,
            "parent": null,
            "priority": "average",
            "status": "in_progress",
            "needsControl": false,
            "rights": {"read": true, "edit": false},
            "someNewKey": 1
        }
    });
    let got: <TasksTaskGet as Method>::Output = serde_json::from_value(reply).unwrap();
    let task: &Task = &got.item;
    assert_eq!(task.id, Some(3835));
    assert_eq!(task.creator_id, Some(1));
    let responsible = task.responsible.as_deref().unwrap();
    assert_eq!(responsible.id, Some(7));
    assert_eq!(responsible.name.as_deref(), Some("Саша"));
    let deadline = task.deadline.as_ref().unwrap().parts().unwrap();
    assert_eq!((deadline.year, deadline.hour), (2025, 23));
    assert_eq!(deadline.offset_minutes, Some(180));
    assert_eq!(task.start_plan, None);
    assert_eq!(task.parent, None);
    assert_eq!(task.priority, Some(TaskPriority::Average));
    assert_eq!(task.status, Some(TaskStatus::InProgress));
    assert!(task.rights.is_some(), "{task:?}");
    assert_eq!(task.extra["someNewKey"], 1);

    let listed = json!({"items": [{
        "id": "17", "taskId": 51, "text": "Готово", "authorId": "1",
        "createdAt": "2026-04-30T10:15:00+03:00", "updatedAt": null,
        "status": "open", "fileIds": [], "rights": {"edit": true, "remove": true},
        "messageId": null
    }]});
    let listed: <TasksTaskResultList as Method>::Output = serde_json::from_value(listed).unwrap();
    let result = &listed.items[0];
    assert_eq!(
        (result.id, result.task_id, result.author_id),
        (Some(17), Some(51), Some(1))
    );
    assert_eq!(result.updated_at, None);
    assert_eq!(result.rights.as_ref().and_then(|r| r.edit), Some(true));
}

/// `tasks.task.result.*` over loopback: the update, list and add pages share the add page's
/// `item` (the list and update pages link it), so every reply decodes into one typed
/// struct; `select` may name what the list page offers (`author`) beyond that table.
#[tokio::test]
async fn task_results_share_one_typed_item_over_loopback() {
    use b24_api::rest_v3::tasks::task::result::{
        TasksTaskResultAdd, TasksTaskResultAddFields, TasksTaskResultAddItem,
        TasksTaskResultDelete, TasksTaskResultList, TasksTaskResultUpdate,
        TasksTaskResultUpdateFields,
    };

    let portal = FakePortal::start().await.unwrap();
    let client = client(&portal);
    let mut ids = Vec::new();
    for (task, text) in [(51, "первый"), (52, "чужой"), (51, "второй")] {
        let added = client
            .send(&TasksTaskResultAdd::new(TasksTaskResultAddFields::new(
                task,
                text.to_owned(),
            )))
            .await
            .unwrap();
        let item: &TasksTaskResultAddItem = &added.item;
        assert_eq!(item.task_id, Some(task));
        ids.push(item.id.unwrap());
    }

    let updated = client
        .send(&TasksTaskResultUpdate::new(
            ids[0],
            TasksTaskResultUpdateFields::new("исправлен".to_owned()),
        ))
        .await
        .unwrap();
    let item: &TasksTaskResultAddItem = &updated.item;
    assert_eq!(item.text.as_deref(), Some("исправлен"));

    let list = TasksTaskResultList::new(Filter::new().eq("taskId", 51).build().unwrap())
        .select(["id", "text", "author"]);
    let listed = client.send(&list).await.unwrap();
    let texts: Vec<Option<&str>> = listed.items.iter().map(|i| i.text.as_deref()).collect();
    assert_eq!(texts, [Some("исправлен"), Some("второй")]);
    assert_eq!(listed.items[0].task_id, None, "select applied");

    // A name neither the reply table nor the `select` values list: refused before sending.
    portal.clear_requests();
    let typo =
        TasksTaskResultList::new(Filter::new().eq("taskId", 51).build().unwrap()).select(["txet"]);
    let refused = client.send(&typo).await.unwrap_err();
    assert!(matches!(refused, Error::InvalidParams { .. }), "{refused}");
    assert_eq!(portal.request_count(), 0);

    let deleted = client
        .send(&TasksTaskResultDelete::new(ids[1]))
        .await
        .unwrap();
    assert!(deleted.result);
    assert_eq!(portal.v3_items("tasks.task.result").len(), 2);
}
