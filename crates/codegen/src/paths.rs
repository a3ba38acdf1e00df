//! Default locations: the workspace this binary was built from, so `cargo run -p codegen`
//! works from any folder of the checkout.

use std::path::PathBuf;

/// The workspace root: two levels above this crate's manifest when that folder still
/// exists, else the current folder.
pub fn workspace_root() -> PathBuf {
    let built_from = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    if built_from.join("Cargo.toml").is_file() {
        built_from.canonicalize().unwrap_or(built_from)
    } else {
        PathBuf::from(".")
    }
}

/// Shows a path relative to the current folder when it is inside it.
pub fn display(path: &std::path::Path) -> String {
    let current = std::env::current_dir().ok();
    let relative = current
        .as_ref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    relative.display().to_string()
}
