//! The Bitrix24 REST protocol with no HTTP client: what a call is, how it is encoded and how
//! a reply is read, for any transport (`b24-runtime`'s reqwest client, a browser `fetch` on
//! `wasm32-unknown-unknown`, a test double).
//!
//! - **methods** ([`Method`], [`ListMethod`], [`Api`]): what the generated request types
//!   implement: name, endpoint family, output type, documented fields;
//! - **wire codecs** ([`wire`]): how Bitrix24 spells values (`Y`/`N`, numbers as strings,
//!   dates, `[name, base64]` files, maps keyed by id) and the open enums;
//! - **replies** ([`envelope`], [`Error`], [`ApiError`], [`ErrorCode`]): the `result`/`error`
//!   envelope decoded into a typed result or a typed error, with the `time` block
//!   ([`Meta`], [`Time`]);
//! - **batch** ([`batch::Batch`], [`v3::Batch`]): commands encoded as the portal reads them
//!   and replies mapped back to their names;
//! - **paging logic** ([`List`], [`paging`], [`v3::Paging`]): the next request of a list
//!   walk (`start`/`next`, the by-ID walk, the REST 3.0 schemes) and when it ends; sending
//!   the requests is the transport's loop;
//! - **query languages** ([`filter`], [`v3::Filter`]) checked against documented fields;
//! - **incoming calls** ([`events::IncomingEvent`], [`placement::Placement`]);
//! - **credentials as data** ([`Webhook`], [`TokenPair`]) and [`Secret`];
//! - [`testing`]: the checks the generated crate's tests call.
//!
//! `b24-runtime` re-exports every public item here at the same path (`b24_runtime::Error`,
//! `b24_runtime::wire::Text`, …).

pub mod auth;
pub mod batch;
pub mod crm;
mod documented;
pub mod envelope;
mod error;
pub mod events;
mod field_description;
mod file_data;
pub mod filter;
mod form;
mod meta;
pub mod method;
pub mod ordered;
pub mod paging;
pub mod placement;
mod secret;
pub mod testing;
pub mod v3;
pub mod wire;

pub use auth::{TokenPair, Webhook};
pub use documented::DocumentedError;
pub use error::{ApiError, Error, ErrorCode, OAuthError, TransportError, TransportKind};
pub use events::PortalMoved;
pub use field_description::FieldDescription;
pub use file_data::{FileData, FileReadError};
pub use meta::{Meta, Response, Time};
pub use method::{Api, Method};
pub use paging::{List, ListMethod, PAGE_SIZE};
pub use secret::Secret;
