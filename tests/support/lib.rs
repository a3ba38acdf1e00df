//! Shared helpers of the workspace tests: where things are, and the seed page parsed.

use std::path::{Path, PathBuf};

use b24_doc_parser::{FsIncludes, Outcome, ParsedPage};
use b24_spec::{EventSpec, MethodSpec, ReferenceType};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The seed fixture, laid out as a docs root so `source` paths match the real docs.
pub fn seed_root() -> PathBuf {
    workspace_root().join("tests/fixtures/seed")
}

/// The seed page's path relative to its docs root.
pub const SEED_PAGE: &str = "api-reference/chats/users/im-user-status-set.md";

/// Parses the seed page as an import of the fixture root would.
pub fn parse_seed() -> ParsedPage {
    let root = seed_root();
    let bytes = std::fs::read(root.join(SEED_PAGE)).expect("the seed fixture is readable");
    b24_doc_parser::parse_page(SEED_PAGE, &bytes, &FsIncludes::new(root))
}

/// The seed page's schema.
pub fn seed_spec() -> MethodSpec {
    match parse_seed().outcome {
        Outcome::Method(spec) => *spec,
        other => panic!("the seed page is not read as a method: {other:?}"),
    }
}

/// The committed method specs (`specs/methods`), read once per test binary.
pub fn committed_methods() -> &'static [MethodSpec] {
    static SPECS: std::sync::OnceLock<Vec<MethodSpec>> = std::sync::OnceLock::new();
    SPECS.get_or_init(|| {
        b24_spec::load_methods(&workspace_root().join("specs")).expect("specs/methods loads")
    })
}

/// The committed event specs (`specs/events`), read once per test binary.
pub fn committed_events() -> &'static [EventSpec] {
    static SPECS: std::sync::OnceLock<Vec<EventSpec>> = std::sync::OnceLock::new();
    SPECS.get_or_init(|| {
        b24_spec::load_events(&workspace_root().join("specs")).expect("specs/events loads")
    })
}

/// The committed named types (`specs/types`), read once per test binary.
pub fn committed_types() -> &'static [ReferenceType] {
    static SPECS: std::sync::OnceLock<Vec<ReferenceType>> = std::sync::OnceLock::new();
    SPECS.get_or_init(|| {
        b24_spec::load_types(&workspace_root().join("specs")).expect("specs/types loads")
    })
}

/// The docs root named by the environment variable `var`. Unset: the caller's test says
/// why and skips. Set to a folder without `api-reference/`: the test fails.
pub fn docs_root(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        None => {
            eprintln!("skipped: {var} is not set (point it at a docs root to run this test)");
            None
        }
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.join("api-reference").is_dir(),
                "{var}={} is not a docs root (no api-reference/)",
                dir.display()
            );
            Some(dir)
        }
    }
}
