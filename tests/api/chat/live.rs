//! Live chat: messages, staff replies, resume, idempotent resends, two instances.

use super::*;
use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn a_patron_chats_and_the_staff_reply_arrives_live() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut ws, welcome) = new_patron(&app.addr).await;
    assert_eq!(welcome["v"], 1);
    assert!(welcome["token"].as_str().unwrap().len() >= 40);
    assert_eq!(welcome["messages"], json!([]));
    assert!(welcome["availability"]["open"].is_boolean());

    let ack = say(&mut ws, "c1", "Do you have the new Ishiguro?").await;
    assert_eq!(ack["message"]["from"], "patron");
    assert_eq!(ack["message"]["text"], "Do you have the new Ishiguro?");
    assert_eq!(ack["message"]["client_id"], "c1");
    let seq = ack["message"]["seq"].as_i64().unwrap();
    assert!(seq > 0);
    let conversation = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;

    // The patron's message is in the inbox, on the chat channel.
    let staff = app.login(&app.a.staff).await;
    let (status, detail) = staff.get(&format!("/api/conversations/{conversation}")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["conversation"]["channel"], "chat");

    let (status, reply) =
        staff.post(&format!("/api/conversations/{conversation}/replies"), json!({"body": "Yes, two copies."})).await;
    assert_eq!(status, 201, "{reply}");
    let joined = next(&mut ws, is("joined")).await;
    assert_eq!(joined["name"], "alpha");
    let m = next(&mut ws, is("message")).await;
    assert_eq!(m["message"]["from"], "staff");
    assert_eq!(m["message"]["text"], "Yes, two copies.");
    assert!(m["message"]["seq"].as_i64().unwrap() > seq);

    // Notes never reach the patron.
    let (status, _) =
        staff.post(&format!("/api/conversations/{conversation}/notes"), json!({"body": "internal only"})).await;
    assert_eq!(status, 201);
    send(&mut ws, json!({"type": "ping"})).await;
    let pong = next(&mut ws, |v| v["type"] != "queue" && v["type"] != "availability").await;
    assert_eq!(pong["type"], "pong", "a note must not be sent: {pong}");
}
