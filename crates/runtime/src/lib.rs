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
//! Everything that needs no HTTP client (methods, wire codecs, envelopes, typed errors,
//! batch encoding, paging decisions, events, secrets) is the `b24-protocol` crate; every
//! public item of it is re-exported here at the same path (`b24_runtime::Error`,
//! `b24_runtime::wire::Text`, `b24_runtime::events::IncomingEvent`, …).
//!
//! See the crate README for a guided tour.

mod auth;
pub mod batch;
pub mod blocking;
mod builder;
mod client;
mod clock;
mod limits;
mod paging;
mod retry;
pub mod testing;
mod transport;
pub mod v3;

// The protocol crate's modules and items, at the paths they always had here. `batch`,
// `testing` and `v3` add the client's half to the protocol's modules of the same name.
pub use b24_protocol::{Api, Method};
pub use b24_protocol::{
    ApiError, DocumentedError, Error, ErrorCode, FieldDescription, FileData, FileReadError, Meta,
    OAuthError, PortalMoved, Response, Secret, Time, TransportError, TransportKind,
};
pub use b24_protocol::{crm, events, filter, open_enum, placement, wire};

pub use auth::{DEFAULT_OAUTH_SERVER, OAuth, OAuthApp, TokenCallback, TokenPair, Webhook};
pub use builder::{ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT};
pub use client::Client;
pub use clock::{Clock, Sleep, SystemClock};
pub use limits::{RateLimit, RateLimiter};
pub use paging::{List, ListMethod, PAGE_SIZE};
pub use retry::RetryPolicy;
