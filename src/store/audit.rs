use crate::domain::{LibraryId, StaffId};
use sqlx::PgExecutor;

/// Records who did what to which record. Never pass message content or patron addresses
/// in `detail`: the audit log outlives the records it describes.
pub async fn record(
    db: impl PgExecutor<'_>,
    library: LibraryId,
    staff: Option<StaffId>,
    action: &str,
    subject_type: &str,
    subject_id: Option<i64>,
    detail: serde_json::Value,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (library_id, staff_id, action, subject_type, subject_id, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(library)
    .bind(staff)
    .bind(action)
    .bind(subject_type)
    .bind(subject_id)
    .bind(detail)
    .execute(db)
    .await?;
    Ok(())
}
