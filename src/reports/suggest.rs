//! A question type (and READ level) to suggest when a conversation is resolved, from what
//! the library already has: the conversations staff classified before, and its FAQ.
//!
//! Nearest neighbours, in one statement: the patron's words (the first inbound messages and
//! the subject, stemmed in the patron's language, stop words and anything with a digit left
//! out) and the conversation's tags are compared with those of the library's
//! [`CANDIDATES`] most recent classified conversations of the last year. A shared word
//! weighs more the fewer of them use it (inverse document frequency), so "renew" speaks
//! louder than "please". The [`NEIGHBOURS`] most similar vote with their similarity for
//! their question type; each type's READ level is the most common among its voters. When
//! the patron's words also match a published FAQ entry that has a topic, that topic is
//! offered too (it is how a library with nothing classified yet gets a suggestion).
//!
//! Nothing is stored: the suggestion is computed from the messages as they are now, so
//! retention and erasure need no extra step. It is a suggestion; staff choose.

use crate::domain::{ConversationId, LibraryId};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;

/// Recent classified conversations compared with this one.
pub const CANDIDATES: i64 = 500;
/// The most similar of them that vote.
pub const NEIGHBOURS: i64 = 7;
/// Suggestions returned at most.
const MAX: usize = 3;
/// Similarity below which a past conversation does not count as similar: one shared word
/// that every candidate uses weighs ln 2 (0.69); this needs a rarer word or two of them.
const MIN_SIMILARITY: f64 = 1.0;

/// One suggested classification.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TypeSuggestion {
    pub question_type: String,
    /// The READ level most often given with this type (null when none was).
    pub read_level: Option<i16>,
    /// `similar`: the type of the most similar classified conversations; `faq`: the topic
    /// of the FAQ entry the patron's words match.
    pub source: String,
    /// `similar`: how many of the nearest conversations had this type, of `neighbours`.
    pub similar: i64,
    pub neighbours: i64,
    /// `faq`: the entry's question.
    pub faq_question: Option<String>,
}

const NEAREST_SQL: &str = "
WITH me AS (
    SELECT c.id, c.tags, faq_ts_config(coalesce(ct.language, 'en')) AS cfg,
           coalesce(c.subject, '') || ' ' || coalesce(
               (SELECT string_agg(left(m.body, 2000), ' ')
                  FROM (SELECT m.body FROM message m
                         WHERE m.library_id = c.library_id AND m.conversation_id = c.id AND m.direction = 'in'
                         ORDER BY m.id LIMIT 3) m), '') AS body
      FROM conversation c JOIN contact ct ON ct.library_id = c.library_id AND ct.id = c.contact_id
     WHERE c.library_id = $1 AND c.id = $2),
mine AS (
    SELECT DISTINCT w FROM me,
           unnest(tsvector_to_array(to_tsvector(me.cfg, me.body)) || ARRAY(SELECT '#' || t FROM unnest(me.tags) t)) w
     WHERE w ~ '^#?[[:alpha:]]+$' AND length(w) >= 2),
past AS MATERIALIZED (
    SELECT c.id, c.question_type, c.read_level, c.tags, c.subject
      FROM conversation c
     WHERE c.library_id = $1 AND c.question_type IS NOT NULL AND c.id <> $2
       AND c.created_at > now() - interval '1 year'
     ORDER BY c.created_at DESC LIMIT $3),
shared AS (
    SELECT p.id, x.w
      FROM past p CROSS JOIN me,
           LATERAL (SELECT coalesce(p.subject, '') || ' ' || coalesce(string_agg(left(m.body, 2000), ' '), '') AS body
                      FROM (SELECT m.body FROM message m
                             WHERE m.library_id = $1 AND m.conversation_id = p.id AND m.direction = 'in'
                             ORDER BY m.id LIMIT 3) m) b,
           LATERAL (SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector(me.cfg, b.body))
                                                  || ARRAY(SELECT '#' || t FROM unnest(p.tags) t)) w) x
     WHERE x.w IN (SELECT w FROM mine)),
weight AS (
    SELECT w, ln(1 + (SELECT count(*) FROM past)::float8 / count(*)) AS idf FROM shared GROUP BY w),
nearest AS (
    SELECT s.id, sum(weight.idf) AS similarity
      FROM shared s JOIN weight USING (w)
     GROUP BY s.id HAVING sum(weight.idf) >= $4
     ORDER BY 2 DESC, s.id DESC LIMIT $5)
SELECT p.question_type, sum(n.similarity)::float8 AS votes, count(*) AS similar,
       (mode() WITHIN GROUP (ORDER BY p.read_level) FILTER (WHERE p.read_level IS NOT NULL))::smallint AS read_level,
       (SELECT count(*) FROM nearest) AS neighbours
  FROM nearest n JOIN past p USING (id)
 GROUP BY p.question_type
 ORDER BY votes DESC, p.question_type";

/// The published FAQ entry with a topic that shares the most words with the patron's.
const FAQ_SQL: &str = "
WITH me AS (
    SELECT faq_ts_config(coalesce(ct.language, 'en')) AS cfg,
           coalesce(c.subject, '') || ' ' || coalesce(
               (SELECT string_agg(left(m.body, 2000), ' ')
                  FROM (SELECT m.body FROM message m
                         WHERE m.library_id = c.library_id AND m.conversation_id = c.id AND m.direction = 'in'
                         ORDER BY m.id LIMIT 3) m), '') AS body
      FROM conversation c JOIN contact ct ON ct.library_id = c.library_id AND ct.id = c.contact_id
     WHERE c.library_id = $1 AND c.id = $2),
mine AS (
    SELECT array_agg(DISTINCT w) AS words
      FROM me, unnest(tsvector_to_array(to_tsvector(me.cfg, me.body))) w
     WHERE w ~ '^[[:alpha:]]+$' AND length(w) >= 2)
SELECT lower(e.topics[1]) AS topic, e.question,
       (SELECT count(*) FROM unnest(tsvector_to_array(e.search)) w WHERE w = ANY (mine.words)) AS shared
  FROM mine, faq_entry e
 WHERE e.library_id = $1 AND e.status = 'published' AND cardinality(e.topics) > 0
   AND length(trim(e.topics[1])) BETWEEN 1 AND 60
   AND mine.words IS NOT NULL AND e.search @@ array_to_string(mine.words, ' | ')::tsquery
 ORDER BY shared DESC, e.id LIMIT 1";

/// The READ level given most often with a question type in the last year.
const LEVEL_SQL: &str = "
SELECT (mode() WITHIN GROUP (ORDER BY read_level))::smallint FROM (
    SELECT read_level FROM conversation
     WHERE library_id = $1 AND question_type = $2 AND read_level IS NOT NULL
       AND created_at > now() - interval '1 year'
     ORDER BY created_at DESC LIMIT $3) r";

/// Suggestions for a conversation, best first (at most three); empty when nothing the
/// library has resembles it. The conversation must be the library's (the caller checks).
pub async fn for_conversation(
    conn: &mut PgConnection,
    library: LibraryId,
    id: ConversationId,
) -> sqlx::Result<Vec<TypeSuggestion>> {
    let votes: Vec<(String, f64, i64, Option<i16>, i64)> = sqlx::query_as(NEAREST_SQL)
        .bind(library)
        .bind(id)
        .bind(CANDIDATES)
        .bind(MIN_SIMILARITY)
        .bind(NEIGHBOURS)
        .fetch_all(&mut *conn)
        .await?;
    let mut out: Vec<TypeSuggestion> = votes
        .into_iter()
        .map(|(question_type, _, similar, read_level, neighbours)| TypeSuggestion {
            question_type,
            read_level,
            source: "similar".into(),
            similar,
            neighbours,
            faq_question: None,
        })
        .collect();
    let faq: Option<(String, String, i64)> =
        sqlx::query_as(FAQ_SQL).bind(library).bind(id).fetch_optional(&mut *conn).await?;
    // One shared word (often the library's name or "book") is no match.
    if let Some((topic, question, _)) = faq.filter(|f| f.2 >= 2) {
        if !out.iter().any(|s| s.question_type == topic) {
            let read_level: Option<i16> =
                sqlx::query_scalar(LEVEL_SQL).bind(library).bind(&topic).bind(CANDIDATES).fetch_one(&mut *conn).await?;
            out.push(TypeSuggestion {
                question_type: topic,
                read_level,
                source: "faq".into(),
                similar: 0,
                neighbours: 0,
                faq_question: Some(question),
            });
        }
    }
    out.truncate(MAX);
    Ok(out)
}
