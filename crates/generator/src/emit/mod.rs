//! Token emitters: one module file, the request type of a method, the types its
//! parameters and result need, open enums, shared value sets, event payloads.

mod engine;
mod enums;
mod events;
mod request;
mod response;
mod shared;
mod split;
mod structs;
mod unions;

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::layout::{Module, ModuleTree};
use crate::naming::ident;

pub use events::tree as event_modules;
pub use shared::SharedEnums;

/// The files of one module: its file, and `partN` files when it is long.
pub fn module(
    module: &Module<'_>,
    tree: &ModuleTree<'_>,
    shared: &SharedEnums<'_>,
) -> Vec<(PathBuf, TokenStream)> {
    let children = module.children.iter().map(|child| {
        let name = ident(child);
        quote!(pub mod #name;)
    });
    let reserved: Vec<String> = module
        .methods
        .iter()
        .map(|spec| request::type_text(spec))
        .collect();
    let mut engine = engine::TypeEngine::new(shared, &reserved);
    for spec in &module.methods {
        request::method(spec, &mut engine);
    }
    let (items, tests) = engine.finish();
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
        let (values, events) = (ident(shared::MODULE), ident(events::MODULE));
        let children = quote!(#(#children)* pub mod #values; pub mod #events;);
        return vec![(module.file_path(), root(tree, children))];
    }
    let doc = crate::docs::inner_attrs(&format!("`{}.*` methods.", module.path.join(".")));
    split::files(module.file_path(), quote!(#doc #(#children)*), items, tests)
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

/// The shared value sets' module file, `src/values.rs`.
pub fn values(shared: &SharedEnums<'_>) -> TokenStream {
    shared.module()
}
