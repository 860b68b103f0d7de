//! The console socket, driven by a real websocket client.

use crate::helpers::*;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

type Request = tokio_tungstenite::tungstenite::handshake::client::Request;

fn request(addr: &str, cookie: &str, origin: Option<&str>) -> Request {
    request_to(&format!("{}/ws/console", addr.replace("http://", "ws://")), cookie, origin)
}

fn request_to(url: &str, cookie: &str, origin: Option<&str>) -> Request {
    let mut req = url.into_client_request().unwrap();
    if !cookie.is_empty() {
        req.headers_mut().insert("cookie", cookie.parse().unwrap());
    }
    if let Some(o) = origin {
        req.headers_mut().insert("origin", o.parse().unwrap());
    }
    req
}

pub async fn connect(addr: &str, s: &Session) -> Ws {
    let (ws, _) =
        tokio_tungstenite::connect_async(request(addr, &s.cookie_header(), Some(addr))).await.expect("upgrade");
    ws
}

/// Reconnects as a console that last saw `after`.
pub async fn connect_after(addr: &str, s: &Session, after: i64) -> Ws {
    let url = format!("{}/ws/console?after={after}", addr.replace("http://", "ws://"));
    let (ws, _) =
        tokio_tungstenite::connect_async(request_to(&url, &s.cookie_header(), Some(addr))).await.expect("upgrade");
    ws
}

/// The next JSON frame matching `want`, skipping others (counters, presence), within 10 s.
pub async fn next_frame(ws: &mut Ws, want: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let msg =
            tokio::time::timeout_at(deadline, ws.next()).await.expect("frame within 10 s").expect("open").unwrap();
        if let Message::Text(t) = msg {
            let v: Value = serde_json::from_str(&t).unwrap();
            if want(&v) {
                return v;
            }
        }
    }
}

fn is(kind: &'static str) -> impl Fn(&Value) -> bool {
    move |v| v["type"] == kind
}

fn is_event(kind: &'static str) -> impl Fn(&Value) -> bool {
    move |v| v["type"] == "event" && v["event"]["kind"] == kind
}

async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.unwrap();
}

#[tokio::test]
async fn the_upgrade_needs_a_session_and_our_origin() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let refused = |r: Result<_, tokio_tungstenite::tungstenite::Error>| match r {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => resp.status().as_u16(),
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => 101,
    };
    let no_session = tokio_tungstenite::connect_async(request(&app.addr, "", Some(&app.addr))).await;
    assert_eq!(refused(no_session.map(|_| ())), 403);
    let foreign =
        tokio_tungstenite::connect_async(request(&app.addr, &s.cookie_header(), Some("https://evil.example"))).await;
    assert_eq!(refused(foreign.map(|_| ())), 403);
    let no_origin = tokio_tungstenite::connect_async(request(&app.addr, &s.cookie_header(), None)).await;
    assert_eq!(refused(no_origin.map(|_| ())), 403);
}

#[tokio::test]
async fn a_console_sees_a_patron_message_arrive_live_with_its_conversation() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let mut ws = connect(&app.addr, &s).await;
    let hello = next_frame(&mut ws, is("hello")).await;
    assert_eq!(hello["version"], 1);
    assert_eq!(hello["staff_id"], json!(app.a.staff_id));
    assert!(hello["presence"].as_array().unwrap().iter().any(|p| p["staff_id"] == json!(app.a.staff_id)));

    let accepted = app.sms(app.a.id, "+15559990001", "Is the makerspace open?", "SM1").await;
    let frame = next_frame(&mut ws, is_event("message_created")).await;
    assert!(frame["seq"].as_i64().unwrap() > hello["seq"].as_i64().unwrap());
    assert_eq!(frame["event"]["message"]["body"], "Is the makerspace open?");
    assert_eq!(frame["event"]["conversation"]["id"], json!(accepted.conversation_id));
    assert_eq!(frame["event"]["conversation"]["contact_label"], "+15559990001");
    let counts = next_frame(&mut ws, is("counts")).await;
    assert_eq!(counts["counts"]["open"], 1);
    assert_eq!(counts["counts"]["unassigned"], 1);

    // Another library's patron is invisible here.
    app.sms(app.b.id, "+15559990002", "beta only", "SM2").await;
    app.sms(app.a.id, "+15559990003", "alpha again", "SM3").await;
    let next = next_frame(&mut ws, is_event("message_created")).await;
    assert_eq!(next["event"]["message"]["body"], "alpha again");
}

#[tokio::test]
async fn staff_actions_and_delivery_status_reach_the_console() {
    let app = spawn_app().await;
    let conv = app.sms(app.a.id, "+15559990010", "question", "SM1").await.conversation_id;
    let s = app.login(&app.a.staff).await;
    let mut ws = connect(&app.addr, &s).await;
    next_frame(&mut ws, is("hello")).await;
    s.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "answer"})).await;
    let created = next_frame(&mut ws, is_event("message_created")).await;
    assert_eq!(created["event"]["message"]["direction"], "out");
    assert_eq!(created["event"]["message"]["delivery_status"], "queued");
    app.dispatch_all_pending().await;
    let delivered = next_frame(&mut ws, is_event("delivery_status_changed")).await;
    assert_eq!(delivered["event"]["status"], "sent");
    s.put(&format!("/api/conversations/{conv}/status"), json!({"status": "resolved"})).await;
    let changed = next_frame(&mut ws, |v| {
        v["event"]["kind"] == "conversation_changed" && v["event"]["conversation"]["status"] == "resolved"
    })
    .await;
    assert_eq!(changed["event"]["by"], json!(app.a.staff_id));
}

#[tokio::test]
async fn a_reconnecting_console_receives_what_it_missed_once_and_in_order() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let mut ws = connect(&app.addr, &s).await;
    let hello = next_frame(&mut ws, is("hello")).await;
    let seen = hello["seq"].as_i64().unwrap();
    ws.close(None).await.unwrap();

    let mut missed = Vec::new();
    for i in 0..3 {
        missed.push(app.sms(app.a.id, "+15559990020", &format!("missed {i}"), &format!("SM{i}")).await.message_id);
    }
    let mut ws = connect_after(&app.addr, &s, seen).await;
    next_frame(&mut ws, is("hello")).await;
    let mut got = Vec::new();
    for _ in 0..3 {
        let f = next_frame(&mut ws, is_event("message_created")).await;
        got.push(f["event"]["message"]["id"].as_i64().unwrap());
    }
    assert_eq!(got, missed.iter().map(|m| m.0).collect::<Vec<_>>());
    // A live message after the replay arrives once.
    let live = app.sms(app.a.id, "+15559990020", "live", "SMlive").await;
    let f = next_frame(&mut ws, is_event("message_created")).await;
    assert_eq!(f["event"]["message"]["id"], json!(live.message_id));
}

#[tokio::test]
async fn a_console_too_far_behind_is_told_to_reload() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let tasks: Vec<_> = (0..1005)
        .map(|i| {
            let ingest = app.state.ingest.clone();
            let lib = app.a.id;
            tokio::spawn(
                async move { ingest.accept(lib, sms("+15559990030", "flood", &format!("SM{i}"))).await.unwrap() },
            )
        })
        .collect();
    futures::future::join_all(tasks).await;
    let mut ws = connect(&app.addr, &s).await;
    next_frame(&mut ws, is("hello")).await;
    send(&mut ws, json!({"type": "resume", "after": 0})).await;
    let resync = next_frame(&mut ws, is("resync")).await;
    assert_eq!(resync["reason"], "too_old");
}

#[tokio::test]
async fn colleagues_see_each_other_viewing_typing_and_going_offline() {
    let app = spawn_app().await;
    let conv = app.sms(app.a.id, "+15559990040", "question", "SM1").await.conversation_id;
    let staff = app.login(&app.a.staff).await;
    let manager = app.login(&app.a.manager).await;
    let mut a = connect(&app.addr, &staff).await;
    next_frame(&mut a, is("hello")).await;
    let mut b = connect(&app.addr, &manager).await;
    let hello = next_frame(&mut b, is("hello")).await;
    assert!(hello["presence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["staff_id"] == json!(app.a.staff_id) && p["state"] == "online"));

    send(&mut a, json!({"type": "viewing", "conversation_id": conv})).await;
    let viewing = next_frame(&mut b, is("viewing")).await;
    assert_eq!((viewing["staff_id"].clone(), viewing["conversation_id"].clone()), (json!(app.a.staff_id), json!(conv)));
    send(&mut a, json!({"type": "typing", "conversation_id": conv})).await;
    let typing = next_frame(&mut b, is("typing")).await;
    assert_eq!(typing["staff_id"], json!(app.a.staff_id));
    send(&mut a, json!({"type": "presence", "state": "away"})).await;
    let away = next_frame(&mut b, |v| v["type"] == "presence" && v["state"] == "away").await;
    assert_eq!(away["staff_id"], json!(app.a.staff_id));
    a.close(None).await.unwrap();
    let gone = next_frame(&mut b, |v| v["type"] == "presence" && v["state"] == "offline").await;
    assert_eq!(gone["staff_id"], json!(app.a.staff_id));
}

#[tokio::test]
async fn logging_out_closes_the_socket_within_seconds() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let mut ws = connect(&app.addr, &s).await;
    next_frame(&mut ws, is("hello")).await;
    s.post("/api/logout", json!({})).await;
    let closing = next_frame(&mut ws, is("closing")).await;
    assert_eq!(closing["reason"], "session ended");
}

#[tokio::test]
async fn oversized_or_unknown_frames_close_the_socket() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let mut ws = connect(&app.addr, &s).await;
    next_frame(&mut ws, is("hello")).await;
    send(&mut ws, json!({"type": "ping"})).await;
    next_frame(&mut ws, is("pong")).await;
    send(&mut ws, json!({"type": "delete_everything"})).await;
    assert_closed(&mut ws).await;

    let mut ws = connect(&app.addr, &s).await;
    next_frame(&mut ws, is("hello")).await;
    let _ = ws.send(Message::Text("x".repeat(64 * 1024).into())).await;
    assert_closed(&mut ws).await;
}

async fn assert_closed(ws: &mut Ws) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        match tokio::time::timeout_at(deadline, ws.next()).await.expect("closed within 10 s") {
            None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
            Some(Ok(_)) => {}
        }
    }
}

#[tokio::test]
async fn a_console_whose_missed_events_were_pruned_is_told_to_reload() {
    let app = spawn_app().await;
    let s = app.login(&app.a.staff).await;
    let mut ws = connect(&app.addr, &s).await;
    let seen = next_frame(&mut ws, is("hello")).await["seq"].as_i64().unwrap();
    ws.close(None).await.unwrap();
    for i in 0..3 {
        app.sms(app.a.id, "+15559990050", "while away", &format!("SM{i}")).await;
    }
    // Wait until the three are sequenced, then prune the oldest as retention would.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while refdesk::store::event::head(&app.db).await.unwrap() < seen + 3 {
        assert!(tokio::time::Instant::now() < deadline);
        tokio::task::yield_now().await;
    }
    sqlx::query("DELETE FROM event WHERE seq <= $1").bind(seen + 1).execute(&app.db).await.unwrap();
    let mut ws = connect(&app.addr, &s).await;
    next_frame(&mut ws, is("hello")).await;
    send(&mut ws, json!({"type": "resume", "after": seen})).await;
    assert_eq!(next_frame(&mut ws, is("resync")).await["reason"], "too_old");
}
