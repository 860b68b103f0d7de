//! Regrouping conversations: merge two conversations of one patron (they wrote twice about
//! one question) and split a message out into a conversation of its own. The merged-away
//! conversation is deleted after its messages move, so reports count one question once.

use super::PatronError;
use crate::domain::{ConversationId, MessageId};
use crate::inbox::Actor;
use crate::realtime::Realtime;
use crate::store::{audit, event};
use serde_json::json;
use sqlx::PgPool;

/// Moves every message of `from` into `into` (same patron) and deletes `from`.
pub async fn merge_conversations(
    db: &PgPool,
    realtime: &Realtime,
    actor: &Actor,
    into: ConversationId,
    from: ConversationId,
) -> Result<(), PatronError> {
    if into == from {
        return Err(PatronError::invalid("same_conversation", "a conversation cannot be merged into itself"));
    }
    let mut tx = db.begin().await?;
    let found: Vec<(ConversationId, i64)> = sqlx::query_as(
        "SELECT id, contact_id FROM conversation WHERE library_id = $1 AND id IN ($2, $3) ORDER BY id FOR UPDATE",
    )
    .bind(actor.library)
    .bind(into)
    .bind(from)
    .fetch_all(&mut *tx)
    .await?;
    if found.len() != 2 {
        return Err(PatronError::NotFound("conversation"));
    }
    if found[0].1 != found[1].1 {
        return Err(PatronError::invalid(
            "different_patrons",
            "only conversations of the same patron can be merged; merge the contacts first",
        ));
    }
    let moved: Vec<i64> = sqlx::query_scalar(
        "UPDATE message SET conversation_id = $2 WHERE library_id = $1 AND conversation_id = $3 RETURNING id",
    )
    .bind(actor.library)
    .bind(into)
    .bind(from)
    .fetch_all(&mut *tx)
    .await?;
    // The facts of both become the facts of one question.
    sqlx::query(
        "UPDATE conversation i SET
                message_count = i.message_count + f.message_count,
                created_at = least(i.created_at, f.created_at),
                waiting_since = CASE WHEN i.waiting_since IS NULL THEN f.waiting_since
                                     WHEN f.waiting_since IS NULL THEN i.waiting_since
                                     ELSE least(i.waiting_since, f.waiting_since) END,
                last_message_at = greatest(i.last_message_at, f.last_message_at),
                first_response_at = least(i.first_response_at, f.first_response_at),
                tags = ARRAY(SELECT DISTINCT unnest(i.tags || f.tags)),
                read_level = greatest(i.read_level, f.read_level),
                subject = coalesce(i.subject, f.subject)
           FROM conversation f
          WHERE i.library_id = $1 AND i.id = $2 AND f.library_id = $1 AND f.id = $3",
    )
    .bind(actor.library)
    .bind(into)
    .bind(from)
    .execute(&mut *tx)
    .await?;
    // One rating per conversation: the kept conversation's wins; the other stays as a fact.
    sqlx::query("UPDATE csat_rating SET conversation_id = NULL WHERE library_id = $1 AND conversation_id = $2")
        .bind(actor.library)
        .bind(from)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM conversation WHERE library_id = $1 AND id = $2")
        .bind(actor.library)
        .bind(from)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        actor.library,
        Some(actor.staff),
        "merge",
        "conversation",
        Some(into.0),
        json!({"from_conversation_id": from, "message_ids": moved}),
    )
    .await?;
    event::append(&mut tx, actor.library, "conversation_changed", Some(into), json!({"by": actor.staff})).await?;
    tx.commit().await?;
    realtime.published();
    Ok(())
}

/// Moves `message` into a new conversation of the same patron; returns its id. The old
/// conversation must keep at least one message.
pub async fn split_message(
    db: &PgPool,
    realtime: &Realtime,
    actor: &Actor,
    message: MessageId,
) -> Result<ConversationId, PatronError> {
    let mut tx = db.begin().await?;
    let found: Option<(ConversationId, String)> =
        sqlx::query_as("SELECT conversation_id, direction FROM message WHERE library_id = $1 AND id = $2")
            .bind(actor.library)
            .bind(message)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((from, direction)) = found else { return Err(PatronError::NotFound("message")) };
    let count: i32 =
        sqlx::query_scalar("SELECT message_count FROM conversation WHERE library_id = $1 AND id = $2 FOR UPDATE")
            .bind(actor.library)
            .bind(from)
            .fetch_one(&mut *tx)
            .await?;
    let others: i64 =
        sqlx::query_scalar("SELECT count(*) FROM message WHERE library_id = $1 AND conversation_id = $2 AND id <> $3")
            .bind(actor.library)
            .bind(from)
            .bind(message)
            .fetch_one(&mut *tx)
            .await?;
    if others == 0 {
        return Err(PatronError::invalid("only_message", "the conversation has no other message to keep"));
    }
    let inbound = direction == "in";
    let new: ConversationId = sqlx::query_scalar(
        "INSERT INTO conversation (library_id, contact_id, channel, team_id, status, created_at, waiting_since,
                                   last_message_at, message_count)
         SELECT c.library_id, c.contact_id, m.channel, c.team_id, 'open', m.created_at,
                CASE WHEN $3 THEN m.created_at END, m.created_at, 1
           FROM conversation c JOIN message m ON m.library_id = c.library_id AND m.id = $2
          WHERE c.library_id = $1 AND c.id = m.conversation_id
         RETURNING id",
    )
    .bind(actor.library)
    .bind(message)
    .bind(inbound)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE message SET conversation_id = $3 WHERE library_id = $1 AND id = $2")
        .bind(actor.library)
        .bind(message)
        .bind(new)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE conversation SET message_count = $3 WHERE library_id = $1 AND id = $2")
        .bind(actor.library)
        .bind(from)
        .bind((count - 1).max(0))
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        actor.library,
        Some(actor.staff),
        "split",
        "conversation",
        Some(from.0),
        json!({"message_id": message, "new_conversation_id": new}),
    )
    .await?;
    for id in [from, new] {
        event::append(&mut tx, actor.library, "conversation_changed", Some(id), json!({"by": actor.staff})).await?;
    }
    tx.commit().await?;
    realtime.published();
    Ok(new)
}
