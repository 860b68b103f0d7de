//! The public FAQ: server-rendered pages without cookies or third-party anything, the JSON
//! search with CORS for the library's chat origins, "this answered my question".

use super::load_fixture;
use crate::helpers::*;
use reqwest::StatusCode;

const SITE: &str = "https://www.alpha.example";

async fn allow_site(app: &TestApp) {
    sqlx::query(
        "INSERT INTO chat_settings (library_id, enabled, allowed_origins, widget_secret) VALUES ($1, true, $2, $3)",
    )
    .bind(app.a.id)
    .bind(vec![SITE.to_owned()])
    .bind(vec![7u8; 32])
    .execute(&app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn patrons_search_read_and_say_an_entry_answered_them_without_javascript_or_cookies() {
    let app = spawn_app().await;
    let ids = load_fixture(&app).await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();

    let home = client.get(format!("{}/faq/alpha?q=renw+my+books", app.addr)).send().await.unwrap();
    assert_eq!(home.status(), StatusCode::OK);
    assert!(home.headers().get("set-cookie").is_none());
    let csp = home.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("default-src 'none'") && csp.contains("form-action 'self'"), "{csp}");
    let page = home.text().await.unwrap();
    assert!(page.contains("<form class=\"search\" role=\"search\" action=\"/faq/alpha\" method=\"get\">"));
    assert!(page.contains("<a href=\"/faq/alpha/renew\">How do I renew my books?</a>"), "{page}");
    assert!(page.contains("Most viewed") && page.contains("?topic=borrowing"));
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"), "no third party");

    let topic = client.get(format!("{}/faq/alpha?topic=kids", app.addr)).send().await.unwrap().text().await.unwrap();
    assert!(topic.contains("When is storytime?"), "{topic}");
    // Markup in a query is text.
    let evil =
        client.get(format!("{}/faq/alpha?q=%3Cscript%3Ex", app.addr)).send().await.unwrap().text().await.unwrap();
    assert!(!evil.contains("<script>x") && evil.contains("&lt;script&gt;x"));

    let entry = client.get(format!("{}/faq/alpha/renew", app.addr)).send().await.unwrap();
    assert!(entry.headers().get("set-cookie").is_none());
    let page = entry.text().await.unwrap();
    assert!(page.contains("<h1>How do I renew my books?</h1>") && page.contains("three times"));
    assert!(page.contains("action=\"/faq/alpha/renew/helpful\""));

    let thanks = client.post(format!("{}/faq/alpha/renew/helpful", app.addr)).send().await.unwrap();
    assert_eq!(thanks.status(), StatusCode::SEE_OTHER);
    assert_eq!(thanks.headers()["location"], "/faq/alpha/renew?thanks=1");
    let page = client.get(format!("{}/faq/alpha/renew?thanks=1", app.addr)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("role=\"status\">Thank you"));
    let (helpful, views): (i64, i64) =
        sqlx::query_as("SELECT helpful_count, views FROM faq_entry WHERE library_id = $1 AND id = $2")
            .bind(app.a.id)
            .bind(ids["renew"].as_i64())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((helpful, views), (1, 2));

    assert_eq!(client.get(format!("{}/faq/alpha/no-such-entry", app.addr)).send().await.unwrap().status(), 404);
    assert_eq!(client.get(format!("{}/faq/nowhere", app.addr)).send().await.unwrap().status(), 404);
    // Another library's entries are not under this library's pages.
    assert_eq!(client.get(format!("{}/faq/beta/renew", app.addr)).send().await.unwrap().status(), 404);
    let css = client.get(format!("{}/faq-assets/faq.css", app.addr)).send().await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
}

#[tokio::test]
async fn the_widget_gets_three_suggestions_across_origins_the_library_allows() {
    let app = spawn_app().await;
    let ids = load_fixture(&app).await;
    allow_site(&app).await;
    let client = reqwest::Client::new();
    let get = |origin: &'static str| {
        client.get(format!("{}/faq/alpha/search.json?q=library+card", app.addr)).header("origin", origin).send()
    };
    let allowed = get(SITE).await.unwrap();
    assert_eq!(allowed.headers()["access-control-allow-origin"], SITE);
    assert!(allowed.headers().get("set-cookie").is_none());
    let body: serde_json::Value = allowed.json().await.unwrap();
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert!(results[0]["url"].as_str().unwrap().starts_with(&format!("{}/faq/alpha/", app.addr)));
    assert!(results[0]["short_answer"].is_string());

    let refused = get("https://evil.example").await.unwrap();
    assert!(refused.headers().get("access-control-allow-origin").is_none());

    let preflight = client
        .request(reqwest::Method::OPTIONS, format!("{}/faq/alpha/{}/helpful", app.addr, ids["renew"]))
        .header("origin", SITE)
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert_eq!(preflight.headers()["access-control-allow-origin"], SITE);
    let helpful = client
        .post(format!("{}/faq/alpha/{}/helpful", app.addr, ids["renew"]))
        .header("origin", SITE)
        .send()
        .await
        .unwrap();
    assert_eq!(helpful.status(), StatusCode::NO_CONTENT);
    assert_eq!(helpful.headers()["access-control-allow-origin"], SITE);
    let other = client.post(format!("{}/faq/beta/{}/helpful", app.addr, ids["renew"])).send().await.unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND, "another library's entry");
    let empty = client.get(format!("{}/faq/alpha/search.json?q=", app.addr)).send().await.unwrap();
    assert_eq!(empty.json::<serde_json::Value>().await.unwrap()["results"], serde_json::json!([]));
}

#[tokio::test]
async fn anonymous_votes_are_limited_per_client_and_refused_votes_are_not_counted() {
    let app = spawn_app().await;
    let fixture: serde_json::Value = serde_json::from_str(include_str!("../../fixtures/faq/entries.json")).unwrap();
    let manager = app.login(&app.a.manager).await;
    let renew = super::publish(&manager, &fixture["entries"][0]).await;
    let budget = app.state.config.faq.votes_per_address_per_10_minutes;
    let by_id = format!("{}/faq/alpha/{renew}/helpful", app.addr);
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();

    for _ in 0..budget {
        assert_eq!(client.post(&by_id).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    }
    // The widget's vote over budget: 429 with Retry-After, within the window.
    let refused = client.post(&by_id).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=refdesk::faq::VOTE_WINDOW.as_secs()).contains(&retry), "Retry-After {retry}");
    // The entry page's form (no JavaScript) from the same client: a page that leads back.
    let form = client.post(format!("{}/faq/alpha/renew/helpful", app.addr)).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(form.headers().contains_key("retry-after"));
    assert!(form.text().await.unwrap().contains("<a href=\"/faq/alpha/renew\">Back to the answer</a>"));

    // Another client address has its own budget.
    let other = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert_eq!(other.post(&by_id).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    let page_vote = other.post(format!("{}/faq/alpha/renew/helpful", app.addr)).send().await.unwrap();
    assert_eq!(page_vote.status(), StatusCode::SEE_OTHER);

    // Exactly the accepted votes count, on the entry and in the deflection analytics.
    let accepted = i64::from(budget) + 2;
    let helpful: i64 = sqlx::query_scalar("SELECT helpful_count FROM faq_entry WHERE library_id = $1 AND id = $2")
        .bind(app.a.id)
        .bind(renew)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(helpful, accepted);
    let by_source: Vec<(String, i64)> = sqlx::query_as(
        "SELECT source, sum(count)::bigint FROM faq_deflection WHERE library_id = $1 AND entry_id = $2
          GROUP BY source ORDER BY source",
    )
    .bind(app.a.id)
    .bind(renew)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(by_source, vec![("page".to_owned(), 1), ("widget".to_owned(), accepted - 1)]);
}

#[tokio::test]
async fn words_that_match_nothing_still_find_a_question_spelt_like_the_query() {
    let app = spawn_app().await;
    let ids = load_fixture(&app).await;
    // No word of it is in any entry ("how" and "do" are stop words, the rest is run
    // together), so only the trigram fallback over questions finds the entry.
    let (status, body) = app.anonymous().get("/faq/alpha/search.json?q=how+do+i+renewmybooks").await;
    assert_eq!(status, 200);
    assert_eq!(body["results"][0]["id"], ids["renew"], "{body}");
    let (_, body) = app.anonymous().get("/faq/alpha/search.json?q=zzqxv+wvvxq").await;
    assert_eq!(body["results"], serde_json::json!([]));
}
