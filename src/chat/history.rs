//! A chat's messages as the patron sees them: the patron's own, staff replies on the chat
//! channel and the hub's system lines; never internal notes, never replies staff sent on
//! another channel. Each carries its `seq`, the event stream's number of its
//! `message_created` event, so a resuming widget gets exactly what it missed.

use crate::domain::{ConversationId, LibraryId, MessageId};
use channels::chat::{ChatAttachment, ChatMessage, Sender};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    direction: String,
    body: String,
    created_at: DateTime<Utc>,
    provider_id: Option<String>,
    author_staff_id: Option<i64>,
    author: Option<String>,
    /// None: the event is not numbered yet (it will arrive live).
    seq: Option<i64>,
    attachments: serde_json::Value,
}

const SELECT: &str = "
    SELECT m.id, m.direction, m.body, m.created_at, m.provider_id, m.author_staff_id,
           st.display_name AS author,
           CASE WHEN ev.id IS NULL THEN 0 ELSE ev.seq END AS seq,
           coalesce((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename,
                                     'content_type', a.content_type, 'size', a.size_bytes) ORDER BY a.id)
                       FROM attachment a WHERE a.library_id = m.library_id AND a.message_id = m.id), '[]') AS attachments
      FROM message m
      LEFT JOIN staff st ON st.library_id = m.library_id AND st.id = m.author_staff_id
      LEFT JOIN LATERAL (
            SELECT e.id, e.seq FROM event e
             WHERE e.library_id = m.library_id AND e.conversation_id = m.conversation_id
               AND e.kind = 'message_created' AND (e.payload->>'message_id')::bigint = m.id
             ORDER BY e.id LIMIT 1) ev ON true
     WHERE m.library_id = $1 AND m.conversation_id = $2 AND m.channel = 'chat' AND m.direction IN ('in', 'out')";

/// The messages after `after` (all, without it) that are numbered, in `seq` order.
pub async fn after(
    db: &PgPool,
    library: LibraryId,
    conversation: ConversationId,
    after: Option<i64>,
) -> sqlx::Result<Vec<ChatMessage>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT * FROM ({SELECT}) t WHERE t.seq IS NOT NULL AND t.seq > $3 ORDER BY t.seq, t.id LIMIT 2000"
    ))
    .bind(library)
    .bind(conversation)
    .bind(after.unwrap_or(-1))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(to_chat).collect())
}

/// One message of the chat (None: a note, another channel, or gone).
pub async fn one(
    db: &PgPool,
    library: LibraryId,
    conversation: ConversationId,
    message: MessageId,
) -> sqlx::Result<Option<ChatMessage>> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} AND m.id = $3"))
        .bind(library)
        .bind(conversation)
        .bind(message)
        .fetch_optional(db)
        .await?;
    Ok(row.map(to_chat))
}

fn to_chat(r: Row) -> ChatMessage {
    let from = match (r.direction.as_str(), r.author_staff_id) {
        ("in", _) => Sender::Patron,
        (_, Some(_)) => Sender::Staff,
        _ => Sender::System,
    };
    let client_id = match from {
        Sender::Patron => r.provider_id.as_deref().and_then(client_id_of).map(str::to_owned),
        _ => None,
    };
    let attachments: Vec<ChatAttachment> = serde_json::from_value(r.attachments).unwrap_or_default();
    ChatMessage {
        seq: r.seq.unwrap_or(0),
        id: r.id,
        from,
        author: r.author.as_deref().map(first_name),
        text: r.body,
        at: r.created_at,
        client_id,
        attachments,
    }
}

/// The provider id of a patron's chat message: `chat:<session>:<client_id>`. The session
/// part makes a widget's ids unique per session; a resend stores nothing twice.
pub fn provider_id(session: i64, client_id: &str) -> String {
    format!("chat:{session}:{client_id}")
}

fn client_id_of(provider_id: &str) -> Option<&str> {
    let rest = provider_id.strip_prefix("chat:")?;
    rest.split_once(':').map(|(_, c)| c)
}

/// Patrons see a librarian's first name (or the display name if it is one word).
pub fn first_name(display_name: &str) -> String {
    display_name.split_whitespace().next().unwrap_or("Librarian").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_ids_carry_the_client_id() {
        let p = provider_id(42, "abc-1");
        assert_eq!(p, "chat:42:abc-1");
        assert_eq!(client_id_of(&p), Some("abc-1"));
        assert_eq!(client_id_of("SM123"), None);
        assert_eq!(first_name("Ana Lopez"), "Ana");
        assert_eq!(first_name("  "), "Librarian");
    }
}
