//! The generated `registry` (feature `full`): one entry per spec, and its functions
//! really deserialize into the generated types.

use std::collections::BTreeSet;

use b24_api::registry::{Entry, METHODS};
use b24_runtime::Api;
use b24_spec::ApiVersion;
use b24_tests::committed_methods;
use serde_json::json;

fn entry(method: &str, api: Api) -> &'static Entry {
    METHODS
        .iter()
        .find(|e| e.method == method && e.api == api)
        .unwrap_or_else(|| panic!("{method} is in the registry"))
}

#[test]
fn every_spec_has_exactly_one_entry_with_its_page() {
    let specs = committed_methods();
    let expected: BTreeSet<(String, bool, String)> = specs
        .iter()
        .map(|s| {
            let v3 = s.api_version == ApiVersion::RestV3;
            (s.method.clone(), v3, s.source.clone())
        })
        .collect();
    let listed: BTreeSet<(String, bool, String)> = METHODS
        .iter()
        .map(|e| {
            (
                e.method.to_owned(),
                e.api == Api::RestV3,
                e.source.to_owned(),
            )
        })
        .collect();
    assert_eq!(METHODS.len(), specs.len(), "one entry per spec");
    assert_eq!(listed, expected);
    let order: Vec<(&str, bool)> = METHODS
        .iter()
        .map(|e| (e.method, e.api == Api::RestV3))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "ordered by name, classic first");
}

#[test]
fn rest_v3_twins_are_separate_entries() {
    let twins: Vec<&str> = METHODS
        .iter()
        .filter(|e| e.api == Api::RestV3)
        .map(|e| e.method)
        .collect();
    assert!(!twins.is_empty(), "the specs hold REST 3.0 methods");
    for method in twins {
        assert_eq!(entry(method, Api::RestV3).api, Api::RestV3);
    }
}

#[test]
fn request_bodies_round_trip_through_the_request_type() {
    let set = entry("im.user.status.set", Api::Classic);
    assert_eq!(
        set.source,
        "api-reference/chats/users/im-user-status-set.md"
    );
    let body = json!({"STATUS": "dnd", "UNLISTED_PARAM": [1, 2]});
    assert_eq!((set.roundtrip_request)(body.clone()), Ok(body));
    // An undocumented status value is kept by the open enum.
    let lunch = json!({"STATUS": "lunch"});
    assert_eq!((set.roundtrip_request)(lunch.clone()), Ok(lunch));
    // STATUS is required, and it is a value (open enums read numbers as their text).
    assert!((set.roundtrip_request)(json!({})).is_err());
    assert!((set.roundtrip_request)(json!({"STATUS": {"code": "dnd"}})).is_err());
    assert_eq!(
        (set.roundtrip_request)(json!({"STATUS": 5})),
        Ok(json!({"STATUS": "5"}))
    );
    assert!((set.roundtrip_request)(json!([])).is_err());
}

#[test]
fn results_decode_into_the_output_type() {
    let set = entry("im.user.status.set", Api::Classic);
    assert_eq!((set.decode_output)(json!(true)), Ok(()));
    assert!((set.decode_output)(json!({"done": true})).is_err());
    assert!((set.decode_output)(json!("yes")).is_err());
}
