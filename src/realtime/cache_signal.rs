//! How one hub instance tells the others to drop what their in-memory caches keep: a
//! NOTIFY on [`CACHE_CHANNEL`], sent inside the statement or transaction that made the
//! change (so it is delivered only if that commits), and applied by every instance's
//! listener (its own included).
//!
//! Payloads: `staff:<library>:<staff>` (that staff member's sessions ended) and
//! `lists:<library>` (the library's inbox lists may have changed without an event).

use super::Realtime;
use crate::domain::{LibraryId, StaffId};
use sqlx::PgExecutor;

pub const CACHE_CHANNEL: &str = "refdesk_cache";

/// What a cache notification asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheSignal {
    SessionsEnded(LibraryId, StaffId),
    ListsChanged(LibraryId),
}

impl CacheSignal {
    pub fn payload(&self) -> String {
        match self {
            CacheSignal::SessionsEnded(library, staff) => format!("staff:{library}:{staff}"),
            CacheSignal::ListsChanged(library) => format!("lists:{library}"),
        }
    }

    pub fn parse(payload: &str) -> Option<CacheSignal> {
        let mut parts = payload.split(':');
        let signal = match (parts.next()?, parts.next()?.parse().ok().map(LibraryId)?) {
            ("staff", library) => CacheSignal::SessionsEnded(library, StaffId(parts.next()?.parse().ok()?)),
            ("lists", library) => CacheSignal::ListsChanged(library),
            _ => return None,
        };
        parts.next().is_none().then_some(signal)
    }
}

/// Tells every instance the library's lists may have changed (a staff write that publishes
/// no event, e.g. a patron's name).
pub async fn lists_changed(db: impl PgExecutor<'_>, library: LibraryId) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CACHE_CHANNEL)
        .bind(CacheSignal::ListsChanged(library).payload())
        .execute(db)
        .await?;
    Ok(())
}

impl Realtime {
    /// Applies a cache notification from any instance.
    pub(super) fn on_cache_signal(&self, payload: &str) {
        match CacheSignal::parse(payload) {
            Some(CacheSignal::SessionsEnded(library, staff)) => self.sessions.forget_staff(library, staff),
            Some(CacheSignal::ListsChanged(library)) => self.lists.invalidate(library),
            None => tracing::warn!("malformed cache notification ignored"),
        }
    }

    /// Notifications may have been missed (the listener's connection dropped): drop all.
    pub(super) fn forget_cached(&self) {
        self.sessions.clear();
        self.lists.clear();
        self.faq_searches.forget_all();
        self.sms_accounts.forget_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_garbage_is_refused() {
        for s in [CacheSignal::SessionsEnded(LibraryId(3), StaffId(9)), CacheSignal::ListsChanged(LibraryId(4))] {
            assert_eq!(CacheSignal::parse(&s.payload()), Some(s));
        }
        for bad in ["", "staff", "staff:1", "staff:x:2", "lists:1:2", "other:1", "lists:"] {
            assert_eq!(CacheSignal::parse(bad), None, "{bad}");
        }
    }
}
