//! Turns method schemas ([`b24_spec::MethodSpec`]) into the source of the `b24-api` crate.
//!
//! The output is a list of files (path relative to the crate root, contents); the caller
//! decides where they go. Everything is built as tokens with `quote`, checked by `syn` and
//! printed by `prettyplease`, so the output is valid Rust and deterministic: the same specs
//! always give the same bytes.

mod crate_files;
mod docs;
mod emit;
mod files;
mod layout;
mod naming;
mod render;
mod types;

use std::path::PathBuf;

use b24_spec::MethodSpec;
use rayon::prelude::*;

pub use render::HEADER_COMMAND;

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

/// Generates the whole crate from `specs` (in any order: the output is sorted).
pub fn generate(specs: &[MethodSpec]) -> Result<Vec<GeneratedFile>, GenerateError> {
    let tree = layout::ModuleTree::build(specs);
    // Modules are independent: emit and print them on every core (printing dominates).
    let modules: Vec<&layout::Module<'_>> = tree.modules().collect();
    let mut files: Vec<GeneratedFile> = modules
        .par_iter()
        .map(|module| files::module_files(module, &tree))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    files.push(crate_files::cargo_toml(&tree));
    let registry_path = PathBuf::from(format!("src/{}.rs", emit::registry::MODULE));
    files.push(render::rust_file(
        registry_path,
        emit::registry::module(&tree),
    )?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
