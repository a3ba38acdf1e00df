//! Checks the generated crate's tests call (`b24_protocol::testing`, re-exported), and
//! [`ManualClock`] for tests of the client's waits.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

pub use b24_protocol::testing::*;

/// A clock that moves only when told or when something sleeps on it: every
/// [`Clock::sleep`](crate::Clock::sleep) returns at once, advances the clock by its
/// duration and is recorded. Waits in tests then cost no wall time and are exact. Meant for
/// sequential use: concurrent sleeps each advance the clock.
#[derive(Debug)]
pub struct ManualClock {
    state: Mutex<ManualState>,
}

#[derive(Debug)]
struct ManualState {
    now: Duration,
    unix_origin: f64,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// Starts at monotonic zero and Unix time 1,700,000,000.
    pub fn new() -> Self {
        Self::at_unix(1_700_000_000.0)
    }

    pub fn at_unix(unix_origin: f64) -> Self {
        Self {
            state: Mutex::new(ManualState {
                now: Duration::ZERO,
                unix_origin,
                sleeps: Vec::new(),
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ManualState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn advance(&self, by: Duration) {
        self.state().now += by;
    }

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }

    /// Monotonic time in seconds, for a fake server that must share this clock.
    pub fn seconds(&self) -> f64 {
        self.state().now.as_secs_f64()
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::Clock for ManualClock {
    fn now(&self) -> Duration {
        self.state().now
    }

    fn unix_now(&self) -> f64 {
        let state = self.state();
        state.unix_origin + state.now.as_secs_f64()
    }

    fn sleep(&self, duration: Duration) -> crate::clock::Sleep {
        let mut state = self.state();
        state.now += duration;
        state.sleeps.push(duration);
        Box::pin(std::future::ready(()))
    }
}
