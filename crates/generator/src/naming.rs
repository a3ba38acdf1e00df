//! Identifier rules: how wire names, method names and enum values become Rust names.
//!
//! - Words are split by `heck` (camelCase, snake_case, dots, dashes all separate words).
//! - Cyrillic is transliterated; other characters that cannot be in an identifier separate
//!   words.
//! - A name that starts with a digit gets a prefix (`V` for types and variants, `n` for
//!   modules and fields); a Rust keyword gets a trailing `_` (`type` → `type_`).
//! - Names that collide after conversion get a numeric suffix in first-come order, so
//!   every value and field keeps a distinct, stable name.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Replaces Cyrillic letters with Latin ones and everything that cannot be part of an
/// identifier with a space (a word break).
fn ascii_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(latin) = transliterate(c) {
            out.push_str(latin);
        } else {
            out.push(' ');
        }
    }
    out
}

fn transliterate(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next()?;
    let latin = match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    };
    // Keep the case so word boundaries survive (`ДаНет` → `DaNet`).
    Some(if c.is_uppercase() {
        match latin {
            "a" => "A",
            "b" => "B",
            "v" => "V",
            "g" => "G",
            "d" => "D",
            "e" => "E",
            "yo" => "Yo",
            "zh" => "Zh",
            "z" => "Z",
            "i" => "I",
            "y" => "Y",
            "k" => "K",
            "l" => "L",
            "m" => "M",
            "n" => "N",
            "o" => "O",
            "p" => "P",
            "r" => "R",
            "s" => "S",
            "t" => "T",
            "u" => "U",
            "f" => "F",
            "kh" => "Kh",
            "ts" => "Ts",
            "ch" => "Ch",
            "sh" => "Sh",
            "shch" => "Shch",
            "yu" => "Yu",
            "ya" => "Ya",
            other => other,
        }
    } else {
        latin
    })
}

/// `UpperCamelCase` for types and variants; `None` when nothing usable is left.
pub fn type_name(text: &str) -> Option<String> {
    let name = ascii_words(text).to_upper_camel_case();
    if name.is_empty() {
        return None;
    }
    Some(if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    })
}

/// `snake_case` for modules, fields and functions; `None` when nothing usable is left.
pub fn snake_name(text: &str) -> Option<String> {
    let name = ascii_words(text).to_snake_case();
    if name.is_empty() {
        return None;
    }
    Some(if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    })
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Hands out names, adding `2`, `3`, … to names already taken.
#[derive(Debug, Default)]
pub struct NameSet {
    taken: Vec<String>,
}

impl NameSet {
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.iter().any(|taken| taken == name)
    }

    pub fn claim(&mut self, name: String) -> String {
        let mut candidate = name.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        self.taken.push(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_variants() {
        assert_eq!(type_name("im.user.status.set").unwrap(), "ImUserStatusSet");
        assert_eq!(
            type_name("disk.folder.uploadFile").unwrap(),
            "DiskFolderUploadFile"
        );
        assert_eq!(type_name("dnd").unwrap(), "Dnd");
        assert_eq!(type_name("1").unwrap(), "V1");
        assert_eq!(type_name("Self").unwrap(), "Self_");
        assert_eq!(type_name("Входящий").unwrap(), "Vkhodyashchiy");
        assert_eq!(type_name(">="), None);
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake_name("STATUS").unwrap(), "status");
        assert_eq!(snake_name("uploadFile").unwrap(), "upload_file");
        assert_eq!(snake_name("type").unwrap(), "type_");
        assert_eq!(snake_name("2fa").unwrap(), "n2fa");
        assert_eq!(snake_name("UF_CRM_..."), Some("uf_crm".into()));
    }

    #[test]
    fn collisions_get_suffixes() {
        let mut names = NameSet::with_reserved(&["Unlisted"]);
        assert_eq!(names.claim("Online".into()), "Online");
        assert_eq!(names.claim("Online".into()), "Online2");
        assert_eq!(names.claim("Unlisted".into()), "Unlisted2");
    }
}
