//! Rendering of a method of the model ([`MethodDef`]): its request struct and its
//! `b24_protocol::Method` impl.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::MethodDef;
use crate::naming::ident;

use super::structs;

/// The request struct and the `Method` impl, one entry (a file split keeps them together).
pub fn render(def: &MethodDef) -> TokenStream {
    let name = ident(&def.request);
    let deprecated = deprecated_attr(def.deprecated.as_deref());
    let allow_deprecated = def
        .deprecated
        .as_ref()
        .map(|_| quote!(#[allow(deprecated)]));
    let request = structs::define(&name, &def.doc, &def.body, deprecated);
    let method_name = &def.wire;
    let api = def.rest_v3.then(|| {
        quote!(
            const API: b24_protocol::Api = b24_protocol::Api::RestV3;
        )
    });
    let required = required_fields(&def.required_fields);
    let v3_fields = &def.v3_fields;
    let output = &def.output;
    quote! {
        #request

        #allow_deprecated
        impl b24_protocol::Method for #name {
            const NAME: &'static str = #method_name;
            #api
            #required
            #v3_fields
            type Output = #output;
        }
    }
}

/// `#[deprecated(note = …)]`, or nothing.
pub fn deprecated_attr(note: Option<&str>) -> TokenStream {
    note.map(|note| quote!(#[deprecated(note = #note)]))
        .unwrap_or_default()
}

/// `const REQUIRED_FIELDS`, when a parameter requires fields of its entity.
fn required_fields(required: &[(String, Vec<String>)]) -> Option<TokenStream> {
    let entries: Vec<_> = required
        .iter()
        .map(|(name, fields)| quote!((#name, &[#(#fields),*])))
        .collect();
    (!entries.is_empty()).then(|| {
        quote!(const REQUIRED_FIELDS: &'static [(&'static str, &'static [&'static str])] = &[#(#entries),*];)
    })
}
