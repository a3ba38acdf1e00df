//! The scalar codecs: what each accepts on the way in, what it writes on the way out.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use super::adapters::Codec;
use super::dates::{Date, DateTime};

/// A flag written as `"Y"`/`"N"`.
#[derive(Debug)]
pub struct Yn;
/// A flag written as a JSON boolean.
#[derive(Debug)]
pub struct Boolean;
/// An integer written as a JSON number.
#[derive(Debug)]
pub struct Int;
/// A number written as a JSON number.
#[derive(Debug)]
pub struct Float;
/// Text written as a JSON string.
#[derive(Debug)]
pub struct Text;
/// A token (`application_token`, `access_token`, `refresh_token`) read like [`Text`] into a
/// [`Secret`](crate::Secret), so it never shows in `Debug`.
#[derive(Debug)]
pub struct SecretText;
#[derive(Debug)]
pub struct DateCodec;
#[derive(Debug)]
pub struct DateTimeCodec;

/// One JSON scalar as it came, before a codec interprets it.
enum Scalar {
    Absent,
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Text(String),
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number, boolean or null")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Signed(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Unsigned(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Absent)
    }

    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Absent)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
    deserializer.deserialize_any(ScalarVisitor)
}

fn invalid<E: de::Error>(found: &Scalar, expected: &'static str) -> E {
    let unexpected = match found {
        Scalar::Absent => de::Unexpected::Unit,
        Scalar::Bool(v) => de::Unexpected::Bool(*v),
        Scalar::Signed(v) => de::Unexpected::Signed(*v),
        Scalar::Unsigned(v) => de::Unexpected::Unsigned(*v),
        Scalar::Float(v) => de::Unexpected::Float(*v),
        Scalar::Text(v) => de::Unexpected::Str(v),
    };
    E::invalid_value(unexpected, &expected)
}

/// A flag written as text: `Y`/`N`, `true`/`false`, `1`/`0` (trimmed); `None` for any other
/// text. The one list of flag spellings: the envelope's loose `result` reading uses it too.
pub(crate) fn flag_text(text: &str) -> Option<bool> {
    match text.trim() {
        "Y" | "y" | "true" | "1" => Some(true),
        "N" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// `Y`/`N`, `true`/`false`, `1`/`0` in any of their JSON spellings.
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    let found = scalar(deserializer)?;
    let flag = match &found {
        Scalar::Absent => None,
        Scalar::Bool(v) => Some(*v),
        Scalar::Signed(v) if matches!(v, 0 | 1) => Some(*v == 1),
        Scalar::Unsigned(v) if matches!(v, 0 | 1) => Some(*v == 1),
        Scalar::Text(text) if text.trim().is_empty() => None,
        Scalar::Text(text) => match flag_text(text) {
            Some(flag) => Some(flag),
            None => return Err(invalid(&found, "Y or N")),
        },
        _ => return Err(invalid(&found, "Y or N")),
    };
    Ok(flag)
}

impl Codec<bool> for Yn {
    fn encode<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if *value { "Y" } else { "N" })
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
        flag(deserializer)
    }
}

impl Codec<bool> for Boolean {
    fn encode<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*value)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
        flag(deserializer)
    }
}

impl Codec<i64> for Int {
    fn encode<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*value)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
        let found = scalar(deserializer)?;
        let value = match &found {
            Scalar::Absent => None,
            Scalar::Signed(v) => Some(*v),
            Scalar::Unsigned(v) => Some(i64::try_from(*v).map_err(|_| invalid(&found, "an i64"))?),
            // `5.0` is an integer written by a float-minded server.
            Scalar::Float(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => Some(*v as i64),
            Scalar::Text(text) => match text.trim() {
                "" => None,
                trimmed => Some(
                    trimmed
                        .parse::<i64>()
                        .map_err(|_| invalid(&found, "an integer"))?,
                ),
            },
            _ => return Err(invalid(&found, "an integer")),
        };
        Ok(value)
    }
}

impl Codec<f64> for Float {
    fn encode<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(*value)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
        let found = scalar(deserializer)?;
        let value = match &found {
            Scalar::Absent => None,
            Scalar::Signed(v) => Some(*v as f64),
            Scalar::Unsigned(v) => Some(*v as f64),
            Scalar::Float(v) => Some(*v),
            Scalar::Text(text) => match text.trim() {
                "" => None,
                trimmed => Some(
                    trimmed
                        .parse::<f64>()
                        .map_err(|_| invalid(&found, "a number"))?,
                ),
            },
            Scalar::Bool(_) => return Err(invalid(&found, "a number")),
        };
        Ok(value)
    }
}

impl Codec<String> for Text {
    fn encode<S: Serializer>(value: &String, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value)
    }

    /// Only `null` is absent: `""` is a text like any other.
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
        Ok(match scalar(deserializer)? {
            Scalar::Absent => None,
            Scalar::Text(text) => Some(text),
            Scalar::Bool(v) => Some(v.to_string()),
            Scalar::Signed(v) => Some(v.to_string()),
            Scalar::Unsigned(v) => Some(v.to_string()),
            Scalar::Float(v) => Some(v.to_string()),
        })
    }
}

impl Codec<crate::Secret> for SecretText {
    fn encode<S: Serializer>(value: &crate::Secret, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.expose())
    }

    fn decode<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<crate::Secret>, D::Error> {
        Ok(Text::decode(deserializer)?.map(crate::Secret::from))
    }
}

/// Text for a date or datetime; `null`, `""` and `false` (PHP's "no date") are absent.
fn date_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let found = scalar(deserializer)?;
    Ok(match found {
        Scalar::Absent | Scalar::Bool(false) => None,
        Scalar::Text(text) if text.trim().is_empty() => None,
        Scalar::Text(text) => Some(text),
        Scalar::Signed(_) | Scalar::Unsigned(_) | Scalar::Float(_) | Scalar::Bool(true) => {
            return Err(invalid(&found, "a date as text"));
        }
    })
}

impl Codec<Date> for DateCodec {
    fn encode<S: Serializer>(value: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.as_str())
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
        Ok(date_text(deserializer)?.map(Date::lenient))
    }
}

impl Codec<DateTime> for DateTimeCodec {
    fn encode<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.as_str())
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime>, D::Error> {
        Ok(date_text(deserializer)?.map(DateTime::lenient))
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::{Value, json};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Row {
        #[serde(default, with = "crate::wire::yn::option")]
        flag: Option<bool>,
        #[serde(default, with = "crate::wire::int::option")]
        id: Option<i64>,
        #[serde(default, with = "crate::wire::float::option")]
        price: Option<f64>,
        #[serde(default, with = "crate::wire::text::option")]
        name: Option<String>,
        #[serde(default, with = "crate::wire::boolean::option")]
        done: Option<bool>,
    }

    fn row(value: Value) -> Row {
        match serde_json::from_value(value.clone()) {
            Ok(row) => row,
            Err(error) => panic!("{value} does not decode: {error}"),
        }
    }

    #[test]
    fn flags_read_every_spelling_and_write_y_or_n() {
        for (wire, expected) in [
            (json!("Y"), true),
            (json!("N"), false),
            (json!(true), true),
            (json!(false), false),
            (json!(1), true),
            (json!(0), false),
            (json!("1"), true),
            (json!("0"), false),
        ] {
            assert_eq!(row(json!({"flag": wire})).flag, Some(expected), "{wire}");
        }
        assert_eq!(row(json!({"flag": ""})).flag, None);
        assert_eq!(row(json!({"flag": null})).flag, None);
        assert!(serde_json::from_value::<Row>(json!({"flag": "maybe"})).is_err());
        let written = serde_json::to_value(row(json!({"flag": true, "done": "Y"}))).unwrap();
        assert_eq!(written["flag"], json!("Y"));
        assert_eq!(written["done"], json!(true));
    }

    #[test]
    fn numbers_arrive_as_strings_or_numbers() {
        assert_eq!(row(json!({"id": "42"})).id, Some(42));
        assert_eq!(row(json!({"id": 42})).id, Some(42));
        assert_eq!(row(json!({"id": " 7 "})).id, Some(7));
        assert_eq!(row(json!({"id": 3.0})).id, Some(3));
        assert_eq!(row(json!({"id": ""})).id, None);
        assert!(serde_json::from_value::<Row>(json!({"id": "4x"})).is_err());
        assert!(serde_json::from_value::<Row>(json!({"id": 1.5})).is_err());
        assert_eq!(row(json!({"price": "10.50"})).price, Some(10.5));
        assert_eq!(row(json!({"price": 3})).price, Some(3.0));
        let written = serde_json::to_value(row(json!({"id": "42", "price": "1.25"}))).unwrap();
        assert_eq!(
            (written["id"].clone(), written["price"].clone()),
            (json!(42), json!(1.25))
        );
    }

    #[test]
    fn text_keeps_empty_strings_and_reads_numbers() {
        assert_eq!(row(json!({"name": ""})).name, Some(String::new()));
        assert_eq!(row(json!({"name": 15})).name, Some("15".to_owned()));
        assert_eq!(row(json!({"name": null})).name, None);
        assert_eq!(row(json!({})).name, None);
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Lists {
        #[serde(default, with = "crate::wire::int::vec")]
        ids: Vec<i64>,
        #[serde(default, with = "crate::wire::text::option_vec")]
        names: Option<Vec<String>>,
    }

    #[test]
    fn lists_come_as_arrays_objects_or_nothing() {
        let lists: Lists =
            serde_json::from_value(json!({"ids": ["1", 2], "names": {"3": "a", "7": "b"}}))
                .unwrap();
        assert_eq!(lists.ids, [1, 2]);
        assert_eq!(lists.names, Some(vec!["a".to_owned(), "b".to_owned()]));
        let lists: Lists = serde_json::from_value(json!({"ids": "", "names": null})).unwrap();
        assert_eq!((lists.ids, lists.names), (vec![], None));
        let lists: Lists = serde_json::from_value(json!({"ids": false})).unwrap();
        assert!(lists.ids.is_empty());
        let written = serde_json::to_value(Lists {
            ids: vec![5],
            names: Some(vec!["x".into()]),
        })
        .unwrap();
        assert_eq!(written, json!({"ids": [5], "names": ["x"]}));
    }
}
