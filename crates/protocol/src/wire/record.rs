//! The serde impls of the generated structs, one line per field.
//!
//! `#[derive(Serialize, Deserialize)]` with `with = …` and `#[serde(flatten)]` expands every
//! struct into a field enum, two visitors and a wrapper type per field: for 3,400 structs
//! that was most of the crate's compile time. The generated impls call [`Reader`] and
//! [`Writer`] instead, naming each field's [`Codec`]; the generic work is compiled once, here.
//!
//! ```
//! use b24_protocol::wire::{Int, Reader, Text, Writer};
//! use serde_json::{Map, Value, json};
//!
//! struct Row {
//!     id: i64,
//!     title: Option<String>,
//!     extra: Map<String, Value>,
//! }
//!
//! impl serde::Serialize for Row {
//!     fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
//!         let mut writer = Writer::new(serializer)?;
//!         writer.req::<Int, _>("ID", &self.id);
//!         writer.opt::<Text, _>("TITLE", &self.title);
//!         writer.end(&self.extra)
//!     }
//! }
//!
//! impl<'de> serde::Deserialize<'de> for Row {
//!     fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
//!         let mut reader = Reader::new(deserializer)?;
//!         let value = Row {
//!             id: reader.req::<Int, _>("ID")?,
//!             title: reader.opt::<Text, _>("TITLE"),
//!             extra: reader.rest(),
//!         };
//!         reader.finish(value)
//!     }
//! }
//!
//! let row: Row = serde_json::from_value(json!({"ID": "7", "NEW": 1})).unwrap();
//! assert_eq!((row.id, row.title.as_deref()), (7, None));
//! assert_eq!(serde_json::to_value(&row).unwrap(), json!({"ID": 7, "NEW": 1}));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::adapters::{self, Codec, Encoded};
use super::untyped;

/// The keys of one JSON object, taken field by field; what is left is the struct's `extra`.
///
/// Optional fields read without `?`: the first error is kept and returned by
/// [`Reader::finish`]. One `?` per field (its `Try` desugaring, type-checked and
/// borrow-checked at every call site) was a quarter of the generated crate's check time.
pub struct Reader<E> {
    fields: Map<String, Value>,
    error: Option<E>,
}

impl<E> fmt::Debug for Reader<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("keys", &self.fields.keys().collect::<Vec<_>>())
            .field("failed", &self.error.is_some())
            .finish()
    }
}

impl<E: de::Error> Reader<E> {
    /// Reads an object; PHP's empty object `[]` is an object with no keys.
    pub fn new<'de, D: Deserializer<'de, Error = E>>(deserializer: D) -> Result<Self, E> {
        let fields = match Value::deserialize(deserializer)? {
            Value::Object(fields) => fields,
            Value::Array(items) if items.is_empty() => Map::new(),
            other => return Err(E::invalid_type(unexpected(&other), &"an object")),
        };
        Ok(Self {
            fields,
            error: None,
        })
    }

    /// An optional field: a missing key and `null` are `None`, other values go through `C`.
    /// A value `C` cannot read is `None` here and the error [`Reader::finish`] returns
    /// (the first one, when several fields fail).
    pub fn opt<C: Codec<T>, T>(&mut self, key: &'static str) -> Option<T> {
        match self.fields.remove(key) {
            None | Some(Value::Null) => None,
            Some(value) => self.decoded::<C, T>(key, value),
        }
    }

    /// `value` of `key` through `C`; `None` when absent, or when `C` cannot read it (that
    /// error kept for [`Reader::finish`]).
    fn decoded<C: Codec<T>, T>(&mut self, key: &str, value: Value) -> Option<T> {
        let decoded = {
            let _step = untyped::enter_key(key);
            C::decode(value)
        };
        decoded.unwrap_or_else(|error| {
            self.error.get_or_insert(in_field(key, error));
            None
        })
    }

    /// An optional field whose type no table gives, only the documentation's success
    /// example: read through `C` when the value fits, else left among the keys that
    /// [`Reader::rest`] keeps (and noted untyped), so a reply of another shape than the
    /// example still decodes and loses nothing.
    pub fn shown<C: Codec<T>, T>(&mut self, key: &'static str) -> Option<T> {
        let value = match self.fields.remove(key) {
            None | Some(Value::Null) => return None,
            Some(value) => value,
        };
        let decoded = untyped::attempt(|| {
            let _step = untyped::enter_key(key);
            C::decode(&value)
        });
        decoded.unwrap_or_else(|_| {
            self.fields.insert(key.to_owned(), value);
            None
        })
    }

    /// A required field: the key must be there and hold a value (a list may be empty).
    pub fn req<C: Codec<T>, T>(&mut self, key: &'static str) -> Result<T, E> {
        if let Some(error) = self.error.take() {
            // An earlier field failed: that error comes first, as fields are read in order.
            return Err(error);
        }
        let Some(value) = self.fields.remove(key) else {
            return Err(E::missing_field(key));
        };
        let decoded = {
            let _step = untyped::enter_key(key);
            C::decode(value).map_err(|error| in_field(key, error))?
        };
        match decoded {
            Some(value) => Ok(value),
            None => C::absent()
                .ok_or_else(|| E::custom(format_args!("{key}: a value is required, got none"))),
        }
    }

    /// The keys matching one of `patterns` (globs whose `*` stands for any text: `UF_*`,
    /// `ufCrm*`), taken out: an entity's user fields, whose names each portal chooses.
    pub fn user_fields(&mut self, patterns: &[&str]) -> BTreeMap<String, Value> {
        let keys =
            self.keys_matching(|key| patterns.iter().any(|pattern| glob_matches(pattern, key)));
        untyped::note_keys(&keys);
        keys.into_iter()
            .filter_map(|key| self.fields.remove(&key).map(|value| (key, value)))
            .collect()
    }

    /// The keys matching `pattern` (a documented family of keys with one `*`:
    /// `PARENT_ID_*`, `parentId*`), taken out, each value through `C`: typed like a field,
    /// keyed by the wire name the portal chose. A `null` value is left out, as an unset
    /// optional field is; a value `C` cannot read is the error [`Reader::finish`] returns.
    pub fn family<C: Codec<T>, T>(&mut self, pattern: &str) -> BTreeMap<String, T> {
        let keys = self.keys_matching(|key| glob_matches(pattern, key));
        keys.into_iter()
            .filter_map(|key| {
                let value = self.fields.remove(&key)?;
                let decoded = self.decoded::<C, T>(&key, value)?;
                Some((key, decoded))
            })
            .collect()
    }

    fn keys_matching(&self, matches: impl Fn(&str) -> bool) -> Vec<String> {
        self.fields
            .keys()
            .filter(|key| matches(key))
            .cloned()
            .collect()
    }

    /// The keys no field took, as sent (taken out: a second call gives an empty map).
    pub fn rest(&mut self) -> Map<String, Value> {
        untyped::note_keys(self.fields.keys());
        std::mem::take(&mut self.fields)
    }

    /// `value`, or the first error an optional field met.
    pub fn finish<T>(self, value: T) -> Result<T, E> {
        self.error.map_or(Ok(value), Err)
    }
}

/// Whether `text` matches `pattern`, where each `*` stands for any run of characters.
pub(crate) fn glob_matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        // No `*`: the whole text must be the pattern.
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// An error inside a field, with the field's wire name in front (`TITLE: invalid type …`).
fn in_field<E: de::Error>(key: &str, error: serde_json::Error) -> E {
    E::custom(format_args!("{key}: {error}"))
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(value) => de::Unexpected::Bool(*value),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(text) => de::Unexpected::Str(text),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// Writes a struct as a JSON object: its fields in order, unset options left out, then
/// the `extra` keys. Fields are written without `?` (see [`Reader`]): after a failed entry
/// nothing more is written, and [`Writer::end`] returns that error.
pub struct Writer<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> fmt::Debug for Writer<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Writer")
            .field("failed", &self.error.is_some())
            .finish()
    }
}

impl<M: SerializeMap> Writer<M> {
    pub fn new<S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>>(
        serializer: S,
    ) -> Result<Self, M::Error> {
        Ok(Self {
            map: serializer.serialize_map(None)?,
            error: None,
        })
    }

    /// An optional field: written when set.
    pub fn opt<C: Codec<T>, T>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.req::<C, T>(key, value);
        }
    }

    /// A required field: always written.
    pub fn req<C: Codec<T>, T>(&mut self, key: &'static str, value: &T) {
        self.entry(key, &Encoded::<T, C>(value, PhantomData));
    }

    /// Writes every entry of `map` (an entity's user fields), as kept.
    pub fn entries(&mut self, map: &BTreeMap<String, Value>) {
        for (key, value) in map {
            self.entry(key, value);
        }
    }

    /// Writes every entry of a family of keys (`PARENT_ID_*`), each value through `C`.
    pub fn family<C: Codec<T>, T>(&mut self, map: &BTreeMap<String, T>) {
        for (key, value) in map {
            self.entry(key, &Encoded::<T, C>(value, PhantomData));
        }
    }

    /// Writes the `extra` keys and closes the object, or gives the first failed entry's error.
    pub fn end(mut self, extra: &Map<String, Value>) -> Result<M::Ok, M::Error> {
        for (key, value) in extra {
            self.entry(key, value);
        }
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }

    fn entry<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) {
        if self.error.is_none()
            && let Err(error) = self.map.serialize_entry(key, value)
        {
            self.error = Some(error);
        }
    }
}

/// `Vec<T>` with elements through `C`: an array, or the values of an object whose keys are
/// integers (PHP's arrays with holes); `null`, `""` and `false` are absent, and a required
/// list reads them as empty. An object with a named key (`{"read": true}`) is an error, not
/// a list of its values: its keys are data a `Vec` cannot keep.
#[derive(Debug)]
pub struct List<C>(PhantomData<C>);

impl<T, C: Codec<T>> Codec<Vec<T>> for List<C> {
    fn encode<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        adapters::serialize_vec::<T, C, S>(value, serializer)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<T>>, D::Error> {
        adapters::deserialize_vec::<T, C, D>(deserializer)
    }

    fn absent() -> Option<Vec<T>> {
        Some(Vec::new())
    }
}

/// A generated struct: PHP sends an empty one as `[]`, and `null`, `""` or `false` for
/// none; a required one reads them as a struct with no fields set.
#[derive(Debug)]
pub struct Object;

impl<T: Serialize + DeserializeOwned> Codec<T> for Object {
    fn encode<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        super::containers::object::option::deserialize(deserializer)
    }

    fn absent() -> Option<T> {
        T::deserialize(Value::Object(Map::new())).ok()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::wire::{Int, Plain, Text, Yn};

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        name: Option<String>,
        extra: Map<String, Value>,
    }

    impl Serialize for Inner {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut writer = Writer::new(serializer)?;
            writer.opt::<Text, _>("NAME", &self.name);
            writer.end(&self.extra)
        }
    }

    impl<'de> Deserialize<'de> for Inner {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut reader = Reader::new(deserializer)?;
            let value = Inner {
                name: reader.opt::<Text, _>("NAME"),
                extra: reader.rest(),
            };
            reader.finish(value)
        }
    }

    #[derive(Debug, PartialEq)]
    struct Outer {
        id: i64,
        active: Option<bool>,
        ids: Vec<i64>,
        inner: Option<Inner>,
        always: Inner,
        rows: Option<Vec<Inner>>,
        raw: Option<Value>,
        extra: Map<String, Value>,
    }

    impl Serialize for Outer {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut writer = Writer::new(serializer)?;
            writer.req::<Int, _>("ID", &self.id);
            writer.opt::<Yn, _>("ACTIVE", &self.active);
            writer.req::<List<Int>, _>("IDS", &self.ids);
            writer.opt::<Object, _>("INNER", &self.inner);
            writer.req::<Object, _>("ALWAYS", &self.always);
            writer.opt::<List<Plain>, _>("ROWS", &self.rows);
            writer.opt::<Plain, _>("RAW", &self.raw);
            writer.end(&self.extra)
        }
    }

    impl<'de> Deserialize<'de> for Outer {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut reader = Reader::new(deserializer)?;
            let value = Outer {
                id: reader.req::<Int, _>("ID")?,
                active: reader.opt::<Yn, _>("ACTIVE"),
                ids: reader.req::<List<Int>, _>("IDS")?,
                inner: reader.opt::<Object, _>("INNER"),
                always: reader.req::<Object, _>("ALWAYS")?,
                rows: reader.opt::<List<Plain>, _>("ROWS"),
                raw: reader.opt::<Plain, _>("RAW"),
                extra: reader.rest(),
            };
            reader.finish(value)
        }
    }

    /// A record with one field typed from a docs example only.
    #[derive(Debug)]
    struct Shown {
        count: Option<i64>,
        extra: Map<String, Value>,
    }

    impl<'de> Deserialize<'de> for Shown {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut reader = Reader::new(deserializer)?;
            let value = Shown {
                count: reader.shown::<Int, _>("count"),
                extra: reader.rest(),
            };
            reader.finish(value)
        }
    }

    #[test]
    fn a_field_an_example_typed_keeps_a_value_of_another_shape() {
        let fits: Shown = serde_json::from_value(json!({"count": "3"})).unwrap();
        assert_eq!((fits.count, fits.extra.len()), (Some(3), 0));
        // The portal sends an object where the example showed a number: kept, noted.
        let (other, paths) =
            crate::wire::untyped::record_value::<Shown>(json!({"count": {"open": 1, "closed": 2}}));
        let other = other.expect("decodes");
        assert_eq!(other.count, None);
        assert_eq!(other.extra["count"], json!({"open": 1, "closed": 2}));
        assert_eq!(paths, ["count"]);
    }

    #[test]
    fn php_spellings_read_and_wire_spellings_written() {
        let outer: Outer = serde_json::from_value(json!({
            "ID": "5",
            "ACTIVE": "Y",
            "IDS": {"3": "7", "9": 8},
            "INNER": [],
            "ALWAYS": [],
            "ROWS": [{"NAME": 1, "X": true}],
            "RAW": null,
            "NEW": "kept"
        }))
        .unwrap();
        assert_eq!(outer.id, 5);
        assert_eq!(outer.active, Some(true));
        assert_eq!(outer.ids, [7, 8]);
        assert_eq!(outer.inner, None);
        assert_eq!(outer.always, Inner::default());
        let rows = outer.rows.as_deref().unwrap();
        assert_eq!(rows[0].name.as_deref(), Some("1"));
        assert_eq!(rows[0].extra["X"], json!(true));
        assert_eq!(outer.raw, None);
        assert_eq!(
            serde_json::to_value(&outer).unwrap(),
            json!({
                "ID": 5,
                "ACTIVE": "Y",
                "IDS": [7, 8],
                "ALWAYS": {},
                "ROWS": [{"NAME": "1", "X": true}],
                "NEW": "kept"
            })
        );
    }

    #[test]
    fn required_fields_and_wrong_types_fail_naming_the_field() {
        let missing = serde_json::from_value::<Outer>(json!({"IDS": [], "ALWAYS": {}}));
        assert!(
            missing
                .unwrap_err()
                .to_string()
                .contains("missing field `ID`")
        );
        let absent = serde_json::from_value::<Outer>(json!({"ID": null, "IDS": [], "ALWAYS": {}}));
        assert!(
            absent
                .unwrap_err()
                .to_string()
                .contains("ID: a value is required")
        );
        // A required list may come as PHP's "nothing"; a required object as `[]`.
        let empty: Outer =
            serde_json::from_value(json!({"ID": 1, "IDS": "", "ALWAYS": false})).unwrap();
        assert!(empty.ids.is_empty());
        let wrong = serde_json::from_value::<Outer>(
            json!({"ID": 1, "IDS": [], "ALWAYS": {}, "ACTIVE": "maybe"}),
        );
        assert!(
            wrong
                .unwrap_err()
                .to_string()
                .starts_with("ACTIVE: invalid value")
        );
        let nested = serde_json::from_str::<Outer>(
            r#"{"ID": 1, "IDS": [], "ALWAYS": {}, "ROWS": [{"NAME": {}}]}"#,
        );
        assert!(
            nested
                .unwrap_err()
                .to_string()
                .starts_with("ROWS: NAME: invalid type")
        );
        // Fields are read in order and the first failure is the one reported: an optional
        // field's error comes before a later optional or required field's.
        let two_wrong = serde_json::from_value::<Outer>(
            json!({"ID": 1, "IDS": [], "ALWAYS": {}, "ACTIVE": "maybe", "RAW": 1, "ROWS": 5}),
        );
        assert!(
            two_wrong
                .unwrap_err()
                .to_string()
                .starts_with("ACTIVE: invalid value")
        );
        let then_missing =
            serde_json::from_value::<Outer>(json!({"ID": 1, "ACTIVE": "maybe", "ALWAYS": {}}));
        assert!(
            then_missing
                .unwrap_err()
                .to_string()
                .starts_with("ACTIVE: invalid value")
        );
        let not_an_object = serde_json::from_value::<Inner>(json!("text"));
        assert!(
            not_an_object
                .unwrap_err()
                .to_string()
                .contains("expected an object")
        );
    }

    #[test]
    fn globs_match_user_field_names() {
        assert!(glob_matches("UF_*", "UF_CRM_1"));
        assert!(glob_matches("ufCrm*", "ufCrm5Field"));
        assert!(!glob_matches("UF_*", "TITLE"));
        assert!(glob_matches("UF_*_ID", "UF_CRM_ID"));
        assert!(!glob_matches("UF_*_ID", "UF_CRM_NAME"));
        assert!(glob_matches("TITLE", "TITLE"));
        assert!(!glob_matches("TITLE", "TITLES"));
    }

    #[test]
    fn user_fields_and_extra_keys_are_kept_and_noted_as_untyped() {
        let (reader, paths) = crate::wire::untyped::record(|| {
            let mut reader = Reader::<serde_json::Error>::new(
                json!({"NAME": "a", "UF_CRM_1": 5, "X": {"y": 1}}),
            )
            .unwrap();
            let name = reader.opt::<Text, _>("NAME");
            let user = reader.user_fields(&["UF_*"]);
            (name, user, reader.rest())
        });
        let (name, user, rest) = reader;
        assert_eq!(name.as_deref(), Some("a"));
        assert_eq!(user["UF_CRM_1"], json!(5));
        assert_eq!(rest["X"], json!({"y": 1}));
        assert_eq!(paths, ["UF_CRM_1", "X"]);
    }

    #[test]
    fn a_family_of_keys_is_typed_and_written_back() {
        let (read, paths) = crate::wire::untyped::record(|| {
            let mut reader = Reader::<serde_json::Error>::new(json!({
                "ID": 1, "PARENT_ID_153": "7", "PARENT_ID_156": null, "PARENT": 2
            }))
            .unwrap();
            let parents = reader.family::<Int, i64>("PARENT_ID_*");
            (parents, reader.rest())
        });
        let (parents, rest) = read;
        // A string of digits is an integer; `null` is left out, as an unset field is.
        assert_eq!(parents, BTreeMap::from([("PARENT_ID_153".to_owned(), 7)]));
        assert_eq!(rest.keys().collect::<Vec<_>>(), ["ID", "PARENT"]);
        // Only what the family did not take is untyped.
        assert_eq!(paths, ["ID", "PARENT"]);
        let mut reader = Reader::<serde_json::Error>::new(json!({"PARENT_ID_1": "x"})).unwrap();
        let failed = reader.family::<Int, i64>("PARENT_ID_*");
        assert!(failed.is_empty());
        let error = reader.finish(()).unwrap_err().to_string();
        assert!(error.starts_with("PARENT_ID_1:"), "{error}");
        let written = serde_json::to_value(Families(parents)).unwrap();
        assert_eq!(written, json!({"PARENT_ID_153": 7}));
    }

    struct Families(BTreeMap<String, i64>);

    impl Serialize for Families {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut writer = Writer::new(serializer)?;
            writer.family::<Int, _>(&self.0);
            writer.end(&Map::new())
        }
    }

    #[test]
    fn untyped_paths_follow_fields_and_list_items() {
        let ((), paths) = crate::wire::untyped::record(|| {
            let outer: Outer = serde_json::from_value(json!({
                "ID": 1, "IDS": [], "ALWAYS": {"NAME": "n", "NEW": 1},
                "ROWS": [{"NAME": "a"}, {"NAME": "b", "MORE": true}],
                "RAW": {"deep": [1]}
            }))
            .unwrap();
            assert_eq!(outer.rows.map(|rows| rows.len()), Some(2));
        });
        // `Plain` elements are not noted: only `extra` keys are untyped in this struct.
        assert_eq!(paths, ["ALWAYS.NEW", "ROWS[1].MORE"]);
        let ((), listed) = crate::wire::untyped::record(|| {
            let ids: Option<Vec<serde_json::Value>> =
                List::<crate::wire::Any>::decode(json!({"7": 1, "9": "x"})).unwrap();
            assert_eq!(ids.map(|ids| ids.len()), Some(2));
        });
        assert_eq!(listed, ["7", "9"]);
    }
}
