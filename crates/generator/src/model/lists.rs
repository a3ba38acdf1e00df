//! Paged methods and field catalogues as values: `b24_protocol::ListMethod` of a request
//! type and the field enum of an entity (`LeadField`).

use crate::types::Ty;

/// `impl b24_protocol::ListMethod for {request}`: how `Client::stream` pages the method.
#[derive(Debug)]
pub struct ListDef {
    /// The request type.
    pub request: String,
    /// The method is deprecated (its impls allow the warning).
    pub deprecated: bool,
    /// `ListMethod::Item`, as the method's output holds it.
    pub item: Ty,
    /// `ITEMS_KEY`: the key of the list in an object result (`{tasks: [...]}`).
    pub items_key: Option<String>,
    /// `ID_FIELD` (`ID`, the runtime's default, is not written).
    pub id_field: String,
    /// The field names `select`, `filter` and `order` are checked against.
    pub fields: ListFields,
    /// REST 3.0: the paging scheme its page documents; `None` for `start`/`next`.
    pub v3_paging: Option<V3Paging>,
}

/// Where a list's field names come from.
#[derive(Debug, PartialEq, Eq)]
pub enum ListFields {
    /// None documented: nothing is checked.
    Unchecked,
    /// The entity's field enum (`LeadField`): its `NAMES` and `PATTERNS`.
    Enum(String),
    /// The item's documented fields (REST 3.0).
    Names(Vec<String>),
}

/// The REST 3.0 paging schemes (`b24_protocol::v3::Paging`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum V3Paging {
    /// `cursor` (`main.eventlog.tail`).
    Tail,
    /// `pagination.afterCursor`; the reply key that holds the next cursor.
    AfterCursor(String),
    /// `pagination.limit` alone: the first page only.
    FirstPage,
    /// `pagination` with `page` and `limit`.
    Pages,
}

/// `enum {name}`: one variant per field a `….fields` page (or an entity) documents.
#[derive(Debug)]
pub struct FieldEnumDef {
    /// The enum's name, reserved in the module (`LeadField`).
    pub name: String,
    /// The `….fields` method the fields are catalogued by, for the docs.
    pub method: String,
    /// Its page.
    pub source: String,
    /// In documentation order, each name unique.
    pub variants: Vec<FieldVariant>,
    /// Families documented as a pattern (`PARENT_ID_*`).
    pub patterns: Vec<String>,
}

#[derive(Debug)]
pub struct FieldVariant {
    pub name: String,
    pub wire: String,
    pub doc: String,
}
