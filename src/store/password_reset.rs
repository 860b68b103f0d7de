//! Password reset links: only the hash of each link's secret is stored.

use crate::domain::{LibraryId, StaffId};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

/// How a link was issued (kept for the audit trail and support questions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuedVia {
    /// Mailed after a "forgot password" request.
    Email,
    /// Made by an admin or manager for a colleague.
    Colleague,
    /// Printed by `refdesk staff reset-password`.
    Cli,
}

impl IssuedVia {
    pub fn as_str(self) -> &'static str {
        match self {
            IssuedVia::Email => "email",
            IssuedVia::Colleague => "colleague",
            IssuedVia::Cli => "cli",
        }
    }
}

/// Why a link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// No such link (or its account was disabled or removed).
    Unknown,
    Expired,
    Used,
    /// A newer link was issued for the same account.
    Superseded,
}

/// Stores a new link for `staff`, superseding every earlier unused one, in the caller's
/// transaction.
pub async fn issue(
    tx: &mut PgConnection,
    library: LibraryId,
    staff: StaffId,
    token_hash: &[u8],
    via: IssuedVia,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE staff_password_reset SET superseded_at = now()
          WHERE library_id = $1 AND staff_id = $2 AND used_at IS NULL AND superseded_at IS NULL",
    )
    .bind(library)
    .bind(staff)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO staff_password_reset (library_id, token_hash, staff_id, issued_via, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(library)
    .bind(token_hash)
    .bind(staff)
    .bind(via.as_str())
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Marks the link used and returns its account, or says why it cannot be used. The row is
/// locked, so of two concurrent uses exactly one succeeds.
pub async fn consume(
    tx: &mut PgConnection,
    library: LibraryId,
    token_hash: &[u8],
) -> sqlx::Result<Result<StaffId, Refused>> {
    type Row = (StaffId, bool, bool, bool, bool);
    let row: Option<Row> = sqlx::query_as(
        "SELECT r.staff_id, r.used_at IS NOT NULL, r.superseded_at IS NOT NULL, r.expires_at <= now(),
                st.disabled_at IS NOT NULL
           FROM staff_password_reset r
           JOIN staff st ON st.library_id = r.library_id AND st.id = r.staff_id
          WHERE r.library_id = $1 AND r.token_hash = $2
            FOR UPDATE OF r",
    )
    .bind(library)
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((staff, used, superseded, expired, disabled)) = row else {
        return Ok(Err(Refused::Unknown));
    };
    // Used before superseded: a link that worked once says so, whatever came after it.
    let refused = if disabled {
        Some(Refused::Unknown)
    } else if used {
        Some(Refused::Used)
    } else if superseded {
        Some(Refused::Superseded)
    } else if expired {
        Some(Refused::Expired)
    } else {
        None
    };
    if let Some(r) = refused {
        return Ok(Err(r));
    }
    sqlx::query("UPDATE staff_password_reset SET used_at = now() WHERE library_id = $1 AND token_hash = $2")
        .bind(library)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    Ok(Ok(staff))
}

/// Deletes links that can no longer be used, a day after they stopped working.
pub async fn purge_dead(db: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM staff_password_reset
          WHERE expires_at < now() - interval '1 day'
             OR used_at < now() - interval '1 day'
             OR superseded_at < now() - interval '1 day'",
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
