//! JSON that keeps the order of object keys, whatever features `serde_json` is built with
//! (the workspace turns on `preserve_order`, but the runtime does not rely on a feature a
//! user's build could lack): order carries meaning in Bitrix24 parameters,
//! `order: {DATE_CREATE: DESC, ID: ASC}` sorts by date first.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::Value;

/// A JSON value whose objects are entry lists in the order given: how request parameters
/// are held until they are encoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Encodes any serializable value, keeping key order.
    pub fn from_serialize(value: &(impl Serialize + ?Sized)) -> Result<Node, serde_json::Error> {
        let bytes = serde_json::to_vec(value)?;
        serde_json::from_slice(&bytes)
    }

    /// Sets `key` in an object, replacing an existing entry in place.
    pub fn set(entries: &mut Vec<(String, Node)>, key: &str, value: Node) {
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value,
            None => entries.push((key.to_owned(), value)),
        }
    }

    pub fn get<'a>(entries: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
        entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl From<Value> for Node {
    fn from(value: Value) -> Self {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(b),
            Value::Number(n) => Node::Number(n),
            Value::String(s) => Node::String(s),
            Value::Array(items) => Node::Array(items.into_iter().map(Node::from).collect()),
            Value::Object(map) => {
                Node::Object(map.into_iter().map(|(k, v)| (k, Node::from(v))).collect())
            }
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Number(n) => n.serialize(serializer),
            Node::String(s) => serializer.serialize_str(s),
            Node::Array(items) => serializer.collect_seq(items),
            Node::Object(entries) => serializer.collect_map(entries.iter().map(|(k, v)| (k, v))),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;

        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }

            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }

            fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
                Ok(Node::Bool(b))
            }

            fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
                Ok(Node::Number(n.into()))
            }

            fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
                Ok(Node::Number(n.into()))
            }

            fn visit_f64<E>(self, n: f64) -> Result<Node, E> {
                Ok(serde_json::Number::from_f64(n).map_or(Node::Null, Node::Number))
            }

            fn visit_str<E>(self, s: &str) -> Result<Node, E> {
                Ok(Node::String(s.to_owned()))
            }

            fn visit_string<E>(self, s: String) -> Result<Node, E> {
                Ok(Node::String(s))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Node>()? {
                    entries.push((k, v));
                }
                Ok(Node::Object(entries))
            }
        }

        deserializer.deserialize_any(NodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_survives() {
        #[derive(serde::Serialize)]
        struct Params {
            order: Order,
        }
        #[derive(serde::Serialize)]
        #[allow(non_snake_case)]
        struct Order {
            DATE_CREATE: &'static str,
            ID: &'static str,
        }
        let node = Node::from_serialize(&Params {
            order: Order {
                DATE_CREATE: "DESC",
                ID: "ASC",
            },
        })
        .unwrap();
        assert_eq!(
            serde_json::to_string(&node).unwrap(),
            r#"{"order":{"DATE_CREATE":"DESC","ID":"ASC"}}"#
        );
    }
}
