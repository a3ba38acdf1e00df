//! Token emitters: one module file, the request type of a method, open enums, documented
//! errors, the crate root and the method registry.

mod enums;
mod errors;
pub mod registry;
mod request;
mod request_extras;
mod root;

use proc_macro2::TokenStream;
use quote::quote;

use crate::layout::{Module, ModuleTree};
use crate::naming::ident;

/// The tokens of one module file.
pub fn module(module: &Module<'_>, tree: &ModuleTree<'_>) -> TokenStream {
    if module.path.is_empty() {
        return root::root(module, tree);
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
    let mut items = TokenStream::new();
    let mut tests = TokenStream::new();
    for placed in &module.methods {
        let emitted = request::method(placed.spec, &placed.type_name);
        items.extend(emitted.items);
        tests.extend(emitted.tests);
        let error_enum = errors::enum_name(placed.spec, &placed.type_name, &module_types);
        let documented = errors::documented_errors(placed.spec, &placed.type_name, &error_enum);
        let has_errors = documented.is_some();
        if let Some(emitted) = documented {
            items.extend(emitted.items);
            tests.extend(emitted.test);
        }
        items.extend(request_extras::inherent_impl(
            placed.spec,
            &placed.type_name,
            has_errors.then_some(error_enum.as_str()),
        ));
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
    let doc = crate::docs::inner_attrs(&format!("`{}.*` methods.", module.path.join(".")));
    quote! {
        #doc
        #(#children)*
        #items
        #tests
    }
}
