//! The event stream table: append inside a writer's transaction, sequence after commit,
//! read in sequence order.

use crate::domain::{ConversationId, LibraryId};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

/// One published event, as readers see it.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct EventRow {
    pub seq: i64,
    pub library_id: LibraryId,
    pub kind: String,
    pub conversation_id: Option<ConversationId>,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// Appends an event in the caller's transaction. It becomes visible to readers once the
/// transaction commits and the sequencer has numbered it.
pub async fn append(
    conn: &mut PgConnection,
    library: LibraryId,
    kind: &str,
    conversation: Option<ConversationId>,
    payload: serde_json::Value,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO event (library_id, kind, conversation_id, payload) VALUES ($1, $2, $3, $4)")
        .bind(library)
        .bind(kind)
        .bind(conversation)
        .bind(payload)
        .execute(conn)
        .await?;
    Ok(())
}

/// Most events one sequencer pass numbers; a longer backlog takes several passes.
pub const PASS_LIMIT: i32 = 10_000;

/// Numbers every committed, unnumbered event in insert order and notifies listeners.
/// Returns the highest sequence number assigned, if any.
///
/// Passes are serialised by a transaction-level advisory lock, so sequence numbers are
/// handed out in commit order of these passes: a reader that has seen N has seen every
/// event numbered below N. Any hub instance may run a pass at any time.
pub async fn sequence_pending(db: &PgPool, channel: &str) -> sqlx::Result<Option<i64>> {
    let mut conn = db.acquire().await?;
    Ok(sequence_pass(&mut conn, channel).await?.last().map(|row| row.seq))
}

/// One sequencer pass (see [`sequence_pending`]) in one round trip and one commit: the
/// `sequence_events` function takes the lock, numbers, notifies `channel` and returns the
/// rows it numbered, in sequence order (at most [`PASS_LIMIT`]). Must not run inside an
/// open transaction (the pass is a transaction of its own).
pub async fn sequence_pass(conn: &mut PgConnection, channel: &str) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as("SELECT seq, library_id, kind, conversation_id, payload, created_at FROM sequence_events($1, $2)")
        .bind(channel)
        .bind(PASS_LIMIT)
        .fetch_all(conn)
        .await
}

/// Events after `after`, oldest first, at most `limit`.
pub async fn read_after(db: &PgPool, after: i64, limit: i64) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as(
        "SELECT seq, library_id, kind, conversation_id, payload, created_at
           FROM event WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The highest published sequence number (0 when none).
pub async fn head(db: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM event").fetch_one(db).await
}

/// One library's events after `after`, oldest first, at most `limit` (a reconnecting
/// console catching up).
pub async fn read_after_for_library(
    db: &PgPool,
    library: LibraryId,
    after: i64,
    limit: i64,
) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as(
        "SELECT seq, library_id, kind, conversation_id, payload, created_at
           FROM event WHERE seq > $2 AND library_id = $1 ORDER BY seq LIMIT $3",
    )
    .bind(library)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Deletes sequenced events older than `days`. Consoles that were away longer reload.
pub async fn prune(db: &PgPool, days: i32) -> sqlx::Result<u64> {
    let done =
        sqlx::query("DELETE FROM event WHERE seq IS NOT NULL AND created_at < now() - make_interval(days => $1)")
            .bind(days)
            .execute(db)
            .await?;
    Ok(done.rows_affected())
}

/// The oldest sequence number still kept (0 when none).
pub async fn oldest(db: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT coalesce(min(seq), 0) FROM event WHERE seq IS NOT NULL").fetch_one(db).await
}

/// The sequence number of a message's `message_created` event (None: not numbered yet).
pub async fn message_seq(
    db: &PgPool,
    library: LibraryId,
    conversation: ConversationId,
    message: crate::domain::MessageId,
) -> sqlx::Result<Option<i64>> {
    let seq: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT seq FROM event
          WHERE library_id = $1 AND conversation_id = $2 AND kind = 'message_created'
            AND (payload->>'message_id')::bigint = $3
          ORDER BY id LIMIT 1",
    )
    .bind(library)
    .bind(conversation)
    .bind(message)
    .fetch_optional(db)
    .await?;
    Ok(seq.flatten())
}
