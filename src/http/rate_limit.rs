//! A small fixed-window limiter keyed by string (an account, a client address), and each
//! library's own limits on its public routes, bounded by the hub's ceilings.
//!
//! In memory, per hub instance: with N instances an attacker gets N times the budget, which
//! still turns a password-guessing run from millions of tries into a handful.

use crate::config::Config;
use crate::domain::LibraryId;
use crate::store::rate_limits::LibraryLimits;
use sqlx::PgPool;
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
        self.check_max(key, self.max)
    }

    /// Like [`RateLimiter::check`] with a budget of `max` (a library's own limit).
    pub fn check_max(&self, key: &str, max: u32) -> Result<(), Duration> {
        let now = Instant::now();
        let hits = self.hits.lock().expect("limiter lock");
        match hits.get(key) {
            Some((start, n)) if now.duration_since(*start) < self.window && *n >= max => {
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

    /// Checks against `max` and, when within it, counts the use: for routes where every
    /// attempt costs budget.
    pub fn take(&self, key: &str, max: u32) -> Result<(), Duration> {
        self.check_max(key, max)?;
        self.hit(key);
        Ok(())
    }

    /// Forgets `key` (a successful login clears its failures).
    pub fn clear(&self, key: &str) {
        self.hits.lock().expect("limiter lock").remove(key);
    }
}

/// The limits in force for one library: its own where it set them, else the hub's
/// ceilings; never above the ceilings (an operator may lower them after a library chose).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub chat_connects_per_minute: u32,
    pub chat_messages_per_minute: u32,
    pub survey_submissions_per_hour: u32,
    pub sms_webhooks_per_minute: u32,
    pub faq_votes_per_10_minutes: u32,
}

impl Limits {
    /// The hub-wide ceilings from the operator's configuration.
    pub fn ceilings(config: &Config) -> Limits {
        Limits {
            chat_connects_per_minute: config.chat.connects_per_address_per_minute,
            chat_messages_per_minute: config.chat.messages_per_session_per_minute,
            survey_submissions_per_hour: config.survey.submissions_per_address_per_hour,
            sms_webhooks_per_minute: config.webhooks.per_library_per_minute,
            faq_votes_per_10_minutes: config.faq.votes_per_address_per_10_minutes,
        }
    }

    fn within(self, own: &LibraryLimits) -> Limits {
        let pick = |own: Option<i32>, ceiling: u32| own.map_or(ceiling, |v| (v.max(1) as u32).min(ceiling));
        Limits {
            chat_connects_per_minute: pick(own.chat_connects_per_minute, self.chat_connects_per_minute),
            chat_messages_per_minute: pick(own.chat_messages_per_minute, self.chat_messages_per_minute),
            survey_submissions_per_hour: pick(own.survey_submissions_per_hour, self.survey_submissions_per_hour),
            sms_webhooks_per_minute: pick(own.sms_webhooks_per_minute, self.sms_webhooks_per_minute),
            faq_votes_per_10_minutes: pick(own.faq_votes_per_10_minutes, self.faq_votes_per_10_minutes),
        }
    }
}

/// How long an instance uses a library's limits before reading them again: a change made
/// through another instance applies within this (the instance that saved it, at once).
const CACHE_FOR: Duration = Duration::from_secs(10);

/// Each library's limits in force, read from Postgres at most every [`CACHE_FOR`], so the
/// busiest public routes (webhooks, chat) pay no query per request.
pub struct LibraryLimitsCache {
    ceilings: Limits,
    cached: Mutex<HashMap<LibraryId, (Instant, Limits)>>,
}

impl LibraryLimitsCache {
    pub fn new(ceilings: Limits) -> Self {
        Self { ceilings, cached: Mutex::new(HashMap::new()) }
    }

    pub fn ceilings(&self) -> Limits {
        self.ceilings
    }

    /// The limits in force for `library`. If they cannot be read, the ceilings apply (a
    /// database hiccup must not shut a library's public routes).
    pub async fn of(&self, db: &PgPool, library: LibraryId) -> Limits {
        if let Some((at, limits)) = self.cached.lock().expect("limits lock").get(&library) {
            if at.elapsed() < CACHE_FOR {
                return *limits;
            }
        }
        let limits = match LibraryLimits::find(db, library).await {
            Ok(own) => self.ceilings.within(&own),
            Err(e) => {
                tracing::warn!(library.id = %library, error = %e, "reading the library's rate limits failed");
                return self.ceilings;
            }
        };
        let mut cached = self.cached.lock().expect("limits lock");
        if cached.len() > 10_000 {
            cached.retain(|_, (at, _)| at.elapsed() < CACHE_FOR);
        }
        cached.insert(library, (Instant::now(), limits));
        limits
    }

    /// Drops what this instance remembers of `library` (its admin just changed the limits).
    pub fn forget(&self, library: LibraryId) {
        self.cached.lock().expect("limits lock").remove(&library);
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

    #[test]
    fn a_smaller_budget_is_used_up_sooner_on_the_same_limiter() {
        let l = RateLimiter::new(100, Duration::from_secs(60));
        assert!(l.take("lib1/x", 1).is_ok());
        assert!(l.take("lib1/x", 1).is_err());
        assert!(l.take("lib2/x", 3).is_ok());
        assert!(l.take("lib2/x", 3).is_ok());
        assert!(l.take("lib2/x", 3).is_ok());
        assert!(l.take("lib2/x", 3).is_err());
    }

    #[test]
    fn a_librarys_own_limits_never_exceed_the_ceilings() {
        let ceilings = Limits {
            chat_connects_per_minute: 60,
            chat_messages_per_minute: 20,
            survey_submissions_per_hour: 120,
            sms_webhooks_per_minute: 6000,
            faq_votes_per_10_minutes: 30,
        };
        let own = LibraryLimits {
            chat_connects_per_minute: Some(5),
            chat_messages_per_minute: Some(500),
            survey_submissions_per_hour: None,
            sms_webhooks_per_minute: Some(0),
            faq_votes_per_10_minutes: None,
        };
        let got = ceilings.within(&own);
        assert_eq!(got.chat_connects_per_minute, 5);
        assert_eq!(got.chat_messages_per_minute, 20, "capped at the ceiling");
        assert_eq!(got.survey_submissions_per_hour, 120, "unset: the ceiling");
        assert_eq!(got.sms_webhooks_per_minute, 1, "never zero");
        assert_eq!(got.faq_votes_per_10_minutes, 30);
    }
}
