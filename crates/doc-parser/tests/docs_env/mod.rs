//! Where the corpus tests find the docs: a folder named by an environment variable.

use std::path::PathBuf;

/// The folder `var` names; `None` (the test is skipped, and says so) when it is unset, a
/// failure when it names no folder.
pub fn docs(var: &str) -> Option<PathBuf> {
    let Some(dir) = std::env::var_os(var) else {
        eprintln!("skipped: {var} is not set");
        return None;
    };
    let dir = PathBuf::from(dir);
    assert!(
        dir.is_dir(),
        "{var} is set to {}, which is not a folder",
        dir.display()
    );
    Some(dir)
}
