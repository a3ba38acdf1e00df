//! Token emitters: one module file, the request type of a method, the types its
//! parameters and result need, open enums, shared value sets, event payloads, documented
//! errors, the crate root and the method registry.

mod engine;
mod enums;
mod errors;
mod event_enum;
mod events;
mod example;
mod families;
mod items;
mod lists;
mod methods;
pub mod registry;
mod request;
mod request_extras;
mod response;
mod root;
mod shared;
mod split;
mod structs;
mod unions;
mod v3;

use proc_macro2::TokenStream;
use quote::quote;

use crate::common_texts::CommonTexts;
use crate::crate_files::CLIENT_FEATURE;
use crate::layout::{Module, ModuleTree};
use crate::naming::ident;
use crate::types::NamedTypes;
use crate::{GenerateError, GeneratedFile};

pub use events::tree as event_modules;
pub use shared::SharedEnums;
pub(crate) use structs::any_concrete;

/// The files of one module, printed: its file, and `partN` files when it is long.
pub fn module(
    module: &Module<'_>,
    tree: &ModuleTree<'_>,
    shared: &SharedEnums<'_>,
    common: &CommonTexts,
    named: &NamedTypes,
) -> Result<Vec<GeneratedFile>, GenerateError> {
    if module.path.is_empty() {
        // Shared value sets are used by every scope: never gated. Event payloads (a sixth
        // of the crate) have a feature of their own, so a scope alone does not compile them.
        let (values, events) = (ident(shared::MODULE), ident(events::MODULE));
        let feature = crate::crate_files::EVENTS_FEATURE;
        let children = quote! {
            pub mod #values;
            #[cfg(feature = #feature)]
            #[cfg_attr(docsrs, doc(cfg(feature = #feature)))]
            pub mod #events;
        };
        return Ok(vec![crate::render::rust_file(
            module.file_path(),
            root::root(module, tree, children, common),
        )?]);
    }
    let children = module.children.iter().map(|child| {
        let name = ident(child);
        quote!(pub mod #name;)
    });
    // The CRM constants live in the protocol crate (they are not a page's method): `crm` shows them.
    let reexports = (module.path == ["crm"]).then(|| {
        quote! {
            pub use b24_protocol::crm::{EntityTypeId, FIRST_DYNAMIC_TYPE_ID, StatusEntityId};
        }
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
        .map(|placed| {
            let params = placed.spec.params.iter().map(|param| param.name.as_str());
            crate::model::error_enum_name(&placed.type_name, params, &module_types)
        })
        .collect();
    let entities = named.entities_in(&module.path);
    let mut reserved: Vec<String> = module_types
        .iter()
        .chain(&error_enums)
        .cloned()
        .chain(entities.iter().map(|entity| entity.rust_name.clone()))
        .collect();
    // Field enums of the entities listed here (`LeadField`), named before parameter types
    // too; a name already taken goes without an enum (and without the field check).
    let specs: Vec<&b24_spec::MethodSpec> = module.methods.iter().map(|p| p.spec).collect();
    let all_entities = named.entities();
    let field_enums: Vec<Option<(String, b24_spec::MethodSpec)>> = module
        .methods
        .iter()
        .map(|placed| {
            if !lists::is_list(placed.spec) {
                return None;
            }
            // The entity the list returns lists its fields; the sibling `….fields` page
            // is the fallback where no entity was built.
            let fields = lists::entity_field_source(placed.spec, &entities)
                .or_else(|| lists::field_source(placed.spec, &specs).cloned())
                .or_else(|| lists::linked_entity_field_source(placed.spec, &all_entities))?;
            let name = lists::enum_name(&fields)?;
            if reserved.contains(&name) {
                return None;
            }
            reserved.push(name.clone());
            Some((name, fields))
        })
        .collect();
    let mut engine = engine::TypeEngine::new(shared, common, named, &module.path, &reserved);
    // Entities first: the methods' types refer to them.
    for entity in &entities {
        engine.define_entity(entity);
    }
    for ((placed, error_enum), field_enum) in
        module.methods.iter().zip(&error_enums).zip(&field_enums)
    {
        if let Some((name, fields)) = field_enum {
            engine
                .model()
                .define_field_enum(lists::field_enum(name, fields));
        }
        // The enum stays; the check before sending only where the example agrees.
        let field_enum = field_enum
            .as_ref()
            .filter(|(_, fields)| lists::example_agrees(placed.spec, fields))
            .map(|(name, _)| name.as_str());
        let mut method = request::method(
            placed.spec,
            &module.path,
            &placed.type_name,
            &mut engine,
            field_enum,
        );
        if let Some((errors, test)) = errors::documented_errors(placed.spec, error_enum, common) {
            method.errors = Some(errors);
            engine.tests.extend(test);
        }
        engine.model().define_method(method);
    }
    let examples = std::mem::take(&mut engine.examples);
    let (items, tests) = engine.finish();
    let mut tests = tests_module(tests);
    if !examples.is_empty() {
        // Compiled, not run (a call needs a portal): the examples in the methods' docs. They
        // send through `b24_api::Client`, which the `client` feature brings.
        tests.extend(quote! {
            #[cfg(all(test, feature = #CLIENT_FEATURE))]
            #[allow(dead_code)]
            mod examples {
                #examples
            }
        });
    }
    let doc = crate::docs::inner_attrs(&format!("`{}.*` methods.", module.path.join(".")));
    split::files(
        module.file_path(),
        quote!(#doc #(#children)* #reexports),
        items,
        tests,
    )
}

/// `#[cfg(test)] mod tests` holding a module's `tests`; nothing when there are none.
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
