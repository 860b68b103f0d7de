//! Ratings after a conversation: the email link that needs a confirming POST, the SMS reply
//! of a number, sampling, the per-patron cap and the opt-outs.

use crate::helpers::*;
use crate::sms_fake::{ACCOUNT_SID, AUTH_TOKEN, FROM};
use channels::{Address, Channel, EmailAddress, Inbound, ThreadHint};
use refdesk::domain::ConversationId;
use reqwest::StatusCode;
use serde_json::json;

async fn enable(app: &TestApp, sample: i16, days: i16) -> Session {
    let manager = app.login(&app.a.manager).await;
    let (status, body) = manager
        .put(
            "/api/settings/csat",
            json!({"enabled": true, "sample_percent": sample, "min_days_between": days, "reply_window_hours": 72}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    manager
}

async fn email_in(app: &TestApp, from: &str, id: &str) -> ConversationId {
    let inbound = Inbound {
        channel: Channel::Email,
        from: Address::Email(EmailAddress::parse(from).unwrap()),
        display_name: None,
        provider_id: format!("<{id}@patron.example>"),
        subject: Some("A question".into()),
        text: "Do you have the new Ishiguro?".into(),
        sanitized_html: None,
        thread: ThreadHint::new_conversation(),
        received_at: chrono::Utc::now(),
        attachments: vec![],
    };
    app.state.ingest.accept(app.a.id, inbound).await.unwrap().conversation_id
}

/// Staff answer and resolve; returns the outbox deliveries made afterwards.
async fn answer_and_resolve(app: &TestApp, staff: &Session, id: ConversationId) -> Vec<refdesk::outbox::Delivery> {
    let (status, body) =
        staff.post(&format!("/api/conversations/{id}/replies"), json!({"body": "Yes, on hold for you."})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = staff.put(&format!("/api/conversations/{id}/status"), json!({"status": "resolved"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let before = app.adapter.deliveries().len();
    app.dispatch_all_pending().await;
    app.adapter.deliveries()[before..].to_vec()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

#[tokio::test]
async fn an_email_rating_link_records_nothing_until_the_patron_confirms() {
    let app = spawn_app().await;
    enable(&app, 100, 30).await;
    let staff = app.login(&app.a.staff).await;
    let id = email_in(&app, "ann@patron.example", "m1").await;
    let sent = answer_and_resolve(&app, &staff, id).await;
    let request = sent.iter().find(|d| d.body.contains("/r/alpha/")).expect("a rating request was emailed");
    assert_eq!(request.to, "ann@patron.example");
    let link = request.body.split_whitespace().find(|w| w.contains("/r/alpha/")).unwrap().to_owned();
    // A mail scanner following the link (even with a score in it) records nothing.
    let page = reqwest::get(format!("{link}?score=5")).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers().get("set-cookie").is_none());
    let html = page.text().await.unwrap();
    assert!(html.contains("method=\"post\"") && html.contains("value=\"5\" checked"));
    assert_eq!(count(&app, "SELECT count(*) FROM csat_rating").await, 0);
    // The patron's click does.
    let r =
        reqwest::Client::new().post(&link).form(&[("score", "4"), ("comment", "Quick and kind")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (score, source, staff_id): (i16, String, Option<i64>) =
        sqlx::query_as("SELECT score, source, staff_id FROM csat_rating").fetch_one(&app.db).await.unwrap();
    assert_eq!((score, source.as_str(), staff_id), (4, "email_link", Some(app.a.staff_id.0)));
    // A wrong token is an expired link; a bad score is asked again.
    assert_eq!(
        reqwest::get(format!("{}/r/alpha/not-a-token", app.addr)).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let r = reqwest::Client::new().post(&link).form(&[("score", "9")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // "Don't ask again" puts the address on the opt-out list.
    reqwest::Client::new().post(&link).form(&[("score", "5"), ("opt_out", "yes")]).send().await.unwrap();
    assert_eq!(count(&app, "SELECT score::bigint FROM csat_rating").await, 5);
    assert_eq!(count(&app, "SELECT count(*) FROM csat_optout WHERE address_hash = privacy_phone_hash(privacy_key_for(library_id), 'ann@patron.example')").await, 1);
    let manager = app.login(&app.a.manager).await;
    let (_, report) = manager.get("/api/surveys/csat").await;
    assert_eq!(report["requests_sent"], 1);
    assert_eq!(report["by_channel"][0]["key"], "email");
    assert!(report["by_channel"][0]["median_first_response_secs"].is_number(), "{report}");
}

#[tokio::test]
async fn sampling_the_per_patron_cap_and_opt_outs_decide_who_is_asked() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    // Disabled (the default): nobody is asked.
    let id = email_in(&app, "a@patron.example", "d1").await;
    assert!(answer_and_resolve(&app, &staff, id).await.iter().all(|d| !d.body.contains("/r/alpha/")));
    // Sample 0%: nobody.
    let manager = enable(&app, 0, 0).await;
    let id = email_in(&app, "b@patron.example", "s0").await;
    answer_and_resolve(&app, &staff, id).await;
    assert_eq!(count(&app, "SELECT count(*) FROM csat_request").await, 0);
    // Sample 50%: exactly the conversations the sampling function picks.
    enable(&app, 50, 0).await;
    let mut expected = 0;
    for i in 0..12 {
        let id = email_in(&app, &format!("p{i}@patron.example"), &format!("s50-{i}")).await;
        if refdesk::survey::csat::sampled(app.a.id, id, 50) {
            expected += 1;
        }
        answer_and_resolve(&app, &staff, id).await;
    }
    assert_eq!(count(&app, "SELECT count(*) FROM csat_request").await, expected);
    assert!(expected > 0 && expected < 12, "a 50% sample of 12 ({expected}) is neither none nor all");
    // At most one request per patron per 30 days, however many conversations they have.
    sqlx::query("DELETE FROM csat_request").execute(&app.db).await.unwrap();
    enable(&app, 100, 30).await;
    for i in 0..3 {
        let id = email_in(&app, "same@patron.example", &format!("cap-{i}")).await;
        answer_and_resolve(&app, &staff, id).await;
    }
    assert_eq!(count(&app, "SELECT count(*) FROM csat_request").await, 1);
    // Resolving again after a reopen does not ask twice for one conversation.
    let id = email_in(&app, "again@patron.example", "re-1").await;
    answer_and_resolve(&app, &staff, id).await;
    staff.put(&format!("/api/conversations/{id}/status"), json!({"status": "open"})).await;
    answer_and_resolve(&app, &staff, id).await;
    assert_eq!(count(&app, "SELECT count(*) FROM csat_request WHERE address = 'again@patron.example'").await, 1);
    // An address on the opt-out list is never asked.
    let (status, _) =
        manager.post("/api/settings/csat/optouts", json!({"channel": "email", "address": "No@Patron.example"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let id = email_in(&app, "no@patron.example", "opt-1").await;
    answer_and_resolve(&app, &staff, id).await;
    assert_eq!(count(&app, "SELECT count(*) FROM csat_request WHERE address = 'no@patron.example'").await, 0);
}

/// Posts an inbound text signed as the provider signs it.
async fn text_in(app: &TestApp, sid: &str, from: &str, body: &str) -> StatusCode {
    let url = format!("{}/webhooks/sms/alpha", app.addr);
    let params: Vec<(String, String)> = [
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", from),
        ("To", FROM),
        ("Body", body),
        ("NumMedia", "0"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let signature = channels::sms::compute_signature(AUTH_TOKEN.as_bytes(), &url, &params);
    let r =
        reqwest::Client::new().post(&url).header("X-Twilio-Signature", signature).form(&params).send().await.unwrap();
    r.status()
}

#[tokio::test]
async fn an_sms_reply_of_a_number_is_the_rating_and_opted_out_numbers_are_never_texted() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let (status, body) = admin
        .put("/api/settings/sms", json!({"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "from_number": FROM}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    enable(&app, 100, 0).await;
    let staff = app.login(&app.a.staff).await;
    const PATRON: &str = "+15551239999";
    // A "4" out of the blue is a patron's message like any other.
    assert!(text_in(&app, "SM-before", PATRON, "4").await.is_success());
    assert_eq!(
        count(&app, "SELECT count(*) FROM message WHERE provider_id = 'SM-before' AND direction = 'in'").await,
        1
    );
    sqlx::query("DELETE FROM conversation").execute(&app.db).await.unwrap();

    assert!(text_in(&app, "SM1", PATRON, "Is the library open on Monday?").await.is_success());
    let id: ConversationId = ConversationId(count(&app, "SELECT id FROM conversation").await);
    let sent = answer_and_resolve(&app, &staff, id).await;
    let ask = sent.iter().find(|d| d.body.contains("Reply with one number")).expect("the rating question was texted");
    assert_eq!(ask.to, PATRON);
    let messages = count(&app, "SELECT count(*) FROM message").await;
    assert!(text_in(&app, "SM2", PATRON, " 5 ").await.is_success());
    assert!(text_in(&app, "SM2", PATRON, " 5 ").await.is_success(), "the provider's retry");
    let (score, source): (i16, String) =
        sqlx::query_as("SELECT score, source FROM csat_rating").fetch_one(&app.db).await.unwrap();
    assert_eq!((score, source.as_str()), (5, "sms_reply"));
    assert_eq!(count(&app, "SELECT count(*) FROM message").await, messages, "the rating opened nothing");
    assert_eq!(count(&app, "SELECT count(*) FROM conversation WHERE status = 'resolved'").await, 1);
    // Once answered, a further number is a message again.
    assert!(text_in(&app, "SM3", PATRON, "3").await.is_success());
    assert_eq!(count(&app, "SELECT count(*) FROM message WHERE provider_id = 'SM3' AND direction = 'in'").await, 1);

    // A patron who texted STOP is never asked by text.
    const QUIET: &str = "+15551230001";
    text_in(&app, "SM10", QUIET, "Do you have tax forms?").await;
    text_in(&app, "SM11", QUIET, "STOP").await;
    let id = ConversationId(
        sqlx::query_scalar("SELECT conversation_id FROM message WHERE provider_id = 'SM10' AND direction = 'in'")
            .fetch_one(&app.db)
            .await
            .unwrap(),
    );
    staff.put(&format!("/api/conversations/{id}/status"), json!({"status": "resolved"})).await;
    app.dispatch_all_pending().await;
    assert_eq!(count(&app, &format!("SELECT count(*) FROM csat_request WHERE address = '{QUIET}'")).await, 0);
    assert!(app.adapter.deliveries().iter().all(|d| d.to != QUIET || !d.body.contains("Reply with one number")));
}
