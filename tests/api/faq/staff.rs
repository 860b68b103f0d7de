//! The FAQ staff API: who may do what, drafts from conversations, suggestions, analytics,
//! and the SMS keyword.

use super::{load_fixture, publish};
use crate::helpers::*;
use crate::sms_fake::{ACCOUNT_SID, AUTH_TOKEN};
use reqwest::StatusCode;
use serde_json::json;

fn entry(question: &str) -> serde_json::Value {
    json!({"question": question, "short_answer": "Yes, online.",
           "answer_html": "<p onclick=\"x()\">Yes, <b>online</b>.<script>alert(1)</script></p>", "topics": ["Borrowing"]})
}

#[tokio::test]
async fn staff_write_drafts_and_managers_publish_and_delete() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let manager = app.login(&app.a.manager).await;
    let (status, e) = staff.post("/api/faq", entry("Can I renew online?")).await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    assert_eq!((e["status"].as_str(), e["slug"].as_str()), (Some("draft"), Some("can-i-renew-online")));
    let html = e["answer_html"].as_str().unwrap();
    assert!(!html.contains("script") && !html.contains("onclick") && html.contains("<b>online</b>"), "{html}");
    assert_eq!(e["topics"], json!(["borrowing"]));
    let id = e["id"].as_i64().unwrap();

    // A draft is not public.
    let patron = app.anonymous();
    assert_eq!(patron.get("/faq/alpha/can-i-renew-online").await.0, StatusCode::NOT_FOUND);
    assert_eq!(staff.post(&format!("/api/faq/{id}/publish"), json!({})).await.0, StatusCode::FORBIDDEN);
    let (status, e) = manager.post(&format!("/api/faq/{id}/publish"), json!({})).await;
    assert_eq!((status, e["status"].as_str()), (StatusCode::OK, Some("published")));
    assert_eq!(patron.get("/faq/alpha/can-i-renew-online").await.0, StatusCode::OK);

    // Same question again gets its own link; a taken link is a conflict.
    let (_, second) = staff.post("/api/faq", entry("Can I renew online?")).await;
    assert_eq!(second["slug"], "can-i-renew-online-2");
    let mut taken = entry("Another");
    taken["slug"] = json!("can-i-renew-online");
    let (status, err) = staff.post("/api/faq", taken).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::CONFLICT, Some("slug_taken")));
    let (status, err) = staff.post("/api/faq", json!({"question": "x", "short_answer": "", "answer_html": ""})).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_question")));

    // Staff fix the wording of a published entry; it stays published.
    let mut edit = entry("Can I renew my books online?");
    edit["short_answer"] = json!("Yes, in My Account.");
    let (status, e) = staff.put(&format!("/api/faq/{id}"), edit).await;
    assert_eq!((status, e["status"].as_str(), e["short_answer"].as_str()), (StatusCode::OK, Some("published"), Some("Yes, in My Account.")));
    let (status, e) = staff.post(&format!("/api/faq/{id}/reviewed"), json!({})).await;
    assert!(status == StatusCode::OK && e["last_reviewed_at"].is_string());

    // Another library sees nothing.
    let other = app.login(&app.b.admin).await;
    assert_eq!(other.get(&format!("/api/faq/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(other.get("/api/faq").await.1, json!([]));

    assert_eq!(staff.send(reqwest::Method::DELETE, &format!("/api/faq/{id}"), json!(null)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(manager.post(&format!("/api/faq/{id}/unpublish"), json!({})).await.1["status"], "draft");
    assert_eq!(
        manager.send(reqwest::Method::DELETE, &format!("/api/faq/{id}"), json!(null)).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(staff.get(&format!("/api/faq/{id}")).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_draft_from_a_conversation_carries_no_patron_identifiers() {
    let app = spawn_app().await;
    let accepted = app
        .sms(
            app.a.id,
            "+15550101010",
            "Hi, this is Maria Lopez. Can I renew my books by text? My card is 21234000123456, \
             email maria.lopez@example.org or call 555-867-5309.",
            "SMDRAFT1",
        )
        .await;
    sqlx::query("UPDATE contact SET display_name = 'Maria Lopez' WHERE library_id = $1 AND id = $2")
        .bind(app.a.id)
        .bind(accepted.contact_id)
        .execute(&app.db)
        .await
        .unwrap();
    let staff = app.login(&app.a.staff).await;
    let conv = accepted.conversation_id.0;
    let reply = "Hi Maria,\n\nYes: text RENEW to this number, or renew in My Account. \
                 For card 21234000123456 there are no holds.\n\nThanks,\nalpha staff";
    let (status, _) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": reply})).await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, draft) = staff.post("/api/faq/from-conversation", json!({"conversation_id": conv})).await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["source_conversation_id"], conv);
    let all = format!("{} {} {}", draft["question"], draft["answer_html"], draft["short_answer"]);
    for identifier in ["Maria", "Lopez", "21234000123456", "maria.lopez", "example.org", "867", "5309", "alpha staff", "+1555"] {
        assert!(!all.contains(identifier), "{identifier} left in the draft: {all}");
    }
    assert!(draft["question"].as_str().unwrap().contains("Can I renew my books by text?"), "{all}");
    assert!(draft["answer_html"].as_str().unwrap().contains("text RENEW to this number"), "{all}");

    // A conversation nobody answered cannot become an entry.
    let unanswered = app.sms(app.a.id, "+15550102020", "Where is the printer?", "SMDRAFT2").await;
    let (status, err) =
        staff.post("/api/faq/from-conversation", json!({"conversation_id": unanswered.conversation_id.0})).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_answered")));
    let other = app.login(&app.b.staff).await;
    assert_eq!(other.post("/api/faq/from-conversation", json!({"conversation_id": conv})).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn staff_get_suggestions_and_managers_see_what_patrons_did_not_find() {
    let app = spawn_app().await;
    let ids = load_fixture(&app).await;
    let staff = app.login(&app.a.staff).await;
    let (status, suggestions) = staff.get("/api/faq/suggest?q=how%20do%20i%20renw%20my%20books").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(suggestions[0]["id"], ids["renew"]);
    assert_eq!(suggestions[0]["url"], format!("{}/faq/alpha/renew", app.addr));

    let patron = app.anonymous();
    patron.get("/faq/alpha?q=Maria%20zeppelin%20blimp%20555-1234").await;
    patron.get("/faq/alpha/renew").await;
    let r = reqwest::Client::new().post(format!("{}/faq/alpha/{}/helpful", app.addr, ids["renew"])).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    assert_eq!(staff.get("/api/faq/analytics").await.0, StatusCode::FORBIDDEN);
    let manager = app.login(&app.a.manager).await;
    let (status, a) = manager.get("/api/faq/analytics?days=7").await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(a["missed_searches"], json!([{"query": "zeppelin blimp", "searches": 1, "last_day": a["missed_searches"][0]["last_day"]}]));
    assert_eq!(a["deflections_by_source"], json!([{"source": "widget", "count": 1}]));
    let renew = a["entries"].as_array().unwrap().iter().find(|e| e["id"] == ids["renew"]).unwrap().clone();
    assert_eq!((renew["views"].as_i64(), renew["helpful_count"].as_i64(), renew["deflections"].as_i64()), (Some(1), Some(1), Some(1)));
    assert_eq!(a["due_for_review"], json!([]));
    sqlx::query("UPDATE faq_entry SET created_at = now() - interval '200 days' WHERE id = $1")
        .bind(ids["renew"].as_i64())
        .execute(&app.db)
        .await
        .unwrap();
    let (_, a) = manager.get("/api/faq/analytics").await;
    assert_eq!(a["due_for_review"][0]["id"], ids["renew"]);
    assert_eq!(staff.get("/api/faq?due=true").await.1[0]["id"], ids["renew"]);
}

async fn text(app: &TestApp, sid: &str, from: &str, body: &str) -> String {
    let url = format!("{}/webhooks/sms/alpha", app.addr);
    let params: Vec<(String, String)> = [
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", from),
        ("To", "+15550009999"),
        ("Body", body),
        ("NumMedia", "0"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let signature = channels::sms::compute_signature(AUTH_TOKEN.as_bytes(), &url, &params);
    let r = reqwest::Client::new().post(&url).header("X-Twilio-Signature", signature).form(&params).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

#[tokio::test]
async fn a_text_asking_the_faq_is_answered_with_the_best_entry_and_still_stored() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let (status, body) = admin
        .put("/api/settings/sms", json!({"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "from_number": "+15550009999"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let manager = app.login(&app.a.manager).await;
    publish(&manager, &json!({"key": "renew", "question": "How do I renew my books?", "topics": ["borrowing"],
        "short_answer": "Renew up to 3 times in My Account.", "answer": "Log in to My Account and choose Renew."})).await;

    let reply = text(&app, "SMFAQ1", "+15557770001", "? renew").await;
    assert!(
        reply.contains(&format!("<Message>Renew up to 3 times in My Account. {}/faq/alpha/renew</Message>", app.addr)),
        "{reply}"
    );
    // The text itself landed, with the answer beside it.
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM message WHERE library_id = $1 ORDER BY id")
        .bind(app.a.id)
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], "? renew");

    // An opted-out number gets no answer, but its text is stored.
    text(&app, "SMFAQ2", "+15557770002", "STOP").await;
    let reply = text(&app, "SMFAQ3", "+15557770002", "? renew").await;
    assert!(!reply.contains("<Message>"), "{reply}");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM message WHERE library_id = $1 AND body = '? renew'")
        .bind(app.a.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 2);
    let reply = text(&app, "SMFAQ4", "+15557770001", "? zeppelin parking").await;
    assert!(reply.contains("a librarian will reply"), "{reply}");
}
