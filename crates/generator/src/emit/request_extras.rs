//! Associated items of a request type that do not describe its parameters: the
//! documentation page it comes from and, when the page documents errors, the `error`
//! function that reads them from a failed call.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::MethodDef;
use crate::naming::ident;

/// The name of the page constant; upper case, so it never meets a field or setter.
pub const DOCS_PAGE: &str = "DOCS_PAGE";

pub fn inherent_impl(def: &MethodDef) -> TokenStream {
    let request = ident(&def.request);
    let docs_page = ident(DOCS_PAGE);
    let source = &def.source;
    let error_fn = def.errors.as_ref().map(|errors| {
        let name = &errors.name;
        let doc = crate::docs::attrs(&format!(
            "The documented error code of a failed call ([`{name}`]); `None` when the\n\
             portal did not answer with an error (transport, decoding)."
        ));
        let name = ident(name);
        quote! {
            #doc
            pub fn error(error: &b24_protocol::Error) -> Option<#name> {
                error.documented()
            }
        }
    });
    let allow_deprecated = def
        .deprecated
        .as_ref()
        .map(|_| quote!(#[allow(deprecated)]));
    quote! {
        #allow_deprecated
        impl #request {
            // Documented once in the crate docs ("# Structs").
            pub const #docs_page: &'static str = #source;

            #error_fn
        }
    }
}
