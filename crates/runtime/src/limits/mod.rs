//! Client-side limits: the per-portal leaky bucket and the per-method execution-time budget.

mod bucket;
mod operating;

pub use bucket::{RateLimit, RateLimiter};
pub(crate) use operating::OperatingBudget;
