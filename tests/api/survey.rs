//! The survey channel end to end: versions, the public form (validation, contact me,
//! honeypot, duplicates, rate limit), paper entry, and results with small groups hidden.

use crate::helpers::*;
use channels::survey::sample::library_satisfaction;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A published copy of the sample survey in library alpha; returns its id.
pub async fn published_survey(app: &TestApp, slug: &str) -> i64 {
    let manager = app.login(&app.a.manager).await;
    let (status, body) = manager
        .post("/api/surveys", json!({"slug": slug, "name": "Continuous", "definition": library_satisfaction()}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["survey"]["id"].as_i64().unwrap();
    let (status, body) = manager.post(&format!("/api/surveys/{id}/publish"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

/// A browser without redirects, so the 303 after a submission is seen.
fn browser() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// The one-time token of a freshly loaded form.
pub async fn form_token(app: &TestApp, path: &str) -> String {
    let html = browser().get(format!("{}{path}", app.addr)).send().await.unwrap().text().await.unwrap();
    let at = html.find("name=\"token\" value=\"").expect("the form has a token") + 20;
    html[at..at + 43].to_owned()
}

pub async fn submit(app: &TestApp, slug: &str, fields: &[(&str, &str)]) -> (StatusCode, String, Option<String>) {
    let r = browser().post(format!("{}/s/alpha/{slug}", app.addr)).form(fields).send().await.unwrap();
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
    (r.status(), r.text().await.unwrap(), location)
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

#[tokio::test]
async fn the_public_page_is_self_contained_and_sets_no_cookie() {
    let app = spawn_app().await;
    published_survey(&app, "daily").await;
    let r = browser().get(format!("{}/s/alpha/daily?lang=es", app.addr)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("set-cookie").is_none());
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("default-src 'none'") && csp.contains("form-action 'self'"), "{csp}");
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"es\">") && html.contains("¿Cómo lo estamos haciendo?"));
    // Nothing but our own origin is referenced.
    assert!(!html.contains("http://") && !html.contains("https://"), "no absolute URLs");
    assert!(html.contains("/s/alpha/daily/print?lang=es"));
    let kiosk =
        browser().get(format!("{}/s/alpha/daily?kiosk=1", app.addr)).send().await.unwrap().text().await.unwrap();
    assert!(kiosk.contains("class=\"kiosk\"") && kiosk.contains("/s/assets/kiosk.js") && !kiosk.contains("/print"));
    let print = browser().get(format!("{}/s/alpha/daily/print", app.addr)).send().await.unwrap().text().await.unwrap();
    assert!(print.contains("class=\"print\"") && !print.contains("<form"));
    assert_eq!(
        browser().get(format!("{}/s/alpha/nope", app.addr)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        browser().get(format!("{}/s/beta/daily", app.addr)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(count(&app, "SELECT coalesce(sum(views), 0)::bigint FROM survey_view_daily").await, 2);
}

#[tokio::test]
async fn editing_a_live_survey_makes_a_new_version_and_old_responses_keep_theirs() {
    let app = spawn_app().await;
    let id = published_survey(&app, "daily").await;
    let token = form_token(&app, "/s/alpha/daily").await;
    let (status, _, _) = submit(&app, "daily", &[("token", &token), ("q.overall", "4")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let manager = app.login(&app.a.manager).await;
    let mut def = library_satisfaction();
    def.questions[0].prompt.insert("en".into(), "All in all, how satisfied are you?".into());
    def.questions.retain(|q| q.key != "visits");
    let (status, body) =
        manager.put(&format!("/api/surveys/{id}"), json!({"name": "Continuous", "definition": def})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["survey"]["unpublished_changes"], true);
    // The public page still shows version 1 until publishing.
    let html = browser().get(format!("{}/s/alpha/daily", app.addr)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Overall, how satisfied"));
    let (_, body) = manager.post(&format!("/api/surveys/{id}/publish"), json!({})).await;
    assert_eq!(body["survey"]["published_version"], 2);
    let html = browser().get(format!("{}/s/alpha/daily", app.addr)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("All in all") && !html.contains("q.visits"));
    // Publishing an unchanged draft makes no version.
    let (_, body) = manager.post(&format!("/api/surveys/{id}/publish"), json!({})).await;
    assert_eq!(body["versions"].as_array().unwrap().len(), 2);
    assert_eq!(body["versions"][0]["responses"], 1);
    assert_eq!(count(&app, "SELECT version::bigint FROM survey_response").await, 1);
    // Version 1's definition is unchanged.
    let v1: Value =
        sqlx::query_scalar("SELECT definition FROM survey_version WHERE version = 1").fetch_one(&app.db).await.unwrap();
    assert_eq!(v1["questions"][0]["prompt"]["en"], "Overall, how satisfied are you with the library?");
}

#[tokio::test]
async fn an_invalid_form_comes_back_with_its_errors_and_values() {
    let app = spawn_app().await;
    published_survey(&app, "daily").await;
    let token = form_token(&app, "/s/alpha/daily").await;
    let (status, html, _) = submit(
        &app,
        "daily",
        &[("token", &token), ("q.recommend", "7"), ("q.contact.consent", "yes"), ("q.contact.email", "not-an-address")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("role=\"alert\"") && html.contains("href=\"#q-overall\""),
        "error summary links to the question"
    );
    assert!(html.contains("aria-invalid=\"true\"") && html.contains("value=\"not-an-address\""));
    assert!(html.contains("value=\"7\" checked"), "answers are kept");
    assert_eq!(count(&app, "SELECT count(*) FROM survey_response").await, 0);
}

#[tokio::test]
async fn a_comment_with_contact_consent_opens_a_conversation_answered_by_email() {
    let app = spawn_app().await;
    published_survey(&app, "daily").await;
    let token = form_token(&app, "/s/alpha/daily").await;
    let (status, _, location) = submit(
        &app,
        "daily",
        &[
            ("token", &token),
            ("q.overall", "2"),
            ("q.patron_type", "senior"),
            ("q.comment", "The large-print shelf is always empty."),
            ("q.contact.consent", "yes"),
            ("q.contact.email", "Reader@Example.org"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/s/alpha/daily/thanks?lang=en"));
    let conversation: i64 = sqlx::query_scalar("SELECT conversation_id FROM survey_response WHERE contact_requested")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let staff = app.login(&app.a.staff).await;
    let (_, c) = staff.get(&format!("/api/conversations/{conversation}")).await;
    assert_eq!(c["conversation"]["channel"], "survey", "{c}");
    let first = c["messages"][0]["body"].as_str().unwrap();
    assert!(first.contains("Overall, how satisfied are you with the library?: 2 of 5"), "{first}");
    assert!(first.contains("Which describes you best?: Senior (65+)") && first.contains("large-print shelf"));
    assert!(!first.contains("reader@example.org"), "the address is the conversation's, not the message's");
    // Staff answer without choosing a channel: it goes by email to the address given.
    let (status, body) = staff
        .post(&format!("/api/conversations/{conversation}/replies"), json!({"body": "We'll restock it this week."}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    app.dispatch_all_pending().await;
    let sent = app.adapter.deliveries();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].channel.as_str(), sent[0].to.as_str()), ("email", "reader@example.org"));
    // A response without consent (or without a comment) opens nothing.
    let token = form_token(&app, "/s/alpha/daily").await;
    submit(
        &app,
        "daily",
        &[("token", &token), ("q.overall", "5"), ("q.contact.consent", "yes"), ("q.contact.phone", "+15550001234")],
    )
    .await;
    assert_eq!(count(&app, "SELECT count(*) FROM conversation").await, 1);
}

#[tokio::test]
async fn honeypot_duplicate_token_and_rate_limit_store_nothing_extra() {
    let app = spawn_app_with(|mut c| {
        c.survey.submissions_per_address_per_hour = 4;
        c
    })
    .await;
    published_survey(&app, "daily").await;
    let token = form_token(&app, "/s/alpha/daily").await;
    let (status, _, _) =
        submit(&app, "daily", &[("token", &token), ("q.overall", "5"), ("website", "http://spam.example")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "a robot is told thanks");
    assert_eq!(count(&app, "SELECT count(*) FROM survey_response").await, 0);

    let token = form_token(&app, "/s/alpha/daily").await;
    let (first, _, _) = submit(&app, "daily", &[("token", &token), ("q.overall", "3")]).await;
    let (again, html, _) = submit(&app, "daily", &[("token", &token), ("q.overall", "3")]).await;
    assert_eq!((first, again), (StatusCode::SEE_OTHER, StatusCode::OK));
    assert!(html.contains("We already have these answers"));
    assert_eq!(count(&app, "SELECT count(*) FROM survey_response").await, 1);
    assert_eq!(
        count(&app, "SELECT n FROM survey_rollup WHERE grain = 'month' AND measure = 'responses' AND group_key = ''")
            .await,
        1
    );

    let (status, _, _) = submit(&app, "daily", &[("token", "short"), ("q.overall", "3")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a form without its token");
    let token = form_token(&app, "/s/alpha/daily").await;
    let (status, html, _) = submit(&app, "daily", &[("token", &token), ("q.overall", "3")]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the fifth submission within the hour: {html}");
    assert_eq!(count(&app, "SELECT count(*) FROM survey_response").await, 1);
}

#[tokio::test]
async fn paper_entry_is_validated_tagged_and_idempotent_per_entry_key() {
    let app = spawn_app().await;
    let id = published_survey(&app, "daily").await;
    let staff = app.login(&app.a.staff).await;
    let path = format!("/api/surveys/{id}/responses");
    let (status, body) = staff
        .post(&path, json!({"answers": {"overall": {"type": "rating", "value": 9}, "patron_type": {"type": "choice", "option": "alien"}}}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let codes: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["out_of_range", "unknown_option"]);
    let entry = json!({"answers": {"overall": {"type": "rating", "value": 4}}, "language": "es",
                       "submitted_on": "2026-01-15", "entry_key": "paper-0001"});
    let (status, first) = staff.post(&path, entry.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, again) = staff.post(&path, entry).await;
    assert_eq!((status, again["duplicate"].clone()), (StatusCode::OK, json!(true)));
    let (source, lang, day): (String, String, String) =
        sqlx::query_as("SELECT source, language, submitted_at::date::text FROM survey_response")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((source.as_str(), lang.as_str(), day.as_str()), ("paper", "es", "2026-01-15"));
    // Another library's staff cannot enter into this survey.
    let other = app.login(&app.b.staff).await;
    assert_eq!(other.post(&path, json!({"answers": {}})).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn breakdowns_hide_small_groups_and_results_score_nps_and_opportunity() {
    let app = spawn_app().await;
    let id = published_survey(&app, "daily").await;
    let staff = app.login(&app.a.staff).await;
    // adult 6, student 5, senior 7, parent 2: parent is hidden, and so is student (the
    // next smallest), or parent could be worked out from the total.
    let groups = [("adult", 6, 5, 10), ("student", 5, 4, 9), ("senior", 7, 3, 6), ("parent", 2, 1, 0)];
    for (option, n, overall, nps) in groups {
        for _ in 0..n {
            let answers = json!({"overall": {"type": "rating", "value": overall}, "recommend": {"type": "nps", "value": nps},
                                 "patron_type": {"type": "choice", "option": option},
                                 "opening_hours": {"type": "aspect", "importance": 5, "satisfaction": 2}});
            let (status, body) = staff.post(&format!("/api/surveys/{id}/responses"), json!({"answers": answers})).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
    }
    let manager = app.login(&app.a.manager).await;
    let (status, b) = manager.get(&format!("/api/surveys/{id}/breakdown?by=patron_type&question=overall")).await;
    assert_eq!(status, StatusCode::OK, "{b}");
    let cells: Vec<(String, Value, bool)> = b["overall"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["option"].as_str().unwrap().to_owned(), c["value"].clone(), c["suppressed"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        cells,
        vec![
            ("adult".into(), json!(5.0), false),
            ("parent".into(), Value::Null, true),
            ("senior".into(), json!(3.0), false),
            ("student".into(), Value::Null, true),
        ]
    );
    // A lower threshold shows them all; staff may not read results.
    let (_, b) = manager.get(&format!("/api/surveys/{id}/breakdown?by=patron_type&question=overall&min_group=2")).await;
    assert!(b["overall"].as_array().unwrap().iter().all(|c| c["suppressed"] == false));
    assert_eq!(staff.get(&format!("/api/surveys/{id}/results")).await.0, StatusCode::FORBIDDEN);
    let (_, r) = manager.get(&format!("/api/surveys/{id}/results")).await;
    assert_eq!(r["responses"], 20);
    assert_eq!(r["by_source"]["paper"], 20);
    let nps =
        r["questions"].as_array().unwrap().iter().find(|q| q["key"] == "recommend").unwrap()["nps"].as_f64().unwrap();
    // promoters: adult 6 + student 5 = 11; detractors: senior 7 + parent 2 = 9; of 20.
    assert!((nps - 10.0).abs() < 1e-9, "{nps}");
    let hours = r["aspects"].as_array().unwrap().iter().find(|a| a["key"] == "opening_hours").unwrap();
    assert_eq!(hours["opportunity_index"], 8.0, "5 + (5 - 2)");
    // The CSV carries every response, without contact details.
    let csv = manager
        .client
        .get(format!("{}/api/surveys/{id}/export.csv", app.addr))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 21);
    assert!(csv
        .starts_with("response_id,submitted_at,version,source,language,conversation_id,overall,staff_help.importance"));
    // Rollups match a rebuild from the responses.
    let before: i64 = count(&app, "SELECT sum(n * 31 + total)::bigint FROM survey_rollup").await;
    sqlx::query("SELECT survey_rollup_rebuild($1, $2)").bind(app.a.id).bind(id).execute(&app.db).await.unwrap();
    assert_eq!(count(&app, "SELECT sum(n * 31 + total)::bigint FROM survey_rollup").await, before);
}
