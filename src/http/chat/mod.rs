//! The patron side of web chat over HTTP: the widget socket (`GET /ws/chat`), the public
//! config and attachment routes. Protocol: `channels::chat` and its PROTOCOL.md.

mod public;
mod socket;

use super::rate_limit::RateLimiter;
use super::AppState;
use axum::Router;
use std::time::Duration;

/// Per-instance limits of the chat routes.
pub struct ChatLimits {
    /// Socket connects per client address per minute.
    pub connect: RateLimiter,
    /// Messages and uploads per session per minute.
    pub send: RateLimiter,
}

impl Default for ChatLimits {
    fn default() -> Self {
        Self {
            connect: RateLimiter::new(60, Duration::from_secs(60)),
            send: RateLimiter::new(20, Duration::from_secs(60)),
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
