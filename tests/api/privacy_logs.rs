//! Logs never carry patron data: with a capturing subscriber at debug level for every
//! target, canary names, addresses, numbers and words go through every channel the hub has
//! (email ingest, the signed SMS webhook, replies out through the real SMS adapter, notes,
//! search, the patron profile, export, erasure) and none of them appears in the logs.

use crate::helpers::*;
use crate::privacy_seed::*;
use crate::sms_fake::{FakeProvider, ACCOUNT_SID, AUTH_TOKEN, FROM};
use reqwest::StatusCode;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The process-wide capture (nextest runs each test in its own process; under `cargo test`
/// the other tests' lines land here too, which only makes the check stricter).
fn capture() -> Captured {
    static CAPTURED: OnceLock<Captured> = OnceLock::new();
    CAPTURED
        .get_or_init(|| {
            let captured = Captured::default();
            let writer = captured.clone();
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::DEBUG)
                .with_ansi(false)
                .with_writer(move || writer.clone())
                .finish();
            tracing::subscriber::set_global_default(subscriber).expect("no other subscriber in this process");
            captured
        })
        .clone()
}

#[tokio::test]
async fn no_canary_reaches_the_logs_on_any_channel() {
    let logs = capture();
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let staff = app.login(&app.a.staff).await;
    let c = Canaries::new("log", "+15559990101");

    // Email, through the real email ingest.
    let ctx = mail_context(&app, app.a.id, &admin).await;
    let email_conversation = email_in(&ctx, &c, 1).await;

    // SMS, through the signed webhook, the real adapter and a local stand-in provider.
    let fake = FakeProvider::start().await;
    let (s, b) = admin
        .put(
            "/api/settings/sms",
            json!({"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "from_number": FROM,
                                          "api_base_url": fake.base, "media_hosts": [fake.base]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let url = format!("{}/webhooks/sms/alpha", app.addr);
    let form: Vec<(String, String)> = [
        ("MessageSid", "SMlog1"),
        ("AccountSid", ACCOUNT_SID),
        ("From", c.phone.as_str()),
        ("To", FROM),
        ("Body", &format!("{} here, {} {}", c.name, c.words, c.email)),
        ("NumMedia", "0"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let signature = channels::sms::compute_signature(AUTH_TOKEN.as_bytes(), &url, &form);
    let r = reqwest::Client::new().post(&url).header("X-Twilio-Signature", signature).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let sms_conversation: i64 = sqlx::query_scalar("SELECT conversation_id FROM message WHERE provider_id = 'SMlog1'")
        .fetch_one(&app.db)
        .await
        .unwrap();

    // Notes and replies on both, sent through the real SMS adapter and the scripted email one.
    for conv in [email_conversation, sms_conversation] {
        let note = format!("note: {} said {}", c.name, c.words);
        assert!(staff.post(&format!("/api/conversations/{conv}/notes"), json!({"body": note})).await.0.is_success());
        let reply = format!("Dear {}, about {}", c.name, c.words);
        assert!(staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": reply})).await.0.is_success());
    }
    let sms_worker = refdesk::outbox::Worker::new(
        app.db.clone(),
        refdesk::app::channel_adapters(&app.db, &app.addr, app.state.config.outbound.private_nets()),
        app.state.config.outbox.clone(),
        app.realtime.clone(),
        Default::default(),
    );
    while sms_worker.step().await.unwrap() != refdesk::outbox::Outcome::Idle {}
    assert!(!fake.state.sent.lock().unwrap().is_empty(), "the SMS reply went out");

    // Search, lists, the profile, export and erasure.
    for path in [
        format!("/api/search?q={}", c.words),
        format!("/api/conversations?text={}", c.words),
        format!("/api/conversations/{sms_conversation}"),
    ] {
        assert_eq!(staff.get(&path).await.0, StatusCode::OK, "{path}");
    }
    let contact: i64 = sqlx::query_scalar("SELECT contact_id FROM conversation WHERE id = $1")
        .bind(sms_conversation)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(staff.get(&format!("/api/contacts/{contact}")).await.0, StatusCode::OK);
    assert_eq!(admin.get(&format!("/api/contacts/{contact}/export")).await.0, StatusCode::OK);
    assert_eq!(
        admin.send(reqwest::Method::DELETE, &format!("/api/contacts/{contact}"), json!(null)).await.0,
        StatusCode::OK
    );
    // A bad request that echoes nothing either.
    staff.post(&format!("/api/conversations/{sms_conversation}/replies"), json!({"body": ""})).await;

    let text = String::from_utf8_lossy(&logs.0.lock().unwrap()).to_lowercase();
    assert!(
        text.contains("email ingested") && text.contains("patron erased"),
        "the capture works: {} bytes",
        text.len()
    );
    for needle in c.all() {
        assert!(!text.contains(&needle.to_lowercase()), "the logs hold {needle}");
    }
}
