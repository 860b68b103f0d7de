//! Turns an event row (ids only) into the live frame consoles need (the message, the
//! conversation's current state). Done once per event per instance, not once per socket.

use super::protocol::{LiveEvent, QueueCounts};
use crate::domain::{ConversationId, LibraryId, MessageId, StaffId};
use crate::store::conversation::Conversation;
use crate::store::event::EventRow;
use crate::store::message::Message;
use sqlx::postgres::PgRow;
use sqlx::{FromRow, PgPool, Row};
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
/// its conversations) instead of two per event.
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
    Ok(rows
        .iter()
        .map(|row| {
            let message = id(&row.payload, "message_id").and_then(|m| messages.get(&(row.library_id, MessageId(m))));
            let conversation = row.conversation_id.and_then(|c| conversations.get(&(row.library_id, c)));
            build(row, message.cloned(), conversation.cloned())
        })
        .collect())
}

/// Events after `after` in sequence order (at most `limit`; one library's only, with
/// `library`), each with what its frame needs, in ONE statement: the listener's read and
/// hydration used to be three round trips per wake-up, each a wait for a busy core.
///
/// The conversation columns repeat `Conversation`'s list columns (store/conversation.rs);
/// `tests/api/realtime.rs` checks the two give the same frames.
pub async fn read_hydrated_after(
    db: &PgPool,
    after: i64,
    limit: i64,
    library: Option<LibraryId>,
) -> sqlx::Result<Vec<(EventRow, Option<LiveEvent>)>> {
    let only = if library.is_some() { "AND library_id = $3" } else { "AND $3::bigint IS NULL" };
    let rows: Vec<Hydrated> = sqlx::query_as(&format!(
        "SELECT e.seq, e.library_id, e.kind, e.conversation_id, e.payload, e.created_at,
                m.id AS m_id, m.conversation_id AS m_conversation_id, m.direction AS m_direction,
                m.channel AS m_channel, m.author_staff_id AS m_author_staff_id, m.body AS m_body,
                m.body_html AS m_body_html, m.delivery_status AS m_delivery_status,
                m.delivery_error AS m_delivery_error, m.created_at AS m_created_at,
                c.id AS c_id, c.contact_id AS c_contact_id,
                coalesce(ct.display_name, (SELECT ci.address FROM contact_identity ci
                                            WHERE ci.library_id = c.library_id AND ci.contact_id = c.contact_id
                                            ORDER BY ci.id LIMIT 1)) AS c_contact_label,
                c.channel AS c_channel, c.status AS c_status, c.snoozed_until AS c_snoozed_until,
                c.team_id AS c_team_id, c.assignee_id AS c_assignee_id, c.subject AS c_subject,
                c.tags AS c_tags, c.read_level AS c_read_level, c.created_at AS c_created_at,
                c.waiting_since AS c_waiting_since, c.last_message_at AS c_last_message_at,
                c.first_response_at AS c_first_response_at, c.resolved_at AS c_resolved_at,
                c.message_count AS c_message_count, last.preview AS c_last_message_preview
           FROM (SELECT seq, library_id, kind, conversation_id, payload, created_at FROM event
                  WHERE seq > $1 {only} ORDER BY seq LIMIT $2) e
           LEFT JOIN message m
                  ON e.kind = 'message_created' AND m.library_id = e.library_id
                 AND m.id = (e.payload->>'message_id')::bigint
           LEFT JOIN (conversation c JOIN contact ct ON ct.library_id = c.library_id AND ct.id = c.contact_id)
                  ON e.kind IN ('message_created', 'conversation_changed')
                 AND c.library_id = e.library_id AND c.id = e.conversation_id
           LEFT JOIN LATERAL (SELECT left(lm.body, 160) AS preview FROM message lm
                               WHERE lm.library_id = c.library_id AND lm.conversation_id = c.id
                                 AND lm.direction <> 'note'
                               ORDER BY lm.id DESC LIMIT 1) last ON c.id IS NOT NULL
          ORDER BY e.seq"
    ))
    .bind(after)
    .bind(limit)
    .bind(library)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|h| {
            let event = build(&h.event, h.message, h.conversation);
            (h.event, event)
        })
        .collect())
}

/// A row of [`read_hydrated_after`]: the event, and its message and conversation if any.
struct Hydrated {
    event: EventRow,
    message: Option<Message>,
    conversation: Option<Conversation>,
}

fn decode_err(column: &str, e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: column.to_owned(), source: e.to_string().into() }
}

impl<'r> FromRow<'r, PgRow> for Hydrated {
    fn from_row(r: &'r PgRow) -> sqlx::Result<Self> {
        let event = EventRow::from_row(r)?;
        let message = match r.try_get::<Option<MessageId>, _>("m_id")? {
            None => None,
            Some(id) => Some(Message {
                id,
                conversation_id: r.try_get("m_conversation_id")?,
                direction: r
                    .try_get::<String, _>("m_direction")?
                    .try_into()
                    .map_err(|e| decode_err("m_direction", e))?,
                channel: r.try_get::<String, _>("m_channel")?.try_into().map_err(|e| decode_err("m_channel", e))?,
                author_staff_id: r.try_get("m_author_staff_id")?,
                body: r.try_get("m_body")?,
                body_html: r.try_get("m_body_html")?,
                delivery_status: r.try_get("m_delivery_status")?,
                delivery_error: r.try_get("m_delivery_error")?,
                created_at: r.try_get("m_created_at")?,
            }),
        };
        let conversation = match r.try_get::<Option<ConversationId>, _>("c_id")? {
            None => None,
            Some(id) => Some(Conversation {
                id,
                contact_id: r.try_get("c_contact_id")?,
                contact_label: r.try_get("c_contact_label")?,
                channel: r.try_get::<String, _>("c_channel")?.try_into().map_err(|e| decode_err("c_channel", e))?,
                status: r.try_get::<String, _>("c_status")?.try_into().map_err(|e| decode_err("c_status", e))?,
                snoozed_until: r.try_get("c_snoozed_until")?,
                team_id: r.try_get("c_team_id")?,
                assignee_id: r.try_get("c_assignee_id")?,
                subject: r.try_get("c_subject")?,
                tags: r.try_get("c_tags")?,
                read_level: r.try_get("c_read_level")?,
                created_at: r.try_get("c_created_at")?,
                waiting_since: r.try_get("c_waiting_since")?,
                last_message_at: r.try_get("c_last_message_at")?,
                first_response_at: r.try_get("c_first_response_at")?,
                resolved_at: r.try_get("c_resolved_at")?,
                message_count: r.try_get("c_message_count")?,
                last_message_preview: r.try_get("c_last_message_preview")?,
            }),
        };
        Ok(Hydrated { event, message, conversation })
    }
}

fn build(row: &EventRow, message: Option<Message>, conversation: Option<Conversation>) -> Option<LiveEvent> {
    let conversation_id = row.conversation_id?;
    let event = match row.kind.as_str() {
        "message_created" => {
            let mentions = row.payload.get("mentions").and_then(|m| serde_json::from_value(m.clone()).ok());
            LiveEvent::MessageCreated {
                conversation: conversation?,
                message: message?,
                mentions: mentions.unwrap_or_default(),
            }
        }
        "conversation_changed" => {
            LiveEvent::ConversationChanged { conversation: conversation?, by: id(&row.payload, "by").map(StaffId) }
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
