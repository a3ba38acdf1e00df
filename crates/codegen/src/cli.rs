//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Bitrix24 REST documentation → method schemas (specs/) → typed Rust (generated/).
///
/// With no command: regenerate `generated/` from `specs/`; with `--docs DIR`, first import
/// that documentation checkout into `specs/` (the two steps of a full regeneration).
#[derive(Debug, Parser)]
#[command(
    name = "codegen",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Import this docs checkout (a clone of bitrix-tools/b24-rest-docs, or any folder
    /// holding `api-reference/`) into the workspace's `specs/`, then generate.
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate the Rust bindings from the specs (the default command).
    Generate(GenerateArgs),
    /// Parse documentation pages into one YAML spec per method and per event.
    Import(ImportArgs),
    /// Print, as markdown, what changed between two folders of specs (two docs versions):
    /// the docs-level changes, then the Rust API changes of the crates they generate.
    Diff(DiffArgs),
    /// Print, as markdown, the Rust API changes between two generated crates (for example
    /// `generated/` at two commits): types renamed, added, removed; `Output`s changed.
    ApiDiff(ApiDiffArgs),
    /// List a generated crate's public types and methods, one a line, sorted.
    Api(ApiArgs),
}

#[derive(Debug, Args)]
pub struct ApiDiffArgs {
    /// The older generated crate (a folder holding `src/lib.rs`).
    #[arg(value_name = "OLD_GENERATED")]
    pub old: PathBuf,
    /// The newer generated crate.
    #[arg(value_name = "NEW_GENERATED")]
    pub new: PathBuf,
    /// How the report names the old crate (default: the folder's path).
    #[arg(long, value_name = "NAME")]
    pub old_label: Option<String>,
    /// How the report names the new crate (default: the folder's path).
    #[arg(long, value_name = "NAME")]
    pub new_label: Option<String>,
    /// Write the markdown to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// A generated crate (a folder holding `src/lib.rs`).
    #[arg(value_name = "GENERATED")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older specs folder (holding `methods/`).
    #[arg(value_name = "OLD_SPECS")]
    pub old: PathBuf,
    /// The newer specs folder.
    #[arg(value_name = "NEW_SPECS")]
    pub new: PathBuf,
    /// How the changelog names the old version (default: the folder's name).
    #[arg(long, value_name = "NAME")]
    pub old_label: Option<String>,
    /// How the changelog names the new version (default: the folder's name).
    #[arg(long, value_name = "NAME")]
    pub new_label: Option<String>,
    /// Write the markdown to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct GenerateArgs {
    /// Folder of specs (holding `methods/`); default: the workspace's `specs/`.
    #[arg(long, value_name = "DIR")]
    pub specs: Option<PathBuf>,
    /// Folder of the generated crate; default: the workspace's `generated/`. Any other
    /// folder gets a crate of its own (its own `[workspace]`) that builds where it is.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// A crate of its own whose `b24-runtime` dependency is this path, and `b24-protocol`
    /// the `protocol` folder beside it (default for `--out` outside the workspace: this
    /// checkout's `crates/runtime` and `crates/protocol`).
    #[arg(long, value_name = "DIR", conflicts_with = "runtime_version")]
    pub runtime_path: Option<PathBuf>,
    /// A crate of its own whose `b24-runtime` and `b24-protocol` dependencies are this
    /// registry version requirement (for example `0.1`).
    #[arg(long, value_name = "REQ")]
    pub runtime_version: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A docs root (holding `api-reference/`) or any folder of `.md` pages.
    #[arg(long, value_name = "DIR")]
    pub docs: PathBuf,
    /// Where to write the specs: `<DIR>/methods/` and `<DIR>/events/`.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Also write the summary and every diagnostic as JSON.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print warnings too, not only errors.
    #[arg(long, short)]
    pub verbose: bool,
}
