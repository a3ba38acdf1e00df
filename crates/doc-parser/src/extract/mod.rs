//! From a page's blocks to a [`MethodSpec`]: each part of the schema has its own reader;
//! this module decides which blocks each reader sees.

mod cell;
mod columns;
mod defaults;
mod deprecation;
mod errors;
mod examples;
mod identity;
mod inline;
mod keys;
mod nesting;
mod param_section;
mod params;
mod required;
mod response;
mod scope;
mod sections;
mod types;
mod values;

use b24_spec::{ApiVersion, MethodSpec, Param, SCHEMA_VERSION};

use crate::diagnostics::{Code, Diagnostics};
use crate::page::Node;

use sections::{SectionKind, Sections};

/// What a page turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Extracted {
    Method(Box<MethodSpec>),
    /// Not a method page (an overview, an event, a reference); the reason says why.
    NotMethod(String),
}

pub fn extract(path: &str, nodes: &[Node], diags: &mut Diagnostics) -> Extracted {
    let sections = sections::split(nodes);
    let Some(h1) = sections.h1 else {
        return Extracted::NotMethod("the page has no h1".to_owned());
    };
    let Some(identity) = identity::from_h1(&h1.text) else {
        return Extracted::NotMethod("the h1 names no method".to_owned());
    };
    let access = scope::read(&sections.preamble);
    if access.scopes.is_empty() {
        diags.push(
            path,
            h1.line,
            Code::NoScope,
            "no Scope line: the method's scope is unknown",
        );
    }
    let response_nodes = nodes_of(&sections, SectionKind::Response);
    let error_nodes = nodes_of(&sections, SectionKind::Errors);
    let errors = errors::read(&error_nodes, path, diags);
    let params = read_params(path, &sections, diags);
    Extracted::Method(Box::new(MethodSpec {
        schema_version: SCHEMA_VERSION,
        method: identity.method,
        api_version: if path.ends_with("-rest-v3.md") {
            ApiVersion::RestV3
        } else {
            ApiVersion::Classic
        },
        source: path.to_owned(),
        title: identity.title,
        description: description(&sections.preamble),
        scope: access.scopes,
        who_can_call: access.who_can_call,
        deprecated: deprecation::read(path, nodes),
        params,
        response: response::read(&response_nodes, path, diags),
        errors: errors.errors,
        system_errors: errors.system_errors,
    }))
}

fn nodes_of<'a>(sections: &Sections<'a>, kind: SectionKind) -> Vec<&'a Node> {
    sections
        .sections
        .iter()
        .filter(|section| section.kind() == kind)
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

/// Parameters come from the params sections, or from the preamble on pages without one;
/// [`param_section`] picks the tables and links them.
fn read_params(path: &str, sections: &Sections<'_>, diags: &mut Diagnostics) -> Vec<Param> {
    param_section::read(path, sections, diags)
}
