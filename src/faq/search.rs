//! FAQ search the way patrons write: Postgres full-text search in each entry's language
//! (english and spanish stemming, `simple` for the rest), with the last word as a prefix,
//! corrected misspellings and the library's synonyms (see [`super::query`]).
//!
//! One round trip: `faq_search` (migration 0021) composes the query and runs every tier in
//! Postgres. Fast over a large FAQ because only a small candidate set is ever ranked:
//! 1. entries that have every word of the query (`all_words`, GIN index on the stored
//!    `search` vector), at most [`CANDIDATES`];
//! 2. only when those are fewer than asked for, entries with any word (`any_word`, same
//!    index), at most [`CANDIDATES`] more;
//! 3. only when still fewer, entries whose question is close to the whole query by trigram
//!    similarity (`%` at pg_trgm's default 0.3, served by the GIN trigram index on the
//!    question), at most [`NEAR_CANDIDATES`].
//!
//! The candidates are ranked alike: ts_rank (question words weigh most, then topics, short
//! answer, answer) plus the trigram similarity of the whole query to the question.

use super::query::query_words;
use crate::domain::LibraryId;
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;

/// Most entries of one tier (all words, any word) that are ranked. A library's FAQ has tens
/// to hundreds of entries, so this is every match there; in a very large FAQ a common word
/// matches more, and only these are ranked (the bound that keeps a search fast).
pub const CANDIDATES: i64 = 50;
/// Most entries ranked from the trigram fallback.
pub const NEAR_CANDIDATES: i64 = 30;
/// Below this a match is too weak to show.
const MIN_SCORE: f32 = 0.02;
/// One matching entry.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Hit {
    pub id: i64,
    pub slug: String,
    pub question: String,
    pub short_answer: String,
    pub language: String,
    #[serde(skip)]
    pub score: f32,
}

/// Which entries a search looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scope {
    /// What patrons see.
    Published,
    /// Staff: drafts too.
    All,
}

/// The best `limit` entries for `query`, best first.
pub async fn search(
    db: &PgPool,
    library: LibraryId,
    query: &str,
    scope: Scope,
    language: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<Hit>> {
    let Some(q) = query_words(query) else {
        return Ok(Vec::new());
    };
    let mut hits: Vec<Hit> = sqlx::query_as(SEARCH_SQL)
        .bind(library)
        .bind(&q.words)
        .bind(&q.plain)
        .bind(scope == Scope::All)
        .bind(language)
        .bind(limit)
        .bind(CANDIDATES)
        .bind(NEAR_CANDIDATES)
        .bind(MIN_SCORE)
        .fetch_all(db)
        .await?;
    // The word tiers and the question tier each come best first; merge them.
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    hits.truncate(limit.max(0) as usize);
    Ok(hits)
}

const SEARCH_SQL: &str = "SELECT id, slug, question, short_answer, language, score
                            FROM faq_search($1, $2, $3, $4, $5, $6::integer, $7::integer, $8::integer, $9)";

/// `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of a published search of `query`: the same
/// call and parameters [`search`] makes, for the bench's report of how many rows and
/// buffers a search touches (inside the function, so its statements are summed). `None`
/// without words.
pub async fn explain(
    db: &PgPool,
    library: LibraryId,
    query: &str,
    limit: i64,
) -> sqlx::Result<Option<serde_json::Value>> {
    let Some(q) = query_words(query) else {
        return Ok(None);
    };
    let plan = sqlx::query_scalar(&format!("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {SEARCH_SQL}"))
        .bind(library)
        .bind(&q.words)
        .bind(&q.plain)
        .bind(false)
        .bind(None::<String>)
        .bind(limit)
        .bind(CANDIDATES)
        .bind(NEAR_CANDIDATES)
        .bind(MIN_SCORE)
        .fetch_one(db)
        .await?;
    Ok(Some(plan))
}
