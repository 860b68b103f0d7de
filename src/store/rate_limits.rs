//! A library's own abuse limits on its public routes (each at most the hub's ceiling).

use crate::domain::LibraryId;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use utoipa::ToSchema;

/// Limits a library chose; `None` means the hub's ceiling applies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LibraryLimits {
    /// Chat socket connects per client address per minute.
    #[serde(default)]
    pub chat_connects_per_minute: Option<i32>,
    /// Chat messages and uploads per patron chat session per minute.
    #[serde(default)]
    pub chat_messages_per_minute: Option<i32>,
    /// Survey submissions per client address per hour (a kiosk is one address).
    #[serde(default)]
    pub survey_submissions_per_hour: Option<i32>,
    /// Signed SMS provider webhooks for this library per minute.
    #[serde(default)]
    pub sms_webhooks_per_minute: Option<i32>,
    /// FAQ "this answered my question" votes per client address per 10 minutes.
    #[serde(default)]
    pub faq_votes_per_10_minutes: Option<i32>,
}

impl LibraryLimits {
    pub async fn find(db: &PgPool, library: LibraryId) -> sqlx::Result<LibraryLimits> {
        let row: Option<LibraryLimits> = sqlx::query_as(
            "SELECT chat_connects_per_minute, chat_messages_per_minute, survey_submissions_per_hour,
                    sms_webhooks_per_minute, faq_votes_per_10_minutes
               FROM library_rate_limits WHERE library_id = $1",
        )
        .bind(library)
        .fetch_optional(db)
        .await?;
        Ok(row.unwrap_or_default())
    }

    pub async fn save(&self, db: &PgPool, library: LibraryId) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO library_rate_limits (library_id, chat_connects_per_minute, chat_messages_per_minute,
                    survey_submissions_per_hour, sms_webhooks_per_minute, faq_votes_per_10_minutes)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (library_id) DO UPDATE SET
                    chat_connects_per_minute = EXCLUDED.chat_connects_per_minute,
                    chat_messages_per_minute = EXCLUDED.chat_messages_per_minute,
                    survey_submissions_per_hour = EXCLUDED.survey_submissions_per_hour,
                    sms_webhooks_per_minute = EXCLUDED.sms_webhooks_per_minute,
                    faq_votes_per_10_minutes = EXCLUDED.faq_votes_per_10_minutes,
                    updated_at = now()",
        )
        .bind(library)
        .bind(self.chat_connects_per_minute)
        .bind(self.chat_messages_per_minute)
        .bind(self.survey_submissions_per_hour)
        .bind(self.sms_webhooks_per_minute)
        .bind(self.faq_votes_per_10_minutes)
        .execute(db)
        .await?;
        Ok(())
    }
}
