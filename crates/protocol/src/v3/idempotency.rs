//! `Idempotency-Key` (`rest-v3.md#idempotency`): with a key, the portal stores the reply of
//! a successful write for 24 hours and answers a repeat with the same key and body from
//! that store (`Idempotent-Replayed: true`) instead of running the method again. That makes
//! a write safe to repeat after a timeout or a broken connection, which the client
//! otherwise never does.

use std::fmt;

use crate::Error;

/// The header names.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
pub const IDEMPOTENT_REPLAYED: &str = "Idempotent-Replayed";

/// The documented bounds: 1 to 255 printable ASCII characters.
pub const MAX_KEY_LEN: usize = 255;

/// A validated key. Create one per logical call and reuse it only to repeat that call.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Checks the documented format before anything is sent: 1–255 characters, each
    /// printable ASCII (`' '..='~'`). Leading or trailing spaces are refused too: HTTP
    /// drops them from header values, so the portal would see another key.
    pub fn new(key: impl Into<String>) -> Result<Self, Error> {
        let key = key.into();
        let invalid = |reason: String| Err(Error::InvalidIdempotencyKey(reason));
        if key.is_empty() {
            return invalid("the key is empty (1 to 255 printable ASCII characters)".to_owned());
        }
        if key.len() > MAX_KEY_LEN {
            return invalid(format!(
                "the key is {} bytes long, more than {MAX_KEY_LEN}",
                key.len()
            ));
        }
        if let Some((at, c)) = key.char_indices().find(|(_, c)| !(' '..='~').contains(c)) {
            return invalid(format!(
                "character {c:?} at byte {at} is not printable ASCII"
            ));
        }
        if key.starts_with(' ') || key.ends_with(' ') {
            return invalid("the key starts or ends with a space".to_owned());
        }
        Ok(Self(key))
    }

    /// A fresh random key (UUID v4, from the `uuid` crate).
    pub fn generate() -> Self {
        Self(uuid::Uuid::new_v4().hyphenated().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for IdempotencyKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_bounds_are_checked() {
        assert!(IdempotencyKey::new("9f1c1a7e-5f1b-4a1e-9a2c-2f5f2b6c7d80").is_ok());
        assert!(IdempotencyKey::new("a").is_ok());
        assert!(IdempotencyKey::new("a b~!").is_ok());
        assert!(IdempotencyKey::new("x".repeat(255)).is_ok());
        for bad in ["", " a", "a ", "ключ", "a\tb", "a\nb"] {
            let err = IdempotencyKey::new(bad).unwrap_err();
            assert!(
                matches!(err, Error::InvalidIdempotencyKey(_)),
                "{bad:?}: {err}"
            );
        }
        let long = IdempotencyKey::new("x".repeat(256)).unwrap_err();
        assert!(long.to_string().contains("256"), "{long}");
    }

    #[test]
    fn generated_keys_are_valid_and_fresh() {
        let a = IdempotencyKey::generate();
        let b = IdempotencyKey::generate();
        assert_ne!(a, b);
        assert!(IdempotencyKey::new(a.as_str()).is_ok());
        assert_eq!(a.as_str().len(), 36);
        assert_eq!(a.as_str().as_bytes()[14], b'4', "version 4: {a}");
    }
}
