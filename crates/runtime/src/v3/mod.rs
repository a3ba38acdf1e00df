//! REST 3.0 (`/rest/api/…`, `api-reference/rest-v3.md`): the parts that differ from the
//! classic API. Generated methods with `API = Api::RestV3` already go to the v3 endpoints
//! through [`Client::send`](crate::Client::send); this module adds what only v3 has:
//!
//! - the result shapes [`Item`], [`Items`], [`Outcome`] (generated `Output` types use them);
//! - the error details: [`Validation`] entries on [`ApiError`](crate::ApiError) and the
//!   documented codes as [`V3Code`] / [`code`] constants;
//! - [`IdempotencyKey`] and [`Client::send_idempotent`](crate::Client::send_idempotent):
//!   writes that survive a lost reply, with [`Meta::replayed`](crate::Meta::replayed);
//! - the same calls on [`blocking::Client`](crate::blocking::Client) (`list_v3` and
//!   `stream` as iterators, `send_v3_batch`, `send_idempotent`);
//! - the JSON-array [`Batch`] ([`Client::send_v3_batch`](crate::Client::send_v3_batch));
//! - the query language: [`Filter`], [`Select`], [`Order`], and the documented [`Fields`]
//!   every typed request's `select`, `filter` and `order` are checked against;
//! - paging in each list's documented scheme ([`Paging`]): [`Pages`]
//!   ([`Client::list_v3`](crate::Client::list_v3), [`Client::stream`](crate::Client::stream)).
//!
//! Everything but the calls is `b24_protocol::v3`, re-exported here.

mod blocking;
mod call;
mod pages;

pub use b24_protocol::v3::*;
pub use pages::Pages;
pub(crate) use pages::stream;
