//! The impls every generated open enum shares, as a macro so that the generated crate
//! states each enum's values once instead of repeating eight impls per enum.

/// Implements an open enum's API for `$name` (whose variants are `$variant`s plus the
/// fallback `$fallback(String)`): `DOCUMENTED`, `as_str`, the strict `parse_documented`,
/// `is_documented`, `From<&str>` and `FromStr` (never failing: unknown values become the
/// fallback), `Display`, and serde as the plain string (numbers and booleans the portal
/// sends for a value are read as their text).
#[macro_export]
macro_rules! open_enum {
    ($name:ident, $fallback:ident, { $($variant:ident => $raw:literal),* $(,)? }) => {
        impl $name {
            /// Every documented value, in the order the documentation lists them.
            pub const DOCUMENTED: &'static [&'static str] = &[$($raw),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $raw,)*
                    Self::$fallback(raw) => raw,
                }
            }

            /// Strict parse: `None` for values the documentation does not list.
            pub fn parse_documented(raw: &str) -> Option<Self> {
                match raw {
                    $($raw => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// Whether this is one of the documented values.
            pub fn is_documented(&self) -> bool {
                !matches!(self, Self::$fallback(_))
            }
        }

        impl From<&str> for $name {
            fn from(raw: &str) -> Self {
                Self::parse_documented(raw).unwrap_or_else(|| Self::$fallback(raw.to_owned()))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            /// Never fails: undocumented values become the fallback variant.
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(raw))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::wire::__serde::Serialize for $name {
            fn serialize<S: $crate::wire::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::wire::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wire::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let raw = $crate::wire::__enum_text(deserializer)?;
                Ok(Self::from(raw.as_str()))
            }
        }
    };
}

/// The text of an enum value: a string, or a number or boolean read as its text.
#[doc(hidden)]
pub fn enum_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    use super::adapters::Codec;
    super::codecs::Text::decode(deserializer)?
        .ok_or_else(|| serde::de::Error::custom("an enum value is required, got null"))
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Status {
        Online,
        Away,
        Unlisted(String),
    }

    crate::open_enum!(Status, Unlisted, { Online => "online", Away => "away" });

    #[test]
    fn generated_impls_round_trip() {
        crate::testing::check_open_enum(Status::DOCUMENTED, Status::Unlisted);
        assert_eq!(Status::parse_documented("away"), Some(Status::Away));
        assert_eq!(Status::parse_documented("lunch"), None);
        assert!(!Status::from("lunch").is_documented());
        assert!(Status::Online.is_documented());
        let from_number: Status = serde_json::from_value(serde_json::json!(3)).unwrap();
        assert_eq!(from_number, Status::Unlisted("3".to_owned()));
    }
}
