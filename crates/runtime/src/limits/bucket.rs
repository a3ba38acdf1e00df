//! The portal counts requests in a leaky bucket (X requests burst, draining Y per second)
//! and answers `QUERY_LIMIT_EXCEEDED` past it. The client keeps the same bucket itself and
//! waits before sending, so a steady stream of calls never meets the error.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::clock::Clock;

/// The size and drain rate of a portal's request bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Requests that can be made at once (X).
    pub burst: u32,
    /// Requests the bucket drains per second (Y).
    pub per_second: f64,
}

impl RateLimit {
    /// Every plan except Enterprise: 50 burst, 2 per second.
    pub const STANDARD: RateLimit = RateLimit {
        burst: 50,
        per_second: 2.0,
    };
    /// Enterprise plans: 250 burst, 5 per second.
    pub const ENTERPRISE: RateLimit = RateLimit {
        burst: 250,
        per_second: 5.0,
    };

    pub fn new(burst: u32, per_second: f64) -> Self {
        Self { burst, per_second }
    }
}

impl Default for RateLimit {
    fn default() -> Self {
        Self::STANDARD
    }
}

#[derive(Debug)]
struct Level {
    /// Requests in the bucket.
    level: f64,
    /// When `level` was last brought up to date.
    at: Duration,
}

/// A leaky bucket for one portal. Clones share the bucket: give the same limiter to every
/// client of a portal (the portal counts per portal and source IP, not per client).
#[derive(Debug, Clone)]
pub struct RateLimiter {
    limit: Option<RateLimit>,
    state: Arc<Mutex<Level>>,
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit: Some(limit),
            state: Arc::new(Mutex::new(Level {
                level: 0.0,
                at: Duration::ZERO,
            })),
        }
    }

    /// No client-side limiting (the portal still enforces its own).
    pub fn unlimited() -> Self {
        Self {
            limit: None,
            state: Arc::new(Mutex::new(Level {
                level: 0.0,
                at: Duration::ZERO,
            })),
        }
    }

    pub fn limit(&self) -> Option<RateLimit> {
        self.limit
    }

    /// Takes one slot, waiting on `clock` until the bucket has room. Returns the time
    /// waited.
    pub async fn acquire(&self, clock: &dyn Clock) -> Duration {
        let Some(limit) = self.limit else {
            return Duration::ZERO;
        };
        let mut waited = Duration::ZERO;
        loop {
            let wait = {
                let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                let now = clock.now();
                drain(&mut state, now, limit);
                let capacity = f64::from(limit.burst.max(1));
                if state.level + 1.0 <= capacity {
                    state.level += 1.0;
                    return waited;
                }
                let per_second = limit.per_second.max(f64::MIN_POSITIVE);
                Duration::from_secs_f64((state.level + 1.0 - capacity) / per_second)
            };
            tracing::debug!(wait_ms = wait.as_millis() as u64, "rate limiter: waiting");
            clock.sleep(wait).await;
            waited += wait;
        }
    }

    /// The portal said the bucket is full (`QUERY_LIMIT_EXCEEDED`): believe it, so that
    /// every caller sharing the limiter slows down, not just the one that was refused.
    pub fn mark_full(&self, clock: &dyn Clock) {
        let Some(limit) = self.limit else { return };
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        drain(&mut state, clock.now(), limit);
        state.level = state.level.max(f64::from(limit.burst));
    }
}

fn drain(state: &mut Level, now: Duration, limit: RateLimit) {
    let elapsed = now.saturating_sub(state.at).as_secs_f64();
    state.level = (state.level - elapsed * limit.per_second).max(0.0);
    state.at = now;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ManualClock;

    #[tokio::test]
    async fn burst_passes_then_drains_at_the_rate() {
        let clock = ManualClock::new();
        let limiter = RateLimiter::new(RateLimit::STANDARD);
        for _ in 0..50 {
            assert_eq!(limiter.acquire(&clock).await, Duration::ZERO);
        }
        // The 51st waits for half a second (2 per second).
        assert_eq!(limiter.acquire(&clock).await, Duration::from_millis(500));
        // 100 more take 50 seconds of clock time.
        let start = clock.now();
        for _ in 0..100 {
            limiter.acquire(&clock).await;
        }
        let spent = clock.now() - start;
        assert!(
            (spent.as_secs_f64() - 50.0).abs() < 0.01,
            "spent {spent:?} for 100 requests"
        );
    }

    #[tokio::test]
    async fn enterprise_bucket_is_larger() {
        let clock = ManualClock::new();
        let limiter = RateLimiter::new(RateLimit::ENTERPRISE);
        for _ in 0..250 {
            assert_eq!(limiter.acquire(&clock).await, Duration::ZERO);
        }
        assert_eq!(limiter.acquire(&clock).await, Duration::from_millis(200));
    }

    #[tokio::test]
    async fn a_full_report_from_the_portal_makes_everyone_wait() {
        let clock = ManualClock::new();
        let limiter = RateLimiter::new(RateLimit::STANDARD);
        let shared = limiter.clone();
        limiter.mark_full(&clock);
        assert_eq!(shared.acquire(&clock).await, Duration::from_millis(500));
    }

    #[tokio::test]
    async fn unlimited_never_waits() {
        let clock = ManualClock::new();
        let limiter = RateLimiter::unlimited();
        for _ in 0..1000 {
            assert_eq!(limiter.acquire(&clock).await, Duration::ZERO);
        }
    }
}
