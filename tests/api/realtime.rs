//! Events cross hub instances through Postgres.

use crate::helpers::*;
use refdesk::App;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn a_message_stored_on_one_instance_is_published_on_another() {
    let url = fresh_database().await;
    let one = App::build(test_config(&url)).await.unwrap();
    let two = App::build(test_config(&url)).await.unwrap();
    let ingest_on_one = one.state().ingest.clone();
    let mut heard_on_two = two.realtime().subscribe();
    let (stop_one, stop_two) = (one.shutdown_trigger(), two.shutdown_trigger());
    let db = one.state().db.clone();
    let running = (tokio::spawn(one.run_until_stopped()), tokio::spawn(two.run_until_stopped()));
    let lib = refdesk::store::library::Library::create(&db, "shared", "Shared").await.unwrap();

    // Until instance two's listener is up, a message may predate it; keep sending until one
    // is heard (each is a distinct message), then check the order of what follows.
    let mut sent = 0;
    let first = loop {
        sent += 1;
        let accepted = ingest_on_one.accept(lib.id, sms("+15558880000", "hello", &format!("SM{sent}"))).await.unwrap();
        match tokio::time::timeout(Duration::from_millis(500), heard_on_two.recv()).await {
            Ok(Ok(event)) if event.seq.is_some() => break (event, accepted),
            Ok(_) => {}
            Err(_) => assert!(sent < 40, "instance two never heard instance one"),
        }
    };
    assert_eq!(first.0.kind.as_deref(), Some("message_created"));

    let mut expected = Vec::new();
    for i in 0..20 {
        expected.push(
            ingest_on_one.accept(lib.id, sms("+15558880001", "burst", &format!("B{i}"))).await.unwrap().message_id,
        );
    }
    let mut heard = Vec::new();
    let mut last_seq = first.0.seq.unwrap();
    while heard.len() < expected.len() {
        let e =
            tokio::time::timeout(Duration::from_secs(10), heard_on_two.recv()).await.expect("no event lost").unwrap();
        let Some(seq) = e.seq else { continue }; // counters, presence
        assert!(seq > last_seq, "sequence numbers only grow");
        last_seq = seq;
        let frame: serde_json::Value = serde_json::from_str(&e.text).unwrap();
        if frame["event"]["message"]["direction"] == "in" {
            let id = refdesk::domain::MessageId(frame["event"]["message"]["id"].as_i64().unwrap());
            if expected.contains(&id) {
                heard.push(id);
            }
        }
    }
    assert_eq!(heard, expected, "every message, once, in commit order");

    stop_one.trigger();
    stop_two.trigger();
    running.0.await.unwrap().unwrap();
    running.1.await.unwrap().unwrap();
}

/// The listener reads and hydrates events in one statement whose conversation columns
/// repeat the store's: both must give the same frames.
#[tokio::test]
async fn the_listeners_one_statement_read_gives_the_frames_the_store_would() {
    let app = spawn_app().await;
    let first = app.sms(app.a.id, "+15558880100", "Where is the printer?", "SMh1").await;
    app.sms(app.a.id, "+15558880100", "And the scanner?", "SMh2").await;
    app.sms(app.b.id, "+15558880101", "Another library's patron", "SMh3").await;
    let staff = app.login(&app.a.staff).await;
    let conv = first.conversation_id.0;
    let (status, _) = staff.post(&format!("/api/conversations/{conv}/notes"), json!({"body": "ask @alpha"})).await;
    assert_eq!(status, 201);
    let (status, _) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "Room 2"})).await;
    assert_eq!(status, 201);
    let (status, _) = staff.put(&format!("/api/conversations/{conv}/status"), json!({"status": "resolved"})).await;
    assert!(status.is_success(), "{status}");
    refdesk::store::event::sequence_pending(&app.db, refdesk::realtime::EVENTS_CHANNEL).await.unwrap();

    let rows = refdesk::store::event::read_after(&app.db, 0, 1000).await.unwrap();
    let kinds: std::collections::HashSet<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
    assert!(kinds.contains("message_created") && kinds.contains("conversation_changed"), "{kinds:?}");
    let by_store = refdesk::realtime::hydrate::hydrate_batch(&app.db, &rows).await.unwrap();
    let in_one = refdesk::realtime::hydrate::read_hydrated_after(&app.db, 0, 1000, None).await.unwrap();
    assert_eq!(in_one.len(), rows.len());
    for ((row, store), (one_row, one)) in rows.iter().zip(&by_store).zip(&in_one) {
        assert_eq!(row.seq, one_row.seq);
        if row.kind == "message_created" {
            assert!(one.is_some(), "event {} hydrates", row.seq);
        }
        assert_eq!(serde_json::to_value(store).unwrap(), serde_json::to_value(one).unwrap(), "event {}", row.seq);
    }

    // One library's events only, as a reconnecting console replays them.
    let only_b = refdesk::realtime::hydrate::read_hydrated_after(&app.db, 0, 1000, Some(app.b.id)).await.unwrap();
    assert!(!only_b.is_empty());
    assert!(only_b.iter().all(|(row, _)| row.library_id == app.b.id));
    assert_eq!(only_b.len(), rows.iter().filter(|r| r.library_id == app.b.id).count());
}

/// Both instances write and both sequencers number: a listener hears its own instance's
/// passes directly and the other's through NOTIFY, and must still forward every event once,
/// in sequence order.
#[tokio::test]
async fn events_numbered_by_two_instances_reach_a_listener_once_and_in_order() {
    let url = fresh_database().await;
    let one = App::build(test_config(&url)).await.unwrap();
    let two = App::build(test_config(&url)).await.unwrap();
    let (ingest_one, ingest_two) = (one.state().ingest.clone(), two.state().ingest.clone());
    let mut heard_on_one = one.realtime().subscribe();
    let (stop_one, stop_two) = (one.shutdown_trigger(), two.shutdown_trigger());
    let db = one.state().db.clone();
    let running = (tokio::spawn(one.run_until_stopped()), tokio::spawn(two.run_until_stopped()));
    let lib = refdesk::store::library::Library::create(&db, "shared", "Shared").await.unwrap();

    // Wait until instance one's listener forwards (its first event may predate it).
    let mut sent = 0;
    let mut last_seq = loop {
        sent += 1;
        ingest_two.accept(lib.id, sms("+15558880200", "warm", &format!("W{sent}"))).await.unwrap();
        match tokio::time::timeout(Duration::from_millis(500), heard_on_one.recv()).await {
            Ok(Ok(event)) if event.seq.is_some() => break event.seq.unwrap(),
            Ok(_) => {}
            Err(_) => assert!(sent < 40, "instance one never heard anything"),
        }
    };

    // Both write at once, from several patrons each.
    let mut writers = tokio::task::JoinSet::new();
    for (i, ingest) in [ingest_one, ingest_two].into_iter().enumerate() {
        for k in 0..4 {
            let ingest = ingest.clone();
            writers.spawn(async move {
                let mut ids = Vec::new();
                for n in 0..15 {
                    let from = format!("+1555888{i}{k}{n:02}");
                    let a = ingest.accept(lib.id, sms(&from, "both", &format!("I{i}K{k}N{n}"))).await.unwrap();
                    ids.push(a.message_id.0);
                }
                ids
            });
        }
    }
    let mut expected = std::collections::HashSet::new();
    while let Some(ids) = writers.join_next().await {
        expected.extend(ids.unwrap());
    }
    let mut heard = std::collections::HashSet::new();
    while heard.len() < expected.len() {
        let e =
            tokio::time::timeout(Duration::from_secs(10), heard_on_one.recv()).await.expect("no event lost").unwrap();
        let Some(seq) = e.seq else { continue };
        assert!(seq > last_seq, "sequence numbers only grow: {seq} after {last_seq}");
        last_seq = seq;
        let frame: serde_json::Value = serde_json::from_str(&e.text).unwrap();
        if let Some(id) = frame["event"]["message"]["id"].as_i64().filter(|id| expected.contains(id)) {
            assert!(heard.insert(id), "message {id} forwarded twice");
        }
    }

    stop_one.trigger();
    stop_two.trigger();
    running.0.await.unwrap().unwrap();
    running.1.await.unwrap().unwrap();
}
