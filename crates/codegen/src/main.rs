//! `codegen`: the command that turns the Bitrix24 docs into specs and specs into Rust.

mod cli;
mod commands;
mod error;
mod paths;
mod sync;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> miette::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        None => commands::generate::run(cli::GenerateArgs::default())?,
        Some(Command::Generate(args)) => commands::generate::run(args)?,
        Some(Command::Import(args)) => commands::import::run(args)?,
    }
    Ok(())
}
