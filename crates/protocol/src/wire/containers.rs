//! Leniency for compound values whose elements need no codec of their own.

/// `Vec<T>` of plain elements: an array, or the values of an object (PHP's arrays with
/// holes); `null`, `""` and `false` read as empty.
pub mod seq {
    use serde::de::DeserializeOwned;
    use serde::{Deserializer, Serialize, Serializer};

    use crate::wire::adapters::{self, Plain};

    pub fn serialize<T: Serialize, S: Serializer>(
        items: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(items)
    }

    pub fn deserialize<'de, T: Serialize + DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        adapters::deserialize_vec::<T, Plain, D>(deserializer).map(Option::unwrap_or_default)
    }

    /// `Option<Vec<T>>`: an absent list is `None`.
    pub mod option {
        use super::*;

        pub fn serialize<T: Serialize, S: Serializer>(
            items: &Option<Vec<T>>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            items.serialize(serializer)
        }

        pub fn deserialize<'de, T: Serialize + DeserializeOwned, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Vec<T>>, D::Error> {
            adapters::deserialize_vec::<T, Plain, D>(deserializer)
        }
    }
}

/// An object (a generated struct): PHP sends an empty one as `[]`, and `null`, `""` or
/// `false` for none.
pub mod object {
    use serde::de::{DeserializeOwned, Error};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::Value;

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let value = option::deserialize(deserializer)?;
        match value {
            Some(value) => Ok(value),
            None => T::deserialize(Value::Object(serde_json::Map::new())).map_err(D::Error::custom),
        }
    }

    /// `Option<T>`: `[]`, `null`, `""` and `false` are `None`.
    pub mod option {
        use super::*;

        pub fn serialize<T: Serialize, S: Serializer>(
            value: &Option<T>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            value.serialize(serializer)
        }

        pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<T>, D::Error> {
            let value = Value::deserialize(deserializer)?;
            let absent = match &value {
                Value::Null | Value::Bool(false) => true,
                Value::Array(items) => items.is_empty(),
                Value::String(text) => text.is_empty(),
                _ => false,
            };
            if absent {
                return Ok(None);
            }
            T::deserialize(value).map(Some).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Inner {
        #[serde(default)]
        name: Option<String>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Outer {
        #[serde(default, with = "crate::wire::object::option")]
        inner: Option<Inner>,
        #[serde(default, with = "crate::wire::seq")]
        rows: Vec<Inner>,
        #[serde(default, with = "crate::wire::object")]
        always: Inner,
    }

    #[test]
    fn empty_objects_as_arrays_and_lists_as_objects() {
        let outer: Outer = serde_json::from_value(json!({
            "inner": [],
            "rows": {"1": {"name": "a"}, "5": {"name": "b"}},
            "always": []
        }))
        .unwrap();
        assert_eq!(outer.inner, None);
        assert_eq!(outer.rows.len(), 2);
        assert_eq!(outer.rows[1].name.as_deref(), Some("b"));
        assert_eq!(outer.always, Inner::default());
        let outer: Outer = serde_json::from_value(
            json!({"inner": {"name": "x"}, "rows": null, "always": {"name": "y"}}),
        )
        .unwrap();
        assert_eq!(outer.inner.and_then(|i| i.name).as_deref(), Some("x"));
        assert!(outer.rows.is_empty());
        assert!(serde_json::from_value::<Outer>(json!({"inner": 5})).is_err());
    }
}
