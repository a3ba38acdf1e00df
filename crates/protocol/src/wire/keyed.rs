//! Objects keyed by ids, codes or field names (`{"123": {...}, "456": {...}}`): a
//! `BTreeMap<String, T>` whose values go through a codec.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

use super::adapters::{Codec, Encoded};
use super::untyped;

/// `BTreeMap<String, T>` with values through `C`. PHP sends an empty map as `[]` and a map
/// whose keys happen to be `0, 1, …` as an array (its items are then keyed `"0"`, `"1"`, …);
/// `null`, `""` and `false` are absent, and a required map reads them as empty. Values that
/// are absent themselves (`null`) are left out.
#[derive(Debug)]
pub struct Keyed<C>(PhantomData<C>);

impl<T, C: Codec<T>> Codec<BTreeMap<String, T>> for Keyed<C> {
    fn encode<S: Serializer>(
        value: &BTreeMap<String, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (key, item) in value {
            map.serialize_entry(key, &Encoded::<T, C>(item, PhantomData))?;
        }
        map.end()
    }

    fn decode<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<BTreeMap<String, T>>, D::Error> {
        use serde::de::Error;
        let entries: Vec<(String, Value)> = match Value::deserialize(deserializer)? {
            Value::Object(map) => map.into_iter().collect(),
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(index, item)| (index.to_string(), item))
                .collect(),
            Value::Null | Value::Bool(false) => return Ok(None),
            Value::String(text) if text.is_empty() => return Ok(None),
            other => {
                return Err(D::Error::custom(format_args!(
                    "invalid type: {other}, expected an object keyed by id"
                )));
            }
        };
        let mut map = BTreeMap::new();
        for (key, value) in entries {
            let _step = untyped::enter_key(&key);
            let decoded = C::decode(value)
                .map_err(|error| D::Error::custom(format_args!("{key}: {error}")))?;
            if let Some(decoded) = decoded {
                map.insert(key, decoded);
            }
        }
        Ok(Some(map))
    }

    fn absent() -> Option<BTreeMap<String, T>> {
        Some(BTreeMap::new())
    }
}

/// serde `with` module for a `BTreeMap<String, T>` read as [`Keyed`] reads it (PHP's `[]`
/// is an empty map): the map member of a generated untagged union (`string | map(string)`).
pub mod keyed_map {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Keyed;
    use crate::wire::adapters::{Codec, Plain};

    pub fn serialize<S: Serializer, T: Serialize>(
        value: &BTreeMap<String, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D, T>(deserializer: D) -> Result<BTreeMap<String, T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Serialize + for<'a> Deserialize<'a>,
    {
        <Keyed<Plain> as Codec<BTreeMap<String, T>>>::decode(deserializer)
            .map(Option::unwrap_or_default)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::wire::{Any, Int, Object, Reader, Text, Writer, untyped};

    #[derive(Debug, PartialEq)]
    struct Status {
        name: Option<String>,
        extra: serde_json::Map<String, Value>,
    }

    impl serde::Serialize for Status {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut writer = Writer::new(serializer)?;
            writer.opt::<Text, _>("NAME", &self.name);
            writer.end(&self.extra)
        }
    }

    impl<'de> Deserialize<'de> for Status {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut reader = Reader::new(deserializer)?;
            let value = Status {
                name: reader.opt::<Text, _>("NAME"),
                extra: reader.rest(),
            };
            reader.finish(value)
        }
    }

    fn decode<T, C: Codec<T>>(value: Value) -> Result<Option<T>, serde_json::Error> {
        C::decode(value)
    }

    #[test]
    fn objects_keyed_by_id_decode_and_encode() {
        let map =
            decode::<BTreeMap<String, i64>, Keyed<Int>>(json!({"12": "5", "7": 3, "9": null}))
                .unwrap()
                .unwrap();
        assert_eq!(map, BTreeMap::from([("12".into(), 5), ("7".into(), 3)]));
        let written = serde_json::to_value(Encoded::<_, Keyed<Int>>(&map, PhantomData)).unwrap();
        assert_eq!(written, json!({"12": 5, "7": 3}));
        #[derive(serde::Deserialize, Debug, PartialEq)]
        #[serde(untagged)]
        enum Label {
            Text(String),
            #[serde(with = "super::keyed_map")]
            Object(BTreeMap<String, String>),
        }
        let read = |v: Value| serde_json::from_value::<Label>(v).unwrap();
        assert_eq!(read(json!([])), Label::Object(BTreeMap::new()));
        assert_eq!(
            read(json!({"ru": "Метка"})),
            Label::Object(BTreeMap::from([("ru".to_owned(), "Метка".to_owned())]))
        );
        assert_eq!(read(json!("Метка")), Label::Text("Метка".to_owned()));
        let empty = decode::<BTreeMap<String, i64>, Keyed<Int>>(json!([])).unwrap();
        assert_eq!(empty, Some(BTreeMap::new()));
        assert_eq!(
            decode::<BTreeMap<String, i64>, Keyed<Int>>(json!("")).unwrap(),
            None
        );
        let listed = decode::<BTreeMap<String, String>, Keyed<Text>>(json!(["a", "b"]))
            .unwrap()
            .unwrap();
        assert_eq!(listed["1"], "b");
        let wrong = decode::<BTreeMap<String, i64>, Keyed<Int>>(json!({"3": "x"})).unwrap_err();
        assert!(wrong.to_string().starts_with("3: "), "{wrong}");
        assert!(decode::<BTreeMap<String, i64>, Keyed<Int>>(json!(5)).is_err());
    }

    #[test]
    fn untyped_values_inside_a_map_are_noted_under_their_key() {
        let (map, paths) = untyped::record(|| {
            decode::<BTreeMap<String, Status>, Keyed<Object>>(
                json!({"NEW": {"NAME": "New", "SORT": 10}, "WON": {"NAME": "Won"}}),
            )
        });
        let map = map.unwrap().unwrap();
        assert_eq!(map["WON"].name.as_deref(), Some("Won"));
        assert_eq!(paths, ["NEW.SORT"]);
        let (_, any) = untyped::record(|| {
            decode::<BTreeMap<String, Value>, Keyed<Any>>(json!({"a": 1, "b": {"c": 2}}))
        });
        assert_eq!(any, ["a", "b"]);
    }
}
