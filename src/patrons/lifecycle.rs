//! Lifecycle stage from contact history: `new` (one conversation), `returning` (more than
//! one), `lapsed` (no contact for the library's `lapsed_after_days`), with the date the
//! stage last changed. Recomputed by housekeeping with the clock passed in, and for one
//! contact when staff open it.
//!
//! A big library has hundreds of thousands of contacts: one UPDATE over all of them would
//! hold row locks on every changed contact until it commits, blocking staff who merge or
//! edit a contact meanwhile. The refresh therefore walks the contacts in id order (keyset
//! pagination) and commits every [`BATCH`] contacts; each batch is one short statement.
//! Stopping half-way is harmless: the next run recomputes from the data.

use crate::domain::{ContactId, LibraryId};
use crate::privacy::policy::Policy;
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// Contacts looked at per statement (and so per transaction).
pub const BATCH: i64 = 1_000;

const STAGE: &str = "CASE WHEN ct.last_contact_at < $2 THEN 'lapsed'
                          WHEN (SELECT count(*) FROM conversation c
                                 WHERE c.library_id = ct.library_id AND c.contact_id = ct.id) > 1 THEN 'returning'
                          ELSE 'new' END";

/// What a refresh did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Contacts whose stage changed.
    pub changed: u64,
    /// Statements (transactions) it took.
    pub batches: u32,
}

/// Updates the stage of the library's contacts (all, or just `only`) as of `now`; returns
/// how many changed.
pub async fn refresh(
    db: &PgPool,
    library: LibraryId,
    only: Option<ContactId>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    Ok(refresh_in_batches(db, library, only, now, BATCH).await?.changed)
}

/// [`refresh`] with the batch size chosen by the caller (tests use small ones).
pub async fn refresh_in_batches(
    db: &PgPool,
    library: LibraryId,
    only: Option<ContactId>,
    now: DateTime<Utc>,
    batch: i64,
) -> sqlx::Result<Refreshed> {
    let policy = Policy::load(db, library).await?;
    let lapsed_before = now - chrono::Duration::days(policy.lapsed_after_days.into());
    let mut done = Refreshed::default();
    // Keyset cursor: the highest contact id already looked at.
    let mut after: i64 = 0;
    loop {
        let (last, changed): (Option<i64>, i64) = sqlx::query_as(&format!(
            "WITH page AS (
                 SELECT id FROM contact
                  WHERE library_id = $1 AND id > $5 AND merged_into IS NULL AND anonymised_at IS NULL
                    AND ($4::bigint IS NULL OR id = $4)
                  ORDER BY id LIMIT $6),
             stages AS (
                 SELECT ct.id, {STAGE} AS stage FROM contact ct JOIN page USING (id)
                  WHERE ct.library_id = $1),
             changed AS (
                 UPDATE contact ct SET lifecycle_stage = s.stage, lifecycle_changed_at = $3
                   FROM stages s
                  WHERE ct.library_id = $1 AND ct.id = s.id AND ct.lifecycle_stage <> s.stage
                  RETURNING 1)
             SELECT (SELECT max(id) FROM page), (SELECT count(*) FROM changed)"
        ))
        .bind(library)
        .bind(lapsed_before)
        .bind(now)
        .bind(only)
        .bind(after)
        .bind(batch)
        .fetch_one(db)
        .await?;
        let Some(last) = last else { break };
        done.batches += 1;
        done.changed += changed as u64;
        after = last;
    }
    Ok(done)
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
