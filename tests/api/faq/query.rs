//! How a patron's query becomes the text-search queries `faq_search` runs (composed in
//! Postgres, beside the word list and synonyms: migration 0021's `faq_tsqueries`).

use crate::helpers::*;
use refdesk::faq::query::{tsqueries, TsQueries};

async fn library_with(app: &TestApp, groups: &[&[&str]], known_words: &[&str]) {
    for terms in groups {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        sqlx::query("INSERT INTO faq_synonym (library_id, terms) VALUES ($1, $2)")
            .bind(app.a.id)
            .bind(terms)
            .execute(&app.db)
            .await
            .unwrap();
    }
    for w in known_words {
        sqlx::query("INSERT INTO faq_word (library_id, word) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(app.a.id)
            .bind(w)
            .execute(&app.db)
            .await
            .unwrap();
    }
}

async fn composed(app: &TestApp, query: &str) -> TsQueries {
    tsqueries(&app.db, app.a.id, query).await.unwrap().expect("the query has words")
}

#[tokio::test]
async fn every_word_is_required_with_its_spellings_and_synonyms_and_only_the_last_is_a_prefix() {
    let app = spawn_app().await;
    library_with(
        &app,
        &[&["renew", "extend", "keep longer"], &["library card", "membership"]],
        &["books", "library", "card", "lost", "renew", "my"],
    )
    .await;

    // "bokks" is no word of the library's: its nearest known word (one edit away) joins it.
    let t = composed(&app, "renew my bokks").await;
    assert_eq!(t.all_words, "(renew | extend | (keep <-> longer)) & (my) & (bokks:* | books)");
    assert_eq!(t.any_word, "renew | extend | (keep <-> longer) | my | bokks:* | books");

    // A phrase names its group at both of its positions.
    let t = composed(&app, "library card lost").await;
    assert_eq!(
        t.all_words,
        "(library | (library <-> card) | membership) & (card | (library <-> card) | membership) & (lost:*)"
    );
    // Word forms name a term ("renewing" names "renew"); a phrase must come word for word.
    let t = composed(&app, "renewing card for the library").await;
    assert_eq!(t.all_words, "(renewing | renew | extend | (keep <-> longer)) & (card) & (for) & (the) & (library:*)");
    assert_eq!(tsqueries(&app.db, app.a.id, "a ? !").await.unwrap(), None);
}

#[tokio::test]
async fn a_misspelling_is_corrected_only_within_a_few_edits() {
    let app = spawn_app().await;
    library_with(&app, &[], &["renew", "library", "march", "printing"]).await;
    // A swap of two neighbours is one edit; five letters allow one, longer words two.
    assert_eq!(composed(&app, "renwe").await.all_words, "(renwe:* | renew)");
    assert_eq!(composed(&app, "libary hours").await.all_words, "(libary | library) & (hours:*)");
    assert_eq!(composed(&app, "printng").await.all_words, "(printng:* | printing)");
    // Two edits from "march" is too far for a five-letter word (a name stays a name).
    assert_eq!(composed(&app, "maria").await.all_words, "(maria:*)");
    // A known word is never "corrected".
    assert_eq!(composed(&app, "march").await.all_words, "(march:*)");
}

#[tokio::test]
async fn the_edit_distance_in_postgres_counts_swaps_as_one() {
    let app = spawn_app().await;
    for (a, b, edits) in [("renwe", "renew", 1), ("libary", "library", 1), ("maria", "march", 2), ("", "ab", 2)] {
        let got: i32 =
            sqlx::query_scalar("SELECT faq_edit_distance($1, $2)").bind(a).bind(b).fetch_one(&app.db).await.unwrap();
        assert_eq!(got, edits, "{a} -> {b}");
    }
}
