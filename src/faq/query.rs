//! A patron's query as Postgres text-search queries: every word as itself (the last one
//! also as a prefix: the patron may still be typing it), a misspelt word also as the
//! nearest word the library's entries use (trigram similarity over the library's word
//! list, then at most a few edits), and the library's synonyms of a word or phrase the
//! query names.
//!
//! The composition runs in Postgres (`faq_tsqueries`, migration 0021), next to the word
//! list and the synonyms it reads, so that a whole search is one round trip
//! (`faq_search` calls it). This module prepares the words and shows the composed texts
//! to tests and the bench.
//!
//! Two forms come out. `all_words` asks for every word of the query (each with its
//! spellings and synonyms as alternatives): the few entries that match it are the likely
//! answers, and the GIN index finds them without reading the rest. Only when that finds
//! too few does search fall back to `any_word`, any one of them.

use super::text::words;
use crate::domain::LibraryId;
use sqlx::PgPool;

/// A query's words as search takes them.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryWords {
    /// Words of two letters or more, lower case, letters and digits only (so they are safe
    /// operands of a tsquery).
    pub words: Vec<String>,
    /// Every word of the query, space separated (trigram similarity to questions).
    pub plain: String,
}

/// The words of `query`, or `None` when it has none worth searching.
pub fn query_words(query: &str) -> Option<QueryWords> {
    let all = words(query);
    let searched: Vec<String> = all.iter().filter(|w| w.chars().count() >= 2).cloned().collect();
    if searched.is_empty() {
        return None;
    }
    Some(QueryWords { words: searched, plain: all.join(" ") })
}

/// The tsquery texts for one query. Operands are letters and digits only, so both always
/// parse (with `to_tsquery` in any configuration).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TsQueries {
    /// Every word position, each as `(spelling | correction | synonym …)`, AND-ed.
    pub all_words: String,
    /// Every alternative of every position, OR-ed (for the fallback and for ranking).
    pub any_word: String,
}

/// The tsquery texts `faq_search` builds for `query` in `library`, or `None` without words.
pub async fn tsqueries(db: &PgPool, library: LibraryId, query: &str) -> sqlx::Result<Option<TsQueries>> {
    let Some(q) = query_words(query) else { return Ok(None) };
    sqlx::query_as("SELECT all_words, any_word FROM faq_tsqueries($1, $2)")
        .bind(library)
        .bind(&q.words)
        .fetch_one(db)
        .await
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_words_are_not_searched_but_stay_in_the_plain_text() {
        let q = query_words("Can I RENEW my book's?").unwrap();
        assert_eq!(q.words, ["can", "renew", "my", "book"]);
        assert_eq!(q.plain, "can i renew my book s");
        assert_eq!(query_words("a ? !"), None);
    }
}
