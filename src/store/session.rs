use crate::domain::{LibraryId, Role, StaffId};
use crate::realtime::cache_signal::CACHE_CHANNEL;
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// A live staff session joined with what authorization needs about its staff member.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub library_id: LibraryId,
    pub staff_id: StaffId,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub display_name: String,
    pub csrf_token: String,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(
    db: &PgPool,
    library: LibraryId,
    staff: StaffId,
    token_hash: &[u8],
    csrf_token: &str,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO staff_session (library_id, token_hash, staff_id, csrf_token, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(library)
    .bind(token_hash)
    .bind(staff)
    .bind(csrf_token)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The session if it is neither revoked, past its absolute expiry, idle too long, nor
/// owned by a disabled account.
pub async fn find_live(
    db: &PgPool,
    library: LibraryId,
    token_hash: &[u8],
    idle_minutes: u32,
) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(
        "SELECT s.library_id, s.staff_id, st.role, st.display_name, s.csrf_token, s.last_seen_at,
                s.expires_at
           FROM staff_session s
           JOIN staff st ON st.library_id = s.library_id AND st.id = s.staff_id
          WHERE s.library_id = $1 AND s.token_hash = $2
            AND s.revoked_at IS NULL AND s.expires_at > now()
            AND s.last_seen_at > now() - make_interval(mins => $3)
            AND st.disabled_at IS NULL",
    )
    .bind(library)
    .bind(token_hash)
    .bind(idle_minutes as i32)
    .fetch_optional(db)
    .await
}

/// Records activity. Callers throttle this so a busy console is not a write per request.
pub async fn touch(db: &PgPool, library: LibraryId, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query("UPDATE staff_session SET last_seen_at = now() WHERE library_id = $1 AND token_hash = $2")
        .bind(library)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends one session. Other hub instances drop their cached copy when the NOTIFY sent by
/// the same statement arrives (the caller drops its own at once).
pub async fn revoke(db: &PgPool, library: LibraryId, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query(
        "WITH ended AS (UPDATE staff_session SET revoked_at = now()
                         WHERE library_id = $1 AND token_hash = $2 AND revoked_at IS NULL
                     RETURNING staff_id)
         SELECT pg_notify($3, 'staff:' || $1 || ':' || staff_id) FROM ended",
    )
    .bind(library)
    .bind(token_hash)
    .bind(CACHE_CHANNEL)
    .execute(db)
    .await?;
    Ok(())
}

/// Ends every session of one staff member (disabled account, changed role or password).
/// Every hub instance drops its cached copies when the NOTIFY sent by the same statement
/// is delivered, i.e. when the caller's transaction commits.
pub async fn revoke_all_for(db: impl sqlx::PgExecutor<'_>, library: LibraryId, staff: StaffId) -> sqlx::Result<u64> {
    let ended: i64 = sqlx::query_scalar(
        "WITH ended AS (UPDATE staff_session SET revoked_at = now()
                         WHERE library_id = $1 AND staff_id = $2 AND revoked_at IS NULL
                     RETURNING 1)
         SELECT (SELECT count(*) FROM ended), pg_notify($3, 'staff:' || $1 || ':' || $2)",
    )
    .bind(library)
    .bind(staff)
    .bind(CACHE_CHANNEL)
    .fetch_one(db)
    .await?;
    Ok(ended as u64)
}

/// Deletes sessions that can no longer be used; they are of no further interest.
pub async fn purge_dead(db: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM staff_session WHERE expires_at < now() - interval '1 day'
            OR revoked_at < now() - interval '1 day'",
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
