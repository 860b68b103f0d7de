//! Turns an event row (ids only) into the live frame consoles need (the message, the
//! conversation's current state). Done once per event per instance, not once per socket.

use super::protocol::{LiveEvent, QueueCounts};
use crate::domain::{ConversationId, LibraryId, MessageId, StaffId};
use crate::store::conversation::Conversation;
use crate::store::event::EventRow;
use crate::store::message::Message;
use sqlx::PgPool;

fn id(payload: &serde_json::Value, key: &str) -> Option<i64> {
    payload.get(key).and_then(serde_json::Value::as_i64)
}

/// None when what the event is about no longer exists (erased since), or for a kind this
/// version does not know.
pub async fn hydrate(db: &PgPool, row: &EventRow) -> sqlx::Result<Option<LiveEvent>> {
    let library = row.library_id;
    let Some(conversation_id) = row.conversation_id else { return Ok(None) };
    let event = match row.kind.as_str() {
        "message_created" => {
            let Some(message_id) = id(&row.payload, "message_id") else { return Ok(None) };
            let message = Message::find(db, library, MessageId(message_id)).await?;
            let conversation = Conversation::find(db, library, conversation_id).await?;
            match (message, conversation) {
                (Some(message), Some(conversation)) => {
                    let mentions = row.payload.get("mentions").and_then(|m| serde_json::from_value(m.clone()).ok());
                    LiveEvent::MessageCreated { conversation, message, mentions: mentions.unwrap_or_default() }
                }
                _ => return Ok(None),
            }
        }
        "conversation_changed" => match Conversation::find(db, library, conversation_id).await? {
            Some(conversation) => {
                LiveEvent::ConversationChanged { conversation, by: id(&row.payload, "by").map(StaffId) }
            }
            None => return Ok(None),
        },
        "delivery_status_changed" => LiveEvent::DeliveryStatusChanged {
            conversation_id: ConversationId(conversation_id.0),
            message_id: MessageId(id(&row.payload, "message_id").unwrap_or_default()),
            status: row.payload.get("status").and_then(|v| v.as_str()).unwrap_or("unknown").to_owned(),
            error: row.payload.get("error").and_then(|v| v.as_str()).map(str::to_owned),
        },
        _ => return Ok(None),
    };
    Ok(Some(event))
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
