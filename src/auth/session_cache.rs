//! Verified staff sessions kept in memory for a few seconds, so a busy console's requests do
//! not each cost a database round trip (`find_live`).
//!
//! An entry is only ever a copy of what `find_live` answered, at most [`SESSION_TTL`] old,
//! and is used only while the copy itself says the session is live (absolute expiry, idle
//! limit). Ending sessions (logout, disabling, a role change, a password reset) drops them
//! here at once on the instance that ended them, and on every other instance when the
//! NOTIFY sent by the revoking statement arrives (`realtime::cache_signal`); the TTL bounds
//! what a lost notification could leave, the same bound open console sockets have
//! (`realtime::sockets::WATCH_INTERVAL`). A lookup that raced a revocation never stores its
//! answer: it must still see the generation it started with.

use crate::domain::{LibraryId, StaffId};
use crate::store::session::SessionRow;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a verified session is trusted without asking the database again.
pub const SESSION_TTL: Duration = crate::realtime::sockets::WATCH_INTERVAL;
/// More live sessions than any hub serves at once; beyond it stale entries are swept, and if
/// none are stale the cache starts over (a miss only costs a lookup).
const MAX_ENTRIES: usize = 20_000;

struct Entry {
    row: SessionRow,
    verified: Instant,
}

#[derive(Default)]
struct Inner {
    /// Bumped whenever sessions are forgotten; a lookup stores only if it is unchanged.
    generation: u64,
    entries: HashMap<(LibraryId, Vec<u8>), Entry>,
}

/// This instance's verified sessions, by library and token hash.
#[derive(Clone, Default)]
pub struct SessionCache {
    inner: Arc<Mutex<Inner>>,
}

impl SessionCache {
    /// The session, if verified within [`SESSION_TTL`] and still live by its own times.
    pub fn get(&self, library: LibraryId, token_hash: &[u8], idle: chrono::Duration) -> Option<SessionRow> {
        let now = Utc::now();
        let mut inner = self.lock();
        let key = (library, token_hash.to_vec());
        let entry = inner.entries.get(&key)?;
        let live =
            entry.verified.elapsed() < SESSION_TTL && entry.row.expires_at > now && entry.row.last_seen_at > now - idle;
        if live {
            Some(entry.row.clone())
        } else {
            // The database decides again (another instance's activity may have kept it alive).
            inner.entries.remove(&key);
            None
        }
    }

    /// Taken before asking the database; hand it back to [`Self::store`].
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Keeps what the database just answered, unless sessions were forgotten meanwhile.
    pub fn store(&self, token_hash: &[u8], row: SessionRow, generation: u64) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.retain(|_, e| e.verified.elapsed() < SESSION_TTL);
            if inner.entries.len() >= MAX_ENTRIES {
                inner.entries.clear();
            }
        }
        inner.entries.insert((row.library_id, token_hash.to_vec()), Entry { row, verified: Instant::now() });
    }

    /// The session's activity was just written to the database.
    pub fn touched(&self, library: LibraryId, token_hash: &[u8], at: DateTime<Utc>) {
        if let Some(e) = self.lock().entries.get_mut(&(library, token_hash.to_vec())) {
            e.row.last_seen_at = at;
        }
    }

    /// One session ended (logout).
    pub fn forget(&self, library: LibraryId, token_hash: &[u8]) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.remove(&(library, token_hash.to_vec()));
    }

    /// Every session of one staff member ended (disabled, role or password changed).
    pub fn forget_staff(&self, library: LibraryId, staff: StaffId) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.retain(|(l, _), e| !(*l == library && e.row.staff_id == staff));
    }

    /// Notifications may have been lost (the listener reconnected): trust nothing kept.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.clear();
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("session cache lock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn row(library: i64, staff: i64) -> SessionRow {
        SessionRow {
            library_id: LibraryId(library),
            staff_id: StaffId(staff),
            role: Role::Staff,
            display_name: "A".into(),
            csrf_token: "c".into(),
            last_seen_at: Utc::now(),
            expires_at: Utc::now() + chrono::Duration::hours(1),
        }
    }

    const IDLE: chrono::Duration = chrono::Duration::minutes(30);

    #[test]
    fn a_stored_session_is_found_only_in_its_library() {
        let cache = SessionCache::default();
        cache.store(b"h", row(1, 5), cache.generation());
        assert!(cache.get(LibraryId(1), b"h", IDLE).is_some());
        assert!(cache.get(LibraryId(2), b"h", IDLE).is_none());
        assert!(cache.get(LibraryId(1), b"other", IDLE).is_none());
    }

    #[test]
    fn a_lookup_that_raced_a_revocation_is_not_stored() {
        let cache = SessionCache::default();
        let seen = cache.generation();
        cache.forget_staff(LibraryId(1), StaffId(5));
        cache.store(b"h", row(1, 5), seen);
        assert!(cache.get(LibraryId(1), b"h", IDLE).is_none());
    }

    #[test]
    fn forgetting_a_staff_member_drops_only_their_sessions() {
        let cache = SessionCache::default();
        cache.store(b"a", row(1, 5), cache.generation());
        cache.store(b"b", row(1, 6), cache.generation());
        cache.store(b"c", row(2, 5), cache.generation());
        cache.forget_staff(LibraryId(1), StaffId(5));
        assert!(cache.get(LibraryId(1), b"a", IDLE).is_none());
        assert!(cache.get(LibraryId(1), b"b", IDLE).is_some());
        assert!(cache.get(LibraryId(2), b"c", IDLE).is_some());
    }

    #[test]
    fn an_idle_or_expired_copy_is_not_used() {
        let cache = SessionCache::default();
        let mut idle = row(1, 5);
        idle.last_seen_at = Utc::now() - IDLE - chrono::Duration::seconds(1);
        cache.store(b"i", idle, cache.generation());
        assert!(cache.get(LibraryId(1), b"i", IDLE).is_none());
        let mut expired = row(1, 5);
        expired.expires_at = Utc::now() - chrono::Duration::seconds(1);
        cache.store(b"e", expired, cache.generation());
        assert!(cache.get(LibraryId(1), b"e", IDLE).is_none());
    }
}
