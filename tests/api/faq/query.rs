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

#[tokio::test]
async fn the_stored_question_trigrams_give_pg_trgms_similarity_to_the_bit() {
    // faq_search ranks by the similarity of the question's stored trigrams (migration
    // 0027) where it used to call similarity(): the same real for every kind of text.
    let app = spawn_app().await;
    let questions =
        ["How do I renew my books?", "¿Cómo renuevo mis libros?", "Wi-Fi & e-books (3D printing)", "?!", "ab"];
    let queries = ["can i renew my book", "como renuevo", "e book", "zz", "x"];
    for question in questions {
        for query in queries {
            let (stored, pg_trgm): (f32, f32) = sqlx::query_as(
                "SELECT ((length(t) + length(q) - length(t || q))::real / greatest(length(t || q), 1)::real),
                        similarity(lower($1), $2)
                   FROM (SELECT array_to_tsvector(show_trgm(lower($1))) AS t, array_to_tsvector(show_trgm($2)) AS q) s",
            )
            .bind(question)
            .bind(query)
            .fetch_one(&app.db)
            .await
            .unwrap();
            assert_eq!(stored.to_bits(), pg_trgm.to_bits(), "{question:?} / {query:?}");
        }
    }
}

#[tokio::test]
async fn the_last_word_as_a_prefix_finds_words_of_answers_written_and_rewritten() {
    // The prefix is asked of the index as the library's lexemes that have it (faq_lexeme,
    // kept by the entry's trigger): words only an answer has count, and so do the words of
    // a rewritten answer (else "bookm" would be asked as 'bookmark' alone).
    let app = spawn_app().await;
    let manager = app.login(&app.a.manager).await;
    let entry = |slug: &str, question: &str, answer: &str| {
        serde_json::json!({"question": question, "short_answer": "Yes.", "answer_html": format!("<p>{answer}</p>"),
                           "topics": ["Services"], "slug": slug})
    };
    let mut ids = Vec::new();
    for (slug, question, answer) in [
        ("marks", "Can I save my place in an ebook?", "Use bookmarks in the reading app."),
        ("visits", "Do you visit neighbourhoods?", "Our vans stop at every school."),
    ] {
        let (status, e) = manager.post("/api/faq", entry(slug, question, answer)).await;
        assert_eq!(status, 201, "{e}");
        let id = e["id"].as_i64().unwrap();
        assert_eq!(manager.post(&format!("/api/faq/{id}/publish"), serde_json::json!({})).await.0, 200);
        ids.push(id);
    }
    let patron = app.anonymous();
    let found = |body: serde_json::Value| -> Vec<i64> {
        let mut ids: Vec<i64> = body["results"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
        ids.sort();
        ids
    };
    assert_eq!(found(patron.get("/faq/alpha/search.json?q=bookm").await.1), [ids[0]]);
    let (status, e) = manager
        .put(
            &format!("/api/faq/{}", ids[1]),
            entry("visits", "Do you visit neighbourhoods?", "Our bookmobile stops at every school."),
        )
        .await;
    assert_eq!(status, 200, "{e}");
    // Other words than before, so no kept result answers.
    assert_eq!(found(patron.get("/faq/alpha/search.json?q=the+bookm").await.1), ids);
}
