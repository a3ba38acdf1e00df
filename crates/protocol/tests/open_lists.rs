//! Lists the docs type `array` (`List<C>`) on objects: PHP's arrays with holes come as
//! objects with integer keys and keep their values in order; an object with named keys is
//! a record or a map, and reading it as a list would drop the keys, so it fails with an error
//! that names the key.

use b24_protocol::wire::{self, Any, Codec, Int, List};

use serde::Deserialize;
use serde_json::{Value, json};

/// A generated record's list fields: an open `array` and an array of integers.
#[derive(Debug, Deserialize)]
struct Task {
    #[serde(default, deserialize_with = "open_list")]
    rights: Option<Vec<Value>>,
    #[serde(default, with = "wire::int::vec")]
    checklist: Vec<i64>,
}

/// How the generated code reads an open `array`: `List<Any>`.
fn open_list<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Value>>, D::Error> {
    List::<Any>::decode(deserializer)
}

#[test]
fn integer_keys_are_php_arrays_and_keep_their_values_in_order() {
    let task: Task = serde_json::from_value(json!({
        "rights": {"-1": null, "3": "a", "7": {"x": 1}},
        "checklist": {"7": 153, "9": "165"}
    }))
    .unwrap();
    assert_eq!(
        task.rights,
        Some(vec![json!(null), json!("a"), json!({"x": 1})])
    );
    assert_eq!(task.checklist, [153, 165]);
    let read = List::<Int>::decode(json!({})).unwrap();
    assert_eq!(read, Some(Vec::<i64>::new()));
}

#[test]
fn named_keys_fail_instead_of_losing_the_keys() {
    let error = serde_json::from_value::<Task>(json!({
        "rights": {"read": true, "edit": false}
    }))
    .unwrap_err()
    .to_string();
    assert!(error.contains("named key `read`"), "{error}");
    // One named key among integer ones is enough: the object is not a PHP array.
    let error = List::<Any>::decode(json!({"0": 1, "total": 2}))
        .unwrap_err()
        .to_string();
    assert!(error.contains("named key `total`"), "{error}");
    // Keys that only look numeric are names too.
    assert!(List::<Int>::decode(json!({"1.5": 1})).is_err());
    assert!(List::<Int>::decode(json!({"": 1})).is_err());
}

#[test]
fn arrays_and_absent_lists_read_as_before() {
    assert_eq!(
        List::<Int>::decode(json!([1, "2"])).unwrap(),
        Some(vec![1, 2])
    );
    for absent in [json!(null), json!(""), json!(false)] {
        assert_eq!(List::<Int>::decode(absent).unwrap(), None);
    }
}
