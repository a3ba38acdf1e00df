//! Which pages use each lexicon entry: for every named phrase (or list of alternatives) of
//! `src/lexicon/`, the number of pages under `api-reference/` whose text holds it (compared
//! in lowercase) and the first such page. The snapshot is the map from a phrase's name to
//! the pages that need it; an entry that drops to 0 pages is a rule nothing uses any more.
//!
//! The docs are read from `B24_DOCS_DIR` (2026-08) and `B24_DOCS_2025_DIR` (2025-08): an
//! unset variable skips the test (it says so), one set to a missing folder fails it.

mod docs_env;

use std::fmt::Write as _;
use std::path::Path;

use aho_corasick::AhoCorasick;
use b24_doc_parser::lexicon::FAMILIES;
use docs_env::docs;

/// The `.md` pages under `root/api-reference`, as sorted relative paths with `/`.
fn pages(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("api-reference")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let relative = path.strip_prefix(root).expect("under the root");
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// One line per entry: `family::NAME  pages  first page`.
fn report(root: &Path) -> String {
    // Every phrase of every entry, lowercase, in one automaton; `owner[p]` is the entry
    // of pattern `p`. The empty separator ("" of a run) holds on every page.
    let entries: Vec<(String, &[&str])> = FAMILIES
        .iter()
        .flat_map(|(family, entries)| {
            entries
                .iter()
                .map(move |e| (format!("{family}::{}", e.name), e.phrases))
        })
        .collect();
    let mut patterns = Vec::new();
    let mut owner = Vec::new();
    let mut always = vec![false; entries.len()];
    for (i, (_, phrases)) in entries.iter().enumerate() {
        for phrase in *phrases {
            if phrase.is_empty() {
                always[i] = true;
            } else {
                patterns.push(phrase.to_lowercase());
                owner.push(i);
            }
        }
    }
    let automaton = AhoCorasick::new(&patterns).expect("the lexicon's phrases build an automaton");
    let pages = pages(root);
    assert!(
        pages.len() > 1000,
        "{}: only {} pages",
        root.display(),
        pages.len()
    );
    let mut counts = vec![0usize; entries.len()];
    let mut first: Vec<Option<&str>> = vec![None; entries.len()];
    for page in &pages {
        let bytes = std::fs::read(root.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        let mut holds = always.clone();
        for found in automaton.find_overlapping_iter(&text) {
            holds[owner[found.pattern().as_usize()]] = true;
        }
        for (i, held) in holds.into_iter().enumerate() {
            if held {
                counts[i] += 1;
                first[i].get_or_insert(page);
            }
        }
    }
    let width = entries
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    let mut out = format!("{} pages\n", pages.len());
    for (i, (name, _)) in entries.iter().enumerate() {
        let _ = writeln!(
            out,
            "{name:width$}  {:>5}  {}",
            counts[i],
            first[i].unwrap_or("-")
        );
    }
    out
}

#[test]
fn lexicon_pages_2026() {
    let Some(root) = docs("B24_DOCS_DIR") else {
        return;
    };
    insta::assert_snapshot!("lexicon_pages_2026_08", report(&root));
}

#[test]
fn lexicon_pages_2025() {
    let Some(root) = docs("B24_DOCS_2025_DIR") else {
        return;
    };
    insta::assert_snapshot!("lexicon_pages_2025_08", report(&root));
}
