//! Identifier rules: how wire names, method names, error codes and enum values become Rust
//! names. The generated crate's root documentation repeats them for users.
//!
//! - Words are split by `heck` (camelCase, snake_case, dots, dashes all separate words).
//!   Types and variants are `UpperCamelCase`, modules, fields and setters `snake_case`.
//! - A method's request type joins all its segments (`crm.deal.add` → `CrmDealAdd`); its
//!   module is every segment but the last (`crm::deal`, see `layout`). REST 3.0 methods
//!   live under `rest_v3::`, so a twin keeps the classic type name in its own module.
//! - Cyrillic is transliterated (`Входящий` → `Vkhodyashchiy`, case kept so `ДаНет` →
//!   `DaNet`); other characters that cannot be in an identifier separate words.
//! - A name that starts with a digit gets a prefix: `V` for types and variants, `n` for
//!   modules and fields, `Code` for error codes (`100` → `Code100`). The empty error code is
//!   `EmptyCode`. A Rust keyword gets a trailing `_` (`type` → `type_`, `Self` → `Self_`).
//! - Names that collide after conversion (`ACCESS_DENIED` and `Access denied`; two methods
//!   that differ only in case or separators) get a numeric suffix in first-come order
//!   (`AccessDenied2`): documentation order for values and codes, method-name order for
//!   request types, so every value, code and method keeps a distinct, stable name.
//! - A value with nothing usable left (`>=`) is named by its position (`Value3`).

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
            // Keep the case so word boundaries survive (`ДаНет` → `DaNet`).
            let mut letters = latin.chars();
            match letters.next() {
                Some(first) if c.is_uppercase() => {
                    out.push(first.to_ascii_uppercase());
                    out.push_str(letters.as_str());
                }
                _ => out.push_str(latin),
            }
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
    Some(latin)
}

/// `UpperCamelCase` for types and variants; `None` when nothing usable is left.
pub fn type_name(text: &str) -> Option<String> {
    checked(ascii_words(text).to_upper_camel_case(), "V")
}

/// `snake_case` for modules, fields and functions; `None` when nothing usable is left.
pub fn snake_name(text: &str) -> Option<String> {
    checked(ascii_words(text).to_snake_case(), "n")
}

/// The variant of a documented error code: `ACCESS_DENIED` → `AccessDenied`, a numeric
/// code → `Code100`, the empty code → `EmptyCode`; `None` when nothing usable is left.
pub fn error_variant_name(code: &str) -> Option<String> {
    if code.is_empty() {
        return Some("EmptyCode".to_owned());
    }
    checked(ascii_words(code).to_upper_camel_case(), "Code")
}

/// `name` made a valid identifier: `digit_prefix` before a leading digit, `_` after a
/// keyword; `None` when it is empty.
fn checked(name: String, digit_prefix: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    Some(if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    })
}

/// The request type of a method before collisions in its module are resolved:
/// `im.user.status.set` → `ImUserStatusSet`.
pub fn request_type_name(method: &str) -> String {
    type_name(method).unwrap_or_else(|| "Request".to_owned())
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

    #[test]
    fn keywords_get_a_trailing_underscore() {
        assert_eq!(snake_name("type").unwrap(), "type_");
        assert_eq!(snake_name("FN").unwrap(), "fn_");
        assert_eq!(snake_name("async").unwrap(), "async_");
        assert_eq!(type_name("self").unwrap(), "Self_");
        assert_eq!(error_variant_name("Self").unwrap(), "Self_");
    }

    #[test]
    fn leading_digits_get_a_prefix_by_kind() {
        assert_eq!(type_name("2gis").unwrap(), "V2gis");
        assert_eq!(snake_name("1c").unwrap(), "n1c");
        assert_eq!(error_variant_name("100").unwrap(), "Code100");
        assert_eq!(
            error_variant_name("200040300010").unwrap(),
            "Code200040300010"
        );
        assert_eq!(error_variant_name("").unwrap(), "EmptyCode");
    }

    #[test]
    fn cyrillic_and_punctuation_in_values() {
        assert_eq!(type_name("ДаНет").unwrap(), "DaNet");
        assert_eq!(type_name("Да/Нет").unwrap(), "DaNet");
        assert_eq!(type_name("Съёмка").unwrap(), "Syomka");
        assert_eq!(type_name("in-progress (new)").unwrap(), "InProgressNew");
        assert_eq!(
            error_variant_name("CONTROLLER_ERROR_<ERROR_CODE>").unwrap(),
            "ControllerErrorErrorCode"
        );
        assert_eq!(type_name("—"), None);
        assert_eq!(error_variant_name("!!"), None);
    }

    #[test]
    fn names_colliding_after_case_conversion_stay_distinct() {
        let mut names = NameSet::default();
        let codes = ["ACCESS_DENIED", "Access denied", "accessDenied"];
        let claimed: Vec<String> = codes
            .iter()
            .map(|code| names.claim(error_variant_name(code).unwrap()))
            .collect();
        assert_eq!(claimed, ["AccessDenied", "AccessDenied2", "AccessDenied3"]);
        let mut fields = NameSet::default();
        assert_eq!(fields.claim(snake_name("userId").unwrap()), "user_id");
        assert_eq!(fields.claim(snake_name("USER_ID").unwrap()), "user_id2");
    }

    #[test]
    fn request_types_join_every_segment() {
        assert_eq!(request_type_name("crm.deal.add"), "CrmDealAdd");
        assert_eq!(
            request_type_name("crm.deal.userfield.add"),
            "CrmDealUserfieldAdd"
        );
        assert_eq!(request_type_name("..."), "Request");
    }
}
