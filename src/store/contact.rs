use crate::domain::{ContactId, LibraryId};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// A patron.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Contact {
    pub id: ContactId,
    pub display_name: Option<String>,
    pub preferred_channel: Option<String>,
    pub language: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_contact_at: DateTime<Utc>,
    /// The library's own word: adult, student, child, faculty...
    pub patron_type: Option<String>,
    pub home_branch: Option<String>,
    /// new, returning or lapsed.
    pub lifecycle_stage: String,
    /// When the stage last changed.
    pub lifecycle_changed_at: DateTime<Utc>,
    /// Set while this contact is merged into another one.
    pub merged_into: Option<ContactId>,
    /// Set once retention or erasure removed who the patron was.
    pub anonymised_at: Option<DateTime<Utc>>,
}

/// One way to reach a patron.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Identity {
    pub channel: String,
    pub address: String,
    pub created_at: DateTime<Utc>,
}

impl Contact {
    pub async fn find(db: &PgPool, library: LibraryId, id: ContactId) -> sqlx::Result<Option<Contact>> {
        sqlx::query_as(
            "SELECT id, display_name, preferred_channel, language, created_at, last_contact_at, patron_type,
                    home_branch, lifecycle_stage, lifecycle_changed_at, merged_into, anonymised_at
               FROM contact WHERE library_id = $1 AND id = $2",
        )
        .bind(library)
        .bind(id)
        .fetch_optional(db)
        .await
    }

    pub async fn identities(db: &PgPool, library: LibraryId, id: ContactId) -> sqlx::Result<Vec<Identity>> {
        sqlx::query_as(
            "SELECT channel, address, created_at FROM contact_identity
              WHERE library_id = $1 AND contact_id = $2 ORDER BY id",
        )
        .bind(library)
        .bind(id)
        .fetch_all(db)
        .await
    }
}
