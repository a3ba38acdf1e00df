//! The runtime the generated Bitrix24 bindings call, usable on its own as a REST client.
//!
//! A generated request type implements [`Method`]; [`Client::send`] serializes it as the
//! JSON body of `POST {portal}/rest/…/{method}` and decodes `result` into the method's
//! output type, or the `error` envelope into a typed [`Error`]. Around that one call:
//!
//! - **auth** ([`Webhook`], [`OAuth`]): an incoming webhook (code in the path), or an OAuth
//!   application whose token goes in `auth` and is renewed once on `expired_token`, one
//!   renewal shared by concurrent callers, the new pair handed to a callback;
//! - **transport**: reqwest with rustls, JSON with `Accept`/`Content-Type`/`User-Agent`,
//!   a configurable timeout; a portal that moved (302 to a new domain) gets the POST again
//!   at its new address and the application is told ([`PortalMoved`]);
//! - **limits and retries** ([`RateLimit`], [`RetryPolicy`]): a client-side leaky bucket
//!   per portal, backoff with jitter on `QUERY_LIMIT_EXCEEDED`/`OVERLOAD_LIMIT`/503, a wait
//!   for `operating_reset_at` on `OPERATION_TIME_LIMIT`; a call the portal may have executed
//!   is never repeated;
//! - **metadata** ([`Client::send_with_meta`]): the `time` block, `total` and `next`;
//! - **batch** ([`batch::Batch`]): named commands, `halt`, `$result` references, split at 50;
//! - **paging** ([`List`]): [`Client::list`] over `start`/`next` and [`Client::list_by_id`],
//!   the fast mode that reads 2,500 items per request;
//! - **secrets** ([`Secret`]): webhook codes, tokens and client secrets never appear in
//!   `Debug`, `Display`, errors or tracing;
//! - **typed lists** ([`ListMethod`]): [`Client::stream`] and [`Client::stream_by_id`] over a
//!   generated list request, checked before sending, with [`filter::Filter`] and
//!   [`filter::Order`] for its parameters and the CRM constants in [`crm`];
//! - **incoming calls** ([`events::IncomingEvent`], [`placement::Placement`]): the POSTs
//!   the portal sends to event and widget handlers, parsed and verified;
//! - **files** ([`FileData`]): the documented `[name, base64]` upload form;
//! - [`blocking::Client`] for scripts.
//!
//! See the crate README for a guided tour.

mod auth;
pub mod batch;
pub mod blocking;
mod builder;
mod client;
mod clock;
pub mod crm;
mod documented;
mod envelope;
mod error;
pub mod events;
mod field_description;
mod file_data;
pub mod filter;
mod form;
mod limits;
mod meta;
mod method;
mod ordered;
mod paging;
pub mod placement;
mod retry;
mod secret;
pub mod testing;
mod transport;
pub mod v3;
pub mod wire;

pub use auth::{DEFAULT_OAUTH_SERVER, OAuth, OAuthApp, TokenCallback, TokenPair, Webhook};
pub use builder::{ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT};
pub use client::Client;
pub use clock::{Clock, Sleep, SystemClock};
pub use documented::DocumentedError;
pub use error::{ApiError, Error, ErrorCode, OAuthError, TransportKind};
pub use events::PortalMoved;
pub use field_description::FieldDescription;
pub use file_data::{FileData, FileReadError};
pub use limits::{RateLimit, RateLimiter};
pub use meta::{Meta, Response, Time};
pub use method::{Api, Method};
pub use paging::{List, ListMethod, PAGE_SIZE};
pub use retry::RetryPolicy;
pub use secret::Secret;
