use crate::domain::{LibraryId, Role, StaffId};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};

/// A staff account as the API shows it (no password hash).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Staff {
    pub library_id: LibraryId,
    pub id: StaffId,
    pub email: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// What login needs: the account and its password hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffCredentials {
    pub library_id: LibraryId,
    pub id: StaffId,
    pub password_hash: String,
}

const COLUMNS: &str = "library_id, id, email, display_name, role, disabled_at";

impl Staff {
    pub async fn insert(
        db: impl PgExecutor<'_>,
        library: LibraryId,
        email: &str,
        display_name: &str,
        role: Role,
        password_hash: &str,
    ) -> sqlx::Result<Staff> {
        sqlx::query_as(&format!(
            "INSERT INTO staff (library_id, email, display_name, role, password_hash)
             VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
        ))
        .bind(library)
        .bind(email)
        .bind(display_name)
        .bind(role.as_str())
        .bind(password_hash)
        .fetch_one(db)
        .await
    }

    pub async fn find(db: impl PgExecutor<'_>, library: LibraryId, id: StaffId) -> sqlx::Result<Option<Staff>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM staff WHERE library_id = $1 AND id = $2"))
            .bind(library)
            .bind(id)
            .fetch_optional(db)
            .await
    }

    pub async fn list(db: &PgPool, library: LibraryId) -> sqlx::Result<Vec<Staff>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM staff WHERE library_id = $1 ORDER BY display_name, id"))
            .bind(library)
            .fetch_all(db)
            .await
    }

    pub async fn set_role(db: &PgPool, library: LibraryId, id: StaffId, role: Role) -> sqlx::Result<Option<Staff>> {
        sqlx::query_as(&format!("UPDATE staff SET role = $3 WHERE library_id = $1 AND id = $2 RETURNING {COLUMNS}"))
            .bind(library)
            .bind(id)
            .bind(role.as_str())
            .fetch_optional(db)
            .await
    }

    pub async fn set_disabled(
        db: &PgPool,
        library: LibraryId,
        id: StaffId,
        disabled: bool,
    ) -> sqlx::Result<Option<Staff>> {
        sqlx::query_as(&format!(
            "UPDATE staff SET disabled_at = CASE WHEN $3 THEN coalesce(disabled_at, now()) END
             WHERE library_id = $1 AND id = $2 RETURNING {COLUMNS}"
        ))
        .bind(library)
        .bind(id)
        .bind(disabled)
        .fetch_optional(db)
        .await
    }
}

impl Staff {
    /// Replaces the account's password (a completed reset). False when there is no such
    /// active account.
    pub async fn set_password_hash(
        db: impl PgExecutor<'_>,
        library: LibraryId,
        id: StaffId,
        password_hash: &str,
    ) -> sqlx::Result<bool> {
        let done = sqlx::query(
            "UPDATE staff SET password_hash = $3 WHERE library_id = $1 AND id = $2 AND disabled_at IS NULL",
        )
        .bind(library)
        .bind(id)
        .bind(password_hash)
        .execute(db)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

impl StaffCredentials {
    /// Active accounts with this email, in any library (login does not know the library).
    pub async fn find_active_by_email(db: &PgPool, email: &str) -> sqlx::Result<Vec<StaffCredentials>> {
        sqlx::query_as(
            "SELECT library_id, id, password_hash FROM staff
             WHERE email = $1 AND disabled_at IS NULL ORDER BY library_id LIMIT 5",
        )
        .bind(email)
        .fetch_all(db)
        .await
    }
}
