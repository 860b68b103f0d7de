//! Erasure of one patron on request: every conversation of theirs (on every channel, and
//! of every contact merged into them) loses its text and who it was, then the contact its
//! profile, identities and consent history, in one transaction. What stays is what
//! anonymisation keeps (counts, times, READ levels, ratings' scores: reports do not change)
//! and the keyed hash of an SMS opt-out, so a patron who said STOP is never texted again.

use super::retention::{remove, remove_contacts, Part};
use crate::domain::{ContactId, LibraryId, StaffId};
use crate::store::audit;
use chrono::Utc;
use sqlx::PgPool;

/// What an erasure touched (ids and counts only).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Erased {
    pub contacts: Vec<i64>,
    pub conversations: usize,
}

/// Erases the patron `contact` (None: no such contact in this library). Recorded in the
/// audit log in the same transaction.
pub async fn erase(
    db: &PgPool,
    library: LibraryId,
    contact: ContactId,
    staff: Option<StaffId>,
) -> sqlx::Result<Option<Erased>> {
    let mut tx = db.begin().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM contact WHERE library_id = $1 AND id = $2 FOR UPDATE")
        .bind(library)
        .bind(contact)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let contacts = super::person(&mut tx, library, contact).await?;
    let conversations: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM conversation WHERE library_id = $1 AND contact_id = ANY($2) ORDER BY id FOR UPDATE",
    )
    .bind(library)
    .bind(&contacts)
    .fetch_all(&mut *tx)
    .await?;
    let now = Utc::now();
    remove(&mut tx, library, Part::Bodies, &conversations, now).await?;
    remove(&mut tx, library, Part::Identities, &conversations, now).await?;
    remove_contacts(&mut tx, library, &contacts).await?;
    audit::record(
        &mut *tx,
        library,
        staff,
        "erase",
        "contact",
        Some(contact.0),
        serde_json::json!({"contacts": contacts, "conversations": conversations.len()}),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(library.id = %library, contact.id = %contact, conversations = conversations.len(), "patron erased");
    Ok(Some(Erased { contacts, conversations: conversations.len() }))
}
