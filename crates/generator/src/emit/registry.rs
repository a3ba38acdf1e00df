//! The `registry` module: every method of the crate as data, for harnesses that check the
//! documentation's examples against the generated types. Compiled only with the `full`
//! feature, since it names every module.

use proc_macro2::TokenStream;
use quote::quote;

use crate::crate_files::FULL_FEATURE;
use crate::layout::ModuleTree;
use crate::naming::ident;

use super::request_extras::DOCS_PAGE;

/// The module's name at the crate root (kept free by `layout::RESERVED_ROOTS`).
pub const MODULE: &str = "registry";

/// The tokens of `src/registry.rs`.
pub fn module(tree: &ModuleTree<'_>) -> TokenStream {
    let mut methods: Vec<(&str, u8, TokenStream)> = tree
        .modules()
        .flat_map(|module| {
            module.methods.iter().map(|placed| {
                let segments = module.path.iter().map(|segment| ident(segment));
                let name = ident(&placed.type_name);
                let path = quote!(#(#segments::)* #name);
                (
                    placed.spec.method.as_str(),
                    placed.spec.api_version as u8,
                    path,
                )
            })
        })
        .collect();
    methods.sort_by_key(|&(method, api, _)| (method, api));
    let entries = methods.iter().map(|(_, _, path)| quote!(entry!(#path),));
    let docs_page = ident(DOCS_PAGE);
    let doc = crate::docs::inner_attrs(&format!(
        "Every method of the crate as data: name, API, documentation page, and functions that \
         check JSON against its request and output types. Compiled with the `{FULL_FEATURE}` \
         feature only."
    ));
    quote! {
        #doc

        // Every top-level module (this module exists only when all are compiled).
        use crate::*;
        use b24_protocol::{Api, Method};
        use serde::de::DeserializeOwned;
        use serde_json::Value;

        /// One generated method.
        #[derive(Debug, Clone, Copy)]
        pub struct Entry {
            /// The REST method name (`im.user.status.set`).
            pub method: &'static str,
            /// Which API serves it; REST 3.0 twins share the name of a classic method.
            pub api: Api,
            /// The documentation page, relative to the docs root
            /// (`api-reference/chats/users/im-user-status-set.md`).
            pub source: &'static str,
            /// Deserializes `result` JSON strictly into the method's Output type.
            pub decode_output: fn(Value) -> Result<(), String>,
            /// JSON body -> request type (Deserialize) -> JSON; Err if the body does not deserialize.
            pub roundtrip_request: fn(Value) -> Result<Value, String>,
            /// Decodes `result` JSON with the method's Output type and returns the JSON paths,
            /// relative to `result`, whose values landed in an untyped place (a
            /// `serde_json::Value`, a struct's `extra`, an entity's `user_fields`): keys
            /// joined with `.`, array items as `[i]` (`items[3].ufCrm5Field`); `""` is the
            /// whole result. Err if it does not decode.
            pub untyped_paths: fn(Value) -> Result<Vec<String>, String>,
        }

        /// The entry of a request type: a macro, since its page is an inherent constant
        /// that a generic function cannot name.
        macro_rules! entry {
            ($request:ty) => {
                entry::<$request>(<$request>::#docs_page)
            };
        }

        /// Every method, ordered by name (classic before REST 3.0).
        #[allow(deprecated)]
        pub static METHODS: &[Entry] = &[#(#entries)*];

        const fn entry<T: Method + DeserializeOwned>(source: &'static str) -> Entry
        where
            T::Output: 'static,
        {
            Entry {
                method: T::NAME,
                api: T::API,
                source,
                decode_output: decode_output::<T>,
                roundtrip_request: roundtrip_request::<T>,
                untyped_paths: untyped_paths::<T>,
            }
        }

        fn untyped_paths<T: Method>(result: Value) -> Result<Vec<String>, String>
        where
            T::Output: 'static,
        {
            // An Output that is JSON itself has no reader to note it.
            if std::any::TypeId::of::<T::Output>() == std::any::TypeId::of::<Value>() {
                return Ok(vec![String::new()]);
            }
            // The outermost list's indexes and map's keys are in the paths too.
            let (decoded, paths) = b24_protocol::wire::untyped::record_value::<T::Output>(result);
            decoded.map(|_| paths).map_err(|error| error.to_string())
        }

        // As the client decodes: a `result` in another spelling (`"Y"` for `true`) decodes.
        fn decode_output<T: Method>(result: Value) -> Result<(), String> {
            b24_protocol::envelope::decode_result_value::<T::Output>(result)
                .map(drop)
                .map_err(|error| error.to_string())
        }

        fn roundtrip_request<T: Method + DeserializeOwned>(body: Value) -> Result<Value, String> {
            let request: T = serde_json::from_value(body).map_err(|error| error.to_string())?;
            serde_json::to_value(&request).map_err(|error| error.to_string())
        }
    }
}
