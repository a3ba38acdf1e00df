//! `codegen api-diff OLD_GENERATED NEW_GENERATED`: the Rust API changes between two
//! generated crates, as markdown; `codegen api GENERATED`: one crate's surface as text.

use std::path::Path;

use crate::cli::{ApiArgs, ApiDiffArgs};
use crate::error::CliError;
use crate::rust_api::{Surface, compare};

pub fn run(args: ApiDiffArgs) -> Result<(), CliError> {
    let old = Surface::from_dir(&args.old)?;
    let new = Surface::from_dir(&args.new)?;
    let old_label = label(&args.old, args.old_label.as_deref());
    let new_label = label(&args.new, args.new_label.as_deref());
    let changes = compare(&old, &new);
    let body = changes.markdown(2);
    let text = format!("# Rust API changes from {old_label} to {new_label}\n\n{body}\n");
    write(args.out.as_deref(), &text)
}

pub fn list(args: ApiArgs) -> Result<(), CliError> {
    let surface = Surface::from_dir(&args.dir)?;
    say!("{}", surface.listing().trim_end());
    Ok(())
}

/// Writes `text` to `out`, or to stdout.
pub fn write(out: Option<&Path>, text: &str) -> Result<(), CliError> {
    match out {
        // One newline at the end, whatever the sections left.
        Some(path) => std::fs::write(path, format!("{}\n", text.trim_end())).map_err(|source| {
            CliError::Write {
                path: path.to_owned(),
                source,
            }
        }),
        None => {
            say!("{}", text.trim_end());
            Ok(())
        }
    }
}

fn label(dir: &Path, given: Option<&str>) -> String {
    given
        .map(str::to_owned)
        .unwrap_or_else(|| format!("`{}`", dir.display()))
}
