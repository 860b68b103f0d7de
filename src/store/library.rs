use crate::domain::LibraryId;
use sqlx::{PgExecutor, PgPool};

/// A library: the tenant every other row belongs to.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Library {
    pub id: LibraryId,
    pub slug: String,
    pub name: String,
    pub timezone: String,
}

impl Library {
    pub async fn create(db: impl PgExecutor<'_>, slug: &str, name: &str) -> sqlx::Result<Library> {
        sqlx::query_as("INSERT INTO library (slug, name) VALUES ($1, $2) RETURNING id, slug, name, timezone")
            .bind(slug)
            .bind(name)
            .fetch_one(db)
            .await
    }

    pub async fn find_by_slug(db: &PgPool, slug: &str) -> sqlx::Result<Option<Library>> {
        sqlx::query_as("SELECT id, slug, name, timezone FROM library WHERE slug = $1")
            .bind(slug)
            .fetch_optional(db)
            .await
    }

    pub async fn find(db: &PgPool, id: LibraryId) -> sqlx::Result<Option<Library>> {
        sqlx::query_as("SELECT id, slug, name, timezone FROM library WHERE id = $1").bind(id).fetch_optional(db).await
    }
}
