//! Availability, the offline form, ratings, transcripts and the settings API.

use super::*;
use crate::helpers::*;
use refdesk::outbox::Adapter;
use serde_json::json;

#[tokio::test]
async fn outside_hours_the_widget_says_so_and_a_left_message_becomes_an_email_conversation() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    // No opening hours at all: closed.
    let (mut ws, welcome) = new_patron(&app.addr).await;
    assert_eq!(welcome["availability"]["open"], false);
    assert_eq!(welcome["availability"]["reason"], "closed");

    send(
        &mut ws,
        json!({"type": "leave_message", "client_id": "off1", "text": "Please call me about my fines",
               "name": "Ann Reader", "email": "ann@patrons.example"}),
    )
    .await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "left_message");
    let (conversation, channel, tags): (i64, String, Vec<String>) =
        sqlx::query_as("SELECT id, channel, tags FROM conversation WHERE library_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(app.a.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(channel, "email");
    assert!(tags.contains(&"web-chat".to_owned()));
    // Staff answer it like any email: the reply is queued for the email channel.
    let staff = app.login(&app.a.staff).await;
    let (status, _) = staff
        .post(&format!("/api/conversations/{conversation}/replies"), json!({"body": "Your fines are waived."}))
        .await;
    assert_eq!(status, 201);
    app.dispatch_all_pending().await;
    let sent = app.adapter.deliveries();
    assert_eq!(sent.last().unwrap().to, "ann@patrons.example");
    assert_eq!(sent.last().unwrap().channel, refdesk::domain::Channel::Email);

    // Neither email nor phone: refused.
    send(&mut ws, json!({"type": "leave_message", "client_id": "off2", "text": "hi"})).await;
    assert_eq!(next(&mut ws, is("error")).await["code"], "invalid_email");
}

#[tokio::test]
async fn chat_is_open_only_within_hours_and_with_a_librarian_online() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    sqlx::query(
        "INSERT INTO team_hours (library_id, team_id, weekday, opens, closes)
         SELECT $1, t.id, d, '00:00', '24:00' FROM team t, generate_series(1, 7) d WHERE t.library_id = $1",
    )
    .bind(app.a.id)
    .execute(&app.db)
    .await
    .unwrap();
    let team = refdesk::store::team::Team::create(&app.db, app.a.id, "Reference").await.unwrap();
    sqlx::query("INSERT INTO team_hours (library_id, team_id, weekday, opens, closes) SELECT $1, $2, d, '00:00', '24:00' FROM generate_series(1, 7) d")
        .bind(app.a.id)
        .bind(team)
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE chat_settings SET team_id = $2 WHERE library_id = $1")
        .bind(app.a.id)
        .bind(team)
        .execute(&app.db)
        .await
        .unwrap();
    let config = |app: &TestApp| {
        let url = format!("{}/chat/alpha/config", app.addr);
        async move { reqwest::Client::new().get(url).header("origin", SITE).send().await.unwrap() }
    };
    let r = config(&app).await;
    assert_eq!(r.headers()["access-control-allow-origin"], SITE);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["availability"]["reason"], "no_staff");

    refdesk::realtime::presence::set(
        &app.db,
        app.a.id,
        app.a.staff_id,
        refdesk::realtime::protocol::PresenceState::Online,
    )
    .await
    .unwrap();
    let body: serde_json::Value = config(&app).await.json().await.unwrap();
    assert_eq!(body["availability"]["open"], true, "{body}");

    // A foreign page gets no CORS grant.
    let r = reqwest::Client::new()
        .get(format!("{}/chat/alpha/config", app.addr))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn a_rating_is_stored_and_a_transcript_goes_out_by_email() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut ws, _) = new_patron(&app.addr).await;
    let ack = say(&mut ws, "c1", "How do I get a card?").await;
    let conversation = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    send(&mut ws, json!({"type": "rate", "score": 4, "comment": "quick"})).await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "rating");
    let (score, source): (i16, String) =
        sqlx::query_as("SELECT score, source FROM csat_rating WHERE library_id = $1 AND conversation_id = $2")
            .bind(app.a.id)
            .bind(conversation)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((score, source.as_str()), (4, "chat"));

    send(&mut ws, json!({"type": "transcript", "email": "ann@patrons.example"})).await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "transcript");
    let line = next(&mut ws, is("message")).await;
    assert_eq!(line["message"]["from"], "system");
    // The outbox hands it to the chat adapter, which emails the whole chat.
    app.dispatch_all_pending().await;
    let queued = app.adapter.deliveries().into_iter().find(|d| d.conversation_id.0 == conversation).unwrap();
    let email = std::sync::Arc::new(ScriptedAdapter::default());
    let chat = refdesk::chat::delivery::ChatDelivery::new(app.db.clone(), email.clone());
    chat.deliver(&queued).await.unwrap();
    let mail = email.deliveries().pop().unwrap();
    assert_eq!(mail.to, "ann@patrons.example");
    assert!(mail.body.contains("How do I get a card?"), "{}", mail.body);

    send(&mut ws, json!({"type": "end"})).await;
    assert_eq!(next(&mut ws, is("ended")).await["by"], "patron");
    let abandoned: bool =
        sqlx::query_scalar("SELECT abandoned_at IS NOT NULL FROM conversation WHERE library_id = $1 AND id = $2")
            .bind(app.a.id)
            .bind(conversation)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(abandoned, "ended before any answer counts as abandoned");
}

#[tokio::test]
async fn admins_set_the_widget_up_and_see_the_secret_only_once() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let (status, s) = admin.get("/api/settings/chat").await;
    assert_eq!(status, 200, "{s}");
    assert!(s.get("widget_secret").is_none());
    let (status, s) = admin
        .put(
            "/api/settings/chat",
            json!({"enabled": true, "allowed_origins": ["https://WWW.Alpha.example/"], "greeting": "Hi!", "regenerate_secret": true}),
        )
        .await;
    assert_eq!(status, 200, "{s}");
    assert_eq!(s["allowed_origins"], json!([SITE]));
    let secret = s["widget_secret"].as_str().unwrap();
    assert_eq!(secret.len(), 64);
    let (_, s) = admin.get("/api/settings/chat").await;
    assert!(s.get("widget_secret").is_none());
    let (status, _) = admin.put("/api/settings/chat", json!({"allowed_origins": ["https://x.example/path"]})).await;
    assert_eq!(status, 422);
    // The secret signs identities the socket accepts.
    let now = chrono::Utc::now().timestamp();
    let sig = channels::chat::sign_identity(&hex::decode(secret).unwrap(), "p1", now);
    let mut ws = open(&app.addr).await;
    send(&mut ws, json!({"type": "hello", "v": 1, "identity": {"id": "p1", "ts": now, "sig": sig}})).await;
    next(&mut ws, is("welcome")).await;
}

#[tokio::test]
async fn a_chat_left_unanswered_is_marked_abandoned_and_a_reply_to_a_gone_patron_goes_by_email() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut ws, _) = new_patron(&app.addr).await;
    let ack = say(&mut ws, "c1", "Hello?").await;
    let conversation = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    send(&mut ws, json!({"type": "contact", "email": "ann@patrons.example"})).await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "contact");

    // Still here: a reply is delivered on the socket, not by email.
    let staff = app.login(&app.a.staff).await;
    let (status, _) = staff.post(&format!("/api/conversations/{conversation}/replies"), json!({"body": "Hi!"})).await;
    assert_eq!(status, 201);
    app.dispatch_all_pending().await;
    let reply = app.adapter.deliveries().pop().unwrap();
    let email = std::sync::Arc::new(ScriptedAdapter::default());
    let chat = refdesk::chat::delivery::ChatDelivery::new(app.db.clone(), email.clone());
    chat.deliver(&reply).await.unwrap();
    assert!(email.deliveries().is_empty(), "a connected patron gets no email");

    // The patron left a while ago.
    drop(ws);
    let left = |secs: i64| {
        sqlx::query(
            "UPDATE chat_session SET socket_open = false, last_seen_at = now() - make_interval(secs => $2)
              WHERE library_id = $1",
        )
        .bind(app.a.id)
        .bind(secs as f64)
        .execute(&app.db)
    };
    // Wait for the socket's own close to be recorded, then age it.
    sockets_closed(&app).await;
    left(10).await.unwrap();
    assert!(chat.deliver(&reply).await.is_err(), "just stepped away: wait, do not email yet");
    left(3600).await.unwrap();
    chat.deliver(&reply).await.unwrap();
    let mail = email.deliveries().pop().unwrap();
    assert_eq!((mail.to.as_str(), mail.channel), ("ann@patrons.example", refdesk::domain::Channel::Email));
    assert!(mail.body.starts_with("Hi!"));

    // Answered: not abandoned. An unanswered chat whose patron left is.
    assert_eq!(refdesk::chat::sweep::mark_abandoned(&app.db).await.unwrap(), 0);
    let (mut ws, _) = new_patron(&app.addr).await;
    let ack = say(&mut ws, "c1", "Anyone?").await;
    let unanswered = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    drop(ws);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        left(3600).await.unwrap();
        if refdesk::chat::sweep::mark_abandoned(&app.db).await.unwrap() == 1 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "never marked abandoned");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let abandoned: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM conversation WHERE library_id = $1 AND abandoned_at IS NOT NULL")
            .bind(app.a.id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(abandoned, vec![unanswered]);

    // Sessions nobody can resume are purged; the conversations stay.
    let (ws, _) = new_patron(&app.addr).await;
    drop(ws);
    sockets_closed(&app).await;
    left(2 * 24 * 3600).await.unwrap();
    assert!(refdesk::chat::sweep::purge_sessions(&app.db).await.unwrap() >= 1);
    let sessions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM chat_session WHERE library_id = $1 AND conversation_id IS NULL")
            .bind(app.a.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(sessions, 0);
}

/// Waits until the hub has recorded every chat socket of library A as closed.
async fn sockets_closed(app: &TestApp) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while sqlx::query_scalar::<_, Option<bool>>("SELECT bool_or(socket_open) FROM chat_session WHERE library_id = $1")
        .bind(app.a.id)
        .fetch_one(&app.db)
        .await
        .unwrap()
        .unwrap_or(false)
    {
        assert!(tokio::time::Instant::now() < deadline, "the socket's close was never recorded");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
