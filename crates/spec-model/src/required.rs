//! Three-valued "is this parameter required".

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Whether a parameter must be sent. `Unknown` when the page has no convention for marking
/// required parameters: a missing star there means nothing, so we never guess `false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Required {
    True,
    False,
    #[default]
    Unknown,
}

impl Required {
    pub fn is_true(self) -> bool {
        self == Required::True
    }
}

impl From<bool> for Required {
    fn from(value: bool) -> Self {
        if value {
            Required::True
        } else {
            Required::False
        }
    }
}

/// YAML form: `true`, `false` or `unknown`.
impl Serialize for Required {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Required::True => serializer.serialize_bool(true),
            Required::False => serializer.serialize_bool(false),
            Required::Unknown => serializer.serialize_str("unknown"),
        }
    }
}

impl<'de> Deserialize<'de> for Required {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bool(bool),
            Word(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Bool(value) => Ok(value.into()),
            Raw::Word(word) if word == "unknown" => Ok(Required::Unknown),
            Raw::Word(word) => Err(serde::de::Error::custom(format!(
                "required must be true, false or unknown, not `{word}`"
            ))),
        }
    }
}
