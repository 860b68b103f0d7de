//! Live chat: messages, staff replies, resume, idempotent resends, two instances.

use super::*;
use crate::helpers::*;
use serde_json::json;
use std::time::Duration;

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

async fn staff_reply(staff: &Session, conversation: i64, body: &str) {
    let (status, reply) =
        staff.post(&format!("/api/conversations/{conversation}/replies"), json!({"body": body})).await;
    assert_eq!(status, 201, "{reply}");
}

#[tokio::test]
async fn a_dropped_patron_resumes_without_losing_or_doubling_anything() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut ws, welcome) = new_patron(&app.addr).await;
    let first_token = welcome["token"].as_str().unwrap().to_owned();
    let ack = say(&mut ws, "c1", "Is the library open on Sunday?").await;
    let conversation = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    let staff = app.login(&app.a.staff).await;
    staff_reply(&staff, conversation, "Yes, 1 to 5.").await;
    let seen = next(&mut ws, is("message")).await["message"]["seq"].as_i64().unwrap();

    // The network drops; staff keep writing.
    drop(ws);
    staff_reply(&staff, conversation, "And the café opens at 2.").await;
    staff_reply(&staff, conversation, "Anything else?").await;

    let mut ws = open(&app.addr).await;
    let welcome = hello(&mut ws, Some(&first_token), Some(seen)).await;
    // A reply still being numbered when the patron comes back arrives live right after the
    // welcome instead of in it: either way every message exactly once, in order.
    let mut got: Vec<Value> = welcome["messages"].as_array().unwrap().clone();
    if let Some(last) = got.last() {
        assert_eq!(welcome["cursor"], last["seq"]);
    }
    while got.len() < 2 {
        got.push(next(&mut ws, is("message")).await["message"].clone());
    }
    let texts: Vec<&str> = got.iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["And the café opens at 2.", "Anything else?"]);
    let second_token = welcome["token"].as_str().unwrap().to_owned();
    assert_ne!(second_token, first_token, "the token is rotated on resume");

    // The widget never saw its ack before the drop and sends c1 again: stored once.
    let again = say(&mut ws, "c1", "Is the library open on Sunday?").await;
    assert_eq!(again["message"]["id"], ack["message"]["id"]);
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM message WHERE library_id = $1 AND conversation_id = $2 AND direction = 'in'",
    )
    .bind(app.a.id)
    .bind(conversation)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(stored, 1);

    // A fresh resume from the start has everything, once, in order.
    drop(ws);
    let mut ws = open(&app.addr).await;
    let welcome = hello(&mut ws, Some(&second_token), None).await;
    let seqs: Vec<i64> = welcome["messages"].as_array().unwrap().iter().map(|m| m["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs.len(), 4);
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");

    // The first token stopped working when it was rotated.
    let mut ws = open(&app.addr).await;
    send(&mut ws, json!({"type": "hello", "v": 1, "token": first_token})).await;
    let refused = next(&mut ws, is("error")).await;
    assert_eq!(refused["code"], "session_unknown");
}

/// The resume race, made to happen every time: a reply is committed, numbered and already
/// handed to the resuming socket's live queue after the socket watches its chat and before it
/// reads the history. It must arrive exactly once (in the welcome; its live copy skipped).
/// Had the socket read the history before watching, the reply would be missed instead.
#[tokio::test]
async fn a_reply_numbered_between_watching_and_reading_the_history_arrives_exactly_once() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut ws, welcome) = new_patron(&app.addr).await;
    let token = welcome["token"].as_str().unwrap().to_owned();
    let ack = say(&mut ws, "c1", "Do you lend telescopes?").await;
    let conversation = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    let staff = app.login(&app.a.staff).await;
    staff_reply(&staff, conversation, "We do, for two weeks.").await;
    let seen = next(&mut ws, is("message")).await["message"]["seq"].as_i64().unwrap();
    drop(ws);

    // A watcher of the same chat: once it has the reply's live frame, so does the resuming
    // socket (the fan-out hands one frame to every watcher of a chat at once).
    let mut witness = app.realtime.chat.subscribe(app.a.id, -1);
    witness.watch(refdesk::domain::ConversationId(conversation));
    let hook_staff = staff.clone();
    let (hook_ran, ran) = tokio::sync::oneshot::channel::<i64>();
    app.realtime.chat.set_resume_hook(Box::new(move |_, c| {
        Box::pin(async move {
            let (status, reply) = hook_staff
                .post(&format!("/api/conversations/{}/replies", c.0), json!({"body": "Ask at the desk."}))
                .await;
            assert_eq!(status, 201, "{reply}");
            let id = reply["id"].as_i64().expect("reply id");
            let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
            loop {
                let live = tokio::time::timeout_at(deadline, witness.rx.recv())
                    .await
                    .expect("the reply reaches the chat's watchers")
                    .expect("witness still subscribed");
                if live.message_id == Some(id) {
                    let _ = hook_ran.send(live.seq.expect("a numbered reply"));
                    return;
                }
            }
        })
    }));

    let mut ws = open(&app.addr).await;
    let welcome = hello(&mut ws, Some(&token), Some(seen)).await;
    let reply_seq = ran.await.expect("the hook ran during the welcome");
    let texts: Vec<&str> =
        welcome["messages"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Ask at the desk."], "the reply is in the history read after the hook");
    assert_eq!(welcome["cursor"], reply_seq);

    // The live copy waits in the socket's queue ahead of anything newer: the next message
    // frame must be the next reply, not the same one again.
    staff_reply(&staff, conversation, "Bring your card.").await;
    let m = next(&mut ws, is("message")).await;
    assert_eq!(m["message"]["text"], "Bring your card.", "the reply must not arrive twice");
    assert!(m["message"]["seq"].as_i64().unwrap() > reply_seq);
}

#[tokio::test]
async fn a_staff_reply_written_on_another_instance_reaches_the_patron_socket() {
    let url = fresh_database().await;
    let app = spawn_app_with(|mut c| {
        c.database_url = url.clone().into();
        c
    })
    .await;
    enable_chat(&app).await;
    let other = refdesk::App::build(test_config(&url)).await.unwrap();
    let other_addr = format!("http://{}", other.local_addr());
    let stop_other = other.shutdown_trigger();
    tokio::spawn(other.run_until_stopped());

    // The patron is on the other instance; staff answer on the test app's.
    let (mut ws, _) = new_patron(&other_addr).await;
    let ack = say(&mut ws, "c1", "Can I renew by chat?").await;
    let conversation = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    let staff = app.login(&app.a.staff).await;
    staff_reply(&staff, conversation, "Yes, tell me your card number.").await;
    let m = next(&mut ws, is("message")).await;
    assert_eq!(m["message"]["text"], "Yes, tell me your card number.");
    stop_other.trigger();
}

#[tokio::test]
async fn the_patron_sees_the_queue_a_librarian_joining_typing_reading_and_ending() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let (mut first, _) = new_patron(&app.addr).await;
    let (mut second, _) = new_patron(&app.addr).await;
    let ack = say(&mut first, "c1", "First question").await;
    let conversation = conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await;
    say(&mut second, "c1", "Second question").await;
    assert_eq!(next(&mut first, is("queue")).await["position"], 1);
    assert_eq!(next(&mut second, is("queue")).await["position"], 2);

    let staff = app.login(&app.a.staff).await;
    let (status, _) = staff.post(&format!("/api/conversations/{conversation}/claim"), json!({})).await;
    assert!(status.is_success());
    assert_eq!(next(&mut first, is("joined")).await["name"], "alpha");
    assert_eq!(next(&mut second, is("queue")).await["position"], 1);

    // The librarian opens the chat and types in the console.
    let mut console = crate::console_socket::connect(&app.addr, &staff).await;
    crate::console_socket::next_frame(&mut console, |v| v["type"] == "hello").await;
    let frame = |v: serde_json::Value| tokio_tungstenite::tungstenite::Message::Text(v.to_string().into());
    use futures::SinkExt;
    console.send(frame(json!({"type": "viewing", "conversation_id": conversation}))).await.unwrap();
    let read = next(&mut first, is("read")).await;
    assert_eq!(read["seq"], ack["message"]["seq"]);
    console.send(frame(json!({"type": "typing", "conversation_id": conversation}))).await.unwrap();
    assert_eq!(next(&mut first, is("typing")).await["active"], true);
    quiet(&mut second, std::time::Duration::from_millis(500), |v| v["type"] == "typing" || v["type"] == "read").await;
    // And the other way: the patron typing shows in the console.
    send(&mut first, json!({"type": "typing", "active": true})).await;
    let typing = crate::console_socket::next_frame(&mut console, |v| v["type"] == "patron_typing").await;
    assert_eq!(typing["conversation_id"], conversation);

    let (status, _) =
        staff.put(&format!("/api/conversations/{conversation}/status"), json!({"status": "resolved"})).await;
    assert!(status.is_success());
    assert_eq!(next(&mut first, is("ended")).await["by"], "staff");
}
