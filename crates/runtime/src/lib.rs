//! The runtime the generated Bitrix24 bindings call.
//!
//! A generated request type implements [`Method`]; [`Client::send`] serializes it as the JSON
//! body of `POST {base}{method}` and decodes `result` into the method's output type, or the
//! `error` envelope into a typed [`Error`].

mod client;
mod envelope;
mod error;
mod method;
pub mod testing;
mod webhook;

pub use client::Client;
pub use error::{ApiError, Error};
pub use method::{Api, Method};
pub use webhook::Webhook;
