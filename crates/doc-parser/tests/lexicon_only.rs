//! The lexicon stays the one place for phrases: a Cyrillic string literal in `src/` outside
//! `src/lexicon/` fails this test, so the next rule written names its words there (see
//! `src/lexicon/mod.rs`). Test code (`#[cfg(test)]` items, `tests/`) may quote pages freely.

use std::path::{Path, PathBuf};

/// A string literal of the code: its line and its text (escapes left as written).
#[derive(Debug)]
struct Literal {
    line: usize,
    text: String,
}

/// The string literals of Rust source `text` outside comments and `#[cfg(test)]` items.
///
/// A small lexer is enough here: it knows comments (nested block comments too), strings,
/// raw strings, byte strings and char literals versus lifetimes, and skips the item after
/// a `#[cfg(test)]` attribute up to its closing brace (or its `;`).
fn literals(text: &str) -> Vec<Literal> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line = 1;
    let mut depth = 0usize;
    // The depth at which a `#[cfg(test)]` item was entered, while inside it.
    let mut skipping: Option<usize> = None;
    let mut test_item_next = false;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
            i += 1;
        } else if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            let mut nested = 0usize;
            let mut j = i;
            while j < bytes.len() {
                if bytes[j..].starts_with(b"/*") {
                    nested += 1;
                    j += 2;
                } else if bytes[j..].starts_with(b"*/") {
                    nested -= 1;
                    j += 2;
                    if nested == 0 {
                        break;
                    }
                } else {
                    if bytes[j] == b'\n' {
                        line += 1;
                    }
                    j += 1;
                }
            }
            i = j;
        } else if rest.starts_with("#[cfg(test)]") {
            test_item_next = true;
            i += "#[cfg(test)]".len();
        } else if let Some((body_start, end, next)) = string_at(text, i) {
            let body = &text[body_start..end];
            if skipping.is_none() {
                out.push(Literal {
                    line,
                    text: body.to_owned(),
                });
            }
            line += body.matches('\n').count();
            i = next;
        } else if b == b'\'' {
            i += char_literal_len(rest);
        } else if b == b'{' {
            if test_item_next && skipping.is_none() {
                skipping = Some(depth);
            }
            test_item_next = false;
            depth += 1;
            i += 1;
        } else if b == b'}' {
            depth = depth.saturating_sub(1);
            if skipping == Some(depth) {
                skipping = None;
            }
            i += 1;
        } else if b == b';' {
            test_item_next = false;
            i += 1;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// A string literal starting at byte `i` (`"…"`, `b"…"`, `r#"…"#`, `br"…"`): where its body
/// starts and ends, and where the code goes on after it.
fn string_at(text: &str, i: usize) -> Option<(usize, usize, usize)> {
    let rest = &text[i..];
    let bytes = text.as_bytes();
    if let Some((start, len, hashes)) = raw_string_start(rest) {
        let close = format!("\"{}", "#".repeat(hashes));
        let body_start = i + start + len;
        let end = text[body_start..]
            .find(&close)
            .map_or(text.len(), |e| body_start + e);
        return Some((body_start, end, (end + close.len()).min(text.len())));
    }
    let body_start = i + if rest.starts_with('"') {
        1
    } else if rest.starts_with("b\"") {
        2
    } else {
        return None;
    };
    let mut j = body_start;
    while j < bytes.len() && bytes[j] != b'"' {
        j += if bytes[j] == b'\\' { 2 } else { 1 };
    }
    let end = j.min(bytes.len());
    Some((body_start, end, end + 1))
}

/// `r"`, `r#"`, `br##"`: where the prefix starts (0), its length and the number of `#`.
fn raw_string_start(rest: &str) -> Option<(usize, usize, usize)> {
    let after_b = rest.strip_prefix('b').unwrap_or(rest);
    let after_r = after_b.strip_prefix('r')?;
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    after_r[hashes..]
        .starts_with('"')
        .then(|| (0, rest.len() - after_r.len() + hashes + 1, hashes))
}

/// The length of a char literal at the start of `rest`, or 1 for a lifetime's quote.
fn char_literal_len(rest: &str) -> usize {
    let body = &rest[1..];
    if let Some(escaped) = body.strip_prefix('\\') {
        // '\n', '\'', '\u{1F600}'
        let close = escaped
            .get(1..)
            .and_then(|e| e.find('\''))
            .map_or(0, |c| c + 1);
        return 2 + close + 1;
    }
    match body.chars().next() {
        Some(c) if body[c.len_utf8()..].starts_with('\'') => 1 + c.len_utf8() + 1,
        _ => 1,
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

#[test]
fn cyrillic_literals_live_in_the_lexicon() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lexicon = src.join("lexicon");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "no sources found under {}", src.display());
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&lexicon)) {
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for literal in literals(&text) {
            if literal.text.chars().any(is_cyrillic) {
                found.push(format!(
                    "{}:{}: \"{}\"",
                    file.strip_prefix(&src).unwrap_or(file).display(),
                    literal.line,
                    literal.text
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "phrases belong in src/lexicon/ (a named const with a comment naming the construct):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_lexer_finds_what_it_must() {
    let source = r##"
// "комментарий" in a comment
/* "блок" /* nested */ "ещё" */
const A: &str = "фраза";
fn f<'a>(x: &'a str) -> char { let _ = r#"сырая "строка""#; 'я' }
let s = "escaped \" кавычка";
#[cfg(test)]
mod tests {
    const B: &str = "тест";
}
const C: &str = "после";
"##;
    let found: Vec<(usize, String)> = literals(source)
        .into_iter()
        .map(|l| (l.line, l.text))
        .collect();
    assert_eq!(
        found,
        vec![
            (4, "фраза".to_owned()),
            (5, "сырая \"строка\"".to_owned()),
            (6, "escaped \\\" кавычка".to_owned()),
            (11, "после".to_owned()),
        ]
    );
}
