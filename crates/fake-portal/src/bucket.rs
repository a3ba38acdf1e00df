//! The portal's leaky bucket: each request adds one, the level drains at a fixed rate, and
//! a request that would overflow it is refused with `QUERY_LIMIT_EXCEEDED`.

#[derive(Debug)]
pub struct Bucket {
    pub burst: f64,
    pub per_second: f64,
    level: f64,
    at: f64,
}

impl Bucket {
    pub fn new(burst: u32, per_second: f64) -> Self {
        Self {
            burst: f64::from(burst),
            per_second,
            level: 0.0,
            at: f64::NAN,
        }
    }

    /// Counts a request at time `now` (seconds); `false` when the bucket is full.
    pub fn admit(&mut self, now: f64) -> bool {
        if self.at.is_nan() {
            self.at = now;
        }
        let elapsed = (now - self.at).max(0.0);
        self.level = (self.level - elapsed * self.per_second).max(0.0);
        self.at = now;
        // A little slack for float rounding: a client keeping the same bucket must pass.
        if self.level + 1.0 > self.burst + 1e-9 {
            return false;
        }
        self.level += 1.0;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_burst_and_drains() {
        let mut bucket = Bucket::new(50, 2.0);
        for _ in 0..50 {
            assert!(bucket.admit(0.0));
        }
        assert!(!bucket.admit(0.0));
        assert!(!bucket.admit(0.4));
        assert!(bucket.admit(0.5));
        assert!(!bucket.admit(0.5));
    }
}
