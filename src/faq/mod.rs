//! Self-service answers: a public FAQ per library that patrons search before (or instead
//! of) asking. Entries are written by staff (or drafted from an answered conversation),
//! published by managers, searched the way patrons write (stemming, prefixes, typos,
//! synonyms) and answered on the web pages, in the chat widget and by SMS ("? renew").

pub mod cache;
pub mod demo;
pub mod draft;
pub mod query;
pub mod search;
pub mod sms;
pub mod store;
pub mod text;

pub use cache::SearchCache;
pub use search::{search, Hit, Scope};
pub use store::{Entry, EntryInput, MISS_RETENTION_DAYS};

/// The window of the anonymous "this answered my question" vote limit
/// (`faq.votes_per_address_per_10_minutes`, or the library's own lower limit; 429 beyond).
pub const VOTE_WINDOW: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// An entry's public link.
pub fn entry_url(origin: &str, library_slug: &str, entry_slug: &str) -> String {
    format!("{origin}/faq/{library_slug}/{entry_slug}")
}
