//! Mail that could not become a message: kept raw for admins, never blocking the mailbox.
//! The same bytes read again are stored once.

use super::mailbox::MailboxId;
use crate::domain::LibraryId;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;

/// Why a message went to quarantine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuarantineReason {
    Unparseable,
    TooLarge,
    NoSender,
    Rejected,
}

impl QuarantineReason {
    pub fn as_str(self) -> &'static str {
        match self {
            QuarantineReason::Unparseable => "unparseable",
            QuarantineReason::TooLarge => "too_large",
            QuarantineReason::NoSender => "no_sender",
            QuarantineReason::Rejected => "rejected",
        }
    }
}

/// Most raw bytes kept of a message over the size limit (its headers and a start).
pub const QUARANTINE_KEEP_BYTES: usize = 256 * 1024;

/// Where a quarantined message was found.
#[derive(Debug, Clone, Copy)]
pub struct FoundAt {
    pub mailbox: MailboxId,
    pub uid_validity: u32,
    pub uid: u32,
}

/// Keeps `raw` in quarantine; the same bytes twice are stored once.
pub async fn keep(
    db: &PgPool,
    library: LibraryId,
    at: FoundAt,
    reason: QuarantineReason,
    detail: &str,
    raw: &[u8],
) -> sqlx::Result<()> {
    use sha2::{Digest, Sha256};
    let sha256 = hex::encode(Sha256::digest(raw));
    let truncated = raw.len() > QUARANTINE_KEEP_BYTES && reason == QuarantineReason::TooLarge;
    let kept = if truncated { &raw[..QUARANTINE_KEEP_BYTES] } else { raw };
    sqlx::query(
        "INSERT INTO email_quarantine (library_id, mailbox_id, uid_validity, uid, reason, detail, sha256, size_bytes,
                                       raw, raw_truncated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (library_id, mailbox_id, sha256) DO NOTHING",
    )
    .bind(library)
    .bind(at.mailbox)
    .bind(i64::from(at.uid_validity))
    .bind(i64::from(at.uid))
    .bind(reason.as_str())
    .bind(detail)
    .bind(sha256)
    .bind(raw.len() as i64)
    .bind(kept)
    .bind(truncated)
    .execute(db)
    .await?;
    Ok(())
}

/// A quarantined message as admins list it (without its bytes).
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Quarantined {
    pub id: i64,
    pub mailbox_id: MailboxId,
    /// unparseable, too_large, no_sender or rejected.
    pub reason: String,
    pub detail: String,
    pub uid_validity: i64,
    pub uid: i64,
    pub size_bytes: i64,
    /// Only the start of the message was kept (it was over the size limit).
    pub raw_truncated: bool,
    pub created_at: DateTime<Utc>,
}

const QUARANTINE_COLUMNS: &str =
    "id, mailbox_id, reason, detail, uid_validity, uid, size_bytes, raw_truncated, created_at";

pub async fn list(db: &PgPool, library: LibraryId, limit: i64) -> sqlx::Result<Vec<Quarantined>> {
    sqlx::query_as(&format!(
        "SELECT {QUARANTINE_COLUMNS} FROM email_quarantine WHERE library_id = $1 ORDER BY id DESC LIMIT $2"
    ))
    .bind(library)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn find(db: &PgPool, library: LibraryId, id: i64) -> sqlx::Result<Option<(Quarantined, Vec<u8>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        q: Quarantined,
        raw: Vec<u8>,
    }
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {QUARANTINE_COLUMNS}, raw FROM email_quarantine WHERE library_id = $1 AND id = $2"
    ))
    .bind(library)
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.q, r.raw)))
}
