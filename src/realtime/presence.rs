//! Presence (who is at the console) and ephemeral signals shared across instances.

use super::protocol::{Presence, PresenceState, ServerFrame};
use super::LIVE_CHANNEL;
use crate::domain::{LibraryId, StaffId};
use sqlx::PgPool;

/// A presence row not refreshed for this long counts as offline.
pub const STALE_AFTER_SECS: i32 = 90;

pub async fn set(db: &PgPool, library: LibraryId, staff: StaffId, state: PresenceState) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO staff_presence (library_id, staff_id, state) VALUES ($1, $2, $3)
         ON CONFLICT (library_id, staff_id) DO UPDATE SET state = $3, updated_at = now()",
    )
    .bind(library)
    .bind(staff)
    .bind(state.as_str())
    .execute(db)
    .await?;
    Ok(())
}

/// Staff online or away in one library.
pub async fn list(db: &PgPool, library: LibraryId) -> sqlx::Result<Vec<Presence>> {
    sqlx::query_as(
        "SELECT staff_id, state FROM staff_presence
          WHERE library_id = $1 AND state <> 'offline'
            AND updated_at > now() - make_interval(secs => $2)
          ORDER BY staff_id",
    )
    .bind(library)
    .bind(STALE_AFTER_SECS as f64)
    .fetch_all(db)
    .await
}

/// Keeps the rows of staff connected to this instance fresh.
pub async fn refresh(db: &PgPool, connected: &[(LibraryId, StaffId)]) -> sqlx::Result<()> {
    if connected.is_empty() {
        return Ok(());
    }
    let libraries: Vec<i64> = connected.iter().map(|(l, _)| l.0).collect();
    let staff: Vec<i64> = connected.iter().map(|(_, s)| s.0).collect();
    sqlx::query(
        "UPDATE staff_presence p SET updated_at = now()
           FROM unnest($1::bigint[], $2::bigint[]) AS c(library_id, staff_id)
          WHERE p.library_id = c.library_id AND p.staff_id = c.staff_id AND p.state <> 'offline'",
    )
    .bind(libraries)
    .bind(staff)
    .execute(db)
    .await?;
    Ok(())
}

/// Sends an ephemeral frame to the consoles of one library on every instance.
pub async fn announce(db: &PgPool, library: LibraryId, frame: &ServerFrame) -> sqlx::Result<()> {
    let payload = serde_json::json!({ "library_id": library, "frame": frame }).to_string();
    sqlx::query("SELECT pg_notify($1, $2)").bind(LIVE_CHANNEL).bind(payload).execute(db).await?;
    Ok(())
}
