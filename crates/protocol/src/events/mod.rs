//! Events: what the portal posts to an application's handlers, and what the client tells
//! the application about as it happens.
//!
//! - [`IncomingEvent`]: an event POST (`event.bind` handlers, form-encoded or JSON), with
//!   its name, portal and a constant-time check of its `application_token`. The generated
//!   `b24_api::events::Event` decodes it into the typed payload of each documented event.
//! - [`PortalMoved`]: the portal answered from a new address.

mod error;
mod incoming;
mod portal_moved;
mod redact;

pub use crate::form::{FormError, MAX_DEPTH};
pub use error::{DecodeError, EventError};
pub use incoming::IncomingEvent;
pub use portal_moved::PortalMoved;
pub use portal_moved::PortalMovedHook;
pub(crate) use redact::redacted;
pub use redact::{Redacted, RedactedValue};
