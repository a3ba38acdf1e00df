//! Methods and event payloads as values: the request type of a method (its parameters'
//! struct and what `b24_protocol::Method` says about it) and the payload struct of an
//! event, each under the name the module reserved for it.

use super::lists::ListDef;
use super::structs::StructDef;
use crate::types::Ty;

/// A method of the module: its request struct and its `b24_protocol::Method` impl.
#[derive(Debug)]
pub struct MethodDef {
    /// The request type's name: unique in its module (the layout hands it out, in
    /// method-name order) and reserved in the module's model.
    pub request: String,
    /// The method's name on the wire (`crm.deal.add`), `Method::NAME`.
    pub wire: String,
    /// A REST 3.0 method (`Method::API`).
    pub rest_v3: bool,
    /// The request type's docs (summary, page link, example).
    pub doc: String,
    /// `#[deprecated(note = …)]` on the request type and its impls.
    pub deprecated: Option<String>,
    /// The request struct: the method's parameters.
    pub body: StructDef,
    /// `Method::Output`: the type the response emitter resolved the result to.
    pub output: Output,
    /// `Method::REQUIRED_FIELDS`: per parameter typed as a shared entity, the fields this
    /// method requires of it.
    pub required_fields: Vec<(String, Vec<String>)>,
    /// `Method::V3_FIELDS`: the field tree a REST 3.0 query is checked against.
    pub v3_fields: Option<QueryFields>,
    /// `start`/`next` paging (REST 3.0 lists are items of their own: their impl comes
    /// before the request type, where their item type was resolved).
    pub list: Option<ListDef>,
    /// The error codes the page documents.
    pub errors: Option<ErrorsDef>,
    /// The documentation page (`{request}::DOCS_PAGE`).
    pub source: String,
}

/// The error codes a method's page documents: `enum {name}`, read from a failed call by
/// the request type's `error` function.
#[derive(Debug)]
pub struct ErrorsDef {
    /// `{Request}Error`, or `{Request}ErrorCode` where that is taken; reserved.
    pub name: String,
    /// The method's wire name, for the docs.
    pub method: String,
    /// One per distinct code, in the page's order, each with a distinct variant.
    pub codes: Vec<ErrorCode>,
}

#[derive(Debug)]
pub struct ErrorCode {
    pub variant: String,
    pub code: String,
    pub doc: String,
    /// The HTTP status every row of the code agrees on.
    pub status: Option<u16>,
}

/// An event of the module: the payload struct a handler receives and the event's name.
#[derive(Debug)]
pub struct EventDef {
    /// The payload type's name, reserved in the module's model.
    pub name: String,
    /// The event's name as documented (`onCrmDealAdd`), `{name}::EVENT`.
    pub event: String,
    pub doc: String,
    /// The documentation marks the event as outdated.
    pub deprecated: bool,
    /// The payload: a record struct (every field optional, unknown keys in `extra`).
    pub body: StructDef,
}

/// The field tree of `Method::V3_FIELDS`: one `v3::Fields` table per entity or nested
/// object a query path may enter. Each is a static in the constant's own block (so methods
/// sharing a module never clash), named `F{id}`; table 0 is the root. Relations name a
/// table by id, so a relation back to an entity (a task's `parent` is a task) reuses it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryFields {
    /// In definition order: a table comes after every table it relates to, except those
    /// that relate back to a table still being defined.
    pub tables: Vec<FieldTable>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldTable {
    pub id: usize,
    /// The entity's name or the path of the nested object, for error messages.
    pub label: String,
    pub fields: Vec<QueryField>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryField {
    pub name: String,
    pub path: FieldPath,
}

/// What a query path may continue into after a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldPath {
    /// Nothing: the field is a value.
    Value,
    /// Anything: an object no page details.
    Open,
    /// The fields of table `id`.
    Relation(usize),
}

/// `Method::Output`.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// The result as a type: a record of the module, an entity, a scalar, a list or map
    /// of those, or JSON.
    Ty(Ty),
    /// A result an example shows as `null` (`Option<T>`).
    Nullable(Ty),
    /// The `*.fields` methods: a description per field
    /// (`BTreeMap<String, b24_protocol::FieldDescription>`).
    FieldDescriptions,
    /// REST 3.0's envelope around the type (`v3::Outcome<T>`, `v3::Item<T>`,
    /// `v3::Items<T>`).
    V3(Envelope, Ty),
}

/// The REST 3.0 wrapper keys of `result`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    Outcome,
    Item,
    Items,
}
