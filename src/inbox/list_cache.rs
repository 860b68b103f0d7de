//! Inbox list pages kept in memory as the JSON bytes the API sends, so a console asking
//! for the same queue again does not cost Postgres ~0.5 ms each time.
//!
//! Exactness rests on three rules:
//! - The key is everything `Conversation::list` is given (library, filter with "me"
//!   already resolved to a staff id, page position, limit): the same key is the same
//!   query. The list shows nothing role-dependent, and every staff member of a library may
//!   list it, so role and caller need not be in the key beyond that.
//! - A library's pages are dropped whenever anything may have changed them: any event of
//!   the library (the realtime listener, every instance, before the event's frames go out),
//!   any staff write on this instance before it answers (`http::fresh_after_write`), any
//!   message this instance's ingest commits (before `accept` returns), and any staff write
//!   on another instance (a NOTIFY). [`LIST_TTL`] bounds whatever writes
//!   none of these (e.g. a background purge).
//! - A page read from the database is stored only if the library was not invalidated
//!   since the read began (its generation is unchanged), so a read that overlapped a write
//!   never outlives it.
//!
//! The bytes stay true over time: they hold timestamps (`waiting_since`), not durations;
//! the console computes "waiting for" itself.

use crate::domain::LibraryId;
use crate::store::conversation::{ListFilter, Page};
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long a page is served at most, even if nothing said it changed.
pub const LIST_TTL: Duration = Duration::from_secs(3);
/// Pages kept per library (distinct queues, filters and page positions in use).
const MAX_PAGES_PER_LIBRARY: usize = 512;
/// Bytes kept for all libraries together (a 50-row page is ~30 KB).
const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

/// Everything a list page depends on besides the database.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListKey {
    pub filter: ListFilter,
    pub page: Page,
    pub limit: i64,
}

/// What [`ListCache::lookup`] found.
pub enum Lookup {
    /// The page, from memory.
    Hit(Bytes),
    /// Another request is reading this very page from the current state: share its answer.
    Wait(Pending),
    /// Read the page and hand it to [`ListCache::store`].
    Read(Ticket),
}

/// A page another request is reading.
pub struct Pending(watch::Receiver<Option<Bytes>>);

impl Pending {
    /// The page, or None if its reader failed (look again).
    pub async fn page(mut self) -> Option<Bytes> {
        self.0.wait_for(Option::is_some).await.ok().and_then(|page| page.clone())
    }
}

/// Proof of which state a database read started from, and the channel to the requests
/// waiting for the same page. Dropping it (a failed read) lets them read for themselves.
pub struct Ticket {
    library: LibraryId,
    generation: u64,
    readers: watch::Sender<Option<Bytes>>,
}

struct Cached {
    body: Bytes,
    stored: Instant,
}

#[derive(Default)]
struct LibraryPages {
    generation: u64,
    pages: HashMap<ListKey, Cached>,
    /// Pages being read from the current generation, so a burst of misses after a change
    /// costs one query per page, not one per request.
    reading: HashMap<ListKey, watch::Receiver<Option<Bytes>>>,
}

#[derive(Default)]
struct Inner {
    libraries: HashMap<LibraryId, LibraryPages>,
    total_bytes: usize,
}

/// This instance's cached list pages.
#[derive(Clone, Default)]
pub struct ListCache {
    inner: Arc<Mutex<Inner>>,
}

impl ListCache {
    /// The cached page, a read of it to wait for, or a ticket to read it.
    pub fn lookup(&self, library: LibraryId, key: &ListKey) -> Lookup {
        let mut guard = self.lock();
        let inner = &mut *guard;
        let lib = inner.libraries.entry(library).or_default();
        match lib.pages.get(key).map(|c| (c.stored.elapsed() < LIST_TTL).then(|| c.body.clone())) {
            Some(Some(body)) => return Lookup::Hit(body),
            Some(None) => inner.total_bytes -= lib.pages.remove(key).map_or(0, |c| c.body.len()),
            None => {}
        }
        // A reader that gave up leaves a closed channel behind: take its place.
        if let Some(pending) = lib.reading.get(key).filter(|r| r.has_changed().is_ok()) {
            return Lookup::Wait(Pending(pending.clone()));
        }
        let (readers, waiting) = watch::channel(None);
        lib.reading.insert(key.clone(), waiting);
        Lookup::Read(Ticket { library, generation: lib.generation, readers })
    }

    /// Hands a page read under `ticket` to whoever waits for it, and keeps it unless the
    /// library changed since the read began.
    pub fn store(&self, ticket: Ticket, key: ListKey, body: Bytes) {
        // Waiters joined before any change since the read began (a change empties
        // `reading`), so this answer is as fresh as a cached page would be for them.
        ticket.readers.send_replace(Some(body.clone()));
        let mut guard = self.lock();
        let inner = &mut *guard;
        let Some(lib) = inner.libraries.get_mut(&ticket.library) else { return };
        if lib.generation != ticket.generation {
            return;
        }
        lib.reading.remove(&key);
        let full = lib.pages.len() >= MAX_PAGES_PER_LIBRARY || inner.total_bytes + body.len() > MAX_TOTAL_BYTES;
        if full {
            // Starting this library over is simple and always correct; a miss costs a query.
            inner.total_bytes -= lib.pages.drain().map(|(_, c)| c.body.len()).sum::<usize>();
            if inner.total_bytes + body.len() > MAX_TOTAL_BYTES {
                return;
            }
        }
        inner.total_bytes += body.len();
        let old = lib.pages.insert(key, Cached { body, stored: Instant::now() });
        inner.total_bytes -= old.map_or(0, |c| c.body.len());
    }

    /// Something in the library may have changed: no page read before now is served again.
    pub fn invalidate(&self, library: LibraryId) {
        let mut guard = self.lock();
        let inner = &mut *guard;
        if let Some(lib) = inner.libraries.get_mut(&library) {
            lib.generation += 1;
            lib.reading.clear();
            inner.total_bytes -= lib.pages.drain().map(|(_, c)| c.body.len()).sum::<usize>();
        }
    }

    /// Drops every library's pages (change notifications may have been missed).
    pub fn clear(&self) {
        let mut inner = self.lock();
        for lib in inner.libraries.values_mut() {
            lib.generation += 1;
            lib.reading.clear();
            lib.pages.clear();
        }
        inner.total_bytes = 0;
    }

    /// Pages held for one library (tests and diagnostics).
    pub fn cached_pages(&self, library: LibraryId) -> usize {
        self.lock().libraries.get(&library).map_or(0, |lib| lib.pages.len())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("list cache lock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ConversationStatus, TeamId};

    fn key(team: i64) -> ListKey {
        let filter =
            ListFilter { status: Some(ConversationStatus::Open), team: Some(TeamId(team)), ..ListFilter::default() };
        ListKey { filter, page: Page::Waiting { after: None }, limit: 50 }
    }

    fn read(cache: &ListCache, library: i64, k: &ListKey) -> Ticket {
        match cache.lookup(LibraryId(library), k) {
            Lookup::Read(ticket) => ticket,
            _ => panic!("expected to be told to read"),
        }
    }

    fn hit(cache: &ListCache, library: i64, k: &ListKey) -> Option<Bytes> {
        match cache.lookup(LibraryId(library), k) {
            Lookup::Hit(body) => Some(body),
            _ => None,
        }
    }

    fn fill(cache: &ListCache, library: i64, k: &ListKey, body: &'static str) {
        let ticket = read(cache, library, k);
        cache.store(ticket, k.clone(), Bytes::from_static(body.as_bytes()));
    }

    #[test]
    fn a_page_is_served_only_for_its_own_library_and_key() {
        let cache = ListCache::default();
        fill(&cache, 1, &key(7), "one");
        assert_eq!(hit(&cache, 1, &key(7)).unwrap(), "one");
        assert!(hit(&cache, 2, &key(7)).is_none());
        assert!(hit(&cache, 1, &key(8)).is_none());
    }

    #[test]
    fn invalidating_a_library_drops_its_pages_and_refuses_reads_begun_before() {
        let cache = ListCache::default();
        fill(&cache, 1, &key(7), "one");
        fill(&cache, 2, &key(7), "two");
        let begun = read(&cache, 1, &key(8));
        cache.invalidate(LibraryId(1));
        assert!(matches!(cache.lookup(LibraryId(1), &key(8)), Lookup::Read(_)), "no waiting on a read begun before");
        cache.store(begun, key(8), Bytes::from_static(b"stale"));
        assert!(hit(&cache, 1, &key(7)).is_none());
        assert!(hit(&cache, 1, &key(8)).is_none());
        assert_eq!(hit(&cache, 2, &key(7)).unwrap(), "two");
    }

    #[tokio::test]
    async fn requests_for_a_page_being_read_share_the_read_or_read_themselves_if_it_fails() {
        let cache = ListCache::default();
        let first = read(&cache, 1, &key(7));
        let Lookup::Wait(second) = cache.lookup(LibraryId(1), &key(7)) else { panic!("expected to wait") };
        cache.store(first, key(7), Bytes::from_static(b"page"));
        assert_eq!(second.page().await.unwrap(), "page");

        cache.invalidate(LibraryId(1));
        let failing = read(&cache, 1, &key(7));
        let Lookup::Wait(waiting) = cache.lookup(LibraryId(1), &key(7)) else { panic!("expected to wait") };
        drop(failing);
        assert!(waiting.page().await.is_none());
        assert!(matches!(cache.lookup(LibraryId(1), &key(7)), Lookup::Read(_)), "a failed reader is replaced");
    }

    #[test]
    fn a_library_holds_a_bounded_number_of_pages() {
        let cache = ListCache::default();
        for team in 0..(MAX_PAGES_PER_LIBRARY as i64 + 10) {
            fill(&cache, 1, &key(team), "x");
        }
        let kept = cache.lock().libraries[&LibraryId(1)].pages.len();
        assert!(kept <= MAX_PAGES_PER_LIBRARY, "{kept}");
        assert_eq!(cache.lock().total_bytes, kept);
    }
}
