use crate::helpers::*;
use channels::ThreadHint;
use refdesk::inbox::ingest::IngestError;
use std::time::Duration;

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

#[tokio::test]
async fn the_same_inbound_twice_stores_one_message_and_returns_the_same_ids() {
    let app = spawn_app().await;
    let first = app.sms(app.a.id, "+15550001111", "Do you have the new Butler biography?", "SM1").await;
    let again = app.sms(app.a.id, "+15550001111", "Do you have the new Butler biography?", "SM1").await;
    assert!(first.created);
    assert!(!again.created);
    assert_eq!(
        (first.message_id, first.conversation_id, first.contact_id),
        (again.message_id, again.conversation_id, again.contact_id)
    );
    assert_eq!(count(&app, "SELECT count(*) FROM message").await, 1);
    assert_eq!(count(&app, "SELECT count(*) FROM event WHERE kind = 'message_created'").await, 1);
}

#[tokio::test]
async fn concurrent_duplicates_and_a_new_patrons_burst_store_each_message_once() {
    let app = spawn_app().await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let ingest = app.state.ingest.clone();
        let lib = app.a.id;
        // 20 copies of one message and 20 distinct messages from the same new number.
        let sid = if i % 2 == 0 { "SMdup".to_owned() } else { format!("SM{i}") };
        tasks.push(tokio::spawn(async move { ingest.accept(lib, sms("+15550002222", "hello", &sid)).await.unwrap() }));
    }
    let results: Vec<_> = futures::future::join_all(tasks).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(results.iter().filter(|r| r.created).count(), 21);
    assert_eq!(count(&app, "SELECT count(*) FROM message").await, 21);
    assert_eq!(count(&app, "SELECT count(*) FROM contact").await, 1, "one patron, not one per text");
    assert_eq!(count(&app, "SELECT count(*) FROM conversation").await, 1, "one conversation for the burst");
    assert_eq!(count(&app, "SELECT message_count::bigint FROM conversation").await, 21);
}

#[tokio::test]
async fn a_text_continues_the_open_conversation_and_reopens_a_recently_resolved_one() {
    let app = spawn_app().await;
    let first = app.sms(app.a.id, "+15550003333", "Is the library open today?", "SM1").await;
    let second = app.sms(app.a.id, "+15550003333", "And tomorrow?", "SM2").await;
    assert_eq!(first.conversation_id, second.conversation_id);

    sqlx::query(
        "UPDATE conversation SET status = 'resolved', resolved_at = now() - interval '1 hour', waiting_since = NULL",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let third = app.sms(app.a.id, "+15550003333", "One more question", "SM3").await;
    assert_eq!(third.conversation_id, first.conversation_id, "resolved within the window: continues");
    let status: String = sqlx::query_scalar("SELECT status FROM conversation").fetch_one(&app.db).await.unwrap();
    assert_eq!(status, "open");

    sqlx::query(
        "UPDATE conversation SET status = 'resolved', resolved_at = now() - interval '100 hours', waiting_since = NULL",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let fourth = app.sms(app.a.id, "+15550003333", "A new question", "SM4").await;
    assert_ne!(fourth.conversation_id, first.conversation_id, "resolved long ago: a new conversation");
    assert_eq!(fourth.contact_id, first.contact_id);
}

#[tokio::test]
async fn a_thread_reference_to_another_patrons_conversation_is_ignored() {
    let app = spawn_app().await;
    let victim = app.sms(app.a.id, "+15550004444", "private question", "SM1").await;
    let mut forged = sms("+15550005555", "let me in", "SM2");
    forged.thread = ThreadHint::Conversation { conversation: Some(victim.conversation_id.0) };
    let attacker = app.state.ingest.accept(app.a.id, forged).await.unwrap();
    assert_ne!(attacker.conversation_id, victim.conversation_id);
    let mut own = sms("+15550004444", "follow-up", "SM3");
    own.thread = ThreadHint::Conversation { conversation: Some(victim.conversation_id.0) };
    assert_eq!(app.state.ingest.accept(app.a.id, own).await.unwrap().conversation_id, victim.conversation_id);
}

#[tokio::test]
async fn the_waiting_time_starts_at_the_first_unanswered_message() {
    let app = spawn_app().await;
    let mut first = sms("+15550006666", "first", "SM1");
    first.received_at = chrono::Utc::now() - chrono::Duration::minutes(30);
    let accepted = app.state.ingest.accept(app.a.id, first.clone()).await.unwrap();
    app.sms(app.a.id, "+15550006666", "second", "SM2").await;
    let waiting: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("SELECT waiting_since FROM conversation WHERE id = $1")
            .bind(accepted.conversation_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(waiting.timestamp_micros(), first.received_at.timestamp_micros());
}

#[tokio::test]
async fn bad_inbound_gets_a_clear_error_and_stores_nothing() {
    let app = spawn_app().await;
    let err = app.state.ingest.accept(app.a.id, sms("+15550007777", "x", "")).await.unwrap_err();
    assert!(matches!(err, IngestError::Invalid(_)), "{err}");
    // A NUL byte cannot be stored in Postgres text; it is dropped, the message is kept.
    let ok = app.state.ingest.accept(app.a.id, sms("+15550007777", "a\0b", "SM1")).await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body FROM message WHERE id = $1")
        .bind(ok.message_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(body, "ab");
    // A batch with an item for a library that does not exist fails alone.
    let good = app.state.ingest.clone();
    let (bad, fine) = tokio::join!(
        app.state.ingest.accept(refdesk::domain::LibraryId(999_999), sms("+15550007777", "x", "SMbad")),
        good.accept(app.a.id, sms("+15550008888", "fine", "SMgood")),
    );
    assert!(bad.is_err());
    assert!(fine.unwrap().created);
    assert_eq!(count(&app, "SELECT count(*) FROM message").await, 2);
}

#[tokio::test]
async fn an_ingested_message_is_published_after_commit_with_a_sequence_number() {
    let app = spawn_app().await;
    let mut events = app.realtime.subscribe();
    let accepted = app.sms(app.a.id, "+15550009999", "hi there", "SM1").await;
    let out = tokio::time::timeout(Duration::from_secs(10), events.recv()).await.expect("event within 10 s").unwrap();
    assert_eq!(out.kind.as_deref(), Some("message_created"));
    assert_eq!(out.library, app.a.id);
    assert!(out.seq.unwrap() > 0);
    let frame: serde_json::Value = serde_json::from_str(&out.text).unwrap();
    assert_eq!(frame["type"], "event");
    assert_eq!(frame["event"]["conversation"]["id"], serde_json::json!(accepted.conversation_id));
    assert_eq!(frame["event"]["message"]["body"], "hi there");
    // The stored event carries ids only: the live frame is hydrated, the table keeps no
    // patron content.
    let stored: String = sqlx::query_scalar("SELECT payload::text FROM event").fetch_one(&app.db).await.unwrap();
    assert!(!stored.contains("hi there") && !stored.contains("5550009999"), "{stored}");
}

#[tokio::test]
async fn attachments_are_stored_with_their_message() {
    let app = spawn_app().await;
    let mut inbound = sms("+15550001234", "photo of the damaged book", "MM1");
    inbound.attachments.push(channels::inbound::InboundAttachment {
        filename: "book.jpg".into(),
        content_type: "image/jpeg".into(),
        data: vec![0xff, 0xd8, 0xff, 0xe0],
    });
    let accepted = app.state.ingest.accept(app.a.id, inbound.clone()).await.unwrap();
    app.state.ingest.accept(app.a.id, inbound).await.unwrap();
    let (n, size): (i64, i64) =
        sqlx::query_as("SELECT count(*), sum(size_bytes) FROM attachment WHERE message_id = $1")
            .bind(accepted.message_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((n, size), (1, 4));
}

/// One `accept_inbound_batch` call, as a writer makes it: (ord, contact, conversation,
/// message, created) in item order.
async fn store_batch(app: &TestApp, items: &[channels::Inbound]) -> Vec<(i32, i64, i64, i64, bool)> {
    let items: Vec<serde_json::Value> = items.iter().map(|m| refdesk::inbox::ingest::item_json(app.a.id, m)).collect();
    sqlx::query_as("SELECT * FROM accept_inbound_batch($1) ORDER BY ord")
        .bind(serde_json::Value::Array(items))
        .fetch_all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn one_batch_stores_a_patrons_messages_in_order_as_if_they_came_one_by_one() {
    let app = spawn_app().await;
    // A patron known under two numbers, with an open conversation.
    let known = app.sms(app.a.id, "+15550100001", "first question", "SMk0").await;
    sqlx::query(
        "INSERT INTO contact_identity (library_id, contact_id, channel, address) VALUES ($1, $2, 'sms', '+15550100002')",
    )
    .bind(app.a.id)
    .bind(known.contact_id)
    .execute(&app.db)
    .await
    .unwrap();
    let rows = store_batch(
        &app,
        &[
            sms("+15550100009", "new patron, first text", "SMn1"),
            sms("+15550100001", "known patron, first number", "SMk1"),
            sms("+15550100009", "new patron, second text", "SMn2"),
            sms("+15550100002", "known patron, second number", "SMk2"),
            sms("+15550100009", "new patron, first text", "SMn1"), // a retry inside the batch
            sms("+15550100001", "first question", "SMk0"),         // a retry of a stored one
        ],
    )
    .await;
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![0, 1, 2, 3, 4, 5]);
    let created: Vec<bool> = rows.iter().map(|r| r.4).collect();
    assert_eq!(created, vec![true, true, true, true, false, false]);
    let (new1, new2, retry) = (rows[0], rows[2], rows[4]);
    assert_eq!(new1.1, new2.1, "one new patron, not one per text");
    assert_eq!(new1.2, new2.2, "the second text continues the conversation the first opened");
    assert_eq!((retry.1, retry.2, retry.3), (new1.1, new1.2, new1.3), "a retry returns the stored ids");
    assert!(new2.3 > new1.3, "messages keep their order");
    for known_row in [rows[1], rows[3]] {
        assert_eq!((known_row.1, known_row.2), (known.contact_id.0, known.conversation_id.0));
    }
    assert_eq!((rows[5].2, rows[5].3), (known.conversation_id.0, known.message_id.0));

    assert_eq!(count(&app, "SELECT count(*) FROM contact").await, 2);
    assert_eq!(count(&app, "SELECT count(*) FROM contact_identity").await, 3);
    assert_eq!(count(&app, "SELECT count(*) FROM message").await, 5);
    let counts: Vec<(i64, i32)> =
        sqlx::query_as("SELECT id, message_count FROM conversation ORDER BY id").fetch_all(&app.db).await.unwrap();
    assert_eq!(counts, vec![(known.conversation_id.0, 3), (new1.2, 2)]);
    // One event per stored message, appended in item order.
    let events: Vec<i64> = sqlx::query_scalar(
        "SELECT (payload->>'message_id')::bigint FROM event WHERE kind = 'message_created' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(events, vec![known.message_id.0, new1.3, rows[1].3, new2.3, rows[3].3]);
}
