//! Privacy by default: per-library retention (anonymise resolved conversations after N
//! days, keeping the facts reports need), erasure and export of one patron, and the audit
//! trail of who looked at what.
//!
//! Every table's part is a [`steps::Step`] (plain SQL, one module per table), so retention,
//! erasure and export cover a new table as soon as its step is listed in [`steps::ALL`].

pub mod erasure;
pub mod export;
pub mod policy;
pub mod retention;
pub mod steps;

use crate::domain::{ContactId, LibraryId};
use sqlx::PgConnection;

/// The patron and every contact merged into them (at any depth): one person's records.
pub async fn person(conn: &mut PgConnection, library: LibraryId, contact: ContactId) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "WITH RECURSIVE p(id) AS (
             SELECT $2::bigint
             UNION SELECT c.id FROM contact c JOIN p ON c.merged_into = p.id WHERE c.library_id = $1)
         SELECT id FROM p ORDER BY id",
    )
    .bind(library)
    .bind(contact)
    .fetch_all(conn)
    .await
}
