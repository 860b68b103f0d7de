use crate::domain::{Channel, ConversationId, Direction, LibraryId, MessageId, StaffId};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

/// A message in a conversation's thread.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Message {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    #[sqlx(try_from = "String")]
    pub direction: Direction,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String, example = "sms")]
    pub channel: Channel,
    pub author_staff_id: Option<StaffId>,
    pub body: String,
    /// Sanitised HTML, when the channel had any.
    pub body_html: Option<String>,
    /// received (inbound), queued, sending, sent, delivered or failed (outbound); null for notes.
    pub delivery_status: Option<String>,
    pub delivery_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, conversation_id, direction, channel, author_staff_id, body, body_html,
                       delivery_status, delivery_error, created_at";

impl Message {
    /// The thread, oldest first.
    pub async fn for_conversation(
        db: &PgPool,
        library: LibraryId,
        conversation: ConversationId,
    ) -> sqlx::Result<Vec<Message>> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM message WHERE library_id = $1 AND conversation_id = $2 ORDER BY id LIMIT 5000"
        ))
        .bind(library)
        .bind(conversation)
        .fetch_all(db)
        .await
    }

    pub async fn find(db: &PgPool, library: LibraryId, id: MessageId) -> sqlx::Result<Option<Message>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM message WHERE library_id = $1 AND id = $2"))
            .bind(library)
            .bind(id)
            .fetch_optional(db)
            .await
    }

    /// Several messages of one library at once (the realtime listener's batch).
    pub async fn find_many(db: &PgPool, library: LibraryId, ids: &[MessageId]) -> sqlx::Result<Vec<Message>> {
        let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM message WHERE library_id = $1 AND id = ANY($2)"))
            .bind(library)
            .bind(ids)
            .fetch_all(db)
            .await
    }

    /// Inserts a staff reply (`Out`, queued for delivery) or note.
    pub async fn insert_staff(
        conn: &mut PgConnection,
        library: LibraryId,
        conversation: ConversationId,
        direction: Direction,
        channel: Channel,
        author: StaffId,
        body: &str,
    ) -> sqlx::Result<Message> {
        let status = (direction == Direction::Out).then_some("queued");
        sqlx::query_as(&format!(
            "INSERT INTO message (library_id, conversation_id, direction, channel, author_staff_id, body, delivery_status)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
        ))
        .bind(library)
        .bind(conversation)
        .bind(direction.as_str())
        .bind(channel.as_str())
        .bind(author)
        .bind(body)
        .bind(status)
        .fetch_one(conn)
        .await
    }
}

/// One full-text search hit.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub message_id: MessageId,
    pub conversation_id: ConversationId,
    #[sqlx(try_from = "String")]
    pub direction: Direction,
    /// The matching passage with the hits between « and ».
    pub snippet: String,
    pub created_at: DateTime<Utc>,
}

/// Full-text search over one library's messages, newest first. `query` uses web-search
/// syntax ("renew book", "\"inter library\"", "-fines").
///
/// Planned afresh for each query's words (an unnamed statement, not one cached on the
/// connection): a common word is answered fastest by walking the newest messages until
/// enough match, a rare one by the GIN index. A cached statement switches to one generic
/// plan after five runs, and that plan walked 40,000 messages (60 ms) for a rare word.
pub async fn search(
    db: &PgPool,
    library: LibraryId,
    query: &str,
    before: Option<MessageId>,
    limit: i64,
) -> sqlx::Result<Vec<SearchHit>> {
    sqlx::query_as(
        "SELECT m.id AS message_id, m.conversation_id, m.direction,
                ts_headline('simple', m.body, q, 'StartSel=«,StopSel=»,MaxWords=30,MinWords=10') AS snippet,
                m.created_at
           FROM message m, websearch_to_tsquery('simple', $2) q
          WHERE m.library_id = $1 AND m.search @@ q AND ($3::bigint IS NULL OR m.id < $3)
          ORDER BY m.id DESC LIMIT $4",
    )
    .persistent(false)
    .bind(library)
    .bind(query)
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}
