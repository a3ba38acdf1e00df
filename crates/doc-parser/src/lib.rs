//! Reads Bitrix24 REST documentation pages into method schemas.
//!
//! The pipeline for one page:
//! 1. `source`: bytes to text (invalid UTF-8 and binary input become diagnostics);
//! 2. `yfm`: YFM constructs (`#|` tables, notes, tabs, cuts, includes, conditionals) and
//!    plain markdown (pulldown-cmark) into a block tree, [`page::Node`];
//! 3. [`extract`]: the page is classified (method, event, data types, or skipped with a
//!    reason) and the block tree read into a [`b24_spec::MethodSpec`], a
//!    [`b24_spec::EventSpec`] or the [`b24_spec::ReferenceType`]s it defines;
//! 4. [`corpus`]: whole folders in parallel, duplicates resolved, a [`Summary`].
//!
//! The Russian (and English) words and phrases the extractors key on are named in one
//! place, [`lexicon`], one module per construct family; the code uses the names.
//!
//! Nothing here panics or hangs on any input (scans are linear; see
//! `tests/robustness.rs`): whatever cannot be understood becomes a [`Diagnostic`] with the
//! file, line, a stable [`Code`] and a reason.

pub mod corpus;
pub mod diagnostics;
pub mod extract;
pub mod includes;
mod letters;
pub mod lexicon;
mod link;
mod markdown;
pub mod page;
mod source;
mod text;
mod yfm;

use b24_spec::{EventSpec, MethodSpec, ReferenceType};

pub use corpus::{Import, ImportError, PageReport, Progress, Summary, import, import_with};
pub use diagnostics::{Code, Diagnostic, Diagnostics, Severity};
pub use extract::Extracted;
pub use includes::{FsIncludes, IncludeLoader, NoIncludes};
pub use link::LinkReport;
/// The YFM tag and fence readers: the generator rewrites YFM left in descriptions with them.
pub use yfm::{Directive, Fence, next_tag};

/// The result of reading one page.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    /// The page path, relative to the docs root.
    pub path: String,
    pub outcome: Outcome,
    /// For a method page: another name the page gives its method when it differs from the
    /// h1's (see [`Extracted::Method`]); the corpus uses it to resolve duplicate h1s.
    pub other_name: Option<String>,
    /// For a method page: the `result` of every success example that reads as JSON (see
    /// [`Extracted::Method`]).
    pub example_results: Vec<serde_json::Value>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a page yielded.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Method(Box<MethodSpec>),
    Event(Box<EventSpec>),
    /// A page documenting several events, one per section.
    Events(Vec<EventSpec>),
    /// A data-types page: the named types it defines.
    Types(Vec<ReferenceType>),
    /// A field page: the field tables it holds, made entities by the corpus pass.
    Fields(Vec<extract::FieldSection>),
    /// Not a method page; the reason says why.
    Skipped(String),
    /// The bytes are not a page (binary data).
    Unreadable,
}

/// Parses one page's bytes. `path` is relative to the docs root and names the page in
/// diagnostics and in the schema's `source`.
pub fn parse_page(path: &str, bytes: &[u8], includes: &dyn IncludeLoader) -> ParsedPage {
    let mut diags = Diagnostics::default();
    let mut other_name = None;
    let mut example_results = Vec::new();
    let outcome = match source::decode(path, bytes, &mut diags) {
        None => Outcome::Unreadable,
        Some(text) => {
            let nodes = parse_blocks(path, &text, includes, &mut diags);
            match extract::extract(path, &nodes, &mut diags) {
                Extracted::Method {
                    spec,
                    other_name: other,
                    example_results: results,
                } => {
                    other_name = other;
                    example_results = results;
                    Outcome::Method(spec)
                }
                Extracted::Event(event) => Outcome::Event(event),
                Extracted::Events(events) => Outcome::Events(events),
                Extracted::Types(types) => Outcome::Types(types),
                Extracted::Fields(sections) => Outcome::Fields(sections),
                Extracted::NotMethod(reason) => Outcome::Skipped(reason),
            }
        }
    };
    ParsedPage {
        path: path.to_owned(),
        outcome,
        other_name,
        example_results,
        diagnostics: diags.into_vec(),
    }
}

/// The block tree of a page's text, for tools and tests that look below the schema.
pub fn parse_blocks(
    path: &str,
    text: &str,
    includes: &dyn IncludeLoader,
    diags: &mut Diagnostics,
) -> Vec<page::Node> {
    let mut ctx = yfm::Context { includes, diags };
    yfm::parse_page(path, text, &mut ctx)
}
