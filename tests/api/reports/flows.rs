//! Facts written by the real paths: the reply and status API, the SMS keyword resolve;
//! notes and snoozes are neither responses nor resolutions. Reference statistics.

use super::*;
use refdesk::sms::keywords::{self, Outcome};

#[tokio::test]
async fn replies_and_resolves_through_the_api_write_facts_and_notes_and_snoozes_do_not() {
    let app = spawn_app().await;
    let conv = app.sms(app.a.id, "+15550100001", "where is my hold?", "SMf1").await.conversation_id;
    let staff = app.login(&app.a.staff).await;
    let base = format!("/api/conversations/{conv}");
    assert_eq!(
        staff.post(&format!("{base}/notes"), json!({"body": "checking the shelf"})).await.0,
        StatusCode::CREATED
    );
    let later = (Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
    let (status, body) =
        staff.put(&format!("{base}/status"), json!({"status": "snoozed", "snooze_until": later})).await;
    assert!(status.is_success(), "{body}");
    staff.put(&format!("{base}/status"), json!({"status": "open"})).await;
    assert_eq!(fact(&app, conv).await, None, "a note and a snooze are not a response");

    assert!(staff.post(&format!("{base}/replies"), json!({"body": "It is on the shelf."})).await.0.is_success());
    assert!(staff.post(&format!("{base}/replies"), json!({"body": "Until Friday."})).await.0.is_success());
    let f = fact(&app, conv).await.unwrap();
    assert_eq!((f["responder_id"].as_i64(), f["replies"].as_i64()), (Some(app.a.staff_id.0), Some(2)));
    assert!(f["first_response_secs"].as_i64().unwrap() >= 0);
    assert_eq!(f["first_response_secs"], f["first_response_bsecs"], "a team without hours is always open");

    assert!(staff.put(&format!("{base}/status"), json!({"status": "resolved"})).await.0.is_success());
    assert!(staff.put(&format!("{base}/status"), json!({"status": "resolved"})).await.0.is_success());
    let f = fact(&app, conv).await.unwrap();
    assert_eq!((f["replies_to_resolve"].as_i64(), f["reopen_count"].as_i64()), (Some(2), Some(0)));
    let first = f["first_resolved_at"].clone();
    assert!(!first.is_null());

    // The patron writes again: reopened; resolving again counts a reopen, keeps the figure.
    app.sms(app.a.id, "+15550100001", "one more thing", "SMf2").await;
    assert!(staff.post(&format!("{base}/replies"), json!({"body": "Sure."})).await.0.is_success());
    assert!(staff.put(&format!("{base}/status"), json!({"status": "resolved"})).await.0.is_success());
    let f = fact(&app, conv).await.unwrap();
    assert_eq!((f["reopen_count"].as_i64(), f["replies_to_resolve"].as_i64()), (Some(1), Some(2)));
    assert_eq!(f["first_resolved_at"], first);

    let manager = app.login(&app.a.manager).await;
    let (_, r) = manager.get("/api/reports/response-times?group=channel").await;
    assert_eq!(figure(&r, "sms", "first_response.count"), 1);
    assert_eq!(figure(&r, "sms", "resolution.count"), 1);
    assert_eq!(figure(&r, "sms", "replies_to_resolve.mean"), 2.0);
}

#[tokio::test]
async fn a_conversation_that_is_only_a_keyword_is_resolved_with_its_fact() {
    let app = spawn_app().await;
    let accepted = app.sms(app.a.id, "+15550100002", "HELP", "SMk1").await;
    let lib = refdesk::store::library::Library::find_by_slug(&app.db, "alpha").await.unwrap().unwrap();
    keywords::after_ingest(&app.state, &lib, &accepted, Outcome::Help("Text us your question.".into()), "HELP")
        .await
        .unwrap();
    let f = fact(&app, accepted.conversation_id).await.unwrap();
    assert_eq!(
        (f["replies_to_resolve"].as_i64(), f["first_response_at"].as_str()),
        (Some(0), None),
        "an automatic reply is no response"
    );
    assert!(f["resolution_secs"].as_i64().unwrap() >= 0);
}

#[tokio::test]
async fn read_levels_question_types_and_tallies_land_in_one_reference_report() {
    let app = spawn_app().await;
    let conv = app.sms(app.a.id, "+15550100003", "obituary from 1952?", "SMr1").await.conversation_id;
    let staff = app.login(&app.a.staff).await;
    let path = format!("/api/conversations/{conv}/reference");
    let (status, body) = staff.put(&path, json!({"read_level": 7, "question_type": "research"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_read_level")));
    let (status, body) = staff.put(&path, json!({"read_level": 5, "question_type": " Research "})).await;
    assert_eq!((status, body["question_type"].as_str()), (StatusCode::OK, Some("research")));
    // Counted as the conversation's assignee: give it to the staff member.
    staff.post(&format!("/api/conversations/{conv}/claim"), json!({})).await;
    for (mode, n) in [("in_person", 3), ("phone", 1)] {
        let (status, body) = staff
            .post("/api/reference/tallies", json!({"service_point": "Reference desk", "mode": mode, "read_level": 1, "question_type": "directional", "count": n}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, body) = staff.post("/api/reference/tallies", json!({"service_point": "Desk", "mode": "fax"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_mode")));

    let (_, rows) = staff.get("/api/reports/reference").await;
    let counts: Vec<(Value, Value, Value)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["read_level"].clone(), r["channel"].clone(), r["questions"].clone()))
        .collect();
    assert_eq!(
        counts,
        [
            (json!(1), json!("in_person"), json!(3)),
            (json!(1), json!("phone"), json!(1)),
            (json!(5), json!("sms"), json!(1))
        ]
    );
    let (_, types) = staff.get("/api/reference/question-types").await;
    assert_eq!(types, json!([{"question_type": "directional", "uses": 2}, {"question_type": "research", "uses": 1}]));
    let other = app.login(&app.b.staff).await;
    assert_eq!(other.put(&path, json!({"read_level": 2, "question_type": null})).await.0, StatusCode::NOT_FOUND);
    let csv = staff
        .client
        .get(format!("{}/api/reports/reference?format=csv", staff.addr))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().next(), Some("read_level,channel,team_id,question_type,questions"));
    assert!(csv.contains("1,in_person,,directional,3\r\n"), "{csv}");
}

#[tokio::test]
async fn a_patron_waiting_past_the_target_is_flagged_as_breached() {
    let app = spawn_app().await;
    let mut inbound = sms("+15550100004", "anyone there?", "SMd1");
    inbound.received_at = Utc::now() - chrono::Duration::hours(2);
    let waiting = app.state.ingest.accept(app.a.id, inbound).await.unwrap().conversation_id;
    let staff = app.login(&app.a.staff).await;
    assert_eq!(staff.get("/api/service-targets/due").await.1, json!([]), "no targets, no warnings");
    let manager = app.login(&app.a.manager).await;
    let (status, body) = manager
        .put(
            "/api/service-targets",
            json!([{"channel": "sms", "first_response_secs": 3600}, {"channel": "sms", "first_response_secs": 60}]),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("duplicate_target")));
    manager.put("/api/service-targets", json!([{"channel": "sms", "first_response_secs": 3600}])).await;
    let (_, due) = staff.get("/api/service-targets/due").await;
    assert_eq!(due.as_array().unwrap().len(), 1);
    assert_eq!((due[0]["conversation_id"].as_i64(), due[0]["breached"].as_bool()), (Some(waiting.0), Some(true)));
    let since: DateTime<Utc> = serde_json::from_value(due[0]["waiting_since"].clone()).unwrap();
    let at: DateTime<Utc> = serde_json::from_value(due[0]["due_at"].clone()).unwrap();
    assert_eq!(at - since, chrono::Duration::hours(1));
}
