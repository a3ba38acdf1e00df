//! When to try a call again. Only replies that prove the portal did not run the method are
//! retried: `QUERY_LIMIT_EXCEEDED`, `OVERLOAD_LIMIT`, HTTP 503 and `OPERATION_TIME_LIMIT`.
//! A timeout or a broken connection after the request went out is never retried: the
//! portal may have executed it, and a doubled `crm.deal.add` is as bad as a lost one.

use std::time::Duration;

use crate::{Error, ErrorCode};

/// Retry settings. The defaults suit a background job; interactive code may want fewer
/// attempts.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all for limit errors and 503, the first included. 1 disables retries.
    pub max_attempts: u32,
    /// The first backoff; each further one doubles, up to `max_delay`.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// Spread each backoff randomly over [½·d, d] so that clients that were refused
    /// together do not come back together.
    pub jitter: bool,
    /// How many times to wait for `operating_reset_at` after `OPERATION_TIME_LIMIT` before
    /// giving up; 0 returns the error at once.
    pub operation_limit_waits: u32,
    /// The wait when no `operating_reset_at` is known.
    pub operation_limit_default_wait: Duration,
    /// Longer waits are cut to this (the portal's window is 10 minutes).
    pub operation_limit_max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            jitter: true,
            operation_limit_waits: 1,
            operation_limit_default_wait: Duration::from_secs(60),
            operation_limit_max_wait: Duration::from_secs(600),
        }
    }
}

impl RetryPolicy {
    /// No retries and no waits: every error is returned as it comes.
    pub fn never() -> Self {
        Self {
            max_attempts: 1,
            operation_limit_waits: 0,
            ..Self::default()
        }
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(20);
        let full = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        if self.jitter {
            full.mul_f64(0.5 + 0.5 * fastrand::f64())
        } else {
            full
        }
    }
}

/// What the client does with a failed attempt.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// The portal is overloaded or the bucket is full: back off and retry.
    Overloaded,
    /// The method's execution-time budget is spent: wait for `operating_reset_at`.
    OperationLimit,
    /// The OAuth access token expired: refresh and retry once.
    ExpiredToken,
    /// Anything else: return it.
    Final,
}

pub(crate) fn classify(error: &Error) -> Failure {
    match error {
        Error::Api(api) => match api.kind() {
            ErrorCode::QueryLimitExceeded | ErrorCode::OverloadLimit => Failure::Overloaded,
            ErrorCode::OperationTimeLimit => Failure::OperationLimit,
            ErrorCode::ExpiredToken => Failure::ExpiredToken,
            _ if api.http_status == 503 => Failure::Overloaded,
            _ => Failure::Final,
        },
        // A 503 page from a proxy in front of the portal: the request was not processed.
        Error::NotJson { status: 503, .. } => Failure::Overloaded,
        _ => Failure::Final,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy {
            jitter: false,
            ..RetryPolicy::default()
        };
        assert_eq!(policy.backoff(1), Duration::from_millis(500));
        assert_eq!(policy.backoff(2), Duration::from_secs(1));
        assert_eq!(policy.backoff(3), Duration::from_secs(2));
        assert_eq!(policy.backoff(30), Duration::from_secs(30));
    }

    #[test]
    fn jitter_stays_within_half_and_full() {
        let policy = RetryPolicy::default();
        for attempt in 1..6 {
            let full = RetryPolicy {
                jitter: false,
                ..policy.clone()
            }
            .backoff(attempt);
            for _ in 0..50 {
                let d = policy.backoff(attempt);
                assert!(d >= full / 2 && d <= full, "{d:?} vs {full:?}");
            }
        }
    }
}
