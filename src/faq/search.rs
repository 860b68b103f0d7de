//! FAQ search the way patrons write: Postgres full-text search in each entry's language
//! (english and spanish stemming, `simple` for the rest), with prefixes, corrected
//! misspellings and the library's synonyms (see [`super::query`]).
//!
//! Fast over a large FAQ because only a small candidate set is ever ranked:
//! 1. entries that have every word of the query (`all_words`, GIN index on the stored
//!    `search` vector), at most [`CANDIDATES`];
//! 2. only when those are fewer than asked for, entries with any word (`any_word`, same
//!    index), at most [`CANDIDATES`] more;
//! 3. only when still fewer, entries whose question is close to the whole query by trigram
//!    similarity (`%` at [`QUESTION_SIMILARITY`], served by the GIN trigram index on the
//!    question), at most [`NEAR_CANDIDATES`].
//!
//! The candidates are ranked alike: ts_rank (question words weigh most, then topics, short
//! answer, answer) plus the trigram similarity of the whole query to the question.

use super::query::{build_query, TsQueries};
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
/// How close (pg_trgm similarity, 0..1) a question must be to the whole query for the
/// fallback; pg_trgm's default, set explicitly so a changed server default changes nothing.
pub const QUESTION_SIMILARITY: &str = "0.3";
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
    let Some(q) = build_query(db, library, query).await? else {
        return Ok(Vec::new());
    };
    let mut hits = by_words(db, library, &q, scope, language, limit).await?;
    if (hits.len() as i64) < limit {
        let found: Vec<i64> = hits.iter().map(|h| h.id).collect();
        hits.extend(near_questions(db, library, &q.plain, scope, language, &found, limit).await?);
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        hits.truncate(limit.max(0) as usize);
    }
    Ok(hits)
}

/// Tiers 1 and 2 in one statement. Each tier's matches are a MATERIALIZED CTE read through
/// a LIMIT: planned as a whole (so the planner picks the GIN index when matches are few,
/// rather than a seq scan that hopes to meet the limit early) but executed only as far as
/// the LIMIT reads. The `any_word` tier runs only when `all_words` found fewer than `$7`
/// (a one-time filter: otherwise its scan is never started).
const BY_WORDS_SQL: &str = "
WITH all_words_match AS MATERIALIZED (
    SELECT e.id FROM faq_entry e
     WHERE e.search @@ (to_tsquery('english', $2) || to_tsquery('spanish', $2) || to_tsquery('simple', $2))
       AND e.library_id = $1 AND ($5 OR e.status = 'published') AND ($6::text IS NULL OR e.language = $6)),
all_words AS MATERIALIZED (SELECT id FROM all_words_match LIMIT $8),
any_word_match AS MATERIALIZED (
    SELECT e.id FROM faq_entry e
     WHERE e.search @@ (to_tsquery('english', $3) || to_tsquery('spanish', $3) || to_tsquery('simple', $3))
       AND e.library_id = $1 AND ($5 OR e.status = 'published') AND ($6::text IS NULL OR e.language = $6)),
any_word AS MATERIALIZED (
    SELECT id FROM any_word_match WHERE (SELECT count(*) FROM all_words) < $7 LIMIT $8),
q AS MATERIALIZED (
    SELECT to_tsquery('english', $3) AS en, to_tsquery('spanish', $3) AS es, to_tsquery('simple', $3) AS si),
ranked AS MATERIALIZED (
    SELECT e.id, e.slug, e.question, e.short_answer, e.language,
           (ts_rank('{0.1, 0.2, 0.4, 1.0}', e.search,
                    CASE e.language WHEN 'en' THEN q.en WHEN 'es' THEN q.es ELSE q.si END)
            + 0.6 * similarity(lower(e.question), $4))::real AS score
      FROM (SELECT id FROM all_words UNION SELECT id FROM any_word) c
      JOIN faq_entry e ON e.library_id = $1 AND e.id = c.id
      CROSS JOIN q)
SELECT id, slug, question, short_answer, language, score FROM ranked
 WHERE score > $9
 ORDER BY score DESC, id
 LIMIT $7";

async fn by_words(
    db: &PgPool,
    library: LibraryId,
    q: &TsQueries,
    scope: Scope,
    language: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<Hit>> {
    sqlx::query_as(BY_WORDS_SQL)
        .bind(library)
        .bind(&q.all_words)
        .bind(&q.any_word)
        .bind(&q.plain)
        .bind(scope == Scope::All)
        .bind(language)
        .bind(limit)
        .bind(CANDIDATES)
        .bind(MIN_SCORE)
        .fetch_all(db)
        .await
}

/// Tier 3: questions like the whole query ("how do i renw my bok"), for when the words
/// found too little. `%` is what the trigram index serves; its threshold is a setting, so
/// it is set for this transaction only.
const NEAR_SQL: &str = "
WITH near_match AS MATERIALIZED (
    SELECT e.id, e.slug, e.question, e.short_answer, e.language FROM faq_entry e
     WHERE lower(e.question) % $2
       AND e.library_id = $1 AND ($3 OR e.status = 'published') AND ($4::text IS NULL OR e.language = $4)
       AND e.id <> ALL ($5)),
near AS MATERIALIZED (SELECT * FROM near_match LIMIT $7)
SELECT id, slug, question, short_answer, language, (0.6 * similarity(lower(question), $2))::real AS score
  FROM near
 ORDER BY score DESC, id
 LIMIT $6";

async fn near_questions(
    db: &PgPool,
    library: LibraryId,
    plain: &str,
    scope: Scope,
    language: Option<&str>,
    found: &[i64],
    limit: i64,
) -> sqlx::Result<Vec<Hit>> {
    if plain.chars().count() < 3 {
        return Ok(Vec::new());
    }
    let mut tx = db.begin().await?;
    sqlx::query("SELECT set_config('pg_trgm.similarity_threshold', $1, true)")
        .bind(QUESTION_SIMILARITY)
        .execute(&mut *tx)
        .await?;
    let hits = sqlx::query_as(NEAR_SQL)
        .bind(library)
        .bind(plain)
        .bind(scope == Scope::All)
        .bind(language)
        .bind(found)
        .bind(limit)
        .bind(NEAR_CANDIDATES)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(hits)
}

/// `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of the words tiers for a published search of
/// `query`: the same statement and parameters [`search`] runs, for the bench's report of
/// which indexes serve it and how many rows and buffers it touches. `None` without words.
pub async fn explain_by_words(
    db: &PgPool,
    library: LibraryId,
    query: &str,
    limit: i64,
) -> sqlx::Result<Option<serde_json::Value>> {
    let Some(q) = build_query(db, library, query).await? else {
        return Ok(None);
    };
    let plan = sqlx::query_scalar(&format!("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {BY_WORDS_SQL}"))
        .bind(library)
        .bind(&q.all_words)
        .bind(&q.any_word)
        .bind(&q.plain)
        .bind(false)
        .bind(None::<String>)
        .bind(limit)
        .bind(CANDIDATES)
        .bind(MIN_SCORE)
        .fetch_one(db)
        .await?;
    Ok(Some(plan))
}
