//! The phrase lexicon: every Russian (and English) word or phrase the parser keys on, in one
//! place, one module per construct family (see `FORMATS.md` of the shared docs for the
//! constructs). Each phrase is a named `pub const` with a comment naming the construct it
//! recognises; the extractors use the names, never the literals (a test fails on a Cyrillic
//! string literal elsewhere in `src/`).
//!
//! The values are what the code compares against, so their form matters: most are
//! lowercase (the code lowercases the text first, or matches case-insensitively through
//! `letters`), some are word stems ("значени") or fragments of a word ("бяз") picked so
//! one cheap search covers every form of the word. Changing one changes what the parser
//! reads: the corpus test `tests/lexicon_pages.rs` shows how many pages each entry occurs
//! on, and the specs must stay the same.
//!
//! Matching stays where it was (`letters`, `text` and each extractor's word splitting):
//! this module only names the phrases.

/// Declares the phrases of one family: each `NAME = "phrase";` or `NAME = ["a", "b"];`
/// becomes a `pub const` (`&str` or `&[&str]`) with its doc comment, and the family's
/// `ENTRIES` lists them all for the corpus test.
macro_rules! phrases {
    (@type [$($p:literal),* $(,)?]) => { &'static [&'static str] };
    (@type $p:literal) => { &'static str };
    (@value [$($p:literal),* $(,)?]) => { &[$($p),*] };
    (@value $p:literal) => { $p };
    (@list [$($p:literal),* $(,)?]) => { &[$($p),*] };
    (@list $p:literal) => { &[$p] };
    ($( $(#[$meta:meta])* $name:ident = $value:tt; )*) => {
        $( $(#[$meta])* pub const $name: phrases!(@type $value) = phrases!(@value $value); )*

        /// Every phrase of this family, by name.
        pub const ENTRIES: &[crate::lexicon::Entry] = &[
            $( crate::lexicon::Entry { name: stringify!($name), phrases: phrases!(@list $value) }, )*
        ];
    };
}

pub mod columns;
pub mod defaults;
pub mod deprecation;
pub mod identity;
pub mod keys;
pub mod required;
pub mod response;
pub mod scope;
pub mod sections;
pub mod shapes;
pub mod values;

/// One named entry of the lexicon: a phrase or a list of alternatives for one construct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The const's name (`REQUIRED_STEM`).
    pub name: &'static str,
    /// Its phrase, or its alternatives.
    pub phrases: &'static [&'static str],
}

/// Every family of the lexicon with its entries, in module order.
pub const FAMILIES: &[(&str, &[Entry])] = &[
    ("columns", columns::ENTRIES),
    ("defaults", defaults::ENTRIES),
    ("deprecation", deprecation::ENTRIES),
    ("identity", identity::ENTRIES),
    ("keys", keys::ENTRIES),
    ("required", required::ENTRIES),
    ("response", response::ENTRIES),
    ("scope", scope::ENTRIES),
    ("sections", sections::ENTRIES),
    ("shapes", shapes::ENTRIES),
    ("values", values::ENTRIES),
];
