//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Bitrix24 REST documentation → method schemas (specs/) → typed Rust (generated/).
#[derive(Debug, Parser)]
#[command(name = "codegen", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate the Rust bindings from the specs (the default command).
    Generate(GenerateArgs),
    /// Parse documentation pages into one YAML spec per method and per event.
    Import(ImportArgs),
}

#[derive(Debug, Args, Default)]
pub struct GenerateArgs {
    /// Folder of specs (holding `methods/`); default: the workspace's `specs/`.
    #[arg(long, value_name = "DIR")]
    pub specs: Option<PathBuf>,
    /// Folder of the generated crate; default: the workspace's `generated/`.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
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
