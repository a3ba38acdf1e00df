//! Bitrix24's wire quirks, read leniently and written the way the portal expects.
//!
//! The portal is a PHP application: flags travel as `"Y"`/`"N"`, numbers and ids often
//! arrive as strings, an empty object comes as `[]`, a list with holes comes as an object,
//! and an absent value may be `null` or `""`. The generated bindings keep plain Rust types
//! (`bool`, `i64`, `f64`, `String`, `Vec<T>`) and read and write every field through a
//! [`Codec`] ([`Yn`], [`Int`], [`List<C>`](List), [`Object`], [`Plain`], …) with [`Reader`]
//! and [`Writer`]. Hand-written structs can point serde's `with` at the modules here:
//!
//! ```ignore
//! #[serde(rename = "ACTIVE", default, skip_serializing_if = "Option::is_none",
//!         with = "b24_protocol::wire::yn::option")]
//! active: Option<bool>,
//! ```
//!
//! Every codec module has `serialize`/`deserialize` for the value itself and the submodules
//! `option` (`null`, and `""` for non-text values, read as `None`), `vec` (an array, or an
//! object whose values are taken in order; `null`/`""`/`false` read as empty) and
//! `option_vec`. Dates and datetimes are the types [`Date`] and [`DateTime`], which keep
//! the raw text when it does not parse.

mod adapters;
mod codecs;
mod containers;
mod dates;
mod files;
mod keyed;
mod open_enum;
mod record;
mod top_level;
pub mod untyped;

pub use adapters::Codec;
pub use adapters::{Plain, is_array_key};
pub(crate) use codecs::flag_text;
pub use codecs::{Boolean, DateCodec, DateTimeCodec, Float, Int, SecretText, Text, Yn};
pub use dates::{Date, DateParseError, DateTime, DateTimeParts};
pub use files::{FileBase64, FileObject, FilePair};

pub use containers::{object, seq};
pub use keyed::{Keyed, keyed_map};
pub use record::{List, Object, Reader, Writer};
pub use untyped::Any;

#[doc(hidden)]
pub use open_enum::enum_text as __enum_text;
/// serde, for the impls [`open_enum!`](crate::open_enum) expands to.
#[doc(hidden)]
pub use serde as __serde;

/// One module per codec, with the `option`, `vec` and `option_vec` submodules that serde's
/// `with` attribute names.
macro_rules! codec_modules {
    ($($(#[$doc:meta])* $module:ident => $codec:ty, $value:ty;)*) => {$(
        $(#[$doc])*
        pub mod $module {
            use serde::{Deserializer, Serializer};

            use super::adapters;

            type V = $value;
            type C = $codec;

            pub fn serialize<S: Serializer>(value: &V, serializer: S) -> Result<S::Ok, S::Error> {
                adapters::serialize_one::<V, C, S>(value, serializer)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<V, D::Error> {
                adapters::deserialize_one::<V, C, D>(deserializer)
            }

            /// `Option<T>`: `null` (and `""`, except for text) is `None`.
            pub mod option {
                use super::*;

                pub fn serialize<S: Serializer>(
                    value: &Option<V>,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    adapters::serialize_option::<V, C, S>(value, serializer)
                }

                pub fn deserialize<'de, D: Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Option<V>, D::Error> {
                    adapters::deserialize_option::<V, C, D>(deserializer)
                }
            }

            /// `Vec<T>`: an array, or the values of an object with integer keys (named keys are
            /// an error); absent reads as empty.
            pub mod vec {
                use super::*;

                pub fn serialize<S: Serializer>(value: &[V], serializer: S) -> Result<S::Ok, S::Error> {
                    adapters::serialize_vec::<V, C, S>(value, serializer)
                }

                pub fn deserialize<'de, D: Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Vec<V>, D::Error> {
                    adapters::deserialize_vec::<V, C, D>(deserializer).map(Option::unwrap_or_default)
                }
            }

            /// `Option<Vec<T>>`: like `vec`, but an absent list is `None`.
            pub mod option_vec {
                use super::*;

                pub fn serialize<S: Serializer>(
                    value: &Option<Vec<V>>,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    match value {
                        Some(items) => adapters::serialize_vec::<V, C, S>(items, serializer),
                        None => serializer.serialize_none(),
                    }
                }

                pub fn deserialize<'de, D: Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Option<Vec<V>>, D::Error> {
                    adapters::deserialize_vec::<V, C, D>(deserializer)
                }
            }
        }
    )*};
}

codec_modules! {
    /// A flag sent as `"Y"`/`"N"`; reads `Y`/`N`, `true`/`false`, `1`/`0` (also as strings).
    yn => super::codecs::Yn, bool;
    /// A JSON boolean; reads the same spellings as [`yn`].
    boolean => super::codecs::Boolean, bool;
    /// An integer (an id, a count) sent as a number; reads numbers and numeric strings.
    int => super::codecs::Int, i64;
    /// A number sent as a JSON number; reads numbers and numeric strings (`"10.50"`).
    float => super::codecs::Float, f64;
    /// Text; reads strings, and numbers or booleans as their text.
    text => super::codecs::Text, String;
    /// A token, as [`Secret`](crate::Secret); reads what [`text`] reads.
    secret => super::codecs::SecretText, crate::Secret;
    /// A calendar date, `YYYY-MM-DD`; `""` is absent.
    date => super::codecs::DateCodec, super::Date;
    /// A date and time with offset; `""` is absent.
    datetime => super::codecs::DateTimeCodec, super::DateTime;
}
