//! Open enums: every documented value is a variant, and `Unlisted` keeps any value the
//! docs do not list yet, so a new server-side value never breaks decoding.

use b24_spec::EnumValue;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::naming::{NameSet, ident, snake_name, type_name};

/// The fallback variant. Value-derived names that would collide with it get a suffix.
pub const FALLBACK: &str = "Unlisted";

/// The variant of the first documented value, as [`open_enum`] names it (the first name
/// claimed, so only the fallback's name can clash with it): examples use it.
pub fn first_variant(values: &[EnumValue]) -> Option<String> {
    let first = values.first()?;
    let mut names = NameSet::with_reserved(&[FALLBACK]);
    let base = type_name(&first.value).unwrap_or_else(|| "Value1".to_owned());
    Some(ident(&names.claim(base)).to_string())
}

/// The enum's items: its definition and its `open_enum!` impls.
pub fn open_enum(name: &Ident, doc: &str, values: &[EnumValue], source: &str) -> TokenStream {
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
    let fallback_doc = crate::docs::attrs(&format!(
        "A value of `{name}` the documentation does not list (yet); the raw string is kept."
    ));
    let variant_defs = variants.iter().map(|(variant, _, doc)| {
        let doc = crate::docs::attrs(doc);
        quote!(#doc #variant,)
    });
    // The page the values and their descriptions come from.
    let doc = if source.is_empty() {
        doc.to_owned()
    } else {
        format!(
            "{doc}\n\n[Official documentation]({})",
            crate::docs::page_url(source)
        )
    };
    let doc = crate::docs::attrs(&doc);
    let pairs = variants
        .iter()
        .map(|(variant, raw, _)| quote!(#variant => #raw));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            #fallback_doc
            #fallback(String),
        }

        b24_protocol::open_enum!(#name, #fallback, { #(#pairs),* });
    }
}

/// The enum's round-trip test, in the module's tests.
pub fn round_trip_test(name: &Ident) -> TokenStream {
    let fallback = ident(FALLBACK);
    let test_name = format_ident!(
        "{}_round_trips",
        snake_name(&name.to_string())
            .unwrap_or_default()
            .trim_end_matches('_')
    );
    quote! {
        #[test]
        fn #test_name() {
            b24_protocol::testing::check_open_enum(#name::DOCUMENTED, #name::#fallback);
        }
    }
}
