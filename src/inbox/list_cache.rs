//! Inbox list pages kept in memory as the JSON bytes the API sends, so a console asking
//! for the same queue again does not cost Postgres ~0.5 ms each time.
//!
//! Exactness rests on three rules:
//! - The key is everything `Conversation::list` is given (library, filter with "me"
//!   already resolved to a staff id, page position, limit): the same key is the same
//!   query. The list shows nothing role-dependent, and every staff member of a library may
//!   list it, so role and caller need not be in the key beyond that.
//! - A page is dropped whenever something may have changed it. An event about
//!   conversation C (the realtime listener, every instance, before the event's frames go
//!   out) drops the library's pages that hold C, are filtered by C's current team, or by
//!   no team: with keyset pages only C can enter, leave or change in them, and C can enter
//!   only a page whose filter it matches now. Anything else drops all the library's pages:
//!   an event about no conversation, any staff write on this instance before it answers
//!   (`http::fresh_after_write`), any staff write on another instance (a NOTIFY).
//!   [`LIST_TTL`] bounds whatever writes none of these (e.g. a background purge).
//! - A page read from the database is stored (and shared with requests waiting for it)
//!   only if no change recorded since the read began could have changed it, so a read
//!   that overlapped a write never outlives it.
//!
//! The bytes stay true over time: they hold timestamps (`waiting_since`), not durations;
//! the console computes "waiting for" itself.

use crate::domain::{ConversationId, LibraryId, TeamId};
use crate::store::conversation::{ListFilter, Page};
use axum::body::Bytes;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long a page is served at most, even if nothing said it changed.
pub const LIST_TTL: Duration = Duration::from_secs(3);
/// Pages kept per library (distinct queues, filters and page positions in use).
const MAX_PAGES_PER_LIBRARY: usize = 512;
/// Bytes kept for all libraries together (a 50-row page is ~30 KB).
const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;
/// Changes remembered per library for reads in flight; a read older than all of them is
/// not stored.
const CHANGE_LOG: usize = 256;

/// What changed in a library, as far as its list pages care.
#[derive(Debug, Clone)]
pub enum Change {
    /// Anything may have: every page goes.
    Anything,
    /// These conversations, each with the team it is in now (None: no team, or gone).
    Conversations(Vec<(ConversationId, Option<TeamId>)>),
}

impl Change {
    /// Whether a page filtered by `team` and holding `ids` may differ after this change.
    fn affects(&self, team: Option<TeamId>, ids: &[ConversationId]) -> bool {
        match self {
            Change::Anything => true,
            Change::Conversations(changed) => {
                team.is_none() || changed.iter().any(|(id, now)| *now == team || ids.contains(id))
            }
        }
    }

    /// The same, for a read whose rows are not known yet (only its filter).
    fn may_affect_read(&self, team: Option<TeamId>) -> bool {
        match self {
            Change::Anything => true,
            Change::Conversations(changed) => team.is_none() || changed.iter().any(|(_, now)| *now == team),
        }
    }
}

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
    /// How many changes the library had seen when the read began.
    seen: u64,
    readers: watch::Sender<Option<Bytes>>,
}

struct Cached {
    body: Bytes,
    stored: Instant,
    /// The conversations on the page.
    ids: Vec<ConversationId>,
}

#[derive(Default)]
struct LibraryPages {
    /// Changes recorded so far; the last [`CHANGE_LOG`] of them are in `log`.
    changes: u64,
    log: VecDeque<(u64, Change)>,
    pages: HashMap<ListKey, Cached>,
    /// Pages being read and not spoiled by a change since, so a burst of misses after a change
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
        Lookup::Read(Ticket { library, seen: lib.changes, readers })
    }

    /// Hands a page read under `ticket` (holding `ids`) to whoever waits for it and keeps
    /// it, unless a change recorded since the read began may have changed it: then the
    /// waiters read for themselves.
    pub fn store(&self, ticket: Ticket, key: ListKey, body: Bytes, ids: Vec<ConversationId>) {
        let mut guard = self.lock();
        let inner = &mut *guard;
        let Some(lib) = inner.libraries.get_mut(&ticket.library) else { return };
        let forgotten = lib.log.front().is_some_and(|(n, _)| *n > ticket.seen + 1);
        let spoiled =
            forgotten || lib.log.iter().any(|(n, change)| *n > ticket.seen && change.affects(key.filter.team, &ids));
        if spoiled {
            return; // dropping the ticket tells the waiters
        }
        // Waiters joined after the read began; nothing since changed the page for them.
        ticket.readers.send_replace(Some(body.clone()));
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
        let old = lib.pages.insert(key, Cached { body, stored: Instant::now(), ids });
        inner.total_bytes -= old.map_or(0, |c| c.body.len());
    }

    /// Something in the library may have changed: no page read before now is served again.
    pub fn invalidate(&self, library: LibraryId) {
        self.changed(library, Change::Anything);
    }

    /// Drops the library's pages `change` may have changed, and spoils such reads in flight.
    pub fn changed(&self, library: LibraryId, change: Change) {
        let mut guard = self.lock();
        let inner = &mut *guard;
        let Some(lib) = inner.libraries.get_mut(&library) else { return };
        let mut dropped = 0;
        lib.pages.retain(|key, page| {
            let keep = !change.affects(key.filter.team, &page.ids);
            if !keep {
                dropped += page.body.len();
            }
            keep
        });
        inner.total_bytes -= dropped;
        lib.reading.retain(|key, _| !change.may_affect_read(key.filter.team));
        lib.changes += 1;
        lib.log.push_back((lib.changes, change));
        if lib.log.len() > CHANGE_LOG {
            lib.log.pop_front();
        }
    }

    /// Drops every library's pages (change notifications may have been missed).
    pub fn clear(&self) {
        let libraries: Vec<LibraryId> = self.lock().libraries.keys().copied().collect();
        for library in libraries {
            self.invalidate(library);
        }
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
        cache.store(ticket, k.clone(), Bytes::from_static(body.as_bytes()), vec![ConversationId(1)]);
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
        cache.store(begun, key(8), Bytes::from_static(b"stale"), vec![]);
        assert!(hit(&cache, 1, &key(7)).is_none());
        assert!(hit(&cache, 1, &key(8)).is_none());
        assert_eq!(hit(&cache, 2, &key(7)).unwrap(), "two");
    }

    #[tokio::test]
    async fn requests_for_a_page_being_read_share_the_read_or_read_themselves_if_it_fails() {
        let cache = ListCache::default();
        let first = read(&cache, 1, &key(7));
        let Lookup::Wait(second) = cache.lookup(LibraryId(1), &key(7)) else { panic!("expected to wait") };
        cache.store(first, key(7), Bytes::from_static(b"page"), vec![]);
        assert_eq!(second.page().await.unwrap(), "page");

        cache.invalidate(LibraryId(1));
        let failing = read(&cache, 1, &key(7));
        let Lookup::Wait(waiting) = cache.lookup(LibraryId(1), &key(7)) else { panic!("expected to wait") };
        drop(failing);
        assert!(waiting.page().await.is_none());
        assert!(matches!(cache.lookup(LibraryId(1), &key(7)), Lookup::Read(_)), "a failed reader is replaced");
    }

    #[test]
    fn a_conversation_change_drops_the_pages_holding_it_or_filtered_by_its_team_or_none() {
        let cache = ListCache::default();
        let everything = ListKey { filter: ListFilter::default(), page: Page::Waiting { after: None }, limit: 50 };
        for (team, ids) in [(7, vec![1, 2]), (8, vec![3]), (9, vec![4])] {
            let ticket = read(&cache, 1, &key(team));
            cache.store(ticket, key(team), Bytes::from_static(b"p"), ids.into_iter().map(ConversationId).collect());
        }
        let ticket = read(&cache, 1, &everything);
        cache.store(ticket, everything.clone(), Bytes::from_static(b"all"), vec![ConversationId(1)]);
        // Conversation 3 moved from team 8 to team 9.
        cache.changed(LibraryId(1), Change::Conversations(vec![(ConversationId(3), Some(TeamId(9)))]));
        assert!(hit(&cache, 1, &key(7)).is_some(), "neither holds it nor is of its team");
        assert!(hit(&cache, 1, &key(8)).is_none(), "held it");
        assert!(hit(&cache, 1, &key(9)).is_none(), "its team now");
        assert!(hit(&cache, 1, &everything).is_none(), "no team filter");
    }

    #[test]
    fn a_read_overlapping_a_change_to_one_of_its_rows_is_not_kept() {
        let cache = ListCache::default();
        let begun = read(&cache, 1, &key(7));
        // Conversation 2 left team 7 while the read was running; the read may have seen it.
        cache.changed(LibraryId(1), Change::Conversations(vec![(ConversationId(2), Some(TeamId(8)))]));
        assert!(matches!(cache.lookup(LibraryId(1), &key(7)), Lookup::Wait(_)), "a read of another team's rows");
        cache.store(begun, key(7), Bytes::from_static(b"stale"), vec![ConversationId(2)]);
        assert!(hit(&cache, 1, &key(7)).is_none());
        let unrelated = read(&cache, 1, &key(7));
        cache.changed(LibraryId(1), Change::Conversations(vec![(ConversationId(5), None)]));
        cache.store(unrelated, key(7), Bytes::from_static(b"fresh"), vec![ConversationId(1)]);
        assert_eq!(hit(&cache, 1, &key(7)).unwrap(), "fresh");
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
