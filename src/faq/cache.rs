//! Recent public FAQ search results, in memory on each hub instance. Patrons ask the same
//! few questions over and over (and the chat widget asks again at every pause in typing),
//! so most public searches are answered here without Postgres.
//!
//! A result is kept under everything that can change it: the library, the query as search
//! reads it (its words, lower case: "Renew my book?" and "renew my book" are one query), the
//! language filter and the number asked for. Only published entries are ever searched here
//! (staff searches, which see drafts, never come here).
//!
//! It is forgotten, for the library concerned:
//! - at once on the instance where staff changed an entry, the synonyms or anything else
//!   search reads (the handler calls [`SearchCache::forget_library`] after its commit);
//! - on every other instance when the database's `refdesk_faq` notification arrives (sent
//!   by triggers on the FAQ tables, migration 0023, so a write from anywhere counts; the
//!   realtime listener receives it). Views and votes never change results and send none;
//! - after [`SearchCache::new`]'s time to live in any case, the bound on anything missed
//!   (the listener forgets everything when its connection was lost).
//!
//! A search that was already running when a library's results were forgotten may have read
//! the old entries: it is not kept (the cache's generation moved on while it ran).
//!
//! The memory is bounded by bytes (the texts kept, roughly); beyond it the oldest results go.

use super::query::query_words;
use super::search::{search, Hit, Scope};
use crate::domain::LibraryId;
use sqlx::PgPool;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// What a result is kept under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    library: LibraryId,
    /// The query's words as search reads them (`QueryWords::plain`).
    words: String,
    language: Option<String>,
    limit: i64,
}

struct Kept {
    hits: Arc<[Hit]>,
    at: Instant,
    bytes: usize,
}

#[derive(Default)]
struct Results {
    kept: HashMap<Key, Kept>,
    bytes: usize,
    /// Moves on whenever anything is forgotten: a search that started before keeps nothing.
    generation: u64,
}

/// Counts since start, for the bench and the tests.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub entries: usize,
    pub bytes: usize,
}

/// Shared by every handler of one instance (cheap to clone).
#[derive(Clone)]
pub struct SearchCache {
    inner: Arc<Inner>,
}

struct Inner {
    max_bytes: usize,
    ttl: Duration,
    /// Public searches this instance runs in Postgres at once; the rest wait their turn.
    searching: Semaphore,
    results: Mutex<Results>,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// Bookkeeping per kept result besides its texts (key, map slot, timestamps).
const OVERHEAD_BYTES: usize = 160;

impl Default for SearchCache {
    /// Nothing kept and no limit (a test or tool that never serves patrons).
    fn default() -> Self {
        Self::new(0, Duration::ZERO, Semaphore::MAX_PERMITS)
    }
}

impl SearchCache {
    /// Keeps at most about `max_bytes` of results, each at most `ttl`. Zero bytes keeps
    /// nothing: every search goes to Postgres. At most `concurrent` searches (at least one)
    /// run in Postgres at once.
    pub fn new(max_bytes: usize, ttl: Duration, concurrent: usize) -> Self {
        Self {
            inner: Arc::new(Inner {
                max_bytes,
                ttl,
                searching: Semaphore::new(concurrent.clamp(1, Semaphore::MAX_PERMITS)),
                results: Mutex::default(),
                hits: AtomicU64::new(0),
                misses: AtomicU64::new(0),
            }),
        }
    }

    fn enabled(&self) -> bool {
        self.inner.max_bytes > 0 && !self.inner.ttl.is_zero()
    }

    /// The best `limit` published entries for `query`, as [`search`] with
    /// [`Scope::Published`] finds them: from memory when this exact search ran lately and
    /// nothing it read changed since.
    pub async fn search_published(
        &self,
        db: &PgPool,
        library: LibraryId,
        query: &str,
        language: Option<&str>,
        limit: i64,
    ) -> sqlx::Result<Vec<Hit>> {
        let Some(words) = query_words(query) else {
            return Ok(Vec::new());
        };
        if !self.enabled() {
            return self.search_in_turn(db, library, query, language, limit).await;
        }
        let key = Key { library, words: words.plain, language: language.map(str::to_owned), limit };
        let generation = match self.get(&key) {
            Ok(hits) => {
                self.inner.hits.fetch_add(1, Ordering::Relaxed);
                return Ok(hits.to_vec());
            }
            Err(generation) => generation,
        };
        self.inner.misses.fetch_add(1, Ordering::Relaxed);
        let hits = self.search_in_turn(db, library, query, language, limit).await?;
        self.keep(key, generation, &hits);
        Ok(hits)
    }

    /// A public search in Postgres, once one of the instance's turns is free. The search
    /// page is public and unauthenticated: without a bound, a burst of searches takes every
    /// core and pooled connection from staff work, and even a burst of patrons is answered
    /// sooner in turn (first come, first served) than all at once, each slowed by the others.
    async fn search_in_turn(
        &self,
        db: &PgPool,
        library: LibraryId,
        query: &str,
        language: Option<&str>,
        limit: i64,
    ) -> sqlx::Result<Vec<Hit>> {
        let _turn = self.inner.searching.acquire().await.expect("the semaphore is never closed");
        search(db, library, query, Scope::Published, language, limit).await
    }

    /// The kept result, or the generation a search starting now belongs to.
    fn get(&self, key: &Key) -> Result<Arc<[Hit]>, u64> {
        let mut results = self.inner.results.lock().expect("faq cache lock");
        let found = results.kept.get(key).map(|kept| (kept.at.elapsed() < self.inner.ttl, kept.hits.clone()));
        match found {
            Some((true, hits)) => Ok(hits),
            Some((false, _)) => {
                let gone = results.kept.remove(key).expect("present");
                results.bytes -= gone.bytes;
                Err(results.generation)
            }
            None => Err(results.generation),
        }
    }

    fn keep(&self, key: Key, generation: u64, hits: &[Hit]) {
        let bytes = OVERHEAD_BYTES
            + key.words.len()
            + hits
                .iter()
                .map(|h| 64 + h.slug.len() + h.question.len() + h.short_answer.len() + h.language.len())
                .sum::<usize>();
        if bytes > self.inner.max_bytes {
            return;
        }
        let mut results = self.inner.results.lock().expect("faq cache lock");
        if results.generation != generation {
            return; // something was forgotten while this search ran: it may have read it
        }
        if results.bytes + bytes > self.inner.max_bytes {
            make_room(&mut results, self.inner.max_bytes, bytes, self.inner.ttl);
        }
        let kept = Kept { hits: hits.into(), at: Instant::now(), bytes };
        if let Some(old) = results.kept.insert(key, kept) {
            results.bytes -= old.bytes;
        }
        results.bytes += bytes;
    }

    /// Forgets one library's results (its FAQ, synonyms or word list changed).
    pub fn forget_library(&self, library: LibraryId) {
        let mut results = self.inner.results.lock().expect("faq cache lock");
        results.generation += 1;
        let mut freed = 0;
        results.kept.retain(|k, kept| {
            let keep = k.library != library;
            if !keep {
                freed += kept.bytes;
            }
            keep
        });
        results.bytes -= freed;
    }

    /// Forgets every result (a change notification may have been missed).
    pub fn forget_all(&self) {
        let mut results = self.inner.results.lock().expect("faq cache lock");
        results.generation += 1;
        results.kept.clear();
        results.bytes = 0;
    }

    /// Applies a `refdesk_faq` notification: a library id, or `*` for every library.
    pub fn on_notification(&self, payload: &str) {
        match payload.parse::<i64>() {
            Ok(id) => self.forget_library(LibraryId(id)),
            Err(_) => self.forget_all(),
        }
    }

    pub fn stats(&self) -> CacheStats {
        let results = self.inner.results.lock().expect("faq cache lock");
        CacheStats {
            hits: self.inner.hits.load(Ordering::Relaxed),
            misses: self.inner.misses.load(Ordering::Relaxed),
            entries: results.kept.len(),
            bytes: results.bytes,
        }
    }
}

/// Frees room for `wanted` more bytes: first what outlived its time, then the oldest, down
/// to three quarters of the budget so that the sort is paid once per many insertions.
fn make_room(results: &mut Results, max_bytes: usize, wanted: usize, ttl: Duration) {
    let mut freed = 0;
    results.kept.retain(|_, kept| {
        let keep = kept.at.elapsed() < ttl;
        if !keep {
            freed += kept.bytes;
        }
        keep
    });
    results.bytes -= freed;
    let target = (max_bytes / 4 * 3).saturating_sub(wanted);
    if results.bytes <= target {
        return;
    }
    let mut by_age: Vec<(Instant, Key)> = results.kept.iter().map(|(k, kept)| (kept.at, k.clone())).collect();
    by_age.sort_by_key(|(at, _)| *at);
    for (_, key) in by_age {
        if results.bytes <= target {
            break;
        }
        if let Some(gone) = results.kept.remove(&key) {
            results.bytes -= gone.bytes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: i64, text: &str) -> Hit {
        Hit {
            id,
            slug: format!("entry-{id}"),
            question: text.to_owned(),
            short_answer: text.to_owned(),
            language: "en".into(),
            score: 1.0,
        }
    }

    fn key(library: i64, words: &str) -> Key {
        Key { library: LibraryId(library), words: words.to_owned(), language: None, limit: 3 }
    }

    fn cache(max_bytes: usize) -> SearchCache {
        SearchCache::new(max_bytes, Duration::from_secs(60), 4)
    }

    #[test]
    fn a_kept_result_is_found_under_its_own_key_only() {
        let c = cache(100_000);
        let generation = c.get(&key(1, "renew")).unwrap_err();
        c.keep(key(1, "renew"), generation, &[hit(7, "How do I renew?")]);
        assert_eq!(c.get(&key(1, "renew")).unwrap()[0].id, 7);
        assert!(c.get(&key(2, "renew")).is_err(), "another library");
        assert!(c.get(&Key { limit: 10, ..key(1, "renew") }).is_err(), "another limit");
        assert!(c.get(&Key { language: Some("es".into()), ..key(1, "renew") }).is_err(), "another language");
    }

    #[test]
    fn forgetting_a_library_keeps_the_others() {
        let c = cache(100_000);
        for library in [1, 2] {
            let g = c.get(&key(library, "renew")).unwrap_err();
            c.keep(key(library, "renew"), g, &[hit(library, "renew")]);
        }
        c.forget_library(LibraryId(1));
        assert!(c.get(&key(1, "renew")).is_err());
        assert!(c.get(&key(2, "renew")).is_ok());
        assert_eq!(c.stats().entries, 1);
        c.on_notification("*");
        assert_eq!(c.stats(), CacheStats { entries: 0, bytes: 0, ..c.stats() });
    }

    #[test]
    fn a_search_that_ran_while_its_library_was_forgotten_is_not_kept() {
        let c = cache(100_000);
        let started = c.get(&key(1, "renew")).unwrap_err();
        c.on_notification("1");
        c.keep(key(1, "renew"), started, &[hit(1, "old wording")]);
        assert!(c.get(&key(1, "renew")).is_err());
    }

    #[test]
    fn results_past_their_time_are_searched_again() {
        let c = SearchCache::new(100_000, Duration::from_millis(1), 4);
        let g = c.get(&key(1, "renew")).unwrap_err();
        c.keep(key(1, "renew"), g, &[hit(1, "renew")]);
        std::thread::sleep(Duration::from_millis(5));
        assert!(c.get(&key(1, "renew")).is_err());
        assert_eq!(c.stats().bytes, 0);
    }

    #[test]
    fn the_memory_stays_within_its_budget_and_the_newest_stay() {
        let c = cache(20_000);
        for i in 0..1000 {
            let k = key(1, &format!("query {i}"));
            let g = c.get(&k).unwrap_err();
            c.keep(k, g, &[hit(i, &"x".repeat(100)), hit(i + 1, &"y".repeat(100))]);
            assert!(c.stats().bytes <= 20_000);
        }
        let s = c.stats();
        assert!(s.entries > 20, "{s:?}");
        assert!(c.get(&key(1, "query 999")).is_ok());
        assert!(c.get(&key(1, "query 0")).is_err());
    }
}
