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

/// Numbers every committed, unnumbered event in insert order and notifies listeners.
/// Returns the highest sequence number assigned, if any.
///
/// Passes are serialised by a transaction-level advisory lock, so sequence numbers are
/// handed out in commit order of these passes: a reader that has seen N has seen every
/// event numbered below N. Any hub instance may run a pass at any time.
pub async fn sequence_pending(db: &PgPool, channel: &str) -> sqlx::Result<Option<i64>> {
    let mut tx = db.begin().await?;
    // Numbering is derived data: if Postgres crashed before this commit reached disk, the
    // rows are simply numbered again, and a console whose cursor is past the new head is
    // told to reload. So this commit need not wait for the disk, which halves the flushes
    // on the ingest path.
    sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await?;
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('refdesk/event-sequencer', 0))")
        .execute(&mut *tx)
        .await?;
    // A fresh statement after the lock sees everything the previous pass committed.
    let max: Option<i64> = sqlx::query_scalar(
        "WITH base AS (SELECT coalesce(max(seq), 0) AS top FROM event),
              pending AS (
                SELECT id, row_number() OVER (ORDER BY id) AS n
                  FROM (SELECT id FROM event WHERE seq IS NULL ORDER BY id LIMIT 10000) p
              ),
              numbered AS (
                UPDATE event e SET seq = base.top + pending.n
                  FROM pending, base WHERE e.id = pending.id
                RETURNING e.seq
              )
         SELECT max(seq) FROM numbered",
    )
    .fetch_one(&mut *tx)
    .await?;
    if let Some(top) = max {
        sqlx::query("SELECT pg_notify($1, $2)").bind(channel).bind(top.to_string()).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(max)
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
