//! From a page's blocks to a schema: the page is classified (`classify`), then each part
//! of the schema has its own reader; this module decides which blocks each reader sees.

mod api_version;
mod cell;
mod classify;
mod columns;
mod defaults;
mod deprecation;
mod errors;
mod event;
mod event_family;
mod examples;
mod field_page;
mod fields;
mod identity;
mod inline;
mod keys;
pub mod lenient_json;
mod nesting;
mod param_section;
mod params;
pub mod reference_types;
mod required;
mod response;
mod result_variants;
mod scope;
mod sections;
mod shape;
mod types;
mod values;

use crate::letters::has_folded;
use crate::lexicon::sections as lx;
use crate::text::Search as _;
use b24_spec::{EventSpec, MethodSpec, ReferenceType, SCHEMA_VERSION};
use std::cell::LazyCell;

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Include, Node, any};

pub use field_page::{FieldSection, is_object_name, mark_read_only};
pub(crate) use response::shown_field;

use classify::PageKind;
use scope::Access;
use sections::{SectionKind, Sections};

/// What a page turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Extracted {
    Method {
        spec: Box<MethodSpec>,
        /// Another name the page gives its method (the "Метод `x`" sentence, or the one
        /// method its examples call) when it differs from the h1's: used to resolve a
        /// duplicate h1 (a copy-paste bug).
        other_name: Option<String>,
        /// The `result` of every success example that reads as JSON, in the page's order:
        /// read here once, for the link pass.
        example_results: Vec<serde_json::Value>,
    },
    Event(Box<EventSpec>),
    /// A page documenting several events, one per section (the `ONIMBOTV2*` family).
    Events(Vec<EventSpec>),
    /// A data-types page: the named types it defines.
    Types(Vec<ReferenceType>),
    /// A page describing an object's fields: its field tables, for the corpus pass.
    Fields(Vec<FieldSection>),
    /// Not a method or event page (an overview, a reference); the reason says why.
    NotMethod(String),
}

pub fn extract(path: &str, nodes: &[Node], diags: &mut Diagnostics) -> Extracted {
    if reference_types::is_data_types_page(path) {
        return Extracted::Types(reference_types::read(path, nodes, diags));
    }
    let sections = sections::split(nodes);
    // Read when first needed: most pages that are no method need no Scope line to say so.
    let access = LazyCell::new(|| scope::read(&sections.preamble));
    let identity = match classify::classify(path, &sections, || !access.scopes.is_empty()) {
        PageKind::Method(identity) => identity,
        PageKind::Event(identity) => {
            let access = Access::clone(&access);
            let event = event::read(path, identity, nodes, &sections, access, diags);
            return Extracted::Event(Box::new(event));
        }
        PageKind::EventFamily => {
            let title = sections.h1.map_or("", |h| h.text.as_str());
            let events = event_family::read(path, title, nodes, &sections, &access, diags);
            return Extracted::Events(events);
        }
        PageKind::Skip(skip) => {
            if let Some(method) = skip.doubtful {
                diags.push(
                    path,
                    sections.h1.map_or(0, |h| h.line),
                    Code::NotAMethodPage,
                    format!("the h1 names `{method}`, but without a Scope line or method sections the page is not read as a method"),
                );
            }
            if let Some(h1) = sections.h1
                && (field_page::is_field_page(path, &h1.text)
                    || field_page::has_field_section(nodes)
                    || field_page::has_object_sections(nodes))
            {
                let read = field_page::read(path, nodes, diags);
                if !read.is_empty() {
                    return Extracted::Fields(read);
                }
            }
            return Extracted::NotMethod(skip.reason);
        }
    };
    let h1_line = sections.h1.map_or(1, |h| h.line);
    if access.scopes.is_empty() {
        diags.push(
            path,
            h1_line,
            Code::NoScope,
            "no Scope line: the method's scope is unknown",
        );
    }
    let other_name = other_name(&identity.method, &sections, nodes, path, diags);
    let response_nodes = nodes_of(&sections, SectionKind::Response);
    let error_nodes = nodes_of(&sections, SectionKind::Errors);
    let errors = errors::read(&error_nodes, path, diags);
    let params = param_section::read(path, &sections, diags);
    let (response, example_results) = response::read(&response_nodes, path, diags);
    let spec = MethodSpec {
        schema_version: SCHEMA_VERSION,
        method: identity.method,
        api_version: api_version::read(path, nodes, diags),
        source: path.to_owned(),
        title: identity.title,
        description: description(&sections.preamble),
        scope: access.scopes.clone(),
        who_can_call: access.who_can_call.clone(),
        deprecated: deprecation::read(path, nodes, &sections.preamble),
        params,
        response,
        errors: errors.errors,
        system_errors: errors.system_errors,
    };
    // Only a method without parameters is checked for a sentence saying it takes none.
    let unexplained = spec.params.is_empty() && !says_no_params(&sections);
    let empty_response = spec.response.result == b24_spec::TypeExpr::Any
        && spec.response.examples.is_empty()
        && spec.response.fields.is_empty();
    if unexplained && empty_response && spec.errors.is_empty() {
        diags.push(
            path,
            h1_line,
            Code::MethodSchemaThin,
            "no parameter, response or error could be read: the schema holds only the identity and scope",
        );
    } else if unexplained && sections.of_kind(SectionKind::Params).next().is_some() {
        diags.push(
            path,
            h1_line,
            Code::ParamsNotFound,
            "the page has a parameters section but no parameter table was read",
        );
    }
    Extracted::Method {
        spec: Box::new(spec),
        other_name,
        example_results,
    }
}

/// Compares the h1's method with the body sentence ("Метод `x`") and with what the code
/// examples call; a disagreement is reported and the other name returned.
fn other_name(
    method: &str,
    sections: &Sections<'_>,
    nodes: &[Node],
    path: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    if let Some((named, line)) = identity::named_in_body(&sections.preamble)
        && !named.eq_ignore_ascii_case(method)
    {
        diags.push(
            path,
            line,
            Code::MethodNameMismatch,
            format!(
                "the h1 names `{method}` but the text says \"{} `{named}`\"",
                crate::lexicon::identity::METHOD_WORD
            ),
        );
        return Some(named);
    }
    // Most examples call the h1's method: only look closer when none mentions it.
    if identity::examples_mention(nodes, method) {
        return None;
    }
    let called = identity::called_in_examples(nodes);
    if let [only] = called.as_slice()
        && !only.eq_ignore_ascii_case(method)
    {
        diags.push(
            path,
            sections.h1.map_or(0, |h| h.line),
            Code::MethodNameMismatch,
            format!("the h1 names `{method}` but the examples call `{only}`"),
        );
        return Some(only.clone());
    }
    None
}

/// "Без параметров", "Метод не принимает параметров".
fn says_no_params(sections: &Sections<'_>) -> bool {
    let mut scan = sections.preamble.iter().copied().chain(
        sections
            .of_kind(SectionKind::Params)
            .flat_map(|s| s.nodes.iter().copied()),
    );
    scan.any(|node| {
        any(std::slice::from_ref(node), &mut |inner| {
            // Every phrase holds "араметр": only such paragraphs are searched for them.
            matches!(inner, Node::Paragraph(text) if text.plain.has(lx::NO_PARAMS_FRAGMENT)
                && lx::NO_PARAMS.iter().any(|p| has_folded(&text.plain, p)))
        })
    })
}

/// Whether `include` pulls in a shared file whose name starts with `prefix`
/// (`system-errors`, `required`), from whatever folder.
fn includes_file(include: &Include, prefix: &str) -> bool {
    include
        .target
        .rsplit('/')
        .next()
        .is_some_and(|file| file.starts_with(prefix))
}

fn nodes_of<'a>(sections: &Sections<'a>, kind: SectionKind) -> Vec<&'a Node> {
    sections
        .of_kind(kind)
        .flat_map(|section| section.nodes.iter().copied())
        .collect()
}

/// The paragraphs that introduce the method: those before the first table or list of the
/// preamble, outside quotes and notes.
fn description(preamble: &[&Node]) -> String {
    let mut parts = Vec::new();
    for node in preamble {
        match node {
            Node::Paragraph(text) => parts.push(text.raw.as_str()),
            Node::Table(_) | Node::List(_) | Node::Tabs(_) => break,
            _ => {}
        }
    }
    parts.join("\n\n")
}
