//! The speed floor for `codegen import`: read every page under `<docs>/api-reference` and
//! run a bare pulldown-cmark pass over it, nothing else. `codegen import` is measured
//! against this (`crates/doc-parser/benches/import.sh`, README "Import speed").
//!
//! ```sh
//! cargo build --release --example floor -p b24-doc-parser
//! hyperfine -w 2 'target/release/examples/floor ../shared/docs/2026-08'
//! ```

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser};

fn pages(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            pages(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let root = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/docs/2026-08"), PathBuf::from);
    let mut paths = Vec::new();
    pages(&root.join("api-reference"), &mut paths)?;
    let options =
        Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events = 0usize;
    let mut bytes = 0usize;
    for path in &paths {
        let text = std::fs::read_to_string(path)?;
        bytes += text.len();
        events += Parser::new_ext(&text, options).count();
    }
    println!("{} pages, {bytes} bytes, {events} events", paths.len());
    Ok(())
}
