//! Files staff attach to an email reply: uploaded first (size-capped, type sniffed from the
//! bytes, never the browser's word; name sanitised), then named by the reply, which takes
//! them over as its attachment rows in the reply's own transaction. The outbox then sends
//! them as MIME parts.

use crate::domain::{ConversationId, LibraryId, MessageId, StaffId};
use crate::inbox::ingest::MAX_ATTACHMENT_BYTES;
use channels::email::{sanitize_filename, sniff_content_type, OutboundAttachment};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;

/// The largest file staff may attach (the same cap as inbound attachments).
pub const MAX_UPLOAD_BYTES: usize = MAX_ATTACHMENT_BYTES;

/// An uploaded file waiting for its reply.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Upload {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i32,
}

/// The type a file is sent as: sniffed from its bytes; text that is valid UTF-8 is
/// `text/plain`; anything else `application/octet-stream` (never HTML or SVG by name).
pub fn content_type_of(data: &[u8], filename: &str) -> &'static str {
    if let Some(sniffed) = sniff_content_type(data, filename) {
        return sniffed;
    }
    match std::str::from_utf8(data) {
        Ok(text) if !text.contains('\0') => "text/plain",
        _ => "application/octet-stream",
    }
}

/// Stores an upload for `conversation` (which the caller has checked is the library's).
pub async fn store(
    db: &PgPool,
    library: LibraryId,
    conversation: ConversationId,
    staff: StaffId,
    raw_name: &str,
    data: &[u8],
) -> sqlx::Result<Upload> {
    let content_type = content_type_of(data, raw_name);
    let filename = sanitize_filename(raw_name, content_type);
    sqlx::query_as(
        "INSERT INTO email_upload (library_id, conversation_id, staff_id, filename, content_type, size_bytes, sha256, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, filename, content_type, size_bytes",
    )
    .bind(library)
    .bind(conversation)
    .bind(staff)
    .bind(&filename)
    .bind(content_type)
    .bind(data.len() as i32)
    .bind(Sha256::digest(data).to_vec())
    .bind(data)
    .fetch_one(db)
    .await
}

/// Makes the uploads `ids` of `conversation` the attachments of `message` (inside the
/// reply's transaction). False if any id is not an upload of this conversation.
pub async fn attach(
    tx: &mut PgConnection,
    library: LibraryId,
    conversation: ConversationId,
    message: MessageId,
    ids: &[i64],
) -> sqlx::Result<bool> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let moved = sqlx::query(
        "WITH taken AS (
            DELETE FROM email_upload WHERE library_id = $1 AND conversation_id = $2 AND id = ANY($4)
            RETURNING id, filename, content_type, size_bytes, sha256, data)
         INSERT INTO attachment (library_id, message_id, filename, content_type, size_bytes, sha256, data)
         SELECT $1, $3, filename, content_type, size_bytes, sha256, data FROM taken ORDER BY id",
    )
    .bind(library)
    .bind(conversation)
    .bind(message)
    .bind(&ids)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(moved == ids.len() as u64)
}

/// How long an upload no reply took stays (a composer left open overnight still sends).
pub const UNUSED_UPLOAD_HOURS: i32 = 24;

/// Removes uploads no reply took within [`UNUSED_UPLOAD_HOURS`] (housekeeping, hourly).
pub async fn purge_unused(db: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query("DELETE FROM email_upload WHERE created_at < now() - make_interval(hours => $1)")
        .bind(UNUSED_UPLOAD_HOURS)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// The attachments of an outbound message, as the composer takes them.
pub async fn of_message(db: &PgPool, library: LibraryId, message: MessageId) -> sqlx::Result<Vec<OutboundAttachment>> {
    let rows: Vec<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT filename, content_type, data FROM attachment WHERE library_id = $1 AND message_id = $2 ORDER BY id",
    )
    .bind(library)
    .bind(message)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(filename, content_type, data)| OutboundAttachment { filename, content_type, data })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        assert_eq!(content_type_of(b"%PDF-1.7 ...", "notes.txt"), "application/pdf");
        assert_eq!(content_type_of("Opening hours: 9-5 ✓".as_bytes(), "hours.pdf"), "text/plain");
        assert_eq!(content_type_of(b"<svg onload=alert(1)>", "x.svg"), "text/plain");
        assert_eq!(content_type_of(&[0, 159, 146, 150], "x.bin"), "application/octet-stream");
    }
}
