//! Reference statistics in the console: the question type suggested when resolving, the
//! tally screen's today and undo, and the patron life cycle with its lapse period.

use super::*;

/// Classifies a conversation as staff would.
async fn classify(staff: &Session, conv: ConversationId, level: i16, question_type: &str) {
    let (status, body) = staff
        .put(
            &format!("/api/conversations/{conv}/reference"),
            json!({"read_level": level, "question_type": question_type}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn published_faq(manager: &Session, question: &str, topic: &str, short_answer: &str) {
    let body = json!({"question": question, "short_answer": short_answer, "answer_html": "<p>Ask at the desk.</p>",
                      "topics": [topic], "language": "en"});
    let (status, entry) = manager.post("/api/faq", body).await;
    assert_eq!(status, StatusCode::CREATED, "{entry}");
    let id = entry["id"].as_i64().unwrap();
    assert_eq!(manager.post(&format!("/api/faq/{id}/publish"), json!({})).await.0, StatusCode::OK);
}

#[tokio::test]
async fn resolving_suggests_the_type_of_the_most_similar_classified_questions_and_the_faq_topic() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let past = [
        ("Can I renew my library books online?", 1, "renewals"),
        ("How do I renew a book that is overdue?", 2, "renewals"),
        ("I need to renew my DVDs please", 1, "renewals"),
        ("Looking for census records about my grandfather from 1920", 4, "genealogy"),
        ("Do you have old newspaper obituaries for genealogy research?", 5, "genealogy"),
        ("Is the library open on Sunday?", 1, "hours"),
    ];
    for (i, (text, level, kind)) in past.iter().enumerate() {
        let conv = app.sms(app.a.id, &format!("+1555020000{i}"), text, &format!("SMp{i}")).await.conversation_id;
        classify(&staff, conv, *level, kind).await;
    }
    let manager = app.login(&app.a.manager).await;
    published_faq(&manager, "Can I read old newspapers on microfilm?", "Local history", "Yes, at the history desk.")
        .await;

    // "book" is in two of the six classified questions (weight ln 4), "renew" in three
    // (ln 3): the three renewals are the only similar ones, two at READ 1.
    let renew = app.sms(app.a.id, "+15550201000", "Can I renew my books? They are due tomorrow", "SMq1").await;
    let path = format!("/api/conversations/{}/reference", renew.conversation_id);
    let (status, r) = staff.get(&path).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!((&r["read_level"], &r["question_type"]), (&Value::Null, &Value::Null));
    assert_eq!(
        r["suggestions"],
        json!([{"question_type": "renewals", "read_level": 1, "source": "similar", "similar": 3, "neighbours": 3,
                "faq_question": null}])
    );
    assert_eq!(r["usual"][0], json!({"question_type": "renewals", "uses": 3}));

    // Old newspapers: one similar genealogy question, and the FAQ entry's topic beside it.
    let news = app
        .sms(app.a.id, "+15550201001", "Where can I find my great grandmother's obituary in old newspapers?", "SMq2")
        .await;
    let (_, r) = staff.get(&format!("/api/conversations/{}/reference", news.conversation_id)).await;
    assert_eq!(
        r["suggestions"],
        json!([
            {"question_type": "genealogy", "read_level": 5, "source": "similar", "similar": 1, "neighbours": 1,
             "faq_question": null},
            {"question_type": "local history", "read_level": null, "source": "faq", "similar": 0, "neighbours": 0,
             "faq_question": "Can I read old newspapers on microfilm?"}
        ])
    );

    // Nothing alike: no suggestion rather than a guess.
    let hello = app.sms(app.a.id, "+15550201002", "Hello there, quick question", "SMq3").await;
    let (_, r) = staff.get(&format!("/api/conversations/{}/reference", hello.conversation_id)).await;
    assert_eq!(r["suggestions"], json!([]));

    // Taking the suggestion is an ordinary PUT; the current values come back.
    classify(&staff, renew.conversation_id, 1, "renewals").await;
    let (_, r) = staff.get(&path).await;
    assert_eq!((r["read_level"].as_i64(), r["question_type"].as_str()), (Some(1), Some("renewals")));

    // Another library's conversation does not exist for them; a library with nothing
    // classified yet is offered its FAQ's topic.
    let other = app.login(&app.b.staff).await;
    assert_eq!(other.get(&path).await.0, StatusCode::NOT_FOUND);
    published_faq(&app.login(&app.b.manager).await, "When are you open on Sundays?", "Hours", "From noon to five.")
        .await;
    let sunday = app.sms(app.b.id, "+15550201003", "Are you open this Sunday afternoon?", "SMq4").await;
    let (_, r) = other.get(&format!("/api/conversations/{}/reference", sunday.conversation_id)).await;
    assert_eq!(
        r["suggestions"],
        json!([{"question_type": "hours", "read_level": null, "source": "faq", "similar": 0, "neighbours": 0,
                "faq_question": "When are you open on Sundays?"}])
    );
}

#[tokio::test]
async fn the_tally_screen_counts_today_and_undoes_only_the_callers_own_last_tally() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let desk = "Reference desk";
    let tally = |mode: &str, level: i64, kind: Option<&str>| json!({"service_point": desk, "mode": mode, "read_level": level, "question_type": kind});
    let (status, first) = staff.post("/api/reference/tallies", tally("in_person", 2, Some("directional"))).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (_, second) = staff.post("/api/reference/tallies", tally("phone", 1, None)).await;
    let manager = app.login(&app.a.manager).await;
    manager
        .post("/api/reference/tallies", json!({"service_point": "Children's desk", "mode": "in_person", "count": 4}))
        .await;

    let (status, today) = staff.get("/api/reference/tallies/today?service_point=Reference%20desk").await;
    assert_eq!(status, StatusCode::OK, "{today}");
    assert_eq!(
        today["counts"],
        json!([{"mode": "in_person", "read_level": 2, "questions": 1}, {"mode": "phone", "read_level": 1, "questions": 1}])
    );
    assert_eq!((today["total"].as_i64(), &today["last"]["id"]), (Some(2), &second["id"]));
    assert_eq!(today["service_points"], json!(["Reference desk", "Children's desk"]));
    let (_, everywhere) = staff.get("/api/reference/tallies/today").await;
    assert_eq!(everywhere["total"], 6);

    // Undo takes back the caller's own tally only; then their earlier one is the last.
    let undo = |id: &Value| format!("/api/reference/tallies/{id}");
    assert_eq!(manager.send(reqwest::Method::DELETE, &undo(&second["id"]), json!(null)).await.0, StatusCode::NOT_FOUND);
    let other = app.login(&app.b.staff).await;
    assert_eq!(other.send(reqwest::Method::DELETE, &undo(&second["id"]), json!(null)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(staff.send(reqwest::Method::DELETE, &undo(&second["id"]), json!(null)).await.0, StatusCode::NO_CONTENT);
    assert_eq!(staff.send(reqwest::Method::DELETE, &undo(&second["id"]), json!(null)).await.0, StatusCode::NOT_FOUND);
    let (_, today) = staff.get("/api/reference/tallies/today?service_point=Reference%20desk").await;
    assert_eq!((today["total"].as_i64(), &today["last"]["id"]), (Some(1), &first["id"]));
    assert_eq!(other.get("/api/reference/tallies/today").await.1["total"], 0, "another library counts its own");
}

#[tokio::test]
async fn the_patron_life_cycle_uses_the_asked_lapse_period_else_the_librarys() {
    let app = spawn_app().await;
    let mut contacts = vec![];
    for (i, phone) in ["+15550202000", "+15550202001", "+15550202002"].iter().enumerate() {
        contacts.push(app.sms(app.a.id, phone, "hello", &format!("SMl{i}")).await.contact_id);
    }
    // Lapsed since January 2025, returning in January 2026 (known since June), new in January 2026.
    for (contact, created, last) in [
        (contacts[0], ny(2025, 1, 10, 12, 0), ny(2025, 1, 20, 12, 0)),
        (contacts[1], ny(2025, 6, 1, 12, 0), ny(2026, 1, 15, 12, 0)),
        (contacts[2], ny(2026, 1, 20, 12, 0), ny(2026, 1, 20, 12, 0)),
    ] {
        sqlx::query("UPDATE contact SET created_at = $3, last_contact_at = $4 WHERE library_id = $1 AND id = $2")
            .bind(app.a.id)
            .bind(contact)
            .bind(created)
            .bind(last)
            .execute(&app.db)
            .await
            .unwrap();
    }
    let manager = app.login(&app.a.manager).await;
    let january = "/api/reports/patrons?from=2026-01-01&to=2026-02-01";
    let (status, r) = manager.get(january).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(
        r,
        json!({"lapsed_after_days": 365,
               "rows": [{"preferred_channel": "sms", "new": 1, "returning": 1, "lapsed": 1}]})
    );
    // No contact since 20 January 2025 is not lapsed when the period is 400 days.
    let (_, r) = manager.get(&format!("{january}&lapsed_after_days=400")).await;
    assert_eq!((r["lapsed_after_days"].as_i64(), r["rows"][0]["lapsed"].as_i64()), (Some(400), Some(0)));
    let (status, r) = manager.get(&format!("{january}&lapsed_after_days=0")).await;
    assert_eq!((status, r["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_lapse")));
    // The library's own setting is the default.
    sqlx::query("INSERT INTO privacy_policy (library_id, retention_days, lapsed_after_days) VALUES ($1, 3650, 400)")
        .bind(app.a.id)
        .execute(&app.db)
        .await
        .unwrap();
    let (_, r) = manager.get(january).await;
    assert_eq!((r["lapsed_after_days"].as_i64(), r["rows"][0]["lapsed"].as_i64()), (Some(400), Some(0)));
    let csv = manager
        .client
        .get(format!("{}{january}&format=csv&lapsed_after_days=365", manager.addr))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv, "preferred_channel,new,returning,lapsed\r\nsms,1,1,1\r\n");
}
