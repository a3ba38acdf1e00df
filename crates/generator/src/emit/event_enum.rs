//! `crate::events::Event`: one variant per documented event, decoded from a
//! `b24_protocol::events::IncomingEvent` by its name, and `Other` for the rest.

use std::collections::BTreeSet;

use b24_spec::EventSpec;
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::naming::{ident, type_name};

use super::events::{section, type_text};

/// One variant: its name, the payload type's path from `events/mod.rs`, the wire name.
struct Variant<'a> {
    name: String,
    payload: TokenStream,
    event: &'a EventSpec,
}

/// Variant names follow the payload structs; two events whose structs share a name (in
/// different sections) get the section appended to the later one, so none is lost.
fn variants<'a>(events: &[&'a EventSpec]) -> Vec<Variant<'a>> {
    let mut taken = BTreeSet::from(["Other".to_owned()]);
    let mut matched = BTreeSet::new();
    let mut variants = Vec::new();
    for event in events {
        // The portal compares names without case: two specs of one event would be two
        // arms of one pattern, and only the first could ever match.
        if !matched.insert(event.event.to_ascii_uppercase()) {
            continue;
        }
        let struct_name = type_text(event);
        let module = section(event);
        let mut name = struct_name.clone();
        if !taken.insert(name.clone()) {
            name = format!(
                "{struct_name}{}",
                type_name(&module).unwrap_or_else(|| "Other".to_owned())
            );
            taken.insert(name.clone());
        }
        let (module, ty) = (ident(&module), ident(&struct_name));
        variants.push(Variant {
            name,
            payload: quote!(#module::#ty),
            event,
        });
    }
    variants
}

/// The enum, its `event_name` and its `TryFrom<IncomingEvent>`.
pub fn tokens(events: &[&EventSpec]) -> TokenStream {
    let variants = variants(events);
    let defs = variants.iter().map(|variant| {
        let name = ident(&variant.name);
        let payload = &variant.payload;
        let title = if variant.event.title.is_empty() {
            String::new()
        } else {
            format!(
                ": {}",
                docs::markdown(&variant.event.title, &variant.event.source)
            )
        };
        let doc = docs::attrs(&format!("`{}`{title}", variant.event.event));
        quote!(#doc #name(#payload),)
    });
    let names = variants.iter().map(|variant| {
        let name = ident(&variant.name);
        let payload = &variant.payload;
        quote!(Self::#name(_) => #payload::EVENT,)
    });
    let arms = variants.iter().map(|variant| {
        let name = ident(&variant.name);
        let wire = variant.event.event.to_ascii_uppercase();
        quote!(#wire => Self::#name(event.decode()?),)
    });
    quote! {
        /// An incoming event decoded into the payload type its documentation gives it.
        ///
        /// Read the POST with [`b24_protocol::events::IncomingEvent::from_form`], check its
        /// token with `verify`, then `Event::try_from(incoming)`: a documented event becomes
        /// its variant (names compare without case, as the portal sends them upper-cased),
        /// any other event is [`Event::Other`], and a payload that does not fit its type is
        /// an error naming the event and the field.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(deprecated)]
        // Payloads differ in size; an event is handled one at a time, so no boxing.
        #[allow(clippy::large_enum_variant)]
        pub enum Event {
            #(#defs)*
            /// An event the documentation does not describe, as received.
            Other(b24_protocol::events::IncomingEvent),
        }

        #[allow(deprecated)]
        impl Event {
            /// The event's name: as documented (`onCrmDealAdd`) for a known event, as sent
            /// for [`Event::Other`].
            pub fn event_name(&self) -> &str {
                match self {
                    #(#names)*
                    Self::Other(event) => event.event_name(),
                }
            }
        }

        #[allow(deprecated)]
        impl TryFrom<b24_protocol::events::IncomingEvent> for Event {
            type Error = b24_protocol::events::DecodeError;

            fn try_from(
                event: b24_protocol::events::IncomingEvent,
            ) -> Result<Self, Self::Error> {
                let name = event.event_name().to_ascii_uppercase();
                Ok(match name.as_str() {
                    #(#arms)*
                    _ => Self::Other(event),
                })
            }
        }
    }
}
