//! Surveys and their immutable versions.
//!
//! Managers edit a survey's draft; publishing copies the draft into a new version and makes
//! it the one the public page shows. Versions are never updated, so every response stays
//! tied to the questions it answered.

use crate::domain::{LibraryId, StaffId};
use channels::survey::SurveyDefinition;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::types::Json;
use sqlx::{PgConnection, PgExecutor, PgPool};
use utoipa::ToSchema;

/// A survey as managers see it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct Survey {
    pub id: i64,
    pub slug: String,
    pub name: String,
    #[schema(value_type = SurveyDefinition)]
    pub draft: Json<SurveyDefinition>,
    /// The version the public page shows; null until first published.
    pub published_version: Option<i32>,
    /// True when the draft differs from the published version (there is something to publish).
    pub unpublished_changes: bool,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One published version (the list in the builder).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, ToSchema)]
pub struct VersionInfo {
    pub version: i32,
    pub published_at: DateTime<Utc>,
    pub published_by: Option<i64>,
    pub responses: i64,
}

/// What the public page needs: the survey and its live version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveSurvey {
    pub library_id: LibraryId,
    pub library_slug: String,
    pub library_name: String,
    pub library_timezone: String,
    pub survey_id: i64,
    pub slug: String,
    pub version: i32,
    pub definition: Json<SurveyDefinition>,
}

const COLUMNS: &str = "s.id, s.slug, s.name, s.draft, s.published_version, s.closed_at, s.created_at, s.updated_at,
    (s.published_version IS NULL OR s.draft IS DISTINCT FROM
        (SELECT v.definition FROM survey_version v
          WHERE v.library_id = s.library_id AND v.survey_id = s.id AND v.version = s.published_version))
        AS unpublished_changes";

impl Survey {
    pub async fn list(db: &PgPool, library: LibraryId) -> sqlx::Result<Vec<Survey>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM survey s WHERE s.library_id = $1 ORDER BY s.id"))
            .bind(library)
            .fetch_all(db)
            .await
    }

    pub async fn find(db: impl PgExecutor<'_>, library: LibraryId, id: i64) -> sqlx::Result<Option<Survey>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM survey s WHERE s.library_id = $1 AND s.id = $2"))
            .bind(library)
            .bind(id)
            .fetch_optional(db)
            .await
    }

    pub async fn create(
        db: impl PgExecutor<'_>,
        library: LibraryId,
        slug: &str,
        name: &str,
        draft: &SurveyDefinition,
    ) -> sqlx::Result<i64> {
        sqlx::query_scalar("INSERT INTO survey (library_id, slug, name, draft) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(library)
            .bind(slug)
            .bind(name)
            .bind(Json(draft))
            .fetch_one(db)
            .await
    }

    /// Replaces the draft (the live version is untouched until published). False: no such survey.
    pub async fn update_draft(
        db: impl PgExecutor<'_>,
        library: LibraryId,
        id: i64,
        name: &str,
        draft: &SurveyDefinition,
        closed: Option<bool>,
    ) -> sqlx::Result<bool> {
        let done = sqlx::query(
            "UPDATE survey SET name = $3, draft = $4, updated_at = now(),
                    closed_at = CASE WHEN $5::boolean IS NULL THEN closed_at
                                     WHEN $5 THEN coalesce(closed_at, now()) ELSE NULL END
              WHERE library_id = $1 AND id = $2",
        )
        .bind(library)
        .bind(id)
        .bind(name)
        .bind(Json(draft))
        .bind(closed)
        .execute(db)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Publishes the draft as a new version, unless it equals the live one. Returns the live
    /// version afterwards; None: no such survey.
    pub async fn publish(
        tx: &mut PgConnection,
        library: LibraryId,
        id: i64,
        by: Option<StaffId>,
    ) -> sqlx::Result<Option<i32>> {
        let Some(current) = Survey::lock(tx, library, id).await? else { return Ok(None) };
        if !current.unpublished_changes {
            return Ok(current.published_version);
        }
        let version: i32 = sqlx::query_scalar(
            "INSERT INTO survey_version (library_id, survey_id, version, definition, published_by)
             SELECT $1, $2, coalesce((SELECT max(version) FROM survey_version WHERE library_id = $1 AND survey_id = $2), 0) + 1,
                    s.draft, $3
               FROM survey s WHERE s.library_id = $1 AND s.id = $2
             RETURNING version",
        )
        .bind(library)
        .bind(id)
        .bind(by)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE survey SET published_version = $3, updated_at = now() WHERE library_id = $1 AND id = $2")
            .bind(library)
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await?;
        Ok(Some(version))
    }

    async fn lock(tx: &mut PgConnection, library: LibraryId, id: i64) -> sqlx::Result<Option<Survey>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM survey s WHERE s.library_id = $1 AND s.id = $2 FOR UPDATE"))
            .bind(library)
            .bind(id)
            .fetch_optional(tx)
            .await
    }

    pub async fn versions(db: &PgPool, library: LibraryId, id: i64) -> sqlx::Result<Vec<VersionInfo>> {
        sqlx::query_as(
            "SELECT v.version, v.published_at, v.published_by,
                    (SELECT count(*) FROM survey_response r
                      WHERE r.library_id = v.library_id AND r.survey_id = v.survey_id AND r.version = v.version) AS responses
               FROM survey_version v WHERE v.library_id = $1 AND v.survey_id = $2 ORDER BY v.version",
        )
        .bind(library)
        .bind(id)
        .fetch_all(db)
        .await
    }

    /// A version's definition (paper entry and exports name versions).
    pub async fn version(
        db: impl PgExecutor<'_>,
        library: LibraryId,
        id: i64,
        version: i32,
    ) -> sqlx::Result<Option<SurveyDefinition>> {
        let row: Option<Json<SurveyDefinition>> = sqlx::query_scalar(
            "SELECT definition FROM survey_version WHERE library_id = $1 AND survey_id = $2 AND version = $3",
        )
        .bind(library)
        .bind(id)
        .bind(version)
        .fetch_optional(db)
        .await?;
        Ok(row.map(|j| j.0))
    }
}

impl LiveSurvey {
    /// The open, published survey at `/s/{library}/{survey}`, if there is one.
    pub async fn find(db: &PgPool, library_slug: &str, survey_slug: &str) -> sqlx::Result<Option<LiveSurvey>> {
        sqlx::query_as(
            "SELECT l.id AS library_id, l.slug AS library_slug, l.name AS library_name, l.timezone AS library_timezone,
                    s.id AS survey_id, s.slug, v.version, v.definition
               FROM library l
               JOIN survey s ON s.library_id = l.id AND s.slug = $2
               JOIN survey_version v ON v.library_id = s.library_id AND v.survey_id = s.id AND v.version = s.published_version
              WHERE l.slug = $1 AND s.closed_at IS NULL",
        )
        .bind(library_slug)
        .bind(survey_slug)
        .fetch_optional(db)
        .await
    }

    /// Counts one page view for today (aggregate only: the response rate's denominator).
    pub async fn count_view(&self, db: &PgPool) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO survey_view_daily AS d (library_id, survey_id, day, views)
             VALUES ($1, $2, (now() AT TIME ZONE $3)::date, 1)
             ON CONFLICT (library_id, survey_id, day) DO UPDATE SET views = d.views + 1",
        )
        .bind(self.library_id)
        .bind(self.survey_id)
        .bind(&self.library_timezone)
        .execute(db)
        .await?;
        Ok(())
    }
}
