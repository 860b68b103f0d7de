//! Turns an event row (ids only) into the live frame consoles need (the message, the
//! conversation's current state). Done once per event per instance, not once per socket.

use super::protocol::{LiveEvent, QueueCounts};
use crate::domain::{ConversationId, LibraryId, MessageId, StaffId};
use crate::store::conversation::Conversation;
use crate::store::event::EventRow;
use crate::store::message::Message;
use sqlx::PgPool;
use std::collections::HashMap;

fn id(payload: &serde_json::Value, key: &str) -> Option<i64> {
    payload.get(key).and_then(serde_json::Value::as_i64)
}

/// None when what the event is about no longer exists (erased since), or for a kind this
/// version does not know.
pub async fn hydrate(db: &PgPool, row: &EventRow) -> sqlx::Result<Option<LiveEvent>> {
    Ok(hydrate_batch(db, std::slice::from_ref(row)).await?.pop().flatten())
}

/// [`hydrate`] for a batch of rows: two queries per library in the batch (its messages,
/// its conversations) instead of two per event, so the listener keeps up with bursts.
pub async fn hydrate_batch(db: &PgPool, rows: &[EventRow]) -> sqlx::Result<Vec<Option<LiveEvent>>> {
    let mut wanted: HashMap<LibraryId, (Vec<MessageId>, Vec<ConversationId>)> = HashMap::new();
    for row in rows {
        let Some(conversation) = row.conversation_id else { continue };
        let (messages, conversations) = wanted.entry(row.library_id).or_default();
        match row.kind.as_str() {
            "message_created" => {
                let Some(message) = id(&row.payload, "message_id") else { continue };
                messages.push(MessageId(message));
                conversations.push(conversation);
            }
            "conversation_changed" => conversations.push(conversation),
            _ => {}
        }
    }
    let mut messages: HashMap<(LibraryId, MessageId), Message> = HashMap::new();
    let mut conversations: HashMap<(LibraryId, ConversationId), Conversation> = HashMap::new();
    for (library, (message_ids, conversation_ids)) in wanted {
        if !message_ids.is_empty() {
            for m in Message::find_many(db, library, &message_ids).await? {
                messages.insert((library, m.id), m);
            }
        }
        if !conversation_ids.is_empty() {
            for c in Conversation::find_many(db, library, &conversation_ids).await? {
                conversations.insert((library, c.id), c);
            }
        }
    }
    Ok(rows.iter().map(|row| build(row, &messages, &conversations)).collect())
}

fn build(
    row: &EventRow,
    messages: &HashMap<(LibraryId, MessageId), Message>,
    conversations: &HashMap<(LibraryId, ConversationId), Conversation>,
) -> Option<LiveEvent> {
    let library = row.library_id;
    let conversation_id = row.conversation_id?;
    let conversation = || conversations.get(&(library, conversation_id)).cloned();
    let event = match row.kind.as_str() {
        "message_created" => {
            let message = messages.get(&(library, MessageId(id(&row.payload, "message_id")?)))?.clone();
            let mentions = row.payload.get("mentions").and_then(|m| serde_json::from_value(m.clone()).ok());
            LiveEvent::MessageCreated { conversation: conversation()?, message, mentions: mentions.unwrap_or_default() }
        }
        "conversation_changed" => {
            LiveEvent::ConversationChanged { conversation: conversation()?, by: id(&row.payload, "by").map(StaffId) }
        }
        "delivery_status_changed" => LiveEvent::DeliveryStatusChanged {
            conversation_id: ConversationId(conversation_id.0),
            message_id: MessageId(id(&row.payload, "message_id").unwrap_or_default()),
            status: row.payload.get("status").and_then(|v| v.as_str()).unwrap_or("unknown").to_owned(),
            error: row.payload.get("error").and_then(|v| v.as_str()).map(str::to_owned),
        },
        _ => return None,
    };
    Some(event)
}

/// Open work per queue of one library; the partial queue index keeps this to the open set.
pub async fn queue_counts(db: &PgPool, library: LibraryId) -> sqlx::Result<QueueCounts> {
    let rows: Vec<(String, Option<i64>, Option<i64>, i64)> = sqlx::query_as(
        "SELECT status, team_id, assignee_id, count(*) FROM conversation
          WHERE library_id = $1 AND status IN ('open', 'pending', 'snoozed')
          GROUP BY status, team_id, assignee_id",
    )
    .bind(library)
    .fetch_all(db)
    .await?;
    let mut c = QueueCounts::default();
    for (status, team, assignee, n) in rows {
        match status.as_str() {
            "pending" => c.pending += n,
            "snoozed" => c.snoozed += n,
            _ => {
                c.open += n;
                if assignee.is_none() {
                    c.unassigned += n;
                }
                match c.by_team.iter_mut().find(|t| t.team_id == team) {
                    Some(t) => t.open += n,
                    None => c.by_team.push(super::protocol::TeamCount { team_id: team, open: n }),
                }
                if let Some(staff) = assignee {
                    match c.by_assignee.iter_mut().find(|a| a.staff_id == staff) {
                        Some(a) => a.open += n,
                        None => c.by_assignee.push(super::protocol::AssigneeCount { staff_id: staff, open: n }),
                    }
                }
            }
        }
    }
    Ok(c)
}
