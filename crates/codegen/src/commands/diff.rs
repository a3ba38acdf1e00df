//! `codegen diff OLD_SPECS NEW_SPECS`: the API changelog between two imports, as markdown
//! on stdout (or in `--out FILE`).

use std::path::Path;

use crate::cli::DiffArgs;
use crate::diff::{Side, changelog};
use crate::error::CliError;

pub fn run(args: DiffArgs) -> Result<(), CliError> {
    let (old_methods, old_events) = load(&args.old)?;
    let (new_methods, new_events) = load(&args.new)?;
    let old_label = label(&args.old, args.old_label.as_deref());
    let new_label = label(&args.new, args.new_label.as_deref());
    let mut text = changelog(
        Side {
            label: &old_label,
            methods: &old_methods,
            events: &old_events,
        },
        Side {
            label: &new_label,
            methods: &new_methods,
            events: &new_events,
        },
    );
    text.push('\n');
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|source| CliError::Write {
            path: path.clone(),
            source,
        })?,
        None => say!("{}", text.trim_end()),
    }
    Ok(())
}

fn load(dir: &Path) -> Result<(Vec<b24_spec::MethodSpec>, Vec<b24_spec::EventSpec>), CliError> {
    let methods = b24_spec::load_methods(dir)?;
    if methods.is_empty() {
        return Err(CliError::NoSpecs(dir.join(b24_spec::METHODS_DIR)));
    }
    Ok((methods, b24_spec::load_events(dir)?))
}

/// The name a side goes by: the flag, else the folder's name.
fn label(dir: &Path, given: Option<&str>) -> String {
    given.map(str::to_owned).unwrap_or_else(|| {
        dir.file_name().map_or_else(
            || dir.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    })
}
