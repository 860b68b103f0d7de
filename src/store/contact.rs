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
            "SELECT id, display_name, preferred_channel, language, created_at, last_contact_at
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
