//! The conversation inbox: ingest of patron messages and every staff action on them.
//! Each action is one transaction that also appends its event; the event is published
//! after COMMIT.

pub mod actions;
pub mod ingest;
pub mod list_cache;

use crate::domain::{LibraryId, Role, StaffId};

/// The staff member an action is done by, from their session.
#[derive(Debug, Clone)]
pub struct Actor {
    pub library: LibraryId,
    pub staff: StaffId,
    pub role: Role,
    pub name: String,
}

/// Why a staff action could not be done. Mapped to HTTP statuses with stable codes.
#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    /// Also for rows of another library: they do not exist for this caller.
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

impl InboxError {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        InboxError::Invalid { code, message: message.into() }
    }
}
