//! A decoded value's outermost list or map, with its item indexes and keys in the recorded
//! path. Generated structs and the list and map codecs note their own steps, but a method's
//! `Output` may be a plain `Vec<T>` or `BTreeMap<String, T>` (`crm.status.list`,
//! `crm.lead.fields`), read by serde's own impls: without this, what `T` notes in its third
//! item would read `EXTRA` instead of `[2].EXTRA`.
//!
//! Only the first level is wrapped: below it, the values are plain `serde_json::Value`
//! deserializers again, and the generated code enters its own steps. A struct at the top
//! reads its keys through this too, but only to collect them into a map, which notes
//! nothing; its [`Reader`](super::Reader) then enters each field itself.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};

use super::untyped::{enter_index, enter_key};

/// `value` as a deserializer whose outermost items and entries enter the recorded path.
pub(crate) struct TopLevel(pub(crate) Value);

impl<'de> de::Deserializer<'de> for TopLevel {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.into_iter().enumerate(),
            }),
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.into_iter(),
                value: None,
            }),
            other => de::Deserializer::deserialize_any(other, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(TopLevel(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        de::Deserializer::deserialize_enum(self.0, name, variants, visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

struct Items {
    items: std::iter::Enumerate<std::vec::IntoIter<Value>>,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        let Some((index, item)) = self.items.next() else {
            return Ok(None);
        };
        let _step = enter_index(index);
        seed.deserialize(item).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries {
    entries: <Map<String, Value> as IntoIterator>::IntoIter,
    /// The entry whose key was just read: its key (for the path) and value.
    value: Option<(String, Value)>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let read = seed.deserialize(IntoDeserializer::<serde_json::Error>::into_deserializer(
            key.clone(),
        ));
        self.value = Some((key, value));
        read.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a map value was read before its key"))?;
        let _step = enter_key(&key);
        seed.deserialize(value)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
