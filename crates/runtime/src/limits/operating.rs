//! The per-method execution-time budget: every reply's `time` block says when the oldest
//! minute of the method's accumulated time drops (`operating_reset_at`). After
//! `OPERATION_TIME_LIMIT` the client waits until then before trying the method again.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::Time;

#[derive(Debug, Default)]
pub(crate) struct OperatingBudget {
    /// Method name → the last `operating_reset_at` the portal reported for it.
    reset_at: Mutex<HashMap<String, f64>>,
}

impl OperatingBudget {
    pub fn record(&self, method: &str, time: Option<&Time>) {
        let Some(reset_at) = time.and_then(|t| t.operating_reset_at) else {
            return;
        };
        let mut map = self.reset_at.lock().unwrap_or_else(PoisonError::into_inner);
        map.insert(method.to_owned(), reset_at);
    }

    /// When the method may be tried again: the error's own `time` block first, then the
    /// last reply of the method.
    pub fn reset_at(&self, method: &str, error_time: Option<&Time>) -> Option<f64> {
        error_time.and_then(|t| t.operating_reset_at).or_else(|| {
            let map = self.reset_at.lock().unwrap_or_else(PoisonError::into_inner);
            map.get(method).copied()
        })
    }
}
