//! Each library sets its own abuse limits, within the hub's ceilings, and the public routes
//! apply that library's values.

use crate::helpers::*;
use crate::survey::{form_token, published_survey, submit};
use reqwest::StatusCode;
use serde_json::json;

async fn publish_entry(app: &TestApp, manager: &str) -> i64 {
    let fixture: serde_json::Value = serde_json::from_str(include_str!("../fixtures/faq/entries.json")).unwrap();
    crate::faq::publish(&app.login(manager).await, &fixture["entries"][0]).await
}

/// Votes until refused; how many were accepted.
async fn votes_accepted(app: &TestApp, library: &str, entry: i64) -> u32 {
    let client = reqwest::Client::new();
    let url = format!("{}/faq/{library}/{entry}/helpful", app.addr);
    for accepted in 0..100 {
        let r = client.post(&url).send().await.unwrap();
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.headers().contains_key("retry-after"));
            return accepted;
        }
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    panic!("never limited");
}

#[tokio::test]
async fn two_libraries_get_their_own_limits_on_the_real_routes() {
    let app = spawn_app().await;
    let alpha = app.login(&app.a.admin).await;
    let beta = app.login(&app.b.admin).await;
    let (status, body) = alpha
        .put("/api/settings/limits", json!({"faq_votes_per_10_minutes": 2, "survey_submissions_per_hour": 1}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["in_force"]["faq_votes_per_10_minutes"], 2);
    assert_eq!(body["own"]["chat_connects_per_minute"], serde_json::Value::Null);
    assert_eq!(body["in_force"]["chat_connects_per_minute"], app.state.config.chat.connects_per_address_per_minute);
    assert_eq!(beta.put("/api/settings/limits", json!({"faq_votes_per_10_minutes": 5})).await.0, StatusCode::OK);

    let alpha_entry = publish_entry(&app, &app.a.manager).await;
    let beta_entry = publish_entry(&app, &app.b.manager).await;
    // The same client address, budgets counted per library.
    assert_eq!(votes_accepted(&app, "alpha", alpha_entry).await, 2);
    assert_eq!(votes_accepted(&app, "beta", beta_entry).await, 5);

    // Survey submissions: alpha allows one per address per hour.
    published_survey(&app, "daily").await;
    let token = form_token(&app, "/s/alpha/daily").await;
    assert_eq!(submit(&app, "daily", &[("token", &token), ("q.overall", "4")]).await.0, StatusCode::SEE_OTHER);
    let token = form_token(&app, "/s/alpha/daily").await;
    let (status, _, _) = submit(&app, "daily", &[("token", &token), ("q.overall", "4")]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "alpha's own survey limit");

    // Back to the ceiling: null.
    let (status, body) = alpha.put("/api/settings/limits", json!({"faq_votes_per_10_minutes": null})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["in_force"]["faq_votes_per_10_minutes"], app.state.config.faq.votes_per_address_per_10_minutes);
}

#[tokio::test]
async fn limits_above_the_hubs_ceiling_or_below_one_are_refused() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let ceiling = app.state.config.webhooks.per_library_per_minute;
    for bad in [
        json!({"sms_webhooks_per_minute": ceiling + 1}),
        json!({"chat_messages_per_minute": 0}),
        json!({"chat_connects_per_minute": -5}),
    ] {
        let (status, body) = admin.put("/api/settings/limits", bad.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
        assert_eq!(body["code"], "limit_out_of_range");
    }
    assert_eq!(admin.put("/api/settings/limits", json!({"bogus": 1})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, shown) = admin.get("/api/settings/limits").await;
    assert_eq!(shown["ceilings"]["sms_webhooks_per_minute"], ceiling);
    assert_eq!(shown["in_force"]["sms_webhooks_per_minute"], ceiling, "nothing was stored");
}
