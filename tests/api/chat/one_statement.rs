//! A patron's message in one statement (`chat_accept`), its number from the sequencer's
//! own pass, and the sweep's queue positions in one statement per library.

use super::*;
use crate::helpers::*;
use refdesk::domain::ConversationId;

async fn chat_team(app: &TestApp) -> i64 {
    let team = refdesk::store::team::Team::create(&app.db, app.a.id, "Chat desk").await.unwrap();
    sqlx::query("UPDATE chat_settings SET team_id = $2 WHERE library_id = $1")
        .bind(app.a.id)
        .bind(team)
        .execute(&app.db)
        .await
        .unwrap();
    team.0
}

#[tokio::test]
async fn a_new_chat_is_stored_bound_and_queued_in_one_go_and_its_ack_matches_the_stream() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let team = chat_team(&app).await;
    let (mut ws, _) = new_patron(&app.addr).await;
    let ack = say(&mut ws, "c1", "Can I renew by phone?").await;
    let message = ack["message"]["id"].as_i64().unwrap();
    let conversation = conversation_of(&app, message).await;

    // The chat team's queue, titled, with the session following it.
    let (team_id, subject): (Option<i64>, Option<String>) =
        sqlx::query_as("SELECT team_id, subject FROM conversation WHERE library_id = $1 AND id = $2")
            .bind(app.a.id)
            .bind(conversation)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((team_id, subject.as_deref()), (Some(team), Some("Web chat")));
    let bound: Option<i64> = sqlx::query_scalar(
        "SELECT conversation_id FROM chat_session WHERE library_id = $1 AND conversation_id IS NOT NULL",
    )
    .bind(app.a.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(bound, Some(conversation));

    // The ack, built without reading the message back, says what the stream and the
    // history say.
    let seq = refdesk::store::event::message_seq(
        &app.db,
        app.a.id,
        ConversationId(conversation),
        refdesk::domain::MessageId(message),
    )
    .await
    .unwrap();
    assert_eq!(ack["message"]["seq"].as_i64(), seq);
    let stored = refdesk::chat::history::one(
        &app.db,
        app.a.id,
        ConversationId(conversation),
        refdesk::domain::MessageId(message),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(ack["message"], serde_json::to_value(&stored).unwrap());

    // The same client id again stores nothing and acks the first copy.
    let again = say(&mut ws, "c1", "Can I renew by phone?").await;
    assert_eq!(again["message"], ack["message"]);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM message WHERE library_id = $1 AND conversation_id = $2")
        .bind(app.a.id)
        .bind(conversation)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1);

    // A second message continues the chat: numbered after the first.
    let second = say(&mut ws, "c2", "And online?").await;
    assert!(second["message"]["seq"].as_i64() > ack["message"]["seq"].as_i64());
    assert_eq!(conversation_of(&app, second["message"]["id"].as_i64().unwrap()).await, conversation);
}

#[tokio::test]
async fn queue_positions_in_one_statement_match_the_one_by_one_count() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let team = chat_team(&app).await;
    let mut conversations = Vec::new();
    for i in 0..5 {
        let (mut ws, _) = new_patron(&app.addr).await;
        let ack = say(&mut ws, "c1", &format!("question {i}")).await;
        conversations.push(ConversationId(conversation_of(&app, ack["message"]["id"].as_i64().unwrap()).await));
    }
    // One left the queue for another team's, one was abandoned, one was taken.
    let other = refdesk::store::team::Team::create(&app.db, app.a.id, "Children's desk").await.unwrap();
    let set = |sql: &'static str, c: ConversationId| {
        let db = app.db.clone();
        let library = app.a.id;
        async move { sqlx::query(sql).bind(library).bind(c).execute(&db).await.unwrap() }
    };
    sqlx::query("UPDATE conversation SET team_id = $3 WHERE library_id = $1 AND id = $2")
        .bind(app.a.id)
        .bind(conversations[1])
        .bind(other)
        .execute(&app.db)
        .await
        .unwrap();
    set("UPDATE conversation SET abandoned_at = now() WHERE library_id = $1 AND id = $2", conversations[2]).await;
    set("UPDATE conversation SET assignee_id = (SELECT min(id) FROM staff WHERE library_id = $1) WHERE library_id = $1 AND id = $2", conversations[3]).await;
    assert_ne!(team, other.0);

    let batch: std::collections::HashMap<ConversationId, i64> =
        refdesk::chat::availability::queue_positions(&app.db, app.a.id, &conversations)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let mut one_by_one = std::collections::HashMap::new();
    for c in &conversations {
        if let Some(p) = refdesk::chat::availability::queue_position(&app.db, app.a.id, *c).await.unwrap() {
            one_by_one.insert(*c, p);
        }
    }
    assert_eq!(batch, one_by_one);
    // Queue of the chat team: the first and the last (the abandoned one counts as waiting
    // behind the first); the taken one has no place.
    assert_eq!(batch.get(&conversations[0]), Some(&1));
    assert_eq!(batch.get(&conversations[1]), Some(&1));
    assert_eq!(batch.get(&conversations[2]), Some(&2));
    assert_eq!(batch.get(&conversations[3]), None);
    assert_eq!(batch.get(&conversations[4]), Some(&2));
}

/// A patron's own message is not read back for the socket that sent it (acked there), yet
/// their other tab on the same chat still receives it live, once.
#[tokio::test]
async fn a_patrons_message_reaches_their_other_tab_and_is_not_echoed_to_the_sender() {
    let app = spawn_app().await;
    enable_chat(&app).await;
    let now = chrono::Utc::now().timestamp();
    let signed = json!({"id": "patron-9", "ts": now, "sig": channels::chat::sign_identity(SECRET, "patron-9", now)});
    let mut first = open(&app.addr).await;
    send(&mut first, json!({"type": "hello", "v": 1, "identity": signed})).await;
    next(&mut first, is("welcome")).await;
    say(&mut first, "c1", "First question").await;
    // A second tab of the same signed patron continues the same chat.
    let mut second = open(&app.addr).await;
    send(&mut second, json!({"type": "hello", "v": 1, "identity": signed})).await;
    let welcome = next(&mut second, is("welcome")).await;
    assert_eq!(welcome["messages"][0]["text"], "First question");

    let ack = say(&mut first, "c2", "Second question").await;
    let live = next(&mut second, is("message")).await;
    assert_eq!(live["message"], ack["message"]);
    // The sender gets its ack only: a ping is answered before any copy of its message.
    send(&mut first, json!({"type": "ping"})).await;
    let after = next(&mut first, |v| v["type"] != "queue" && v["type"] != "availability").await;
    assert_eq!(after["type"], "pong", "the sender must not get its own message again: {after}");
}
