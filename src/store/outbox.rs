//! Outbox rows: claimed with `FOR UPDATE SKIP LOCKED` so any number of workers on any
//! number of hub instances never take the same row, and completed only by the claim that
//! holds them (the attempt number is the fencing token).

use crate::domain::{Channel, ConversationId, LibraryId, MessageId, OutboxId};
use sqlx::{PgConnection, PgPool};

/// A row a worker has claimed, with everything an adapter needs to deliver it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub library_id: LibraryId,
    pub id: OutboxId,
    pub message_id: MessageId,
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    /// This claim's attempt number (1 for the first try).
    pub attempts: i32,
}

pub async fn claim_due(db: &PgPool, limit: i64, lease_seconds: u64) -> sqlx::Result<Vec<Claimed>> {
    sqlx::query_as(
        "WITH due AS (
            SELECT library_id, id FROM outbox
             WHERE status = 'pending' AND next_attempt_at <= now()
             ORDER BY next_attempt_at LIMIT $1
             FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox o
            SET status = 'sending', attempts = o.attempts + 1, updated_at = now(),
                locked_until = now() + make_interval(secs => $2)
           FROM due WHERE o.library_id = due.library_id AND o.id = due.id
         RETURNING o.library_id, o.id, o.message_id, o.channel, o.attempts",
    )
    .bind(limit)
    .bind(lease_seconds as f64)
    .fetch_all(db)
    .await
}

/// Rows whose worker died mid-send become due again.
pub async fn release_expired_leases(db: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET status = 'pending', locked_until = NULL, next_attempt_at = now(), updated_at = now()
          WHERE status = 'sending' AND locked_until < now()",
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// What the outcome changes on the message, for the event the caller publishes.
pub struct Completed {
    pub conversation_id: ConversationId,
}

/// Marks the claim's row `status` and mirrors it on the message, in the caller's
/// transaction. Returns None when the claim no longer holds the row (its lease expired and
/// another worker took it over): the caller then changes nothing.
#[allow(clippy::too_many_arguments)]
pub async fn complete(
    conn: &mut PgConnection,
    claim: &Claimed,
    outbox_status: &str,
    next_attempt_in_ms: Option<u64>,
    message_status: &str,
    provider_id: Option<&str>,
    error: Option<&str>,
) -> sqlx::Result<Option<Completed>> {
    let held = sqlx::query(
        "UPDATE outbox SET status = $4, last_error = $5, locked_until = NULL, updated_at = now(),
                next_attempt_at = now() + make_interval(secs => coalesce($6, 0))
          WHERE library_id = $1 AND id = $2 AND attempts = $3 AND status = 'sending'",
    )
    .bind(claim.library_id)
    .bind(claim.id)
    .bind(claim.attempts)
    .bind(outbox_status)
    .bind(error)
    .bind(next_attempt_in_ms.map(|ms| ms as f64 / 1000.0))
    .execute(&mut *conn)
    .await?;
    if held.rows_affected() == 0 {
        return Ok(None);
    }
    let conversation_id = sqlx::query_scalar(
        "UPDATE message SET delivery_status = $3, delivery_error = $4,
                provider_id = coalesce($5, provider_id)
          WHERE library_id = $1 AND id = $2 RETURNING conversation_id",
    )
    .bind(claim.library_id)
    .bind(claim.message_id)
    .bind(message_status)
    .bind(error)
    .bind(provider_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(Completed { conversation_id }))
}

pub async fn enqueue(
    conn: &mut PgConnection,
    library: LibraryId,
    message: MessageId,
    channel: Channel,
) -> sqlx::Result<OutboxId> {
    sqlx::query_scalar("INSERT INTO outbox (library_id, message_id, channel) VALUES ($1, $2, $3) RETURNING id")
        .bind(library)
        .bind(message)
        .bind(channel.as_str())
        .fetch_one(conn)
        .await
}
