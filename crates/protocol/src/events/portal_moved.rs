//! Things the client tells the application about as they happen.

use std::sync::Arc;

/// The portal answered from a new address (its owner renamed it): the client re-sent the
/// call there and uses the new address from now on. Store `to` instead of the old address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PortalMoved {
    /// `scheme://host[:port]` the client used.
    pub from: String,
    /// `scheme://host[:port]` the portal now answers at.
    pub to: String,
}

impl PortalMoved {
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
        }
    }
}

/// The callback a client calls when the portal moved.
pub type PortalMovedHook = Arc<dyn Fn(&PortalMoved) + Send + Sync>;
