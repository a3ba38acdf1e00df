//! What the response and event readers use of a JSON example: the kind of every value and
//! the keys of the top two levels (the example, then `result` or its first element), in
//! sorted order. Made from the example's `serde_json::Value`, which the import reads once:
//! the link pass keeps the `result`s.

use std::collections::BTreeMap;

use serde_json::Value;

/// Object levels from the top whose keys are kept.
const KEYED_LEVELS: u8 = 2;

/// A JSON value reduced to its kind, with keys where the readers need them.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Null,
    Bool,
    /// A number serde_json reads as an integer (`i64` or `u64`).
    Integer,
    /// Any other number.
    Number,
    String,
    /// The shape of the first element (`None` for `[]`): the only one the readers look at.
    Array(Option<Box<Shape>>),
    /// Keys sorted (a repeated key keeps its last value, as in the `Value`). Below the
    /// keyed levels the map is left empty.
    Object(BTreeMap<String, Shape>),
}

impl Shape {
    /// The shape of `value`.
    pub fn of(value: &Value) -> Shape {
        Shape::at(value, KEYED_LEVELS)
    }

    /// The shape of a member of an example's top level (its `result`).
    pub fn of_member(value: &Value) -> Shape {
        Shape::at(value, KEYED_LEVELS - 1)
    }

    fn at(value: &Value, levels: u8) -> Shape {
        match value {
            Value::Null => Shape::Null,
            Value::Bool(_) => Shape::Bool,
            Value::Number(n) if n.is_i64() || n.is_u64() => Shape::Integer,
            Value::Number(_) => Shape::Number,
            Value::String(_) => Shape::String,
            Value::Array(items) => Shape::Array(
                items
                    .first()
                    .map(|first| Box::new(Shape::at(first, levels))),
            ),
            Value::Object(map) => Shape::Object(match levels.checked_sub(1) {
                Some(below) => map
                    .iter()
                    .map(|(key, value)| (key.clone(), Shape::at(value, below)))
                    .collect(),
                None => BTreeMap::new(),
            }),
        }
    }

    pub fn as_object(&self) -> Option<&BTreeMap<String, Shape>> {
        match self {
            Shape::Object(map) => Some(map),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Shape {
        Shape::of(&serde_json::from_str(text).unwrap())
    }

    #[test]
    fn kinds_and_the_keys_of_two_levels() {
        let value: Value = serde_json::from_str(
            r#"{"result": [{"ID": 1, "X": {"deep": "y"}}, 5], "time": {"start": 1.5}, "n": null, "b": true, "result2": -3}"#,
        )
        .unwrap();
        let read = Shape::of(&value);
        let top = read.as_object().unwrap();
        let result = &top["result"];
        assert_eq!(&Shape::of_member(&value["result"]), result);
        let Shape::Array(Some(first)) = result else {
            panic!("{result:?}")
        };
        let first = first.as_object().unwrap();
        assert_eq!(first["ID"], Shape::Integer);
        assert_eq!(first["X"], Shape::Object(BTreeMap::new()));
        assert_eq!(top["time"].as_object().unwrap()["start"], Shape::Number);
        assert_eq!(top["n"], Shape::Null);
        assert_eq!(top["b"], Shape::Bool);
        assert_eq!(top["result2"], Shape::Integer);
        assert_eq!(shape("[]"), Shape::Array(None));
        assert_eq!(
            shape(r#"{"a": 1, "a": "x"}"#).as_object().unwrap()["a"],
            Shape::String
        );
        let sorted = shape(r#"{"b": 1, "a": 2}"#);
        let keys: Vec<&String> = sorted.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a", "b"]);
    }
}
