//! A patron's query as Postgres text-search queries: every word also as a prefix (the
//! patron is still typing), a misspelt word also as the nearest word the library's entries
//! use (trigram similarity over the library's word list), and the library's synonyms of a
//! word or phrase the query names.
//!
//! Two forms come out. [`TsQueries::all_words`] asks for every word of the query (each
//! with its spellings and synonyms as alternatives): the few entries that match it are the
//! likely answers, and the GIN index finds them without reading the rest. Only when that
//! finds too few does search fall back to [`TsQueries::any_word`], any one of them.

use super::text::{allowed_edits, edit_distance, same_word, words};
use crate::domain::LibraryId;
use sqlx::PgPool;

/// The tsquery texts for one query. Operands are letters and digits only, so both always
/// parse (with `to_tsquery` in any configuration).
#[derive(Debug, Clone, PartialEq)]
pub struct TsQueries {
    /// Every word position, each as `(spelling | correction | synonym …)`, AND-ed.
    pub all_words: String,
    /// Every alternative of every position, OR-ed (for the fallback and for ranking).
    pub any_word: String,
    /// The query's words, lower case, space separated (trigram similarity to questions).
    pub plain: String,
}

/// The tsquery texts for a query, or `None` when it has no words.
pub async fn build_query(db: &PgPool, library: LibraryId, query: &str) -> sqlx::Result<Option<TsQueries>> {
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
    let corrections: Vec<(String, String)> = candidates
        .into_iter()
        .filter_map(|(w, near)| {
            let fixed = near.into_iter().find(|c| edit_distance(&w, c) <= allowed_edits(&w))?;
            Some((w, fixed))
        })
        .collect();
    let groups: Vec<Vec<String>> =
        sqlx::query_scalar("SELECT terms FROM faq_synonym WHERE library_id = $1").bind(library).fetch_all(db).await?;
    let plain = words(query).join(" ");
    Ok(Some(compose(&query_words, &corrections, &groups, plain)))
}

/// The pure part of [`build_query`]: the query's words, the corrections of misspelt ones
/// and the library's synonym groups, as tsquery texts.
fn compose(
    query_words: &[String],
    corrections: &[(String, String)],
    groups: &[Vec<String>],
    plain: String,
) -> TsQueries {
    // Each position's spellings: as typed, and the nearest known word if it was unknown.
    let spellings: Vec<Vec<String>> = query_words
        .iter()
        .map(|w| {
            let mut forms = vec![w.clone()];
            if let Some((_, fixed)) = corrections.iter().find(|(from, _)| from == w) {
                forms.push(fixed.clone());
            }
            forms
        })
        .collect();
    let mut positions: Vec<Vec<String>> =
        spellings.iter().map(|forms| forms.iter().map(|f| operand(f)).collect()).collect();
    // A group named by a term (a word or a phrase, word for word) adds all its terms as
    // alternatives at every position the naming term covers.
    for group in groups {
        let alternatives: Vec<String> = group.iter().filter_map(|term| term_operand(term)).collect();
        for term in group {
            let len = words(term).len();
            for start in term_positions(term, &spellings) {
                for alts in &mut positions[start..start + len] {
                    for a in &alternatives {
                        push_new(alts, a.clone());
                    }
                }
            }
        }
    }
    let mut any: Vec<String> = Vec::new();
    for a in positions.iter().flatten() {
        push_new(&mut any, a.clone());
    }
    let all_words = positions.iter().map(|alts| format!("({})", alts.join(" | "))).collect::<Vec<_>>().join(" & ");
    TsQueries { all_words, any_word: any.join(" | "), plain }
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// A word as a tsquery operand: a prefix from three letters on.
fn operand(word: &str) -> String {
    if word.chars().count() >= 3 {
        format!("{word}:*")
    } else {
        word.to_owned()
    }
}

/// A synonym term as a tsquery operand: one word as [`operand`], a phrase word after word.
fn term_operand(term: &str) -> Option<String> {
    let parts = words(term);
    match parts.len() {
        0 => None,
        1 => Some(operand(&parts[0])),
        _ => Some(format!("({})", parts.join(" <-> "))),
    }
}

/// Where a synonym term (one word or a phrase) appears in the query, word for word: the
/// positions it starts at.
fn term_positions(term: &str, spellings: &[Vec<String>]) -> Vec<usize> {
    let parts = words(term);
    if parts.is_empty() || parts.len() > spellings.len() {
        return Vec::new();
    }
    spellings
        .windows(parts.len())
        .enumerate()
        .filter(|(_, window)| window.iter().zip(&parts).all(|(forms, part)| forms.iter().any(|f| same_word(f, part))))
        .map(|(start, _)| start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<Vec<String>> {
        words(s).into_iter().map(|w| vec![w]).collect()
    }

    fn owned(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn synonym_phrases_are_found_word_for_word() {
        assert_eq!(term_positions("library card", &q("lost my library cards")), [2]);
        assert!(term_positions("library card", &q("card for the library")).is_empty());
        assert_eq!(term_positions("renew", &q("renewing books")), [0]);
    }

    #[test]
    fn every_word_is_required_with_its_spellings_and_synonyms_as_alternatives() {
        let groups = vec![owned(&["renew", "extend", "keep longer"]), owned(&["library card", "membership"])];
        let corrections = vec![("bokks".to_owned(), "books".to_owned())];
        let t = compose(&owned(&["renew", "my", "bokks"]), &corrections, &groups, "renew my bokks".into());
        assert_eq!(t.all_words, "(renew:* | extend:* | (keep <-> longer)) & (my) & (bokks:* | books:*)");
        assert_eq!(t.any_word, "renew:* | extend:* | (keep <-> longer) | my | bokks:* | books:*");

        // A phrase names its group at both of its positions.
        let t = compose(&owned(&["library", "card", "lost"]), &[], &groups, String::new());
        assert_eq!(
            t.all_words,
            "(library:* | (library <-> card) | membership:*) & (card:* | (library <-> card) | membership:*) & (lost:*)"
        );
    }
}
