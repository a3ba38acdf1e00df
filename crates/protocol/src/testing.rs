//! Checks the generated crate's tests call; public so that users can run them on their
//! own open enums too.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A value no documentation lists, for round-trip checks.
pub const UNLISTED_VALUE: &str = "b24-codegen: a value the docs do not list";

/// Asserts that a documented-error enum maps every documented code to a documented variant
/// of its own that gives the code back, and keeps an undocumented code in its fallback.
///
/// # Panics
/// When any of those properties fails; that is the point.
pub fn check_documented_error<E>()
where
    E: crate::DocumentedError + PartialEq + Debug,
{
    let variants: Vec<E> = E::CODES.iter().map(|code| E::from_code(code)).collect();
    for (code, variant) in E::CODES.iter().zip(&variants) {
        assert!(variant.is_documented(), "documented `{code}` fell back");
        assert_eq!(variant.code(), *code, "code of `{code}`");
    }
    for (i, a) in variants.iter().enumerate() {
        for b in &variants[i + 1..] {
            assert_ne!(a, b, "two documented codes share a variant");
        }
    }
    let unlisted = E::from_code(UNLISTED_VALUE);
    assert!(
        !unlisted.is_documented(),
        "an undocumented code is documented"
    );
    assert_eq!(unlisted.code(), UNLISTED_VALUE, "undocumented code kept");
}

/// Asserts that an open enum round-trips every documented value (serde, `Display`,
/// `FromStr`) without falling back, and keeps an undocumented value in its fallback.
///
/// # Panics
/// When any of those properties fails; that is the point.
pub fn check_open_enum<T>(documented: &[&str], unlisted: fn(String) -> T)
where
    T: Serialize + DeserializeOwned + FromStr + Display + PartialEq + Debug,
    T::Err: Debug,
{
    for raw in documented {
        let json = Value::String((*raw).to_owned());
        let value: T = match serde_json::from_value(json.clone()) {
            Ok(value) => value,
            Err(error) => panic!("`{raw}` does not deserialize: {error}"),
        };
        assert_ne!(
            value,
            unlisted((*raw).to_owned()),
            "documented `{raw}` fell back"
        );
        assert_eq!(value.to_string(), *raw, "Display of `{raw}`");
        assert_eq!(
            serde_json::to_value(&value).ok(),
            Some(json),
            "serialization of `{raw}`"
        );
        match raw.parse::<T>() {
            Ok(parsed) => assert_eq!(parsed, value, "FromStr of `{raw}`"),
            Err(error) => panic!("`{raw}` does not parse: {error:?}"),
        }
    }
    let json = Value::String(UNLISTED_VALUE.to_owned());
    let value: Option<T> = serde_json::from_value(json.clone()).ok();
    assert_eq!(
        value,
        Some(unlisted(UNLISTED_VALUE.to_owned())),
        "undocumented value"
    );
    assert_eq!(
        value.and_then(|v| serde_json::to_value(&v).ok()),
        Some(json),
        "undocumented value serializes back unchanged"
    );
}
