//! The generic plumbing behind the codec modules: one codec, four shapes.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::untyped;

/// How one value of type `T` is written to and read from the wire.
pub trait Codec<T> {
    fn encode<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;

    /// `None` when the wire says "absent" (`null`; `""` for non-text values).
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error>;

    /// What a required value is when the wire says "absent": nothing, except for lists
    /// (empty) and objects (no fields set).
    fn absent() -> Option<T> {
        None
    }
}

/// A value read through codec `C`; `None` when absent.
struct Decoded<T, C>(Option<T>, PhantomData<C>);

impl<'de, T, C: Codec<T>> Deserialize<'de> for Decoded<T, C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::decode(deserializer).map(|value| Decoded(value, PhantomData))
    }
}

/// A value written through codec `C`.
pub(crate) struct Encoded<'a, T, C>(pub(crate) &'a T, pub(crate) PhantomData<C>);

impl<T, C: Codec<T>> Serialize for Encoded<'_, T, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::encode(self.0, serializer)
    }
}

pub fn serialize_one<T, C: Codec<T>, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    C::encode(value, serializer)
}

pub fn deserialize_one<'de, T, C: Codec<T>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    C::decode(deserializer)?.ok_or_else(|| de::Error::custom("a value is required, got none"))
}

pub fn serialize_option<T, C: Codec<T>, S: Serializer>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => C::encode(value, serializer),
        None => serializer.serialize_none(),
    }
}

pub fn deserialize_option<'de, T, C: Codec<T>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    C::decode(deserializer)
}

pub fn serialize_vec<T, C: Codec<T>, S: Serializer>(
    items: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(items.iter().map(|item| Encoded::<T, C>(item, PhantomData)))
}

/// An array or the values of an object whose keys are integers (PHP's arrays with holes),
/// elements through `C` (absent elements are dropped); `None` for `null`, `""` and `false`;
/// an error for an object with a named key.
pub fn deserialize_vec<'de, T, C: Codec<T>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    deserializer.deserialize_any(ListVisitor::<T, C>(PhantomData))
}

struct ListVisitor<T, C>(PhantomData<(T, C)>);

impl<'de, T, C: Codec<T>> Visitor<'de> for ListVisitor<T, C> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list (an array, or an object of elements)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        for index in 0.. {
            let _step = untyped::enter_index(index);
            match seq.next_element::<Decoded<T, C>>()? {
                Some(Decoded(item, _)) => items.extend(item),
                None => break,
            }
        }
        Ok(Some(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // PHP sends an array with non-sequential keys as an object: keep the values in order.
        // Its keys are integers and say nothing but the order. Named keys (`{"read": true}`)
        // carry data a list has no place for: fail rather than drop them silently, so that a
        // wrong type shows as an error naming the key, not as values that lost their meaning.
        let mut items = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if !is_array_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "expected a list, got an object with the named key `{key}`: \
                     reading it as a list would drop its keys"
                )));
            }
            let _step = untyped::enter_key(&key);
            let Decoded(item, _) = map.next_value::<Decoded<T, C>>()?;
            items.extend(item);
        }
        Ok(Some(items))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            Ok(None)
        } else {
            Err(E::invalid_type(de::Unexpected::Str(text), &self))
        }
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        if value {
            Err(E::invalid_type(de::Unexpected::Bool(true), &self))
        } else {
            Ok(None)
        }
    }
}

/// A key PHP gives an array element: an integer, written in decimal (`"7"`, `"-1"`). An
/// object with only such keys is a list the portal sent as a PHP array with holes.
pub fn is_array_key(key: &str) -> bool {
    let digits = key.strip_prefix('-').unwrap_or(key);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Elements that need no codec: their own `Deserialize`, never absent.
#[derive(Debug)]
pub struct Plain;

impl<T: Serialize + for<'de> Deserialize<'de>> Codec<T> for Plain {
    fn encode<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }
}
