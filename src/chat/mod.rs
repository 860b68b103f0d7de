//! Web chat, hub side: a channel like the others. Patron messages go through the same
//! `Ingest`; staff replies through the outbox, whose chat adapter (`delivery`) finds the
//! patron's live socket, keeps the reply for the next resume, or emails it. Live frames to
//! patron sockets come from the shared event stream (`fanout`), so a reply written on any
//! hub instance reaches a socket on any other.
//!
//! The wire protocol is `channels::chat` (and its PROTOCOL.md); the socket and HTTP routes
//! live in `http::chat`.

pub mod availability;
pub mod delivery;
pub mod fanout;
pub mod history;
pub mod offline;
pub mod patron;
pub mod session;
pub mod settings;
pub mod sweep;

/// A chat resumed or continued this soon after it was resolved is the same conversation.
pub const CONTINUE_WITHIN: std::time::Duration = std::time::Duration::from_secs(72 * 3600);

use crate::inbox::ingest::Ingest;
use crate::realtime::Realtime;
use sqlx::PgPool;
use std::sync::Arc;
use tokio::sync::Notify;

/// What patron chat actions need; built from the app's state.
#[derive(Clone)]
pub struct Chat {
    pub db: PgPool,
    pub ingest: Ingest,
    pub realtime: Realtime,
    /// Wakes this instance's outbox workers (transcripts).
    pub outbox_wake: Arc<Notify>,
}
