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

    /// `serde_json::Value::get` with a key.
    pub fn get(&self, key: &str) -> Option<&Shape> {
        match self {
            Shape::Object(map) => map.get(key),
            _ => None,
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
        let read = shape(
            r#"{"result": [{"ID": 1, "X": {"deep": "y"}}, 5], "time": {"start": 1.5}, "n": null, "b": true, "result2": -3}"#,
        );
        let result = read.get("result").unwrap();
        let Shape::Array(Some(first)) = result else {
            panic!("{result:?}")
        };
        let first = first.as_object().unwrap();
        assert_eq!(first["ID"], Shape::Integer);
        assert_eq!(first["X"], Shape::Object(BTreeMap::new()));
        assert_eq!(read.get("time").unwrap().get("start"), Some(&Shape::Number));
        assert_eq!(read.get("n"), Some(&Shape::Null));
        assert_eq!(read.get("b"), Some(&Shape::Bool));
        assert_eq!(read.get("result2"), Some(&Shape::Integer));
        assert_eq!(shape("[]"), Shape::Array(None));
        assert_eq!(
            shape(r#"{"a": 1, "a": "x"}"#).get("a"),
            Some(&Shape::String)
        );
        let sorted = shape(r#"{"b": 1, "a": 2}"#);
        let keys: Vec<&String> = sorted.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a", "b"]);
    }
}
