//! `codegen diff OLD_SPECS NEW_SPECS`: the API changelog between two imports, as markdown
//! on stdout (or in `--out FILE`): the docs-level changes, then the Rust API changes of the
//! two crates the specs generate (generated in memory, nothing is written).

use std::path::Path;

use crate::cli::DiffArgs;
use crate::diff::{Side, changelog};
use crate::error::CliError;
use crate::rust_api::{Surface, compare};

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
    let rust = compare(
        &surface(&args.old, &old_methods, &old_events)?,
        &surface(&args.new, &new_methods, &new_events)?,
    );
    text.push_str("\n\n");
    text.push_str(&rust.markdown(2));
    text.push('\n');
    super::api_diff::write(args.out.as_deref(), &text)
}

/// The public surface of the crate `specs` generate.
fn surface(
    dir: &Path,
    methods: &[b24_spec::MethodSpec],
    events: &[b24_spec::EventSpec],
) -> Result<Surface, CliError> {
    let types = b24_spec::load_types(dir)?;
    let files = b24_generator::generate(methods, events, &types)?;
    Ok(Surface::from_files(
        files
            .iter()
            .map(|f| (f.path.as_path(), f.contents.as_str())),
    )?)
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
