//! The list walks driven as a transport drives them, with reply bodies and no HTTP: the
//! protocol crate alone decides every request and reads every reply.

use b24_protocol::batch::{Batch, BatchResult};
use b24_protocol::paging::{ByIdWalk, OffsetWalk, PageRequest, Walk};
use b24_protocol::{Error, List, Response, envelope};
use serde_json::{Value, json};

fn items(ids: std::ops::RangeInclusive<u64>) -> Value {
    Value::Array(ids.map(|id| json!({"ID": id.to_string()})).collect())
}

/// A reply body to a single call, decoded as a transport would.
fn reply(body: Value) -> Result<Response<Value>, Error> {
    let (result, meta) = envelope::decode::<Value>("crm.deal.list", 200, &body.to_string())?;
    Ok(Response { result, meta })
}

/// Sends every request of a batch to a fake that answers with `pages` by command name.
fn answer(batch: &Batch, pages: Value) -> Result<b24_protocol::batch::BatchResponse, Error> {
    let mut response = batch.response();
    for request in batch.requests()? {
        let body = json!({"result": {"result": pages}, "time": {"start": 1.0}});
        let (result, meta) = envelope::decode::<BatchResult>("batch", 200, &body.to_string())?;
        if !response.absorb(&request, result, meta.time, 200) {
            break;
        }
    }
    Ok(response)
}

fn call_params(request: Option<PageRequest>) -> Value {
    match request {
        Some(PageRequest::Call(params)) => serde_json::to_value(params).expect("params encode"),
        other => panic!("expected a call, got {other:?}"),
    }
}

fn batch_of(request: Option<PageRequest>) -> Batch {
    match request {
        Some(PageRequest::Batch(batch)) => batch,
        other => panic!("expected a batch, got {other:?}"),
    }
}

#[test]
fn the_by_id_walk_asks_for_a_page_then_chains_pages_in_one_batch_and_ends_at_a_short_page() {
    let list = List::new("crm.deal.list").param("select", json!(["ID"]));
    let mut walk = ByIdWalk::new(list);

    let first = call_params(walk.next_request().unwrap());
    assert_eq!(first["order"], json!({"ID": "ASC"}));
    assert_eq!(first["filter"], json!({">ID": 0}));
    assert_eq!(first["start"], json!(-1));
    assert_eq!(first["select"], json!(["ID"]));
    let got: Vec<Value> = walk
        .take_call(reply(json!({"result": items(1..=50)})))
        .unwrap();
    assert_eq!(got.len(), 50);

    let batch = batch_of(walk.next_request().unwrap());
    assert_eq!(batch.len(), 50);
    // The first command of the chain starts after the last ID read.
    assert_eq!(
        batch.command_line("p0"),
        Some("crm.deal.list?select[0]=ID&filter[%3EID]=50&order[ID]=ASC&start=-1")
    );
    assert!(
        batch
            .command_line("p1")
            .unwrap()
            .contains("$result[p0][49][ID]"),
        "{:?}",
        batch.command_line("p1")
    );
    let response = answer(
        &batch,
        json!({"p0": items(51..=100), "p1": items(101..=110)}),
    );
    let got: Vec<Value> = walk.take_batch(response).unwrap();
    assert_eq!(got.len(), 60);
    assert_eq!(got[59], json!({"ID": "110"}));
    assert!(walk.next_request().unwrap().is_none());
}

#[test]
fn the_by_id_walk_refuses_ids_that_do_not_move_on() {
    let mut walk = ByIdWalk::new(List::new("crm.deal.list"));
    walk.next_request().unwrap();
    let page = json!({"result": [{"ID": "5"}, {"ID": "3"}]});
    let err = walk.take_call::<Value>(reply(page)).unwrap_err();
    assert!(matches!(err, Error::Cursor { .. }), "{err:?}");
}

#[test]
fn the_offset_walk_batches_the_pages_the_first_total_announces() {
    let mut walk = OffsetWalk::new(List::new("crm.deal.list"), true);
    let first = call_params(walk.next_request().unwrap());
    assert_eq!(first["start"], json!(0));
    let page = json!({"result": items(1..=50), "next": 50, "total": 160});
    assert_eq!(walk.take_call::<Value>(reply(page)).unwrap().len(), 50);

    let batch = batch_of(walk.next_request().unwrap());
    assert_eq!(batch.len(), 3, "starts 50, 100, 150 of 160");
    assert!(batch.command_line("p2").unwrap().ends_with("start=150"));
    let response = answer(
        &batch,
        json!({"p0": items(51..=100), "p1": items(101..=150), "p2": items(151..=160)}),
    );
    assert_eq!(walk.take_batch::<Value>(response).unwrap().len(), 110);
    assert!(walk.next_request().unwrap().is_none());
}

#[test]
fn a_transport_error_names_the_page_it_broke() {
    let mut walk = OffsetWalk::new(List::new("crm.deal.list"), false);
    walk.next_request().unwrap();
    let failure = Err(Error::InvalidConfig("connection refused".into()));
    match walk.take_call::<Value>(failure).unwrap_err() {
        Error::Page { page, .. } => assert_eq!(page, 1),
        other => panic!("{other:?}"),
    }
}
