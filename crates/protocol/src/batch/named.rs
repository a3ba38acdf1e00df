//! A map keyed by command name that also accepts PHP's other spellings of it: `[]` for an
//! empty map, a list for commands named `0`, `1`, … and `null`.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

#[derive(Debug, Clone)]
pub(crate) struct NamedMap<V>(pub BTreeMap<String, V>);

impl<V> Default for NamedMap<V> {
    fn default() -> Self {
        Self(BTreeMap::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for NamedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NamedVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for NamedVisitor<V> {
            type Value = NamedMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of command names, or a list")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    out.insert(key, value);
                }
                Ok(NamedMap(out))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                let mut index = 0usize;
                while let Some(value) = seq.next_element::<V>()? {
                    out.insert(index.to_string(), value);
                    index += 1;
                }
                Ok(NamedMap(out))
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(NamedMap::default())
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(NamedMap::default())
            }
        }

        deserializer.deserialize_any(NamedVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_list_is_an_empty_map() {
        let map: NamedMap<u32> = serde_json::from_str("[]").unwrap();
        assert!(map.0.is_empty());
        let map: NamedMap<u32> = serde_json::from_str("null").unwrap();
        assert!(map.0.is_empty());
    }

    #[test]
    fn lists_are_keyed_by_index() {
        let map: NamedMap<u32> = serde_json::from_str("[5, 6]").unwrap();
        assert_eq!(map.0.get("0"), Some(&5));
        assert_eq!(map.0.get("1"), Some(&6));
        let map: NamedMap<u32> = serde_json::from_str(r#"{"a": 1}"#).unwrap();
        assert_eq!(map.0.get("a"), Some(&1));
    }
}
