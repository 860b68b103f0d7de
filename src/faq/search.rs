//! FAQ search the way patrons write: Postgres full-text search in each entry's language
//! (english and spanish stemming, `simple` for the rest), every word also as a prefix (the
//! patron is still typing), misspelt words corrected to the nearest word the library's
//! entries use (trigram similarity), and the library's synonyms added.
//!
//! The words of a query are OR-ed: ranking (question words weigh most, then topics, short
//! answer, answer) plus the trigram similarity of the whole query to the question puts the
//! entry that matches most of them first.

use super::text::{allowed_edits, edit_distance, same_word, words};
use crate::domain::LibraryId;
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;

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

/// The tsquery text (operands are letters and digits only, so it always parses) for a
/// query, or `None` when it has no words.
pub async fn build_query(db: &PgPool, library: LibraryId, query: &str) -> sqlx::Result<Option<String>> {
    let query_words: Vec<String> = words(query).into_iter().filter(|w| w.chars().count() >= 2).collect();
    if query_words.is_empty() {
        return Ok(None);
    }
    // Candidates by trigram similarity (indexed), then the first few edits away.
    let candidates: Vec<(String, Vec<String>)> = sqlx::query_as(
        "SELECT w, ARRAY(SELECT v.word FROM faq_word v WHERE v.library_id = $1 AND v.word % w
                          ORDER BY similarity(v.word, w) DESC, v.word LIMIT 5)
           FROM unnest($2::text[]) AS w
          WHERE length(w) >= 3 AND NOT EXISTS (SELECT 1 FROM faq_word v WHERE v.library_id = $1 AND v.word = w)",
    )
    .bind(library)
    .bind(&query_words)
    .fetch_all(db)
    .await?;
    let corrections: Vec<(String, Option<String>)> = candidates
        .into_iter()
        .map(|(w, near)| {
            let fixed = near.into_iter().find(|c| edit_distance(&w, c) <= allowed_edits(&w));
            (w, fixed)
        })
        .collect();
    let groups: Vec<Vec<String>> =
        sqlx::query_scalar("SELECT terms FROM faq_synonym WHERE library_id = $1").bind(library).fetch_all(db).await?;

    let mut terms: Vec<String> = Vec::new();
    let add = |t: String, terms: &mut Vec<String>| {
        if !terms.contains(&t) {
            terms.push(t);
        }
    };
    // Each position's spellings: as typed, and the nearest known word if it was unknown.
    let mut spellings: Vec<Vec<String>> = Vec::new();
    for w in &query_words {
        let mut forms = vec![w.clone()];
        if let Some((_, Some(fixed))) = corrections.iter().find(|(from, _)| from == w) {
            forms.push(fixed.clone());
        }
        for f in &forms {
            add(operand(f), &mut terms);
        }
        spellings.push(forms);
    }
    for group in &groups {
        let named = group.iter().any(|term| term_in_query(term, &spellings));
        if named {
            for term in group {
                let parts = words(term);
                if parts.is_empty() {
                    continue;
                }
                let t = if parts.len() == 1 { operand(&parts[0]) } else { format!("({})", parts.join(" <-> ")) };
                add(t, &mut terms);
            }
        }
    }
    Ok(Some(terms.join(" | ")))
}

/// A word as a tsquery operand: a prefix from three letters on.
fn operand(word: &str) -> String {
    if word.chars().count() >= 3 {
        format!("{word}:*")
    } else {
        word.to_owned()
    }
}

/// Whether a synonym term (one word or a phrase) appears in the query, word for word.
fn term_in_query(term: &str, spellings: &[Vec<String>]) -> bool {
    let parts = words(term);
    if parts.is_empty() || parts.len() > spellings.len() {
        return false;
    }
    spellings
        .windows(parts.len())
        .any(|window| window.iter().zip(&parts).all(|(forms, part)| forms.iter().any(|f| same_word(f, part))))
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
    let Some(tsquery) = build_query(db, library, query).await? else {
        return Ok(Vec::new());
    };
    let plain = words(query).join(" ");
    sqlx::query_as(
        "WITH q AS (SELECT to_tsquery('english', $2) AS en, to_tsquery('spanish', $2) AS es,
                           to_tsquery('simple', $2) AS si)
         SELECT id, slug, question, short_answer, language, score FROM (
           SELECT e.id, e.slug, e.question, e.short_answer, e.language,
                  (ts_rank('{0.1, 0.2, 0.4, 1.0}', e.search,
                           CASE e.language WHEN 'en' THEN q.en WHEN 'es' THEN q.es ELSE q.si END)
                   + 0.6 * similarity(lower(e.question), $3))::real AS score
             FROM faq_entry e, q
            WHERE e.library_id = $1
              AND ($4 OR e.status = 'published')
              AND ($5::text IS NULL OR e.language = $5)
              AND (e.search @@ q.en OR e.search @@ q.es OR e.search @@ q.si OR lower(e.question) % $3)
         ) ranked
         WHERE score > 0.02
         ORDER BY score DESC, id
         LIMIT $6",
    )
    .bind(library)
    .bind(&tsquery)
    .bind(&plain)
    .bind(scope == Scope::All)
    .bind(language)
    .bind(limit)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonym_phrases_are_found_word_for_word() {
        let q = |s: &str| words(s).into_iter().map(|w| vec![w]).collect::<Vec<_>>();
        assert!(term_in_query("library card", &q("lost my library cards")));
        assert!(!term_in_query("library card", &q("card for the library")));
        assert!(term_in_query("renew", &q("renewing books")));
    }
}
