//! The README's Rust snippets are copies of anchored regions of the compiled examples:
//! a snippet marked `<!-- example: examples/x.rs#name -->` must equal the region between
//! `// ANCHOR: name` and `// ANCHOR_END: name` of `examples/examples/x.rs`.

use std::path::Path;

const MARK: &str = "<!-- example: ";

#[test]
fn readme_snippets_are_the_examples() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(crate_dir.join("../README.md")).unwrap();
    let mut checked = 0;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(reference) = line.trim().strip_prefix(MARK) else {
            continue;
        };
        let reference = reference.trim_end_matches("-->").trim();
        let (file, anchor) = reference.split_once('#').expect("FILE#ANCHOR");
        assert_eq!(
            lines.next().map(str::trim),
            Some("```rust"),
            "{reference}: a ```rust block must follow the mark"
        );
        let snippet: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let source = std::fs::read_to_string(crate_dir.join(file))
            .unwrap_or_else(|e| panic!("{reference}: {e}"));
        let region = b24_examples::anchored(&source, anchor)
            .unwrap_or_else(|| panic!("{reference}: no such anchor"));
        assert_eq!(
            snippet.join("\n"),
            region,
            "README snippet {reference} differs from the example: copy the region into the README"
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} README snippets are marked");
}
