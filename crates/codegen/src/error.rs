//! What stops a command. Every message names the file or folder involved.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CliError {
    #[error(transparent)]
    #[diagnostic(code(codegen::import))]
    Import(#[from] b24_doc_parser::ImportError),
    #[error(transparent)]
    #[diagnostic(code(codegen::specs))]
    Specs(#[from] b24_spec::SpecError),
    #[error(transparent)]
    #[diagnostic(code(codegen::generate))]
    Generate(#[from] b24_generator::GenerateError),
    #[error(transparent)]
    #[diagnostic(code(codegen::surface))]
    Surface(#[from] crate::rust_api::SurfaceError),
    #[error("{path}: cannot write")]
    #[diagnostic(code(codegen::write))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot read")]
    #[diagnostic(code(codegen::read))]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: no specs found")]
    #[diagnostic(
        code(codegen::no_specs),
        help("import the docs first: cargo run -p codegen -- import --docs DIR --out specs")
    )]
    NoSpecs(PathBuf),
    #[error("{path}: cannot encode the report")]
    #[diagnostic(code(codegen::report))]
    Report {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}
