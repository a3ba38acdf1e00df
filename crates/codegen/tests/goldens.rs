//! Fixture goldens: one small docs folder per documented page construct
//! (`crates/doc-parser/tests/fixtures/constructs/<construct>/`, see its README), imported
//! the way `codegen import` imports the real docs (every page parsed, then the corpus link
//! pass), with two reviewed snapshots each:
//!
//! - `goldens__<construct>__spec`: what each page became, every spec file exactly as the
//!   import writes it (`methods/…`, `events/…`, `types/…`), and the diagnostics;
//! - `goldens__<construct>__rust`: the Rust the generator makes from those files, read back
//!   as `codegen generate` reads them (the crate's boilerplate left out).
//!
//! `every_construct_of_formats_md_has_a_fixture` keeps the README's map complete: each
//! construct heading of FORMATS.md §2 names at least one fixture, and each fixture there
//! exists and has its test here: a construct added to the parser comes with its fixture.
//! The test lives in `codegen`, which depends on the parser and the generator already, so
//! running it does not build the generated crate.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use b24_doc_parser::{Import, Severity};
use b24_spec::{EventSpec, MethodSpec, ReferenceType, SpecFile};

/// The fixtures folder, relative to the workspace root.
const FIXTURES: &str = "crates/doc-parser/tests/fixtures/constructs";

/// The construct headings of FORMATS.md §2 ("Construct catalogue"), in its order. The
/// test compares them with FORMATS.md itself when it lies next to the checkout
/// (`../shared/FORMATS.md`).
const FORMATS_HEADINGS: &[&str] = &[
    "Method name (h1)",
    "Scope / permissions line",
    "Required markers",
    "Parameter sections & tables",
    "Types",
    "Enumerated values",
    "Defaults",
    "Nested objects / sub-tables",
    "Response",
    "Errors",
    "YFM markup",
    "Deprecation / versions",
];

/// The workspace root (this crate is `crates/codegen`).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures_dir() -> PathBuf {
    workspace_root().join(FIXTURES)
}

/// Imports one fixture folder as `codegen import --docs <folder>` would.
fn import(construct: &str) -> Import {
    let dir = fixtures_dir().join(construct);
    b24_doc_parser::import(&dir, &()).unwrap_or_else(|e| panic!("{construct}: {e}"))
}

/// `(path under the specs root, YAML text)` for every spec the import writes.
fn spec_files(import: &Import) -> Vec<(String, String)> {
    fn file<T: SpecFile>(spec: &T) -> (String, String) {
        let path = format!("{}/{}", T::DIR, spec.file_name());
        (path, b24_spec::to_yaml(spec).expect("a spec serializes"))
    }
    let mut files: Vec<(String, String)> = import.methods.iter().map(file).collect();
    files.extend(import.events.iter().map(file));
    files.extend(import.types.iter().map(file));
    files
}

/// The pages, the spec files and the diagnostics, as one text to review.
fn spec_snapshot(import: &Import, files: &[(String, String)]) -> String {
    let mut out = String::from("# pages\n");
    for page in &import.pages {
        let _ = writeln!(out, "{}: {}: {}", page.path, page.kind, page.detail);
    }
    for (path, yaml) in files {
        let _ = write!(out, "\n# {path}\n{yaml}");
    }
    out.push_str("\n# diagnostics\n");
    for diag in import.diagnostics(Severity::Info) {
        let _ = writeln!(out, "{diag}");
    }
    out
}

/// Files every generated crate has whatever the specs: not the construct's output.
fn is_boilerplate(path: &Path, contents: &str) -> bool {
    let name = path.to_string_lossy();
    if matches!(
        name.as_ref(),
        "Cargo.toml" | "src/lib.rs" | "src/registry.rs"
    ) {
        return true;
    }
    // Module files that only declare their submodules, and `values.rs` with no shared
    // enum (its empty test module).
    contents.lines().all(|line| {
        let line = line.trim();
        line.is_empty()
            || line.starts_with("//")
            || line.starts_with("#!")
            || (line.starts_with("pub mod ") && line.ends_with(';'))
            || matches!(line, "#[cfg(test)]" | "mod tests {" | "use super::*;" | "}")
    })
}

/// The generated Rust for the spec files, read back from their YAML.
fn rust_snapshot(files: &[(String, String)]) -> String {
    let mut methods: Vec<MethodSpec> = Vec::new();
    let mut events: Vec<EventSpec> = Vec::new();
    let mut types: Vec<ReferenceType> = Vec::new();
    fn read<T: SpecFile>(path: &Path, yaml: &str) -> T {
        b24_spec::from_yaml(path, yaml)
            .unwrap_or_else(|e| panic!("{}: does not read back: {e}", path.display()))
    }
    for (path, yaml) in files {
        let path = Path::new(path);
        if path.starts_with(MethodSpec::DIR) {
            methods.push(read(path, yaml));
        } else if path.starts_with(EventSpec::DIR) {
            events.push(read(path, yaml));
        } else {
            types.push(read(path, yaml));
        }
    }
    let generated = b24_generator::generate(&methods, &events, &types).expect("the specs generate");
    let mut out = String::new();
    for file in generated {
        if is_boilerplate(&file.path, &file.contents) {
            continue;
        }
        let _ = write!(
            out,
            "// ===== {} =====\n{}\n",
            file.path.display(),
            file.contents
        );
    }
    out
}

fn check(construct: &str) {
    let import = import(construct);
    let files = spec_files(&import);
    let name = construct.replace('-', "_");
    insta::assert_snapshot!(format!("{name}__spec"), spec_snapshot(&import, &files));
    insta::assert_snapshot!(format!("{name}__rust"), rust_snapshot(&files));
}

/// One test per fixture folder, named after the construct; the list is checked against
/// the folders and the README.
macro_rules! goldens {
    ($($test:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($dir);
            }
        )*
        const TESTED: &[&str] = &[$($dir),*];
    };
}

goldens! {
    method_name_h1 => "method-name-h1",
    note_title_name => "note-title-name",
    scope_line => "scope-line",
    scope_include => "scope-include",
    required_markers => "required-markers",
    required_legends => "required-legends",
    required_no_convention => "required-no-convention",
    param_sections => "param-sections",
    param_headers => "param-headers",
    param_cells => "param-cells",
    param_names => "param-names",
    types_scalar_array => "types-scalar-array",
    types_links => "types-links",
    types_unions => "types-unions",
    inline_enums => "inline-enums",
    defaults => "defaults",
    nested_objects => "nested-objects",
    response_table => "response-table",
    response_old => "response-old",
    keyed_maps => "keyed-maps",
    errors_tables => "errors-tables",
    yfm_markup => "yfm-markup",
    deprecation => "deprecation",
    rest_v3_banner => "rest-v3-banner",
    event_page => "event-page",
    event_family => "event-family",
    placement_page => "placement-page",
    field_page_entity => "field-page-entity",
    unresolved_link => "unresolved-link",
    cyclic_links => "cyclic-links",
}

/// The README's map: `| construct heading | fixture | … |` rows of its table.
fn readme_rows() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(fixtures_dir().join("README.md"))
        .expect("the fixtures README is readable");
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
            let fixture = cells.get(1)?.trim().trim_matches('`');
            let heading = cells.first()?.trim();
            let is_row = fixture.starts_with(|c: char| c.is_ascii_lowercase())
                && fixture
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            is_row.then(|| (heading.to_owned(), fixture.to_owned()))
        })
        .collect()
}

#[test]
fn every_construct_of_formats_md_has_a_fixture() {
    let rows = readme_rows();
    for heading in FORMATS_HEADINGS {
        assert!(
            rows.iter().any(|(h, _)| h == heading),
            "FORMATS.md §2 `{heading}` has no fixture in {FIXTURES}/README.md"
        );
    }
    for (heading, fixture) in &rows {
        assert!(
            FORMATS_HEADINGS.contains(&heading.as_str()),
            "README row `{fixture}`: `{heading}` is not a FORMATS.md §2 heading"
        );
        assert!(
            TESTED.contains(&fixture.as_str()),
            "README row `{fixture}` has no test in crates/codegen/tests/goldens.rs"
        );
    }
    let listed: BTreeSet<&str> = rows.iter().map(|(_, f)| f.as_str()).collect();
    let dirs: BTreeSet<String> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures folder lists")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    for dir in &dirs {
        assert!(
            listed.contains(dir.as_str()),
            "fixture `{dir}` is not in the README's map"
        );
    }
    for tested in TESTED {
        assert!(dirs.contains(*tested), "no fixture folder `{tested}`");
    }
}

/// When FORMATS.md is next to the checkout, its §2 headings are the ones above.
#[test]
fn the_headings_are_those_of_formats_md() {
    let path = workspace_root().join("../shared/FORMATS.md");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{}: not found; the headings are not compared",
            path.display()
        );
        return;
    };
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with("2. "))
        .expect("FORMATS.md has a §2");
    let headings: Vec<&str> = section
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .map(str::trim)
        .collect();
    assert_eq!(headings, FORMATS_HEADINGS);
}
