//! The schema of one event (`ONCRMDEALADD`, `onCrmDealAdd`): what the portal posts to a
//! handler.

use serde::{Deserialize, Serialize};

use crate::{Deprecation, Param};

/// One event. Serialized as one YAML file under `specs/events/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    pub schema_version: u32,
    /// The event name as the page writes it (`ONCRMDEALADD`, `onCrmDealAdd`).
    pub event: String,
    /// Page path relative to the docs root.
    pub source: String,
    /// The h1 without the event name.
    pub title: String,
    pub description: String,
    /// Scopes needed to subscribe; empty if the page gives none.
    pub scope: Vec<String>,
    /// "Кто может подписаться", as written.
    pub who_can_subscribe: Option<String>,
    pub deprecated: Option<Deprecation>,
    /// Fields of the payload the handler receives (`data`, `auth`, …), nested as documented.
    pub payload: Vec<Param>,
}
