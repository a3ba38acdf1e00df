//! What the response and event readers use of a JSON example: the kind of every value and
//! the keys of the top two levels (the example, then `result` or its first element). Read
//! straight from the text, without building a `serde_json::Value` (whose strings, numbers
//! and deeper maps were most of the cost of reading the examples).
//!
//! The parser is serde_json's either way: a text is accepted or rejected, with the same
//! error, exactly as when it is read into a `Value`.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

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
    /// Keys in `serde_json::Map` order (sorted; a repeated key keeps its last value). Below
    /// the keyed levels the map is left empty.
    Object(BTreeMap<String, Shape>),
}

impl Shape {
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

impl<'de> de::Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Level(KEYED_LEVELS).deserialize(deserializer)
    }
}

/// Reads a value, keeping the keys of this many object levels.
#[derive(Clone, Copy)]
struct Level(u8);

impl<'de> DeserializeSeed<'de> for Level {
    type Value = Shape;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Shape, D::Error> {
        // `deserialize_any`, as `Value` does: the same parsing and the same errors.
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level {
    type Value = Shape;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Bool)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Integer)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Integer)
    }

    fn visit_f64<E>(self, value: f64) -> Result<Shape, E> {
        // `Value` turns a float it cannot hold into `null`.
        Ok(if value.is_finite() {
            Shape::Number
        } else {
            Shape::Null
        })
    }

    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::String)
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }

    fn visit_none<E>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Shape, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let first = seq.next_element_seed(self)?;
        // The rest is read for its syntax only.
        while seq.next_element_seed(Level(0))?.is_some() {}
        Ok(Shape::Array(first.map(Box::new)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut out = BTreeMap::new();
        match self.0.checked_sub(1) {
            Some(below) => {
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value_seed(Level(below))?;
                    out.insert(key, value);
                }
            }
            None => {
                while map.next_key_seed(Key)?.is_some() {
                    map.next_value_seed(Level(0))?;
                }
            }
        }
        Ok(Shape::Object(out))
    }
}

/// A key read and dropped.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a key")
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Shape {
        serde_json::from_str(text).unwrap()
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
    }

    #[test]
    fn errors_are_those_of_value() {
        for text in [
            "{result: true}",
            "{\"a\": \"unterminated}",
            "",
            "[1, 2,]",
            "{\"a\": {\"b\": [1, {\"c\": 1e999}]}}",
            "{\"a\": {\"b\": {\"c\": \"\\q\"}}}",
            "{\"a\": 1} x",
            &"[".repeat(200),
        ] {
            let value = serde_json::from_str::<serde_json::Value>(text).map(|_| ());
            let shape = serde_json::from_str::<Shape>(text).map(|_| ());
            assert_eq!(
                value.map_err(|e| e.to_string()),
                shape.map_err(|e| e.to_string()),
                "{text}"
            );
        }
    }
}
