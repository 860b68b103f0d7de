//! Events cross hub instances through Postgres.

use crate::helpers::*;
use refdesk::App;
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
