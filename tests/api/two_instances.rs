//! Two `refdesk serve` processes on one database behave as one hub.

use crate::console_socket::{connect, next_frame};
use crate::helpers::*;
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Serve(Child, String);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn serve(url: &str) -> Serve {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_refdesk"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("REFDESK_LISTEN", &addr)
        .env("REFDESK_PUBLIC_URL", format!("http://{addr}"))
        .env_remove("REFDESK_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://{addr}");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(r) = reqwest::get(format!("{base}/readyz")).await {
            if r.status() == 200 {
                break;
            }
        }
        assert!(tokio::time::Instant::now() < deadline, "refdesk serve did not become ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Serve(child, base)
}

#[tokio::test]
async fn staff_on_instance_a_see_what_happens_on_instance_b() {
    let url = fresh_database().await;
    let a = serve(&url).await;
    let b = serve(&url).await;
    let app = spawn_app_with(|mut c| {
        c.database_url = url.clone().into();
        c
    })
    .await;
    let on_a = TestAppAt { app: &app, addr: a.1.clone() }.login(&app.a.staff).await;
    let on_b = TestAppAt { app: &app, addr: b.1.clone() }.login(&app.a.manager).await;
    let mut ws = connect(&a.1, &on_a).await;
    next_frame(&mut ws, |v| v["type"] == "hello").await;

    // A patron message stored by a third instance (the test's own)...
    let conv = app.sms(app.a.id, "+15551212000", "Can I book a study room?", "SM1").await.conversation_id;
    let f = next_frame(&mut ws, |v| v["type"] == "event" && v["event"]["kind"] == "message_created").await;
    assert_eq!(f["event"]["conversation"]["id"], json!(conv));
    // ...and a colleague's note written on instance B reach the console on instance A.
    let (status, _) = on_b.post(&format!("/api/conversations/{conv}/notes"), json!({"body": "Room 2 is free"})).await;
    assert_eq!(status, 201);
    let f = next_frame(&mut ws, |v| v["type"] == "event" && v["event"]["message"]["direction"] == "note").await;
    assert_eq!(f["event"]["message"]["body"], "Room 2 is free");
    // Ephemeral signals cross too.
    let mut ws_b = connect(&b.1, &on_b).await;
    next_frame(&mut ws_b, |v| v["type"] == "hello").await;
    use futures::SinkExt;
    ws_b.send(tokio_tungstenite::tungstenite::Message::Text(
        json!({"type": "typing", "conversation_id": conv}).to_string().into(),
    ))
    .await
    .unwrap();
    let typing = next_frame(&mut ws, |v| v["type"] == "typing").await;
    assert_eq!(typing["conversation_id"], json!(conv));
}

/// Logs in against another address than the test app's own.
struct TestAppAt<'a> {
    app: &'a TestApp,
    addr: String,
}

impl TestAppAt<'_> {
    async fn login(&self, email: &str) -> Session {
        let mut s = self.app.anonymous();
        s.addr = self.addr.clone();
        let (status, body) = s.post("/api/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(status, 200, "{body}");
        Session { csrf: body["csrf_token"].as_str().unwrap().to_owned(), ..s }
    }
}
