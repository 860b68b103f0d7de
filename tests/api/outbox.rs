use crate::helpers::*;
use refdesk::outbox::{DeliveryError, Outcome};
use serde_json::json;
use std::collections::HashSet;
use std::time::Duration;

async fn reply(app: &TestApp, s: &Session, from: &str, sid: &str, body: &str) -> i64 {
    let conv = app.sms(app.a.id, from, "question", sid).await.conversation_id;
    let (status, m) = s.post(&format!("/api/conversations/{conv}/replies"), json!({"body": body})).await;
    assert_eq!(status.as_u16(), 201, "{m}");
    m["id"].as_i64().unwrap()
}

async fn message_state(app: &TestApp, id: i64) -> (String, Option<String>, Option<String>) {
    sqlx::query_as("SELECT delivery_status, delivery_error, provider_id FROM message WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Retries are scheduled a few ms ahead in tests; wait until a step finds them due.
async fn step_until_idle_and_nothing_pending(app: &TestApp) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        app.dispatch_all_pending().await;
        let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")
            .fetch_one(&app.db)
            .await
            .unwrap();
        if pending == 0 {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "outbox did not drain");
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn a_reply_is_delivered_to_the_patrons_address_and_marked_sent() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let mut events = app.realtime.subscribe();
    let id = reply(&app, &s, "+15556660001", "SM1", "Your hold is ready.").await;
    assert_eq!(app.worker.step().await.unwrap(), Outcome::Worked { claimed: 1 });
    let sent = app.adapter.deliveries();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].to.as_str(), sent[0].body.as_str(), sent[0].attempt),
        ("+15556660001", "Your hold is ready.", 1)
    );
    assert_eq!(message_state(&app, id).await, ("sent".into(), None, Some(format!("SM{id}"))));
    assert_eq!(app.worker.step().await.unwrap(), Outcome::Idle);
    // Staff see it: a delivery event follows the message event.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let e = tokio::time::timeout_at(deadline, events.recv()).await.expect("delivery event").unwrap();
        if e.kind.as_deref() == Some("delivery_status_changed") {
            let frame: serde_json::Value = serde_json::from_str(&e.text).unwrap();
            assert_eq!(frame["event"]["status"], "sent");
            assert_eq!(frame["event"]["message_id"], json!(id));
            break;
        }
    }
}

#[tokio::test]
async fn transient_failures_retry_with_backoff_until_delivered() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    app.adapter.then(Err(DeliveryError::Transient("provider answered 503".into())));
    app.adapter.then(Err(DeliveryError::Transient("timeout".into())));
    let id = reply(&app, &s, "+15556660002", "SM1", "hello").await;
    app.worker.step().await.unwrap();
    let (status, error, _) = message_state(&app, id).await;
    assert_eq!((status.as_str(), error.as_deref()), ("queued", Some("retrying: provider answered 503")));
    let next: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("SELECT next_attempt_at FROM outbox").fetch_one(&app.db).await.unwrap();
    assert!(next > chrono::Utc::now() - chrono::Duration::seconds(1), "the retry waits for its backoff");
    step_until_idle_and_nothing_pending(&app).await;
    let attempts: Vec<i32> = app.adapter.deliveries().iter().map(|d| d.attempt).collect();
    assert_eq!(attempts, vec![1, 2, 3]);
    assert_eq!(message_state(&app, id).await.0, "sent");
}

#[tokio::test]
async fn a_permanent_failure_is_not_retried_and_staff_see_why() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    app.adapter.then(Err(DeliveryError::Permanent("21610: the recipient opted out".into())));
    let id = reply(&app, &s, "+15556660003", "SM1", "hello").await;
    step_until_idle_and_nothing_pending(&app).await;
    assert_eq!(app.adapter.deliveries().len(), 1);
    assert_eq!(message_state(&app, id).await, ("failed".into(), Some("21610: the recipient opted out".into()), None));
    let (_, c) = s.get(&format!("/api/conversations/{}", app.adapter.deliveries()[0].conversation_id)).await;
    let shown = c["messages"].as_array().unwrap().iter().find(|m| m["id"] == json!(id)).unwrap().clone();
    assert_eq!(shown["delivery_status"], "failed");
    assert_eq!(shown["delivery_error"], "21610: the recipient opted out");
}

#[tokio::test]
async fn transient_failures_past_the_attempt_limit_fail_the_message() {
    let app = spawn_app_with(|mut c| {
        c.outbox.max_attempts = 3;
        c
    })
    .await;
    let worker = refdesk::outbox::Worker::new(
        app.db.clone(),
        refdesk::outbox::Adapters::default().with(refdesk::domain::Channel::Sms, app.adapter.clone()),
        app.state.config.outbox.clone(),
        app.realtime.clone(),
        Default::default(),
    );
    let s = app.login(&app.a.staff).await;
    for _ in 0..5 {
        app.adapter.then(Err(DeliveryError::Transient("503".into())));
    }
    let id = reply(&app, &s, "+15556660004", "SM1", "hello").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while message_state(&app, id).await.0 != "failed" {
        worker.step().await.unwrap();
        assert!(tokio::time::Instant::now() < deadline);
        tokio::task::yield_now().await;
    }
    assert_eq!(app.adapter.deliveries().len(), 3);
}

#[tokio::test]
async fn a_channel_without_an_adapter_fails_with_a_clear_reason() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let id = reply(&app, &s, "+15556660005", "SM1", "hello").await;
    let bare = refdesk::outbox::Worker::new(
        app.db.clone(),
        Default::default(),
        app.state.config.outbox.clone(),
        app.realtime.clone(),
        Default::default(),
    );
    bare.step().await.unwrap();
    assert_eq!(
        message_state(&app, id).await,
        ("failed".into(), Some("the sms channel is not configured".into()), None)
    );
}

#[tokio::test]
async fn several_workers_never_send_one_row_twice() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let mut ids = HashSet::new();
    for i in 0..30 {
        ids.insert(reply(&app, &s, &format!("+1555777{i:04}"), &format!("SM{i}"), "answer").await);
    }
    *app.adapter.delay.lock().unwrap() = Some(Duration::from_millis(2));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let w = app.worker.clone();
            tokio::spawn(async move { while w.step().await.unwrap() != Outcome::Idle {} })
        })
        .collect();
    futures::future::join_all(workers).await;
    let delivered: Vec<i64> = app.adapter.deliveries().iter().map(|d| d.message_id.0).collect();
    assert_eq!(delivered.len(), 30, "each row sent exactly once");
    assert_eq!(delivered.iter().copied().collect::<HashSet<_>>(), ids);
}

#[tokio::test]
async fn a_worker_that_lost_its_lease_cannot_overwrite_the_new_owner() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let id = reply(&app, &s, "+15556660006", "SM1", "hello").await;
    // Worker A claims, then stalls past its lease.
    let stale = refdesk::store::outbox::claim_due(&app.db, 1, 120).await.unwrap().remove(0);
    sqlx::query("UPDATE outbox SET locked_until = now() - interval '1 second'").execute(&app.db).await.unwrap();
    assert_eq!(refdesk::store::outbox::release_expired_leases(&app.db).await.unwrap(), 1);
    // Worker B takes over and delivers.
    assert_eq!(app.worker.step().await.unwrap(), Outcome::Worked { claimed: 1 });
    // A wakes up and tries to record a failure: refused, B's result stands.
    let mut tx = app.db.begin().await.unwrap();
    let done =
        refdesk::store::outbox::complete(&mut tx, &stale, "failed", None, "failed", None, Some("late")).await.unwrap();
    tx.commit().await.unwrap();
    assert!(done.is_none());
    assert_eq!(message_state(&app, id).await.0, "sent");
}

#[tokio::test]
async fn shutdown_lets_a_send_in_progress_finish() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let id = reply(&app, &s, "+15556660007", "SM1", "hello").await;
    *app.adapter.delay.lock().unwrap() = Some(Duration::from_millis(300));
    let (trigger, shutdown) = refdesk::shutdown::channel();
    let started = app.adapter.started.notified();
    let running = tokio::spawn(app.worker.clone().run_until_stopped(shutdown));
    started.await;
    trigger.trigger();
    running.await.unwrap().unwrap();
    assert_eq!(message_state(&app, id).await.0, "sent", "the send in flight completed before the worker stopped");
}
