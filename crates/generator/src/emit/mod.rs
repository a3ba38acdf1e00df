//! Token emitters: one module file, the request type of a method, open enums.

mod enums;
mod request;

use proc_macro2::TokenStream;
use quote::quote;

use crate::layout::{Module, ModuleTree};
use crate::naming::ident;

/// The tokens of one module file.
pub fn module(module: &Module<'_>, tree: &ModuleTree<'_>) -> TokenStream {
    let children = module.children.iter().map(|child| {
        let name = ident(child);
        quote!(pub mod #name;)
    });
    let mut items = TokenStream::new();
    let mut tests = TokenStream::new();
    for spec in &module.methods {
        let emitted = request::method(spec);
        items.extend(emitted.items);
        tests.extend(emitted.tests);
    }
    let tests = if tests.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            #[cfg(test)]
            mod tests {
                use super::*;
                #tests
            }
        }
    };
    if module.path.is_empty() {
        return root(tree, quote!(#(#children)*));
    }
    let doc = crate::docs::inner_attrs(&format!("`{}.*` methods.", module.path.join(".")));
    quote! {
        #doc
        #(#children)*
        #items
        #tests
    }
}

fn root(tree: &ModuleTree<'_>, children: TokenStream) -> TokenStream {
    let scopes = tree
        .roots()
        .map(|r| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = format!(
        "Typed bindings for the Bitrix24 REST API, generated from the official documentation.\n\n\
         Every method is a request type in the module named after its dotted name\n\
         (`im.user.status.set` is `im::user::status::ImUserStatusSet`); send it with\n\
         [`Client::send`]. Methods the bindings do not cover can be called by name with\n\
         [`Client::call`].\n\n\
         Top-level modules: {scopes}."
    );
    let doc = crate::docs::inner_attrs(&doc);
    quote! {
        #doc
        // Generated code follows the docs, not clippy's taste: request types without
        // required parameters have `new()` but no `Default`, a module may share its parent's
        // name (`crm::item::item`), a method may be called `add`, and the rustdoc quotes the
        // docs' own list indentation and tabs.
        #![allow(
            clippy::new_without_default,
            clippy::module_inception,
            clippy::should_implement_trait,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::tabs_in_doc_comments
        )]
        pub use b24_runtime::{ApiError, Client, Error, Method};
        #children
    }
}
