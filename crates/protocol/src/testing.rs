//! Checks the generated crate's tests call; public so that users can run them on their
//! own open enums too.

use std::fmt::{Debug, Display};
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A value no documentation lists, for round-trip checks.
pub const UNLISTED_VALUE: &str = "b24-codegen: a value the docs do not list";

/// Asserts that a documented-error enum maps every documented code to a documented variant
/// of its own that gives the code back, and keeps an undocumented code in its fallback.
///
/// # Panics
/// When any of those properties fails; that is the point.
pub fn check_documented_error<E>()
where
    E: crate::DocumentedError + PartialEq + Debug,
{
    let variants: Vec<E> = E::CODES.iter().map(|code| E::from_code(code)).collect();
    for (code, variant) in E::CODES.iter().zip(&variants) {
        assert!(variant.is_documented(), "documented `{code}` fell back");
        assert_eq!(variant.code(), *code, "code of `{code}`");
    }
    for (i, a) in variants.iter().enumerate() {
        for b in &variants[i + 1..] {
            assert_ne!(a, b, "two documented codes share a variant");
        }
    }
    let unlisted = E::from_code(UNLISTED_VALUE);
    assert!(
        !unlisted.is_documented(),
        "an undocumented code is documented"
    );
    assert_eq!(unlisted.code(), UNLISTED_VALUE, "undocumented code kept");
}

/// Asserts that an open enum round-trips every documented value (serde, `Display`,
/// `FromStr`) without falling back, and keeps an undocumented value in its fallback.
///
/// # Panics
/// When any of those properties fails; that is the point.
pub fn check_open_enum<T>(documented: &[&str], unlisted: fn(String) -> T)
where
    T: Serialize + DeserializeOwned + FromStr + Display + PartialEq + Debug,
    T::Err: Debug,
{
    for raw in documented {
        let json = Value::String((*raw).to_owned());
        let value: T = match serde_json::from_value(json.clone()) {
            Ok(value) => value,
            Err(error) => panic!("`{raw}` does not deserialize: {error}"),
        };
        assert_ne!(
            value,
            unlisted((*raw).to_owned()),
            "documented `{raw}` fell back"
        );
        assert_eq!(value.to_string(), *raw, "Display of `{raw}`");
        assert_eq!(
            serde_json::to_value(&value).ok(),
            Some(json),
            "serialization of `{raw}`"
        );
        match raw.parse::<T>() {
            Ok(parsed) => assert_eq!(parsed, value, "FromStr of `{raw}`"),
            Err(error) => panic!("`{raw}` does not parse: {error:?}"),
        }
    }
    let json = Value::String(UNLISTED_VALUE.to_owned());
    let value: Option<T> = serde_json::from_value(json.clone()).ok();
    assert_eq!(
        value,
        Some(unlisted(UNLISTED_VALUE.to_owned())),
        "undocumented value"
    );
    assert_eq!(
        value.and_then(|v| serde_json::to_value(&v).ok()),
        Some(json),
        "undocumented value serializes back unchanged"
    );
}

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
