//! The generated types against JSON shaped like the docs' examples: request bodies
//! round-trip, results decode leniently, event payloads decode.

#![allow(deprecated)] // crm.deal.* are deprecated in favour of crm.item.*.

use b24_api::Method;
use b24_api::crm::deal::{CrmDealAdd, CrmDealGet, CrmDealList, DealFields};
use b24_api::events::crm_deals::OnCrmDealAdd;
use serde_json::json;

fn output<M: Method>(result: serde_json::Value) -> M::Output {
    match serde_json::from_value(result.clone()) {
        Ok(output) => output,
        Err(error) => panic!("{} does not decode {result}: {error}", M::NAME),
    }
}

#[test]
fn a_request_body_round_trips_with_flags_and_user_fields() {
    let body = json!({
        "fields": {
            "TITLE": "Новая сделка #1",
            "IS_RECURRING": "N",
            "OPENED": "Y",
            "PROBABILITY": 99,
            "OPPORTUNITY": 1000000.5,
            "UF_CRM_1721244482250": "Привет мир!"
        }
    });
    let request: CrmDealAdd = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(serde_json::to_value(&request).unwrap(), body);
}

#[test]
fn a_request_built_in_rust_sends_wire_names_and_y_n() {
    let fields = DealFields::new()
        .title("Сделка")
        .is_recurring(false)
        .probability(50)
        .param("UF_CRM_1", "x");
    let request = CrmDealAdd::new().fields(fields);
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"fields": {"TITLE": "Сделка", "IS_RECURRING": "N", "PROBABILITY": 50, "UF_CRM_1": "x"}})
    );
}

#[test]
fn a_result_decodes_strings_as_numbers_flags_and_dates_and_keeps_unknown_keys() {
    let deal = output::<CrmDealGet>(json!({
        "ID": "410",
        "TITLE": "Новая сделка #1",
        "PROBABILITY": "99",
        "OPPORTUNITY": "1000000.00",
        "IS_MANUAL_OPPORTUNITY": "Y",
        "BEGINDATE": "2024-08-30T02:00:00+02:00",
        "CLOSEDATE": "",
        "UF_CRM_1721244482250": "Привет мир!",
        "SOMETHING_NEW": [1, 2]
    }));
    assert_eq!(deal.id, Some(410));
    assert_eq!(deal.probability, Some(99));
    assert_eq!(deal.opportunity, Some(1_000_000.0));
    assert_eq!(deal.is_manual_opportunity, Some(true));
    assert_eq!(
        deal.begindate.as_ref().map(|d| d.as_str()),
        Some("2024-08-30T02:00:00+02:00")
    );
    assert_eq!(deal.closedate, None);
    // User fields have a map of their own; other unknown keys stay in `extra`.
    assert_eq!(
        deal.user_fields["UF_CRM_1721244482250"],
        json!("Привет мир!")
    );
    assert_eq!(deal.extra["SOMETHING_NEW"], json!([1, 2]));
}

#[test]
fn a_list_result_is_a_vec_of_structs() {
    // Items are the `Deal` entity: an id sent as a string or a number reads as a number.
    let deals = output::<CrmDealList>(json!([{"ID": "1", "TITLE": "a"}, {"ID": 2}]));
    let ids: Vec<Option<i64>> = deals.iter().map(|deal| deal.id).collect();
    assert_eq!(ids, [Some(1), Some(2)]);
}

#[test]
fn an_event_payload_decodes() {
    let payload: OnCrmDealAdd = serde_json::from_value(json!({
        "event": "ONCRMDEALADD",
        "event_handler_id": "5",
        "data": {"FIELDS": {"ID": "42"}},
        "ts": "1716894180",
        "auth": {"domain": "example.bitrix24.ru", "status": "L", "expires_in": "3600"}
    }))
    .unwrap();
    assert_eq!(payload.event_handler_id, Some(5));
    let id = payload
        .data
        .and_then(|data| data.fields)
        .and_then(|fields| fields.id);
    assert_eq!(id, Some(42));
    assert!(OnCrmDealAdd::EVENT.eq_ignore_ascii_case("onCrmDealAdd"));
}
