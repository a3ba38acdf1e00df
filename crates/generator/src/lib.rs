//! Turns method schemas ([`b24_spec::MethodSpec`]) into the source of the `b24-api` crate.
//!
//! The output is a list of files (path relative to the crate root, contents); the caller
//! decides where they go. Everything is built as tokens with `quote`, checked by `syn` and
//! printed by `prettyplease`, so the output is valid Rust and deterministic: the same specs
//! always give the same bytes.

mod common_texts;
mod crate_files;
mod docs;
mod emit;
mod entity_index;
mod fit;
mod layout;
mod model;
mod naming;
mod render;
mod types;
mod yfm;

use std::path::PathBuf;

use b24_spec::{EventSpec, MethodSpec, ReferenceType};
use rayon::prelude::*;

pub use crate_files::Runtime;

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the generated crate's root (`src/im/user/status.rs`).
    pub path: PathBuf,
    pub contents: String,
}

/// Why generation failed: always a bug in the generator or an invalid spec, never input
/// the docs could produce.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("generated code for `{file}` does not parse")]
    InvalidTokens {
        file: String,
        #[source]
        source: syn::Error,
    },
}

/// Generates the whole crate from the method and event specs and the named types they refer
/// to (in any order: the output is sorted).
pub fn generate(
    specs: &[MethodSpec],
    events: &[EventSpec],
    named_types: &[ReferenceType],
) -> Result<Vec<GeneratedFile>, GenerateError> {
    generate_crate(specs, events, named_types, &Runtime::Workspace)
}

/// [`generate`], with the manifest's dependency on the runtime chosen: the workspace's
/// (for `generated/` in this repository) or a path or version, for a crate that builds on
/// its own anywhere.
pub fn generate_crate(
    specs: &[MethodSpec],
    events: &[EventSpec],
    named_types: &[ReferenceType],
    runtime: &Runtime,
) -> Result<Vec<GeneratedFile>, GenerateError> {
    let mut named = types::NamedTypes::new(named_types);
    named.reconcile(specs);
    named.share_requests(specs);
    let tree = layout::ModuleTree::with_modules(specs, &named.entity_modules());
    let methods: Vec<&MethodSpec> = tree
        .modules()
        .flat_map(|m| m.methods.iter().map(|placed| placed.spec))
        .collect();
    let event_modules = emit::event_modules(events);
    let shared = emit::SharedEnums::collect(&methods, &event_modules.specs(), |event| {
        event_modules.module_of(event)
    });
    let common = common_texts::CommonTexts::collect(&methods, &event_modules.specs(), named_types);
    // The crate-wide files (the events are a sixth of the crate) on one task, beside the
    // modules on every core: emitting and printing dominate, and nothing here is shared.
    let singles = || -> Result<Vec<GeneratedFile>, GenerateError> {
        let mut files = vec![
            render::rust_file(
                PathBuf::from(format!("src/{}.rs", emit::registry::MODULE)),
                emit::registry::module(&tree),
            )?,
            render::rust_file(PathBuf::from("src/values.rs"), shared.module())?,
        ];
        files.extend(event_modules.files(&shared, &common, &named)?);
        Ok(files)
    };
    let modules: Vec<&layout::Module<'_>> = tree.modules().collect();
    let (singles, module_files) = rayon::join(singles, || {
        modules
            .par_iter()
            .map(|module| emit::module(module, &tree, &shared, &common, &named))
            .collect::<Result<Vec<_>, _>>()
    });
    let mut files = singles?;
    files.extend(module_files?.into_iter().flatten());
    files.push(crate_files::cargo_toml(&tree, runtime));
    if !named.entities().is_empty() {
        files.push(entity_index::file(&named));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
