//! Token emitters: one module file, the request type of a method, the types its
//! parameters and result need, open enums, shared value sets, event payloads, documented
//! errors, the crate root and the method registry.

mod engine;
mod enums;
mod errors;
mod event_enum;
mod events;
pub mod registry;
mod request;
mod request_extras;
mod response;
mod root;
mod shared;
mod split;
mod structs;
mod unions;

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::layout::{Module, ModuleTree};
use crate::naming::ident;
use crate::types::NamedTypes;

pub use events::tree as event_modules;
pub use shared::SharedEnums;

/// The files of one module: its file, and `partN` files when it is long.
pub fn module(
    module: &Module<'_>,
    tree: &ModuleTree<'_>,
    shared: &SharedEnums<'_>,
    named: &NamedTypes,
) -> Vec<(PathBuf, TokenStream)> {
    if module.path.is_empty() {
        // Shared value sets and event payloads are used by every scope: never gated.
        let (values, events) = (ident(shared::MODULE), ident(events::MODULE));
        let children = quote!(pub mod #values; pub mod #events;);
        return vec![(module.file_path(), root::root(module, tree, children))];
    }
    let children = module.children.iter().map(|child| {
        let name = ident(child);
        quote!(pub mod #name;)
    });
    let module_types: Vec<String> = module
        .methods
        .iter()
        .map(|placed| placed.type_name.clone())
        .collect();
    // Error enums are named before the engine hands out names for parameter types, so a
    // parameter called `error` cannot take `{Request}Error`.
    let error_enums: Vec<String> = module
        .methods
        .iter()
        .map(|placed| errors::enum_name(placed.spec, &placed.type_name, &module_types))
        .collect();
    let reserved: Vec<String> = module_types.iter().chain(&error_enums).cloned().collect();
    let mut engine = engine::TypeEngine::new(shared, named, &reserved);
    for (placed, error_enum) in module.methods.iter().zip(&error_enums) {
        request::method(placed.spec, &placed.type_name, &mut engine);
        let documented = errors::documented_errors(placed.spec, &placed.type_name, error_enum);
        let has_errors = documented.is_some();
        if let Some(emitted) = documented {
            engine.push(emitted.items);
            engine.tests.extend(emitted.test);
        }
        engine.push(request_extras::inherent_impl(
            placed.spec,
            &placed.type_name,
            has_errors.then_some(error_enum.as_str()),
        ));
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
    let doc = crate::docs::inner_attrs(&format!("`{}.*` methods.", module.path.join(".")));
    split::files(module.file_path(), quote!(#doc #(#children)*), items, tests)
}

/// The shared value sets' module file, `src/values.rs`.
pub fn values(shared: &SharedEnums<'_>) -> TokenStream {
    shared.module()
}
