//! REST 3.0 (`/rest/api/…`, `api-reference/rest-v3.md`): the parts that differ from the
//! classic API, without a transport (`b24-runtime`'s `b24_runtime::v3` adds the calls):
//!
//! - the result shapes [`Item`], [`Items`], [`Outcome`] (generated `Output` types use them);
//! - the error details: [`Validation`] entries on [`ApiError`](crate::ApiError) and the
//!   documented codes as [`V3Code`] / [`code`] constants;
//! - [`IdempotencyKey`]: writes that survive a lost reply, with
//!   [`Meta::replayed`](crate::Meta::replayed);
//! - the JSON-array [`Batch`]: its body and the reading of its reply;
//! - the query language: [`Filter`], [`Select`], [`Order`], and the documented [`Fields`]
//!   every typed request's `select`, `filter` and `order` are checked against;
//! - paging in each list's documented scheme ([`Paging`]): [`PageWalk`], the request of
//!   each page and where the next one starts.

mod batch;
mod codes;
mod envelope;
pub(crate) mod error;
pub(crate) mod fields;
mod filter;
mod idempotency;
mod paging;

pub use batch::{Batch, BatchReply, MAX_CALLS, Slot};
pub use codes::{PREFIX, V3Code, code};
pub use envelope::{Item, Items, Outcome};
pub use error::Validation;
pub use fields::{Field, Fields, Relation};
pub use filter::{Direction, Filter, Logic, Op, Order, Select};
pub use idempotency::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED, IdempotencyKey, MAX_KEY_LEN};
pub use paging::{DEFAULT_LIMIT, PageWalk, Paging};
