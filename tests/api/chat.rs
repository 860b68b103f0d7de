//! Web chat, hub side: a patron's socket against the real app and Postgres.

mod files;
mod live;
mod mail;
mod new_library;
mod offline;
mod one_statement;
mod security;

use crate::helpers::*;
use futures::{SinkExt, StreamExt};
use refdesk::domain::LibraryId;
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

pub type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The library website the widget is embedded in.
pub const SITE: &str = "https://www.alpha.example";
pub const SECRET: &[u8] = b"alpha's widget secret, 32+ bytes long";

/// Turns chat on for library A (slug `alpha`), allowing [`SITE`].
pub async fn enable_chat(app: &TestApp) {
    enable_chat_for(app, app.a.id).await
}

pub async fn enable_chat_for(app: &TestApp, library: LibraryId) {
    sqlx::query(
        "INSERT INTO chat_settings (library_id, enabled, allowed_origins, widget_secret) VALUES ($1, true, $2, $3)
         ON CONFLICT (library_id) DO UPDATE SET enabled = true, allowed_origins = $2, widget_secret = $3",
    )
    .bind(library)
    .bind(vec![SITE.to_owned()])
    .bind(SECRET)
    .execute(&app.db)
    .await
    .unwrap();
}

pub fn chat_url(addr: &str, slug: &str) -> String {
    format!("{}/ws/chat?library={slug}", addr.replace("http://", "ws://"))
}

/// Opens a widget socket from `origin`; Err(status) when the upgrade is refused.
pub async fn open_from(addr: &str, slug: &str, origin: &str) -> Result<Ws, u16> {
    let mut req = chat_url(addr, slug).into_client_request().unwrap();
    req.headers_mut().insert("origin", origin.parse().unwrap());
    match tokio_tungstenite::connect_async(req).await {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => Err(r.status().as_u16()),
        Err(e) => panic!("unexpected connect error: {e}"),
    }
}

pub async fn open(addr: &str) -> Ws {
    open_from(addr, "alpha", SITE).await.expect("upgrade")
}

pub async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.unwrap();
}

/// The next frame matching `want`, within 10 s.
pub async fn next(ws: &mut Ws, want: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let msg = tokio::time::timeout_at(deadline, ws.next()).await.expect("frame within 10 s").expect("open");
        if let Message::Text(t) = msg.unwrap() {
            let v: Value = serde_json::from_str(&t).unwrap();
            if want(&v) {
                return v;
            }
        }
    }
}

pub fn is(kind: &'static str) -> impl Fn(&Value) -> bool {
    move |v| v["type"] == kind
}

/// Says hello (fresh or resuming) and returns the welcome.
pub async fn hello(ws: &mut Ws, token: Option<&str>, after: Option<i64>) -> Value {
    send(ws, json!({"type": "hello", "v": 1, "token": token, "after": after})).await;
    next(ws, is("welcome")).await
}

/// A new patron: socket, hello, welcome.
pub async fn new_patron(addr: &str) -> (Ws, Value) {
    let mut ws = open(addr).await;
    let welcome = hello(&mut ws, None, None).await;
    (ws, welcome)
}

/// Sends a message and returns its ack.
pub async fn say(ws: &mut Ws, client_id: &str, text: &str) -> Value {
    send(ws, json!({"type": "send", "client_id": client_id, "text": text})).await;
    next(ws, |v| v["type"] == "ack" && v["client_id"] == client_id).await
}

/// Asserts no frame matching `unwanted` arrives within `wait`.
pub async fn quiet(ws: &mut Ws, wait: Duration, unwanted: impl Fn(&Value) -> bool) {
    let deadline = tokio::time::Instant::now() + wait;
    while let Ok(Some(msg)) = tokio::time::timeout_at(deadline, ws.next()).await {
        if let Ok(Message::Text(t)) = msg {
            let v: Value = serde_json::from_str(&t).unwrap();
            assert!(!unwanted(&v), "unexpected frame {v}");
        }
    }
}

/// The conversation of a patron's ack.
pub async fn conversation_of(app: &TestApp, message_id: i64) -> i64 {
    sqlx::query_scalar("SELECT conversation_id FROM message WHERE library_id = $1 AND id = $2")
        .bind(app.a.id)
        .bind(message_id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}
