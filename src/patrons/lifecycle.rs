//! Lifecycle stage from contact history: `new` (one conversation), `returning` (more than
//! one), `lapsed` (no contact for the library's `lapsed_after_days`), with the date the
//! stage last changed. Recomputed by housekeeping with the clock passed in, and for one
//! contact when staff open it.

use crate::domain::{ContactId, LibraryId};
use crate::privacy::policy::Policy;
use chrono::{DateTime, Utc};
use sqlx::PgPool;

const STAGE: &str = "CASE WHEN ct.last_contact_at < $2 THEN 'lapsed'
                          WHEN (SELECT count(*) FROM conversation c
                                 WHERE c.library_id = ct.library_id AND c.contact_id = ct.id) > 1 THEN 'returning'
                          ELSE 'new' END";

/// Updates the stage of the library's contacts (all, or just `only`) as of `now`; returns
/// how many changed.
pub async fn refresh(
    db: &PgPool,
    library: LibraryId,
    only: Option<ContactId>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let policy = Policy::load(db, library).await?;
    let lapsed_before = now - chrono::Duration::days(policy.lapsed_after_days.into());
    let done = sqlx::query(&format!(
        "UPDATE contact ct SET lifecycle_stage = s.stage, lifecycle_changed_at = $3
           FROM (SELECT ct.id, {STAGE} AS stage FROM contact ct
                  WHERE ct.library_id = $1 AND ct.merged_into IS NULL AND ct.anonymised_at IS NULL
                    AND ($4::bigint IS NULL OR ct.id = $4)) s
          WHERE ct.library_id = $1 AND ct.id = s.id AND ct.lifecycle_stage <> s.stage"
    ))
    .bind(library)
    .bind(lapsed_before)
    .bind(now)
    .bind(only)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Refreshes every library.
pub async fn refresh_all(db: &PgPool, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let libraries: Vec<LibraryId> = sqlx::query_scalar("SELECT id FROM library").fetch_all(db).await?;
    let mut changed = 0;
    for library in libraries {
        changed += refresh(db, library, None, now).await?;
    }
    Ok(changed)
}
