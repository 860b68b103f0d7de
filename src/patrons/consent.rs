//! Consent records: SMS opt-in/out and survey opt-out, with when and how. An SMS record also
//! sets the operative opt-out (`sms_consent`, by keyed hash) for each of the patron's
//! numbers.

use super::PatronError;
use crate::domain::{ContactId, LibraryId, E164};
use crate::inbox::Actor;
use crate::store::audit;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use utoipa::ToSchema;

/// One consent given or withdrawn.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, ToSchema)]
pub struct Consent {
    /// `sms` or `survey`.
    pub kind: String,
    /// True: agreed (SMS opt-in); false: refused (SMS STOP, survey opt-out).
    pub granted: bool,
    /// How: `keyword`, `provider`, `staff` or `patron`.
    pub source: String,
    pub at: DateTime<Utc>,
}

pub async fn history(db: &PgPool, library: LibraryId, contact: ContactId) -> sqlx::Result<Vec<Consent>> {
    sqlx::query_as(
        "SELECT kind, granted, source, at FROM contact_consent
          WHERE library_id = $1 AND contact_id = $2 ORDER BY at DESC, id DESC LIMIT 200",
    )
    .bind(library)
    .bind(contact)
    .fetch_all(db)
    .await
}

/// Records a consent staff heard (`source` staff) or the patron gave on a form (`patron`).
pub async fn record(
    db: &PgPool,
    actor: &Actor,
    contact: ContactId,
    kind: &str,
    granted: bool,
    source: &str,
) -> Result<(), PatronError> {
    if !matches!(kind, "sms" | "survey") {
        return Err(PatronError::invalid("invalid_consent", "kind must be sms or survey"));
    }
    if !matches!(source, "staff" | "patron") {
        return Err(PatronError::invalid("invalid_consent", "source must be staff or patron"));
    }
    let mut tx = db.begin().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM contact WHERE library_id = $1 AND id = $2")
        .bind(actor.library)
        .bind(contact)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(PatronError::NotFound("contact"));
    }
    if kind == "sms" {
        let phones: Vec<String> = sqlx::query_scalar(
            "SELECT address FROM contact_identity WHERE library_id = $1 AND contact_id = $2 AND channel = 'sms'",
        )
        .bind(actor.library)
        .bind(contact)
        .fetch_all(&mut *tx)
        .await?;
        for phone in phones.iter().filter_map(|p| E164::parse(p).ok()) {
            // The history row for this contact is written below, once.
            crate::store::sms::set_consent_only(&mut *tx, actor.library, &phone, !granted, "staff").await?;
        }
    }
    sqlx::query(
        "INSERT INTO contact_consent (library_id, contact_id, kind, granted, source) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(actor.library)
    .bind(contact)
    .bind(kind)
    .bind(granted)
    .bind(source)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        actor.library,
        Some(actor.staff),
        "consent",
        "contact",
        Some(contact.0),
        serde_json::json!({"kind": kind, "granted": granted}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
