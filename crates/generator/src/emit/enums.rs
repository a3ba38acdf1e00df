//! Open enums: every documented value is a variant, and `Unlisted` keeps any value the
//! docs do not list yet, so a new server-side value never breaks decoding.

use b24_spec::EnumValue;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::naming::{NameSet, ident, snake_name, type_name};

/// The fallback variant. Value-derived names that would collide with it get a suffix.
pub const FALLBACK: &str = "Unlisted";

/// The enum's items and its round-trip test.
pub struct OpenEnum {
    pub items: TokenStream,
    pub test: TokenStream,
}

pub fn open_enum(name: &Ident, doc: &str, values: &[EnumValue], source: &str) -> OpenEnum {
    let mut names = NameSet::with_reserved(&[FALLBACK]);
    let mut seen: Vec<&str> = Vec::new();
    let mut variants = Vec::new();
    for (index, value) in values.iter().enumerate() {
        if seen.contains(&value.value.as_str()) {
            continue;
        }
        seen.push(&value.value);
        let base = type_name(&value.value).unwrap_or_else(|| format!("Value{}", index + 1));
        let variant = ident(&names.claim(base));
        let description = crate::docs::markdown(&value.description, source);
        let variant_doc = if description.is_empty() {
            format!("`{}`", value.value)
        } else {
            format!("`{}`: {}", value.value, description)
        };
        variants.push((variant, value.value.as_str(), variant_doc));
    }
    let fallback = ident(FALLBACK);
    let variant_defs = variants.iter().map(|(variant, _, doc)| {
        let doc = crate::docs::attrs(doc);
        quote!(#doc #variant,)
    });
    let doc = crate::docs::attrs(doc);
    let as_str_arms = variants
        .iter()
        .map(|(variant, raw, _)| quote!(Self::#variant => #raw,));
    let parse_arms = variants
        .iter()
        .map(|(variant, raw, _)| quote!(#raw => Some(Self::#variant),));
    let raws = variants.iter().map(|(_, raw, _)| *raw);
    let items = quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value the documentation does not list (yet); the raw string is kept.
            #fallback(String),
        }

        impl #name {
            /// Every documented value, in the order the documentation lists them.
            pub const DOCUMENTED: &'static [&'static str] = &[#(#raws),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::#fallback(raw) => raw,
                }
            }

            /// Strict parse: `None` for values the documentation does not list.
            pub fn parse_documented(raw: &str) -> Option<Self> {
                match raw {
                    #(#parse_arms)*
                    _ => None,
                }
            }

            /// Whether this is one of the documented values.
            pub fn is_documented(&self) -> bool {
                !matches!(self, Self::#fallback(_))
            }
        }

        impl From<&str> for #name {
            fn from(raw: &str) -> Self {
                Self::parse_documented(raw).unwrap_or_else(|| Self::#fallback(raw.to_owned()))
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            /// Never fails: undocumented values become the fallback variant.
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(raw))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(raw.as_ref()))
            }
        }
    };
    let test_name = format_ident!(
        "{}_round_trips",
        snake_name(&name.to_string()).unwrap_or_default()
    );
    let test = quote! {
        #[test]
        fn #test_name() {
            b24_runtime::testing::check_open_enum(#name::DOCUMENTED, #name::#fallback);
        }
    };
    OpenEnum { items, test }
}
