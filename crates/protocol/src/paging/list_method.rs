//! What a list method tells the runtime so that it can be read page by page.

use serde::de::DeserializeOwned;

use super::PAGE_SIZE;
use crate::Method;

/// A list method: one whose page documents `start`/`next`/`total` paging (`crm.lead.list`,
/// `crm.item.list`, `tasks.task.list`, `user.get`, …). Implemented by the generated request
/// types, read by `Client::stream` and
/// `Client::stream_by_id`.
///
/// The request itself (its `select`, `filter`, `order` and other parameters) is serialized
/// as for `Client::send`; the constants say how to find the items in
/// a page and how to walk by ID.
pub trait ListMethod: Method {
    /// One item of the list: the element type of the method's output (`Vec<Item>`), or of
    /// the array under [`ITEMS_KEY`](Self::ITEMS_KEY).
    type Item: DeserializeOwned + Send + 'static;

    /// The key the items sit under when `result` is an object: `items` for `crm.item.list`,
    /// `tasks` for `tasks.task.list`; `None` when `result` is the array itself.
    const ITEMS_KEY: Option<&'static str> = None;

    /// The ID field the by-ID walk orders and filters by: `ID` (classic methods) or `id`
    /// (`crm.item.list`, `tasks.task.list`).
    const ID_FIELD: &'static str = "ID";

    /// The entity's documented field names, when the docs list them: `select`, `filter` and
    /// `order` keys are checked against them (plus user fields, see
    /// [`USER_FIELDS`](Self::USER_FIELDS)) before anything is sent. `None`: no check.
    const FIELDS: Option<&'static [&'static str]> = None;

    /// The prefix of portal-defined custom fields, which no documentation can list
    /// (`UF_` for classic CRM entities, `ufCrm` for `crm.item.list`).
    const USER_FIELDS: Option<&'static str> = Some("UF_");

    /// Families of field names the documentation gives as a pattern rather than one by
    /// one (`PARENT_ID_*` of deals, `property*` of catalog products): accepted besides
    /// [`FIELDS`](Self::FIELDS). One `*` stands for any text.
    const FIELD_PATTERNS: &'static [&'static str] = &[];

    /// Items in a full page.
    const PAGE_SIZE: usize = PAGE_SIZE;

    /// REST 3.0 lists only: the paging scheme the method's page documents
    /// (`pagination: {page, limit}` unless the generator read another).
    const V3_PAGING: crate::v3::Paging = crate::v3::Paging::Pages;
}
