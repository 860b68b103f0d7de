//! Each library's SMS account as the webhooks need it, kept in the hub.
//!
//! Every webhook needs its library and account (the auth token verifies the signature)
//! before anything else; reading them from Postgres was a pool checkout and a query per
//! webhook, the same answer thousands of times a second. Here they are remembered per
//! slug, for at most [`CACHE_FOR`], and forgotten as soon as they change: at once on the
//! instance that saved them ([`SmsAccounts::forget`]), and on every instance when
//! Postgres says so — a trigger on `library` and `sms_account` (migration 0025) notifies
//! [`CHANGED_CHANNEL`] with the library's id, whoever wrote the row, and the realtime
//! listener forgets it. A notification missed while the listening connection was down costs
//! at most [`CACHE_FOR`]: on reconnect everything is forgotten.
//!
//! Nothing here widens what a webhook may do: the entry is exactly what the uncached
//! query returned, keyed by the slug in the URL, and the token's grace period is still
//! judged at each request from `previous_valid_until`.

use crate::domain::LibraryId;
use crate::store::library::Library;
use crate::store::sms::SmsAccount;
use sqlx::PgPool;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The channel the 0025 trigger notifies; the payload is the library's id.
pub const CHANGED_CHANNEL: &str = "refdesk_sms_account";

/// The longest an instance answers webhooks from what it read before: the bound on a
/// change whose notification was lost.
pub const CACHE_FOR: Duration = Duration::from_secs(10);

/// Slugs remembered at most; beyond it, expired entries are dropped first.
const MAX_ENTRIES: usize = 10_000;

/// A library and its SMS account (None: SMS is not set up there).
pub type Entry = Arc<(Library, Option<SmsAccount>)>;

#[derive(Default)]
pub struct SmsAccounts {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    by_slug: HashMap<String, (Instant, Entry)>,
    /// Bumped by every forget: a read that began before it must not store what it read,
    /// which may predate the change.
    generation: u64,
}

impl SmsAccounts {
    /// The library with this slug and its account; None when no library has the slug.
    pub async fn find(&self, db: &PgPool, slug: &str) -> sqlx::Result<Option<Entry>> {
        let generation = {
            let inner = self.inner.lock().expect("sms accounts lock");
            if let Some((at, entry)) = inner.by_slug.get(slug) {
                if at.elapsed() < CACHE_FOR {
                    return Ok(Some(entry.clone()));
                }
            }
            inner.generation
        };
        // Unknown slugs are not remembered: a library created later must be found at once.
        let Some(found) = SmsAccount::find_with_library(db, slug).await? else { return Ok(None) };
        let entry: Entry = Arc::new(found);
        let mut inner = self.inner.lock().expect("sms accounts lock");
        if inner.generation == generation {
            if inner.by_slug.len() >= MAX_ENTRIES {
                inner.by_slug.retain(|_, (at, _)| at.elapsed() < CACHE_FOR);
            }
            if inner.by_slug.len() < MAX_ENTRIES {
                inner.by_slug.insert(slug.to_owned(), (Instant::now(), entry.clone()));
            }
        }
        Ok(Some(entry))
    }

    /// Forgets `library`: its account or the library itself just changed.
    pub fn forget(&self, library: LibraryId) {
        let mut inner = self.inner.lock().expect("sms accounts lock");
        inner.generation += 1;
        inner.by_slug.retain(|_, (_, entry)| entry.0.id != library);
    }

    /// Forgets every library (a notification may have been missed).
    pub fn forget_all(&self) {
        let mut inner = self.inner.lock().expect("sms accounts lock");
        inner.generation += 1;
        inner.by_slug.clear();
    }
}
