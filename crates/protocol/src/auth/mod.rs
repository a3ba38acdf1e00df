//! Credentials as data: the incoming-webhook address and the OAuth token pair. Using them
//! (sending, renewing tokens over HTTP) is the transport's job (`b24-runtime`).

mod tokens;
mod webhook;

pub use tokens::TokenPair;
pub use webhook::{Webhook, check_origin, is_loopback, origin_of, rebase};
