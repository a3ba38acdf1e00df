//! `src/lib.rs`: the crate documentation, re-exports, and the top-level modules, each
//! behind the Cargo feature of its name.

use proc_macro2::TokenStream;
use quote::quote;

use crate::common_texts::CommonTexts;
use crate::crate_files::{CLIENT_FEATURE, DEFAULT_FEATURE, EVENTS_FEATURE, FULL_FEATURE};
use crate::layout::{Module, ModuleTree};
use crate::naming::ident;

use super::errors::FALLBACK;
use super::registry;

/// `ungated`: modules every scope uses (shared value sets, event payloads).
pub fn root(
    module: &Module<'_>,
    tree: &ModuleTree<'_>,
    ungated: TokenStream,
    common: &CommonTexts,
) -> TokenStream {
    // Every top-level module is gated by its own feature, so a module must never name
    // another one: a type shared by several scopes belongs in an ungated module of the
    // root (emitted here without `cfg`), or the crate stops compiling with one feature.
    let children = module.children.iter().map(|child| {
        let name = ident(child);
        quote! {
            #[cfg(feature = #child)]
            #[cfg_attr(docsrs, doc(cfg(feature = #child)))]
            pub mod #name;
        }
    });
    let registry = ident(registry::MODULE);
    let mut doc = crate_doc(tree);
    let section = common.section();
    if !section.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&section);
    }
    let doc = crate::docs::inner_attrs(&doc);
    quote! {
        #doc
        #![cfg_attr(docsrs, feature(doc_cfg))]
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
        // One dependency is enough: everything public in the runtime (the client, errors,
        // `Secret`, OAuth, and the `batch`, `wire`, `testing`… modules, including ones
        // added later) is reachable from this crate; without the `client` feature, the
        // same of the protocol crate (the runtime re-exports it at the same paths, so a
        // path means the same item either way). A glob, so a generated item of the same
        // name (the `events` payload module) shadows the re-exported one instead of
        // clashing. One glob or the other: both would make `v3` and `batch` ambiguous.
        #[cfg(feature = #CLIENT_FEATURE)]
        pub use b24_runtime::*;
        #[cfg(not(feature = #CLIENT_FEATURE))]
        pub use b24_protocol::*;
        /// The protocol crate itself, for paths written as `b24_api::protocol::…`.
        pub use b24_protocol as protocol;
        /// The runtime crate itself, for paths written as `b24_api::runtime::…`.
        #[cfg(feature = #CLIENT_FEATURE)]
        #[cfg_attr(docsrs, doc(cfg(feature = #CLIENT_FEATURE)))]
        pub use b24_runtime as runtime;
        /// `serde_json`, so `json!` and `Value` need no extra dependency.
        pub use serde_json;
        // The methods' examples, compiled in each module's `mod examples`, are written
        // as a user writes them: `use b24_api::…`.
        #[cfg(test)]
        extern crate self as b24_api;
        #ungated
        #(#children)*
        #[cfg(feature = #FULL_FEATURE)]
        #[cfg_attr(docsrs, doc(cfg(feature = #FULL_FEATURE)))]
        pub mod #registry;
    }
}

fn crate_doc(tree: &ModuleTree<'_>) -> String {
    let features = crate::docs::code_list(tree.roots());
    format!(
        "Typed bindings for the Bitrix24 REST API, generated from the official documentation.\n\n\
         Every method is a request type in the module named after its dotted name\n\
         (`im.user.status.set` is `im::user::status::ImUserStatusSet`); send it with\n\
         [`Client::send`]. Methods the bindings do not cover can be called by name with\n\
         [`Client::call`].\n\n\
         Everything public in [`b24_runtime`] is re-exported here ([`Client`], [`Error`], \
         [`Secret`], [`OAuth`], the [`batch`] module…), so `b24-api` is the only \
         dependency a program needs.\n\n\
         # Client and protocol\n\n\
         The generated code itself needs only `b24-protocol` (request types, codecs, \
         errors, events; no HTTP client, no async runtime, builds for \
         `wasm32-unknown-unknown`). The `{CLIENT_FEATURE}` feature, on by default, adds \
         `b24-runtime` (the reqwest client, `Client`, `blocking::Client`, OAuth renewal, \
         limits and retries) and re-exports it instead of the protocol crate, at the same \
         paths. With `default-features = false` the crate is the protocol alone: \
         serialize a request type and send it with any transport.\n\n\
         # Features\n\n\
         Each top-level module is compiled only with the Cargo feature of the same name, so \
         a program pays only for the scopes it calls. The default is `{CLIENT_FEATURE}`, `{DEFAULT_FEATURE}` and `{EVENTS_FEATURE}`; \
         `{FULL_FEATURE}` enables every module and the `{registry}` module (every method as \
         data). Features: {features}. The event payloads (module `events`, with `events::Event` \
         for a handler) need the `{EVENTS_FEATURE}` feature, which the default and `{FULL_FEATURE}` include.\n\n\
         # Parameters\n\n\
         A parameter the documentation marks as required is an argument of the request \
         type's `new`, so leaving it out does not compile; the others are setters. Each \
         parameter's doc gives its wire name and documented type and ends with \
         \"required\" or \"optional\" when the page says which; where it says neither, \
         the page does not say whether the parameter is required, and the binding treats \
         it as optional. `Y`/`N` flags are `bool` (`true` goes out as `Y`); their docs leave \
         out the pages' list of the two values where it says only yes and no.\n\n\
         # Structs\n\n\
         Every struct keeps the keys the documentation does not list (or lists by pattern, \
         like user fields `UF_*`) in its `extra` map, as sent or received; on a request \
         type, `param(name, value)` sets one by its wire name. Every request type has \
         `DOCS_PAGE`, its documentation page relative to the docs root.\n\n\
         # Errors\n\n\
         When a method's page documents error codes, the method has an enum of them next to \
         its request type (`CrmDealAdd` has `CrmDealAddError`) with a variant per code and \
         `{FALLBACK}(String)` for codes the page does not list (system errors such as \
         `QUERY_LIMIT_EXCEEDED`, or codes added later), keeping the raw code; `as_str()` \
         gives the code as the portal sends it. `CrmDealAdd::error(&err)` \
         reads it from an [`Error`]; [`Error::documented`] does the same for any \
         [`DocumentedError`] type, including the system codes of \
         [`ErrorCode`].\n\n\
         # Names\n\n\
         - Method `crm.deal.add` is the type `CrmDealAdd` (every segment, UpperCamelCase) \
         in module `crm::deal` (every segment but the last, snake_case); REST 3.0 methods \
         live under `rest_v3::`, so the REST 3.0 twin of a classic method has the same type \
         name in its own module.\n\
         - Parameters are snake_case fields and setters; the wire name is kept in \
         `#[serde(rename)]` and in the docs.\n\
         - A Rust keyword gets a trailing `_` (`type` → `type_`); a name that starts with a \
         digit gets a prefix (`V` for types and variants, `n` for fields and modules, \
         `Code` for error codes: `100` → `Code100`); the empty error code is `EmptyCode`.\n\
         - Cyrillic is transliterated (`Входящий` → `Vkhodyashchiy`); punctuation \
         separates words; a value with nothing usable left becomes `Value1`, `Value2`, ….\n\
         - Names that collide after conversion (`ACCESS_DENIED` and `Access denied`, two \
         methods differing only in case) get `2`, `3`, … in the order the documentation or \
         the method names give, so every value keeps its own name.\n\
         - A module named `main` or `lib`, or a top-level module named `full`, `default` \
         or `registry`, gets a trailing `_` (`main_`, and its feature is `main_`).",
        registry = registry::MODULE,
    )
}
