//! Time as the client sees it. Waits (the leaky bucket, backoff, `operating_reset_at`) go
//! through a [`Clock`] so that tests can run them on a manual clock instead of waiting.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A boxed future the clock returns from [`Clock::sleep`].
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The source of time for rate limiting and retries.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Monotonic time since an arbitrary origin.
    fn now(&self) -> Duration;
    /// Wall-clock Unix time in seconds (to compare with `operating_reset_at`).
    fn unix_now(&self) -> f64;
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// Real time: tokio's timer (so `tokio::time::pause` applies) and the system clock.
#[derive(Debug)]
pub struct SystemClock {
    origin: tokio::time::Instant,
}

impl SystemClock {
    pub fn new() -> Self {
        Self {
            origin: tokio::time::Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    fn unix_now(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(duration))
    }
}
