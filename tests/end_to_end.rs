//! The generated binding against a real HTTP server on 127.0.0.1.

use b24_api::im::user::status::{ImUserStatusSet, ImUserStatusSetError, ImUserStatusSetStatus};
use b24_api::{Client, DocumentedError};
use b24_fake_portal::{FakePortal, Reply, WEBHOOK_CODE};
use serde_json::json;

#[tokio::test]
async fn im_user_status_set_sends_the_status_and_decodes_true() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply("im.user.status.set", Reply::result(json!(true)));
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    let done: bool = client
        .send(&ImUserStatusSet::new(ImUserStatusSetStatus::Dnd))
        .await
        .unwrap();

    assert!(done);
    let requests = portal.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].http_method, "POST");
    assert_eq!(
        requests[0].path,
        format!("/rest/1/{WEBHOOK_CODE}/im.user.status.set")
    );
    assert_eq!(requests[0].body, json!({"STATUS": "dnd"}));
}

#[tokio::test]
async fn im_user_status_set_error_is_typed() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply(
        "im.user.status.set",
        Reply::error(400, "STATUS_ERROR", "Status is not available"),
    );
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    let err = client
        .send(&ImUserStatusSet::new("nonsense".into()))
        .await
        .unwrap_err();

    let api = err.api().expect("an API error");
    assert_eq!((api.code.as_str(), api.http_status), ("STATUS_ERROR", 400));
    assert_eq!(api.description, "Status is not available");
    assert_eq!(portal.requests()[0].body, json!({"STATUS": "nonsense"}));
    // The code the page documents, as the method's own enum.
    assert_eq!(
        ImUserStatusSet::error(&err),
        Some(ImUserStatusSetError::StatusError)
    );
    assert_eq!(
        err.documented::<ImUserStatusSetError>(),
        Some(ImUserStatusSetError::StatusError)
    );
}

#[tokio::test]
async fn codes_the_page_does_not_list_are_kept() {
    let portal = FakePortal::start().await.unwrap();
    portal.reply(
        "im.user.status.set",
        Reply::error(401, "NO_AUTH_FOUND", "Wrong authorization data"),
    );
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();

    let err = client
        .send(&ImUserStatusSet::new(ImUserStatusSetStatus::Away))
        .await
        .unwrap_err();

    let documented = ImUserStatusSet::error(&err).expect("an API error");
    assert_eq!(
        documented,
        ImUserStatusSetError::Undocumented("NO_AUTH_FOUND".to_owned())
    );
    assert!(!documented.is_documented());
    assert_eq!(documented.as_str(), "NO_AUTH_FOUND");
    assert_eq!(
        err.documented::<b24_runtime::ErrorCode>(),
        Some(b24_runtime::ErrorCode::NoAuthFound)
    );
}

#[test]
fn documented_errors_carry_codes_statuses_and_the_empty_code() {
    use b24_api::crm::deal::CrmDealAddError;
    use b24_api::crm::item::CrmItemAddError;

    assert_eq!(CrmItemAddError::from_code("100"), CrmItemAddError::Code100);
    assert_eq!(CrmItemAddError::Code100.http_status(), Some(400));
    assert_eq!(
        CrmItemAddError::from_code("allowed_only_intranet_user").http_status(),
        Some(403)
    );
    assert_eq!(CrmItemAddError::AccessDenied.to_string(), "ACCESS_DENIED");
    assert_eq!(CrmDealAddError::from_code(""), CrmDealAddError::EmptyCode);
    assert_eq!(CrmDealAddError::EmptyCode.as_str(), "");
    assert_eq!(<CrmDealAddError as DocumentedError>::CODES, [""]);
}

#[tokio::test]
async fn a_value_the_docs_do_not_list_still_goes_through() {
    // No documentation version lists `lunch`; a binding must still pass it on unchanged.
    let portal = FakePortal::start().await.unwrap();
    portal.reply("im.user.status.set", Reply::result(json!(true)));
    let client = Client::from_webhook(&portal.webhook_url()).unwrap();
    let status: ImUserStatusSetStatus = "lunch".parse().unwrap();
    assert_eq!(status, ImUserStatusSetStatus::Unlisted("lunch".to_owned()));

    assert!(client.send(&ImUserStatusSet::new(status)).await.unwrap());
    assert_eq!(portal.requests()[0].body, json!({"STATUS": "lunch"}));
}

#[test]
fn status_enum_round_trips_documented_and_unknown_values() {
    for (raw, variant) in [
        ("online", ImUserStatusSetStatus::Online),
        ("dnd", ImUserStatusSetStatus::Dnd),
        ("away", ImUserStatusSetStatus::Away),
        // The 2026 docs list `break` (the 2025 seed did not).
        ("break", ImUserStatusSetStatus::Break),
        ("lunch", ImUserStatusSetStatus::Unlisted("lunch".to_owned())),
    ] {
        let decoded: ImUserStatusSetStatus = serde_json::from_value(json!(raw)).unwrap();
        assert_eq!(decoded, variant);
        assert_eq!(serde_json::to_value(&decoded).unwrap(), json!(raw));
        assert_eq!(decoded.as_str(), raw);
        assert_eq!(decoded.to_string(), raw);
        assert_eq!(raw.parse::<ImUserStatusSetStatus>().unwrap(), variant);
    }
    assert_eq!(ImUserStatusSetStatus::parse_documented("lunch"), None);
    assert_eq!(
        ImUserStatusSetStatus::parse_documented("dnd"),
        Some(ImUserStatusSetStatus::Dnd)
    );
}

#[test]
fn optional_extra_params_are_sent_only_when_set() {
    let request = ImUserStatusSet::new(ImUserStatusSetStatus::Away);
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"STATUS": "away"})
    );
    let request = request.param("CUSTOM", 5);
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"STATUS": "away", "CUSTOM": 5})
    );
}
