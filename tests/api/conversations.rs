use crate::helpers::*;
use refdesk::domain::ConversationId;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::HashSet;

async fn waiting_since(app: &TestApp, minutes_ago: i64, from: &str, sid: &str) -> ConversationId {
    let mut m = sms(from, &format!("question from {from}"), sid);
    m.received_at = chrono::Utc::now() - chrono::Duration::minutes(minutes_ago);
    app.state.ingest.accept(app.a.id, m).await.unwrap().conversation_id
}

fn ids(page: &Value) -> Vec<i64> {
    page["conversations"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn the_queue_lists_the_longest_waiting_first_and_pages_without_gaps() {
    let app = spawn_app().await;
    let mut expected = Vec::new();
    for i in 0..7 {
        // Inserted newest-waiting first, so insertion order is the opposite of queue order.
        expected.push(waiting_since(&app, 10 + i, &format!("+1555333{i:04}"), &format!("SM{i}")).await.0);
    }
    expected.reverse();
    let s = app.login(&app.a.staff).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/conversations?limit=3&cursor={c}"),
            None => "/api/conversations?limit=3".to_owned(),
        };
        let (status, page) = s.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, expected);
    let (_, first) = s.get("/api/conversations?limit=1").await;
    let c = &first["conversations"][0];
    assert_eq!(c["contact_label"], "+15553330006");
    assert_eq!(c["last_message_preview"], "question from +15553330006");
    assert_eq!(c["channel"], "sms");
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let manager = app.login(&app.a.manager).await;
    let (_, team) = manager.post("/api/teams", json!({"name": "Reference"})).await;
    let mine = waiting_since(&app, 5, "+15554440001", "SM1").await;
    let theirs = waiting_since(&app, 4, "+15554440002", "SM2").await;
    let tagged = waiting_since(&app, 3, "+15554440003", "SM3").await;
    s.post(&format!("/api/conversations/{mine}/claim"), json!({})).await;
    s.put(&format!("/api/conversations/{theirs}/team"), json!({"team_id": team["id"]})).await;
    s.put(&format!("/api/conversations/{tagged}/tags"), json!({"tags": [" Renewal ", "renewal", "ILL"]})).await;
    s.put(&format!("/api/conversations/{tagged}/status"), json!({"status": "pending"})).await;
    app.sms(app.a.id, "+15554440002", "interlibrary loan for a thesis", "SM4").await;

    let get = |q: String| {
        let s = s.clone();
        async move { ids(&s.get(&format!("/api/conversations?{q}")).await.1) }
    };
    assert_eq!(get("assignee=me".into()).await, vec![mine.0]);
    assert_eq!(get("assignee=none".into()).await, vec![theirs.0]);
    assert_eq!(get(format!("team={}", team["id"])).await, vec![theirs.0]);
    assert_eq!(get("status=pending&tag=renewal".into()).await, vec![tagged.0]);
    assert_eq!(get("status=all&order=newest".into()).await, vec![tagged.0, theirs.0, mine.0]);
    assert_eq!(get("q=interlibrary".into()).await, vec![theirs.0]);
    assert_eq!(get("channel=email".into()).await, Vec::<i64>::new());
    let (_, c) = s.get(&format!("/api/conversations/{tagged}")).await;
    assert_eq!(c["conversation"]["tags"], json!(["renewal", "ill"]));
}

#[tokio::test]
async fn bad_list_parameters_get_clear_errors() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    for (q, code) in [
        ("status=closed", "invalid_status"),
        ("limit=0", "invalid_limit"),
        ("limit=101", "invalid_limit"),
        ("limit=abc", "invalid_query"),
        ("cursor=bm9wZQ", "invalid_cursor"),
        ("order=random", "invalid_order"),
        ("channel=fax", "invalid_channel"),
        ("assignee=someone", "invalid_assignee"),
    ] {
        let (status, body) = s.get(&format!("/api/conversations?{q}")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{q}: {body}");
    }
    assert_eq!(s.get("/api/conversations/not-a-number").await.0, StatusCode::NOT_FOUND);
    assert_eq!(s.get("/api/conversations/999999").await.0, StatusCode::NOT_FOUND);
    let conv = waiting_since(&app, 1, "+15554449999", "SM1").await;
    let raw = s
        .client
        .post(format!("{}/api/conversations/{conv}/replies", app.addr))
        .header("x-csrf-token", &s.csrf)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = s.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "   "})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("empty_body")));
    let (status, _) = s.post(&format!("/api/conversations/{conv}/replies"), json!({"text": "wrong field"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_reply_is_queued_answers_the_wait_and_assigns_the_conversation() {
    let app = spawn_app().await;
    let conv = waiting_since(&app, 30, "+15555550001", "SM1").await;
    let s = app.login(&app.a.staff).await;
    let (status, msg) =
        s.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "Yes, we're open until 8."})).await;
    assert_eq!(status, StatusCode::CREATED, "{msg}");
    assert_eq!(
        (msg["direction"].as_str(), msg["delivery_status"].as_str(), msg["channel"].as_str()),
        (Some("out"), Some("queued"), Some("sms"))
    );
    let outbox: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE status = 'pending'").fetch_one(&app.db).await.unwrap();
    assert_eq!(outbox, 1, "the handler queued, it did not send");
    assert!(app.adapter.deliveries().is_empty());
    let (_, c) = s.get(&format!("/api/conversations/{conv}")).await;
    assert_eq!(c["conversation"]["waiting_since"], Value::Null);
    assert!(c["conversation"]["first_response_at"].is_string());
    assert_eq!(c["conversation"]["assignee_id"], json!(app.a.staff_id));
    assert_eq!(c["messages"].as_array().unwrap().len(), 2);
    // The patron has no email address: staff must pick a channel they have.
    let (status, body) =
        s.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "x", "channel": "email"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("no_address_on_channel")));
}

#[tokio::test]
async fn a_note_is_not_a_response_and_is_never_sent() {
    let app = spawn_app().await;
    let conv = waiting_since(&app, 30, "+15555550002", "SM1").await;
    let s = app.login(&app.a.staff).await;
    let (status, note) =
        s.post(&format!("/api/conversations/{conv}/notes"), json!({"body": "Checking the catalog"})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!((note["direction"].as_str(), note["delivery_status"].clone()), (Some("note"), Value::Null));
    let (_, c) = s.get(&format!("/api/conversations/{conv}")).await;
    assert!(c["conversation"]["waiting_since"].is_string(), "still waiting");
    assert_eq!(c["conversation"]["first_response_at"], Value::Null);
    let outbox: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox").fetch_one(&app.db).await.unwrap();
    assert_eq!(outbox, 0);
}

#[tokio::test]
async fn status_changes_snooze_and_resolve_and_a_patron_message_reopens() {
    let app = spawn_app().await;
    let conv = waiting_since(&app, 5, "+15555550003", "SM1").await;
    let s = app.login(&app.a.staff).await;
    let path = format!("/api/conversations/{conv}/status");
    let (status, body) = s.put(&path, json!({"status": "snoozed"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("snooze_until_required")));
    let past = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    assert_eq!(
        s.put(&path, json!({"status": "snoozed", "snooze_until": past})).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let later = (chrono::Utc::now() + chrono::Duration::hours(4)).to_rfc3339();
    let (status, c) = s.put(&path, json!({"status": "snoozed", "snooze_until": later})).await;
    assert_eq!((status, c["status"].as_str()), (StatusCode::OK, Some("snoozed")));
    assert_eq!(
        s.put(&path, json!({"status": "resolved", "snooze_until": later})).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (_, c) = s.put(&path, json!({"status": "resolved"})).await;
    assert_eq!(c["status"], "resolved");
    assert!(c["resolved_at"].is_string());
    assert_eq!(c["waiting_since"], Value::Null);
    assert_eq!(s.put(&path, json!({"status": "gone"})).await.0, StatusCode::UNPROCESSABLE_ENTITY);

    app.sms(app.a.id, "+15555550003", "Actually one more thing", "SM2").await;
    let (_, c) = s.get(&format!("/api/conversations/{conv}")).await;
    assert_eq!(c["conversation"]["status"], "open");
    assert_eq!(c["conversation"]["resolved_at"], Value::Null);
}

#[tokio::test]
async fn a_transfer_hands_over_to_a_team_with_a_note() {
    let app = spawn_app().await;
    let conv = waiting_since(&app, 5, "+15555550004", "SM1").await;
    let manager = app.login(&app.a.manager).await;
    let (_, team) = manager.post("/api/teams", json!({"name": "Children's"})).await;
    let s = app.login(&app.a.staff).await;
    s.post(&format!("/api/conversations/{conv}/claim"), json!({})).await;
    let (status, c) = s
        .put(
            &format!("/api/conversations/{conv}/team"),
            json!({"team_id": team["id"], "note": "Story-time question, over to you"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!((c["team_id"].clone(), c["assignee_id"].clone()), (team["id"].clone(), Value::Null));
    let (_, detail) = s.get(&format!("/api/conversations/{conv}")).await;
    let last = detail["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["direction"].as_str(), last["body"].as_str()),
        (Some("note"), Some("Story-time question, over to you"))
    );
    let (status, c) = s.put(&format!("/api/conversations/{conv}/assignee"), json!({"staff_id": app.a.staff_id})).await;
    assert_eq!((status, c["assignee_id"].clone()), (StatusCode::OK, json!(app.a.staff_id)));
    let (_, c) = s.put(&format!("/api/conversations/{conv}/assignee"), json!({"staff_id": null})).await;
    assert_eq!(c["assignee_id"], Value::Null);
}

#[tokio::test]
async fn a_contact_profile_shows_identities_and_history_across_conversations() {
    let app = spawn_app().await;
    let first = app.sms(app.a.id, "+15555550005", "first question", "SM1").await;
    sqlx::query(
        "UPDATE conversation SET status = 'resolved', resolved_at = now() - interval '10 days', waiting_since = NULL",
    )
    .execute(&app.db)
    .await
    .unwrap();
    app.sms(app.a.id, "+15555550005", "second question", "SM2").await;
    let s = app.login(&app.a.staff).await;
    let (status, profile) = s.get(&format!("/api/contacts/{}", first.contact_id)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(profile["identities"][0]["address"], "+15555550005");
    assert_eq!(profile["conversations"].as_array().unwrap().len(), 2);
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'open' AND subject_type = 'contact'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn full_text_search_finds_messages_with_a_highlighted_snippet() {
    let app = spawn_app().await;
    let hit =
        app.sms(app.a.id, "+15555550006", "Do you have the Octavia Butler biography in large print?", "SM1").await;
    app.sms(app.a.id, "+15555550007", "When is story time?", "SM2").await;
    let s = app.login(&app.a.staff).await;
    let (status, r) = s.get("/api/search?q=butler%20biography").await;
    assert_eq!(status, StatusCode::OK);
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["conversation_id"], json!(hit.conversation_id));
    assert!(hits[0]["snippet"].as_str().unwrap().contains("«Butler»"), "{}", hits[0]["snippet"]);
    assert_eq!(s.get("/api/search?q=%20").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(s.get("/api/search").await.0, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn housekeeping_merges_new_search_entries_and_search_still_finds_them() {
    let app = spawn_app().await;
    refdesk::housekeeping::merge_pending_index_entries(&app.db).await.unwrap();
    let hit = app.sms(app.a.id, "+15555550006", "Is the microfiche reader working?", "SM1").await;
    let merged = refdesk::housekeeping::merge_pending_index_entries(&app.db).await.unwrap();
    assert!(merged >= 1, "the new message's entries were pending: {merged} pages merged");
    assert_eq!(refdesk::housekeeping::merge_pending_index_entries(&app.db).await.unwrap(), 0);
    let s = app.login(&app.a.staff).await;
    let (status, r) = s.get("/api/search?q=microfiche").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(r["hits"][0]["message_id"], json!(hit.message_id), "{r}");
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let app = spawn_app().await;
    let (status, doc) = app.anonymous().get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths: HashSet<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    for p in [
        "/api/login",
        "/api/logout",
        "/api/session",
        "/api/conversations",
        "/api/conversations/{id}",
        "/api/conversations/{id}/replies",
        "/api/conversations/{id}/notes",
        "/api/conversations/{id}/claim",
        "/api/conversations/{id}/assignee",
        "/api/conversations/{id}/team",
        "/api/conversations/{id}/status",
        "/api/conversations/{id}/tags",
        "/api/contacts/{id}",
        "/api/search",
        "/api/teams",
        "/api/teams/{id}",
        "/api/staff",
        "/api/staff/{id}",
    ] {
        assert!(paths.contains(p), "{p} missing from the OpenAPI document");
    }
}

#[tokio::test]
async fn canned_responses_are_shared_by_managers_or_kept_personal() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let manager = app.login(&app.a.manager).await;
    let shared = json!({"shortcut": "hours", "title": "Opening hours", "body": "Hi {patron_name}, we're open 9-8.", "shared": true});
    assert_eq!(staff.post("/api/canned-responses", shared.clone()).await.0, StatusCode::FORBIDDEN);
    let (status, hours) = manager.post("/api/canned-responses", shared).await;
    assert_eq!(status, StatusCode::CREATED, "{hours}");
    assert_eq!(hours["owner_staff_id"], Value::Null);
    let (_, mine) = staff
        .post("/api/canned-responses", json!({"shortcut": "sig", "title": "Sign-off", "body": "— {staff_name}"}))
        .await;
    let (status, dup) =
        staff.post("/api/canned-responses", json!({"shortcut": "sig", "title": "Again", "body": "x"})).await;
    assert_eq!((status, dup["code"].as_str()), (StatusCode::CONFLICT, Some("shortcut_taken")));
    let (_, list) = staff.get("/api/canned-responses").await;
    let shortcuts: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["shortcut"].as_str().unwrap()).collect();
    assert_eq!(shortcuts, vec!["hours", "sig"]);
    // A colleague's personal response is invisible and untouchable; shared ones need a manager.
    let (_, theirs) = manager.get("/api/canned-responses").await;
    assert_eq!(theirs.as_array().unwrap().len(), 1);
    assert_eq!(
        manager
            .put(&format!("/api/canned-responses/{}", mine["id"]), json!({"shortcut": "x", "title": "x", "body": "x"}))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        staff.send(reqwest::Method::DELETE, &format!("/api/canned-responses/{}", hours["id"]), json!(null)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        staff.post("/api/canned-responses", json!({"shortcut": "Bad Shortcut", "title": "t", "body": "b"})).await.1
            ["code"],
        "invalid_shortcut"
    );
}

#[tokio::test]
async fn a_mentioned_colleague_is_named_in_the_live_note_event() {
    let app = spawn_app().await;
    let conv = waiting_since(&app, 5, "+15555550099", "SM1").await;
    let manager = app.login(&app.a.manager).await;
    let (_, me) = manager.get("/api/session").await;
    let s = app.login(&app.a.staff).await;
    let mut ws = crate::console_socket::connect(&app.addr, &manager).await;
    crate::console_socket::next_frame(&mut ws, |v| v["type"] == "hello").await;
    let (status, _) = s
        .post(
            &format!("/api/conversations/{conv}/notes"),
            json!({"body": "@Maya can you take this one?", "mentions": [me["staff_id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let f = crate::console_socket::next_frame(&mut ws, |v| v["event"]["kind"] == "message_created").await;
    assert_eq!(f["event"]["mentions"], json!([me["staff_id"]]));
    let (status, _) =
        s.post(&format!("/api/conversations/{conv}/notes"), json!({"body": "x", "mentions": [app.b.staff_id]})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a colleague of another library cannot be mentioned");
}

#[tokio::test]
async fn a_snoozed_conversation_comes_back_when_its_time_is_up() {
    let app = spawn_app().await;
    let conv = waiting_since(&app, 5, "+15555550098", "SM1").await;
    let s = app.login(&app.a.staff).await;
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    s.put(&format!("/api/conversations/{conv}/status"), json!({"status": "snoozed", "snooze_until": later})).await;
    assert_eq!(refdesk::housekeeping::wake_snoozed(&app.db).await.unwrap(), 0);
    sqlx::query("UPDATE conversation SET snoozed_until = now() - interval '1 second'").execute(&app.db).await.unwrap();
    assert_eq!(refdesk::housekeeping::wake_snoozed(&app.db).await.unwrap(), 1);
    let (_, c) = s.get(&format!("/api/conversations/{conv}")).await;
    assert_eq!(c["conversation"]["status"], "open");
    assert!(
        c["conversation"]["waiting_since"].is_string(),
        "still waiting, and first in the queue by its original wait"
    );
}

#[test]
fn the_consoles_copy_of_the_openapi_document_is_current() {
    use utoipa::OpenApi;
    let current: Value = serde_json::to_value(refdesk::http::openapi::ApiDoc::openapi()).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/web/openapi.json");
    let committed: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(current == committed, "web/openapi.json is stale: run `npm run types` in web/ and commit the result");
}
