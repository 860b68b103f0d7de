//! The public search's memory of recent results (src/faq/cache.rs): what staff change is
//! what the next search finds (on the instance they used at once, on another as soon as the
//! database's notification arrives), a library never gets another's results, and the
//! memory stays within its budget.

use super::quality::url_encode;
use super::{load_fixture, publish};
use crate::helpers::*;
use refdesk::faq::cache::CacheStats;
use refdesk::faq::{Scope, SearchCache};
use serde_json::{json, Value};
use std::time::Duration;

fn ids_of(body: &Value) -> Vec<i64> {
    body["results"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

async fn search_json(addr: &str, library: &str, q: &str) -> Value {
    let url = format!("{addr}/faq/{library}/search.json?q={}", url_encode(q));
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The search's result, and whether it came from memory.
async fn search(app: &TestApp, library: &str, q: &str) -> (Value, bool) {
    let before = app.realtime.faq_searches.stats();
    let body = search_json(&app.addr, library, q).await;
    let after = app.realtime.faq_searches.stats();
    (body, after.hits > before.hits)
}

/// Waits until this instance has heard every FAQ notification sent so far (its own writes
/// are forgotten at once, but their notifications come back a moment later and forget
/// again). Notifications arrive in order, so once a probe forgot beta's kept result, every
/// earlier one was applied.
async fn settle(app: &TestApp) {
    search(app, "beta", "settle probe").await;
    sqlx::query("SELECT pg_notify('refdesk_faq', $1)").bind(app.b.id.0.to_string()).execute(&app.db).await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while search(app, "beta", "settle probe").await.1 {
        assert!(tokio::time::Instant::now() < deadline, "the notification never came back");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn entry_body(question: &str, short_answer: &str) -> Value {
    json!({"question": question, "short_answer": short_answer, "answer_html": format!("<p>{short_answer}</p>"),
           "topics": ["borrowing"], "slug": "renew"})
}

#[tokio::test]
async fn what_staff_change_is_what_the_next_search_finds() {
    let app = spawn_app().await;
    let ids = load_fixture(&app).await;
    settle(&app).await;
    let renew = ids["renew"].as_i64().unwrap();
    let manager = app.login(&app.a.manager).await;
    let q = "renew my books";
    let (first, cached) = search(&app, "alpha", q).await;
    assert!(!cached);
    assert_eq!(ids_of(&first)[0], renew, "{first}");
    // The same words however written: from memory, the same answer.
    let (again, cached) = search(&app, "alpha", "Renew my BOOKS?").await;
    assert!(cached);
    assert_eq!(again, first);

    // An edit of the wording.
    let (status, _) =
        manager.put(&format!("/api/faq/{renew}"), entry_body("How do I renew my books?", "Renew online now.")).await;
    assert_eq!(status, 200);
    let (edited, cached) = search(&app, "alpha", q).await;
    assert!(!cached, "the edit was forgotten at once");
    assert_eq!(edited["results"][0]["short_answer"], "Renew online now.", "{edited}");

    // Unpublished: patrons no longer find it; published again: they do.
    settle(&app).await;
    search(&app, "alpha", q).await;
    assert!(search(&app, "alpha", q).await.1);
    assert_eq!(manager.post(&format!("/api/faq/{renew}/unpublish"), json!({})).await.0, 200);
    assert!(!ids_of(&search(&app, "alpha", q).await.0).contains(&renew));
    assert_eq!(manager.post(&format!("/api/faq/{renew}/publish"), json!({})).await.0, 200);
    assert_eq!(ids_of(&search(&app, "alpha", q).await.0)[0], renew);

    // Synonyms: a word no entry uses finds nothing, until it is made a synonym of "renew".
    let word = "prolongate";
    settle(&app).await;
    assert!(!ids_of(&search(&app, "alpha", word).await.0).contains(&renew));
    assert!(search(&app, "alpha", word).await.1);
    let fixture: Value = serde_json::from_str(include_str!("../../fixtures/faq/entries.json")).unwrap();
    let mut groups = fixture["synonyms"].as_array().unwrap().clone();
    groups.push(json!(["renew", word]));
    assert_eq!(manager.put("/api/faq/synonyms", json!({"groups": groups})).await.0, 200);
    assert_eq!(ids_of(&search(&app, "alpha", word).await.0).first(), Some(&renew));

    // A new entry, published: found at once.
    let (_, cached) = search(&app, "alpha", "telescope").await;
    assert!(!cached);
    let telescope = publish(
        &manager,
        &json!({"question": "Can I borrow a telescope?", "short_answer": "Yes, for a week.",
                "answer": "Yes, for a week.", "topics": ["borrowing"], "key": "telescope"}),
    )
    .await;
    assert_eq!(ids_of(&search(&app, "alpha", "telescope").await.0), vec![telescope]);

    // Deleted: gone at once.
    assert_eq!(manager.send(reqwest::Method::DELETE, &format!("/api/faq/{telescope}"), json!({})).await.0, 204);
    assert!(!ids_of(&search(&app, "alpha", "telescope").await.0).contains(&telescope));

    // A vote changes no ranking and leaves what is kept alone (no notification either).
    settle(&app).await;
    search(&app, "alpha", q).await;
    assert!(search(&app, "alpha", q).await.1);
    let voted = reqwest::Client::new().post(format!("{}/faq/alpha/{renew}/helpful", app.addr)).send().await.unwrap();
    assert_eq!(voted.status(), 204);
    settle(&app).await;
    assert!(search(&app, "alpha", q).await.1);
}

#[tokio::test]
async fn a_library_never_gets_another_librarys_results() {
    let app = spawn_app().await;
    let ids = load_fixture(&app).await;
    settle(&app).await;
    let (alpha, _) = search(&app, "alpha", "renew my books").await;
    assert_eq!(alpha["results"][0]["id"], ids["renew"]);
    assert!(search(&app, "alpha", "renew my books").await.1);

    // Beta has nothing yet: the same words find nothing there, never alpha's kept answer.
    let (beta, cached) = search(&app, "beta", "renew my books").await;
    assert!(!cached);
    assert_eq!(beta["results"], json!([]));
    // Beta's own entry, with its own link.
    let beta_manager = app.login(&app.b.manager).await;
    let own = publish(
        &beta_manager,
        &json!({"question": "How do I renew my books?", "short_answer": "Call the beta desk.",
                "answer": "Call the beta desk.", "topics": [], "key": "renew"}),
    )
    .await;
    let (beta, _) = search(&app, "beta", "renew my books").await;
    assert_eq!(ids_of(&beta), vec![own]);
    assert!(beta["results"][0]["url"].as_str().unwrap().ends_with("/faq/beta/renew"), "{beta}");
    // Beta's change left alpha's kept results alone, and alpha still gets its own.
    let (alpha_again, cached) = search(&app, "alpha", "renew my books").await;
    assert!(cached);
    assert_eq!(alpha_again, alpha);
}

#[tokio::test]
async fn the_memory_stays_within_its_budget_and_results_are_those_of_the_search() {
    const BUDGET: usize = 20_000;
    let app = spawn_app_with(|mut c| {
        c.faq.search_cache_bytes = BUDGET;
        c
    })
    .await;
    load_fixture(&app).await;
    settle(&app).await;
    let queries: Vec<(String, String)> = serde_json::from_str(include_str!("../../fixtures/faq/queries.json")).unwrap();
    for (q, _) in &queries {
        let (body, _) = search(&app, "alpha", q).await;
        let direct = refdesk::faq::search(&app.db, app.a.id, q, Scope::Published, None, 3).await.unwrap();
        assert_eq!(ids_of(&body), direct.iter().map(|h| h.id).collect::<Vec<_>>(), "{q}");
        let stats = app.realtime.faq_searches.stats();
        assert!(stats.bytes <= BUDGET, "{stats:?}");
    }
    let stats = app.realtime.faq_searches.stats();
    assert!(stats.entries >= 5, "{stats:?}");
    // The newest are kept; the oldest made room.
    assert!(search(&app, "alpha", &queries.last().unwrap().0).await.1);
    assert!(!search(&app, "alpha", &queries[0].0).await.1);
}

/// Waits until `cache`'s instance hears the database's FAQ notifications (its listener
/// subscribes as it starts): keeps one result there and notifies until it is forgotten.
async fn until_listening(cache: &SearchCache, addr: &str, db: &sqlx::PgPool, library: refdesk::domain::LibraryId) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        assert!(tokio::time::Instant::now() < deadline, "the other instance never heard a notification");
        search_json(addr, "alpha", "listening probe").await;
        if cache.stats().entries == 0 {
            // Forgotten at once: the listener, as it subscribed, forgot what came before.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        }
        sqlx::query("SELECT pg_notify('refdesk_faq', $1)").bind(library.0.to_string()).execute(db).await.unwrap();
        let heard = tokio::time::Instant::now() + Duration::from_millis(200);
        while tokio::time::Instant::now() < heard {
            if cache.stats().entries == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

#[tokio::test]
async fn another_instance_forgets_a_change_when_the_database_says_so() {
    let app = spawn_app().await;
    let ids = load_fixture(&app).await;
    let renew = ids["renew"].as_i64().unwrap();
    let url = secrecy::ExposeSecret::expose_secret(&app.state.config.database_url).to_owned();
    let other = refdesk::App::build(test_config(&url)).await.unwrap();
    let other_addr = format!("http://{}", other.local_addr());
    let other_cache = other.realtime().faq_searches.clone();
    let trigger = other.shutdown_trigger();
    let running = tokio::spawn(other.run_until_stopped());
    until_listening(&other_cache, &other_addr, &app.db, app.a.id).await;

    let q = "renew my books";
    search_json(&other_addr, "alpha", q).await;
    let before: CacheStats = other_cache.stats();
    let kept = search_json(&other_addr, "alpha", q).await;
    assert_eq!(other_cache.stats().hits, before.hits + 1, "kept on the other instance");
    assert_eq!(kept["results"][0]["id"], renew);

    // Staff edit through this instance; the other hears it from Postgres.
    let manager = app.login(&app.a.manager).await;
    let (status, _) =
        manager.put(&format!("/api/faq/{renew}"), entry_body("How do I renew my books?", "Renew by phone.")).await;
    assert_eq!(status, 200);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let body = search_json(&other_addr, "alpha", q).await;
        if body["results"][0]["short_answer"] == "Renew by phone." {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the other instance still answers {body}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    trigger.trigger();
    let _ = running.await;
}
