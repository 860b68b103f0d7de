//! Who may open a chat, and what one patron can never see of another.

use super::*;
use crate::helpers::*;
use channels::chat::sign_identity;
use serde_json::json;

#[tokio::test]
async fn a_second_patron_never_receives_the_first_ones_messages() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut first, _) = new_patron(&app.addr).await;
    let (mut second, _) = new_patron(&app.addr).await;
    let ack = say(&mut first, "c1", "My card number is 1234").await;
    let conversation = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    let staff = app.login(&app.a.staff).await;
    let (status, _) =
        staff.post(&format!("/api/conversations/{conversation}/replies"), json!({"body": "Thanks, renewed."})).await;
    assert_eq!(status, 201);
    next(&mut first, is("message")).await;
    quiet(&mut second, Duration::from_millis(1500), |v| v["type"] == "message" || v["type"] == "joined").await;
    // Its own first message opens its own conversation.
    let own = say(&mut second, "c1", "Hello?").await;
    assert_ne!(conversation_of(&app, own["message"]["id"].as_i64().unwrap()).await, conversation);
}

#[tokio::test]
async fn a_page_of_another_origin_is_refused_before_the_upgrade() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    assert_eq!(open_from(&app.addr, "alpha", "https://evil.example").await.err(), Some(403));
    // Library B has no chat at all.
    assert_eq!(open_from(&app.addr, "beta", SITE).await.err(), Some(404));
    // The hub's own pages may (the demo page).
    assert!(open_from(&app.addr, "alpha", &app.addr).await.is_ok());
}

#[tokio::test]
async fn a_forged_identity_is_refused_and_a_signed_one_brings_the_history_along() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let now = chrono::Utc::now().timestamp();
    let forged = json!({"id": "patron-7", "ts": now, "sig": sign_identity(b"not the library's secret at all!", "patron-7", now)});
    let mut ws = open(&app.addr).await;
    send(&mut ws, json!({"type": "hello", "v": 1, "identity": forged})).await;
    assert_eq!(next(&mut ws, is("error")).await["code"], "identity_invalid");

    let signed = json!({"id": "patron-7", "name": "Ann", "ts": now, "sig": sign_identity(SECRET, "patron-7", now)});
    let mut ws = open(&app.addr).await;
    send(&mut ws, json!({"type": "hello", "v": 1, "identity": signed})).await;
    next(&mut ws, is("welcome")).await;
    say(&mut ws, "c1", "Where is my hold?").await;
    drop(ws);

    // Another tab (no token), same signed patron: the chat follows them.
    let mut ws = open(&app.addr).await;
    send(&mut ws, json!({"type": "hello", "v": 1, "identity": signed})).await;
    let welcome = next(&mut ws, is("welcome")).await;
    assert_eq!(welcome["messages"][0]["text"], "Where is my hold?");
}

#[tokio::test]
async fn an_oversized_frame_closes_the_socket() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut ws, _) = new_patron(&app.addr).await;
    send(&mut ws, json!({"type": "send", "client_id": "big", "text": "x".repeat(17 * 1024)})).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut closed = false;
    while let Ok(Some(msg)) = tokio::time::timeout_at(deadline, ws.next()).await {
        match msg {
            Ok(Message::Close(frame)) => {
                if let Some(f) = frame {
                    assert_eq!(u16::from(f.code), 1009);
                }
                closed = true;
                break;
            }
            Ok(Message::Text(t)) => assert!(!t.contains("\"ack\""), "an oversized message must not be stored"),
            Ok(_) => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
    }
    assert!(closed, "the socket stays open after a 17 KiB frame");
}

#[tokio::test]
async fn a_patron_sending_too_fast_is_rate_limited() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut ws, _) = new_patron(&app.addr).await;
    for i in 0..25 {
        send(&mut ws, json!({"type": "send", "client_id": format!("m{i}"), "text": "spam"})).await;
    }
    let limited = next(&mut ws, |v| v["type"] == "error").await;
    assert_eq!(limited["code"], "rate_limited");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM message WHERE library_id = $1 AND channel = 'chat'")
        .bind(app.a.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(stored <= 20, "{stored} messages stored");
}
