//! The token state of the portal and its OAuth server.

use std::collections::HashSet;

use crate::{ACCESS_TOKEN, REFRESH_TOKEN};

#[derive(Debug)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
    pub expired: HashSet<String>,
    pub refreshes: usize,
}

impl Default for Tokens {
    fn default() -> Self {
        Self {
            access: ACCESS_TOKEN.to_owned(),
            refresh: REFRESH_TOKEN.to_owned(),
            expired: HashSet::new(),
            refreshes: 0,
        }
    }
}

/// How the portal judges the `auth` of a call.
pub enum Check {
    Valid,
    Expired,
    Invalid,
}

impl Tokens {
    pub fn check(&self, token: &str) -> Check {
        if self.expired.contains(token) {
            Check::Expired
        } else if token == self.access {
            Check::Valid
        } else {
            Check::Invalid
        }
    }

    pub fn expire(&mut self) {
        self.expired.insert(self.access.clone());
    }

    /// Issues a new pair for a valid refresh token.
    pub fn renew(&mut self, refresh_token: &str) -> Option<(String, String)> {
        if refresh_token != self.refresh {
            return None;
        }
        self.refreshes += 1;
        self.expired.insert(self.access.clone());
        self.access = format!("acc3ss-{}", self.refreshes);
        self.refresh = format!("r3fr3sh-{}", self.refreshes);
        Some((self.access.clone(), self.refresh.clone()))
    }
}
