//! Staff password reset: single-use links that expire, and setting the new password.
//!
//! A link is `{public origin}/reset-password#token={library}.{secret}`: 256 random bits of
//! which only the SHA-256 is stored. The token travels in the URL fragment, which browsers
//! never send to a server, so it reaches no access log and no Referer. A newer link for
//! the same account supersedes older ones. Completing a reset marks the link used, sets
//! the password, ends every session of the account (open console sockets close as on
//! logout) and writes the audit log, in one transaction.

use super::password;
use super::token::ResetToken;
use crate::domain::{LibraryId, StaffId};
use crate::store::password_reset::{self, IssuedVia, Refused};
use crate::store::staff::Staff;
use crate::store::{audit, session};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// A link to hand to one staff member (by email, on screen, on the command line).
#[derive(Debug, Clone)]
pub struct IssuedLink {
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// Stores a new link for `staff` (superseding older ones) and returns it. `actor` is who
/// made it (a colleague), for the audit log.
pub async fn issue_link(
    db: &PgPool,
    public_origin: &str,
    valid_minutes: u32,
    library: LibraryId,
    staff: StaffId,
    via: IssuedVia,
    actor: Option<StaffId>,
) -> sqlx::Result<IssuedLink> {
    let token = ResetToken::new(library);
    let expires_at = Utc::now() + chrono::Duration::minutes(valid_minutes as i64);
    let mut tx = db.begin().await?;
    password_reset::issue(&mut tx, library, staff, &token.hash(), via, expires_at).await?;
    let detail = serde_json::json!({ "via": via.as_str() });
    audit::record(&mut *tx, library, actor, "password_reset_issued", "staff", Some(staff.0), detail).await?;
    tx.commit().await?;
    Ok(IssuedLink { url: format!("{public_origin}/reset-password#token={}", token.encode()), expires_at })
}

/// Why a reset was not completed.
#[derive(Debug)]
pub enum CompleteError {
    Link(Refused),
    WeakPassword(String),
    Database(sqlx::Error),
    Internal(anyhow::Error),
}

impl From<sqlx::Error> for CompleteError {
    fn from(e: sqlx::Error) -> Self {
        CompleteError::Database(e)
    }
}

/// Sets `new_password` for the account of the link `raw_token`, if the link still works.
/// Returns the account.
pub async fn complete(
    db: &PgPool,
    raw_token: &str,
    new_password: String,
) -> Result<(LibraryId, StaffId), CompleteError> {
    password::check_strength(&new_password).map_err(CompleteError::WeakPassword)?;
    let token = ResetToken::decode(raw_token.trim()).ok_or(CompleteError::Link(Refused::Unknown))?;
    // Hashed before the transaction: argon2 takes a while and must not hold the row lock.
    let hash = password::hash(new_password).await.map_err(CompleteError::Internal)?;
    let library = token.library;
    let mut tx = db.begin().await?;
    let staff = match password_reset::consume(&mut tx, library, &token.hash()).await? {
        Ok(staff) => staff,
        Err(refused) => return Err(CompleteError::Link(refused)),
    };
    if !Staff::set_password_hash(&mut *tx, library, staff, &hash).await? {
        return Err(CompleteError::Link(Refused::Unknown));
    }
    let ended = session::revoke_all_for(&mut *tx, library, staff).await?;
    let detail = serde_json::json!({ "sessions_ended": ended });
    audit::record(&mut *tx, library, Some(staff), "password_reset", "staff", Some(staff.0), detail).await?;
    tx.commit().await?;
    tracing::info!(library.id = %library, staff.id = %staff, sessions.ended = ended, "password reset completed");
    Ok((library, staff))
}
