//! A small fixed-window limiter keyed by string (an account, a client address).
//!
//! In memory, per hub instance: with N instances an attacker gets N times the budget, which
//! still turns a password-guessing run from millions of tries into a handful.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    window: Duration,
    max: u32,
    hits: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(max: u32, window: Duration) -> Self {
        Self { window, max, hits: Mutex::new(HashMap::new()) }
    }

    /// Err(retry after) when `key` has used its budget in the current window.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let hits = self.hits.lock().expect("limiter lock");
        match hits.get(key) {
            Some((start, n)) if now.duration_since(*start) < self.window && *n >= self.max => {
                Err(self.window - now.duration_since(*start))
            }
            _ => Ok(()),
        }
    }

    /// Counts one use of `key`'s budget.
    pub fn hit(&self, key: &str) {
        let now = Instant::now();
        let mut hits = self.hits.lock().expect("limiter lock");
        if hits.len() > 100_000 {
            let window = self.window;
            hits.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = hits.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }

    /// Forgets `key` (a successful login clears its failures).
    pub fn clear(&self, key: &str) {
        self.hits.lock().expect("limiter lock").remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_refused_after_its_budget_and_others_are_not() {
        let l = RateLimiter::new(2, Duration::from_secs(60));
        l.hit("a");
        assert!(l.check("a").is_ok());
        l.hit("a");
        let retry = l.check("a").unwrap_err();
        assert!(retry <= Duration::from_secs(60) && retry > Duration::from_secs(50));
        assert!(l.check("b").is_ok());
        l.clear("a");
        assert!(l.check("a").is_ok());
    }
}
