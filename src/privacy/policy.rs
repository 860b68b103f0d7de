//! A library's retention policy. Without a row the defaults apply: nothing is kept beyond
//! 365 days, and nothing is ever kept forever.

use crate::domain::LibraryId;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgExecutor;
use utoipa::ToSchema;

pub const DEFAULT_RETENTION_DAYS: i32 = 365;
pub const DEFAULT_LAPSED_AFTER_DAYS: i32 = 365;

/// How long a library keeps what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ToSchema)]
pub struct Policy {
    /// Resolved conversations older than this are anonymised completely (1..3650).
    pub retention_days: i32,
    /// Free text (bodies, HTML, subjects, attachments, rating comments) goes after this many
    /// days if sooner than `retention_days`.
    pub body_days: Option<i32>,
    /// Who it was (addresses, names, provider ids) goes after this many days if sooner.
    pub identity_days: Option<i32>,
    /// A patron with no contact for this long counts as lapsed.
    pub lapsed_after_days: i32,
    /// Where patrons ask for their data or its erasure (shown on the privacy page).
    pub contact_email: Option<String>,
    /// Extra words for the privacy page (plain text).
    pub contact_text: Option<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            retention_days: DEFAULT_RETENTION_DAYS,
            body_days: None,
            identity_days: None,
            lapsed_after_days: DEFAULT_LAPSED_AFTER_DAYS,
            contact_email: None,
            contact_text: None,
        }
    }
}

/// The moments before which each kind of data goes, for one run of retention.
#[derive(Debug, Clone, Copy)]
pub struct Cutoffs {
    pub bodies: DateTime<Utc>,
    pub identities: DateTime<Utc>,
    pub everything: DateTime<Utc>,
}

impl Policy {
    pub async fn load(db: impl PgExecutor<'_>, library: LibraryId) -> sqlx::Result<Policy> {
        let row: Option<Policy> = sqlx::query_as(
            "SELECT retention_days, body_days, identity_days, lapsed_after_days, contact_email, contact_text
               FROM privacy_policy WHERE library_id = $1",
        )
        .bind(library)
        .fetch_optional(db)
        .await?;
        Ok(row.unwrap_or_default())
    }

    pub async fn save(&self, db: impl PgExecutor<'_>, library: LibraryId) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO privacy_policy (library_id, retention_days, body_days, identity_days, lapsed_after_days,
                                         contact_email, contact_text)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (library_id) DO UPDATE SET retention_days = $2, body_days = $3, identity_days = $4,
                 lapsed_after_days = $5, contact_email = $6, contact_text = $7, updated_at = now()",
        )
        .bind(library)
        .bind(self.retention_days)
        .bind(self.body_days)
        .bind(self.identity_days)
        .bind(self.lapsed_after_days)
        .bind(&self.contact_email)
        .bind(&self.contact_text)
        .execute(db)
        .await?;
        Ok(())
    }

    /// Checks the ranges; the message names the setting.
    pub fn check(&self) -> Result<(), String> {
        let days = |name: &str, v: i32| {
            if (1..=3650).contains(&v) {
                Ok(())
            } else {
                Err(format!("{name} must be between 1 and 3650 days"))
            }
        };
        days("retention_days", self.retention_days)?;
        days("lapsed_after_days", self.lapsed_after_days)?;
        if let Some(v) = self.body_days {
            days("body_days", v)?;
        }
        if let Some(v) = self.identity_days {
            days("identity_days", v)?;
        }
        if self.contact_email.as_deref().is_some_and(|e| e.len() > 200 || !e.contains('@')) {
            return Err("contact_email must be an email address".into());
        }
        if self.contact_text.as_deref().is_some_and(|t| t.chars().count() > 2000) {
            return Err("contact_text must be at most 2000 characters".into());
        }
        Ok(())
    }

    /// Days bodies are kept: the sooner of `body_days` and `retention_days`.
    pub fn body_days_effective(&self) -> i32 {
        self.body_days.map_or(self.retention_days, |d| d.min(self.retention_days))
    }

    /// Days identities are kept: the sooner of `identity_days` and `retention_days`.
    pub fn identity_days_effective(&self) -> i32 {
        self.identity_days.map_or(self.retention_days, |d| d.min(self.retention_days))
    }

    pub fn cutoffs(&self, now: DateTime<Utc>) -> Cutoffs {
        let before = |days: i32| now - Duration::days(days.into());
        Cutoffs {
            bodies: before(self.body_days_effective()),
            identities: before(self.identity_days_effective()),
            everything: before(self.retention_days),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_keep_nothing_beyond_a_year() {
        let p = Policy::default();
        assert_eq!((p.body_days_effective(), p.identity_days_effective()), (365, 365));
        assert!(p.check().is_ok());
    }

    #[test]
    fn per_field_choices_never_extend_retention() {
        let p = Policy { body_days: Some(90), identity_days: Some(400), ..Policy::default() };
        assert_eq!((p.body_days_effective(), p.identity_days_effective()), (90, 365));
        let bad = Policy { retention_days: 0, ..Policy::default() };
        assert!(bad.check().unwrap_err().contains("retention_days"));
    }
}
