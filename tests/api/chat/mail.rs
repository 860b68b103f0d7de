//! Chat answers that leave by email, through the real mail rig (scripts/rig/mail).

use super::*;
use crate::email::rig::{add_mailbox, deliver_replies, rig, unique, PATRON};
use crate::helpers::*;
use serde_json::json;

/// Mail to the shared patron mailbox is told apart by a tag in the subject.
async fn tag_subject(app: &TestApp, conversation: i64, tag: &str) {
    sqlx::query("UPDATE conversation SET subject = $3 WHERE library_id = $1 AND id = $2")
        .bind(app.a.id)
        .bind(conversation)
        .bind(format!("Library chat {tag}"))
        .execute(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_left_message_is_answered_and_a_transcript_is_sent_by_real_email() {
    let rig = rig();
    let app = spawn_app().await;
    enable_chat(&app).await;
    // Outbound only: the library's address, never polled here.
    let mut mailbox = rig.mailbox("reference@library.test");
    mailbox["enabled"] = json!(false);
    add_mailbox(&app, mailbox).await;

    let (mut ws, _) = new_patron(&app.addr).await;
    send(
        &mut ws,
        json!({"type": "leave_message", "client_id": "m1", "text": "Do you have large-print books?", "email": PATRON}),
    )
    .await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "left_message");
    let left: i64 = sqlx::query_scalar("SELECT id FROM conversation WHERE library_id = $1 AND channel = 'email'")
        .bind(app.a.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let tag = unique("left");
    tag_subject(&app, left, &tag).await;
    let staff = app.login(&app.a.staff).await;
    let (status, _) =
        staff.post(&format!("/api/conversations/{left}/replies"), json!({"body": "Yes, a whole shelf of them."})).await;
    assert_eq!(status, 201);
    deliver_replies(&app).await;
    let answer = rig.receive(PATRON, &tag).await;
    assert_eq!(answer.text, "Yes, a whole shelf of them.");

    // A live chat, then its transcript.
    let ack = say(&mut ws, "c1", "And audiobooks?").await;
    let chat = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    let (status, _) =
        staff.post(&format!("/api/conversations/{chat}/replies"), json!({"body": "Those too, on the app."})).await;
    assert_eq!(status, 201);
    next(&mut ws, |v| v["type"] == "message" && v["message"]["from"] == "staff").await;
    let tag = unique("transcript");
    tag_subject(&app, chat, &tag).await;
    send(&mut ws, json!({"type": "transcript", "email": PATRON})).await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "transcript");
    deliver_replies(&app).await;
    let transcript = rig.receive(PATRON, &tag).await;
    assert!(transcript.text.contains("And audiobooks?"), "{}", transcript.text);
    assert!(transcript.text.contains("Those too, on the app."), "{}", transcript.text);
}
