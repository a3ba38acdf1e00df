//! Where request examples put each key: `'PROPERTIES' => Array('NAME' => …)`,
//! `properties: { name: … }`, `"fields": {"TITLE": …}`. Old pages list the keys of an
//! object flat in the parameter table, right after the object; the examples show where
//! they belong.
//!
//! The reader is lenient on purpose (PHP, JS and JSON, comments and `...` included): it
//! only follows quoted or bare keys before `=>` or `:` and the brackets around them.

use std::collections::HashMap;

use crate::text::{ByteSet, skip_others};

use super::params::glob_match;

/// The bytes that end a bare word: all but ASCII letters, digits and `_`.
const WORD_END: ByteSet =
    ByteSet::except(b"_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

/// The bytes the key reader acts on: quotes, brackets, separators and the letters that
/// start a bare key.
const SYNTAX: ByteSet =
    ByteSet::of(b"'\"{[(}]),;_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

/// The parents each key appears under in the examples (`None`: the request's top level).
#[derive(Debug, Default)]
pub struct KeyParents {
    parents: HashMap<String, Vec<Option<String>>>,
}

impl KeyParents {
    /// Reads the keys of example code blocks.
    pub fn read<'a>(codes: impl Iterator<Item = &'a str>) -> Self {
        let mut out = Self::default();
        for code in codes {
            out.scan(code);
        }
        out
    }

    /// The one parent the examples give every key matching a glob (`EVENT_*`), if any.
    pub fn parent_of_glob(&self, pattern: &str) -> Option<&str> {
        let mut found: Option<&str> = None;
        for (key, parents) in &self.parents {
            if !glob_match(pattern, key) {
                continue;
            }
            for parent in parents {
                let parent = parent.as_deref()?;
                match found {
                    Some(f) if f != parent => return None,
                    _ => found = Some(parent),
                }
            }
        }
        found
    }

    /// The one parent the examples give `key`, if they give exactly one.
    pub fn parent_of(&self, key: &str) -> Option<&str> {
        match self.parents.get(key)?.as_slice() {
            [Some(parent)] => Some(parent),
            _ => None,
        }
    }

    fn scan(&mut self, code: &str) {
        // Each open bracket remembers the key it is the value of, if any.
        let mut stack: Vec<Option<&str>> = Vec::new();
        let mut pending: Option<&str> = None;
        let bytes = code.as_bytes();
        let mut i = 0;
        loop {
            // Blanks, digits and other punctuation change nothing: step over them.
            i = skip_others(bytes, i, &SYNTAX);
            let Some(&c) = bytes.get(i) else {
                break;
            };
            match c {
                b'\'' | b'"' => {
                    let Some(end) = memchr::memchr(c, &bytes[i + 1..]).map(|e| i + 1 + e) else {
                        break;
                    };
                    let text = &code[i + 1..end];
                    i = end + 1;
                    // cURL's `-d '{"fields": {…}}'`: JSON inside a string.
                    if text.trim_start().starts_with(['{', '[']) {
                        self.scan(text);
                        continue;
                    }
                    if let Some(after) = separator_after(code, i) {
                        self.record(text, &stack);
                        pending = Some(text);
                        i = after;
                    } else {
                        pending = None;
                    }
                    continue;
                }
                b'{' | b'[' | b'(' => {
                    stack.push(pending.take());
                }
                b'}' | b']' | b')' => {
                    stack.pop();
                    pending = None;
                }
                b',' | b';' => pending = None,
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    // Bytewise: the first byte of any non-ASCII character ends the word too.
                    let end = skip_others(bytes, i, &WORD_END);
                    let word = &code[i..end];
                    i = end;
                    // `Array(` opens like a bracket; a bare key needs `:` after it.
                    if word.eq_ignore_ascii_case("array") && code[i..].starts_with('(') {
                        continue;
                    }
                    if let Some(after) = separator_after(code, i)
                        && !code[i..].trim_start().starts_with("=>")
                    {
                        self.record(word, &stack);
                        pending = Some(word);
                        i = after;
                    }
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn record(&mut self, key: &str, stack: &[Option<&str>]) {
        // The key's parent is the key of the innermost bracket that has one; brackets
        // without a key (a call's parentheses, an array of objects) are looked through.
        let parent = stack.iter().rev().find_map(|key| *key);
        // Keys repeat across the examples: strings are made only for new entries.
        let list = match self.parents.get_mut(key) {
            Some(list) => list,
            None => self.parents.entry(key.to_owned()).or_default(),
        };
        if !list.iter().any(|known| known.as_deref() == parent) {
            list.push(parent.map(str::to_owned));
        }
    }
}

/// After a key: `=>` or `:` (not `::`); returns where the value starts.
fn separator_after(code: &str, at: usize) -> Option<usize> {
    // Most words are followed by neither: settled by the next byte.
    if !matches!(code.as_bytes().get(at), Some(b' ' | b'\t' | b'=' | b':')) {
        return None;
    }
    let rest = code.get(at..)?;
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let offset = at + rest.len() - trimmed.len();
    if trimmed.starts_with("=>") {
        Some(offset + 2)
    } else if trimmed.starts_with(':') && !trimmed.starts_with("::") {
        Some(offset + 1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_js_and_json_examples() {
        let php = "$result = restCommand('imbot.register', Array(\n 'CODE' => 'newbot',\n 'PROPERTIES' => Array(\n  'NAME' => 'NewBot',\n  'COLOR' => 'GREEN',\n )\n), $_REQUEST['auth']);";
        let js = "BX24.callMethod('x', { fields: { TITLE: 'a', ITEMS: [ { ID: 1 } ] } });";
        let keys = KeyParents::read([php, js].into_iter());
        assert_eq!(keys.parent_of("NAME"), Some("PROPERTIES"));
        assert_eq!(keys.parent_of("COLOR"), Some("PROPERTIES"));
        assert_ne!(keys.parent_of("CODE"), Some("PROPERTIES"));
        assert_eq!(keys.parent_of("TITLE"), Some("fields"));
        assert_eq!(keys.parent_of("ID"), Some("ITEMS"));
        assert_eq!(keys.parent_of_glob("TIT*"), Some("fields"));
        let curl = r#"curl -d '{"order": {"id": 2, "props": [{"code": 1}]}}' https://x"#;
        let keys = KeyParents::read([curl].into_iter());
        assert_eq!(keys.parent_of("props"), Some("order"));
        let json = r#"{"fields": {"NAME": "x"}, "NAME": "top"}"#;
        let keys = KeyParents::read([json].into_iter());
        assert_ne!(keys.parent_of("NAME"), Some("fields"));
    }
}
