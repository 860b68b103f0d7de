//! The patron side of web chat over HTTP: the widget socket (`GET /ws/chat`), the public
//! config and attachment routes. Protocol: `channels::chat` and its PROTOCOL.md.

mod public;
mod socket;

use super::rate_limit::RateLimiter;
use super::AppState;
use axum::Router;
use std::time::Duration;

/// Per-instance counters of the chat routes. The budgets are the library's own limits
/// within the hub's ceilings (`chat.*` settings), passed at each use.
pub struct ChatLimits {
    /// Socket connects per library and client address per minute.
    pub connect: RateLimiter,
    /// Messages and uploads per session per minute.
    pub send: RateLimiter,
}

impl Default for ChatLimits {
    fn default() -> Self {
        let config = crate::config::ChatConfig::default();
        Self {
            connect: RateLimiter::new(config.connects_per_address_per_minute, Duration::from_secs(60)),
            send: RateLimiter::new(config.messages_per_session_per_minute, Duration::from_secs(60)),
        }
    }
}

pub fn router() -> Router<AppState> {
    Router::new().merge(socket::router()).merge(public::router())
}

/// Chat actions with this app's database, ingest and event stream.
pub(crate) fn chat(state: &AppState) -> crate::chat::Chat {
    crate::chat::Chat {
        db: state.db.clone(),
        ingest: state.ingest.clone(),
        realtime: state.realtime.clone(),
        outbox_wake: state.actions.outbox_wake.clone(),
    }
}
