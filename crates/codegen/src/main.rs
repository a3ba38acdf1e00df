//! `codegen`: the command that turns the Bitrix24 docs into specs and specs into Rust.

/// `println!` that never panics: output piped into `head` (a closed stdout) must not
/// crash the command; what cannot be written is dropped.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!` that never panics.
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod cli;
mod commands;
mod diff;
mod error;
mod paths;
mod rust_api;
mod sync;

use clap::Parser;

/// mimalloc: the import allocates millions of small strings and nodes on every core, where
/// glibc's malloc spends a tenth of the run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::{Cli, Command};

fn main() -> miette::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        None => {
            if let Some(docs) = cli.docs {
                commands::import::run(cli::ImportArgs {
                    docs,
                    out: paths::workspace_root().join("specs"),
                    report: None,
                    verbose: false,
                })?;
            }
            commands::generate::run(cli::GenerateArgs::default())?
        }
        Some(Command::Generate(args)) => commands::generate::run(args)?,
        Some(Command::Import(args)) => commands::import::run(args)?,
        Some(Command::Diff(args)) => commands::diff::run(args)?,
        Some(Command::ApiDiff(args)) => commands::api_diff::run(args)?,
        Some(Command::Api(args)) => commands::api_diff::list(args)?,
    }
    Ok(())
}
