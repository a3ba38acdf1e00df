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

use crate::layout::{Module, ModuleTree, Placed};
use crate::naming::ident;

/// What one method adds to its module: items, and tests for the module's `tests`.
struct MethodTokens {
    items: TokenStream,
    tests: TokenStream,
}

/// The tokens of one module file holding all its methods.
pub fn module(module: &Module<'_>, tree: &ModuleTree<'_>) -> TokenStream {
    if module.path.is_empty() {
        return root::root(module, tree);
    }
    let module_types = type_names(module);
    let mut items = TokenStream::new();
    let mut tests = TokenStream::new();
    for placed in &module.methods {
        let emitted = method(placed, &module_types);
        items.extend(emitted.items);
        tests.extend(emitted.tests);
    }
    let head = head(module);
    let tests = tests_module(tests);
    quote! {
        #head
        #items
        #tests
    }
}

/// The tokens of a module whose methods live in private files (`method_files`), one per
/// method, re-exported so that the public paths do not change.
pub fn split_module(module: &Module<'_>, method_files: &[String]) -> TokenStream {
    let head = head(module);
    let files = method_files.iter().map(|name| {
        let name = ident(name);
        quote! {
            mod #name;
            pub use #name::*;
        }
    });
    quote! {
        #head
        #(#files)*
    }
}

/// The tokens of the private file of one method of `module`.
pub fn method_file(module: &Module<'_>, placed: &Placed<'_>) -> TokenStream {
    let emitted = method(placed, &type_names(module));
    let doc = crate::docs::inner_attrs(&format!("`{}`.", placed.spec.method));
    let items = emitted.items;
    let tests = tests_module(emitted.tests);
    quote! {
        #doc
        #items
        #tests
    }
}

fn type_names(module: &Module<'_>) -> Vec<String> {
    module
        .methods
        .iter()
        .map(|placed| placed.type_name.clone())
        .collect()
}

/// The module documentation and its public child modules.
fn head(module: &Module<'_>) -> TokenStream {
    let children = module.children.iter().map(|child| {
        let name = ident(child);
        quote!(pub mod #name;)
    });
    let doc = crate::docs::inner_attrs(&format!("`{}.*` methods.", module.path.join(".")));
    quote! {
        #doc
        #(#children)*
    }
}

fn method(placed: &Placed<'_>, module_types: &[String]) -> MethodTokens {
    let emitted = request::method(placed.spec, &placed.type_name);
    let mut items = emitted.items;
    let mut tests = emitted.tests;
    let error_enum = errors::enum_name(placed.spec, &placed.type_name, module_types);
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
    MethodTokens { items, tests }
}

fn tests_module(tests: TokenStream) -> TokenStream {
    if tests.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[cfg(test)]
        mod tests {
            use super::*;
            #tests
        }
    }
}
