//! Read-your-writes for the cached inbox lists: after a staff request that may have
//! changed something, the caller's library's cached pages are dropped on this instance
//! before the response leaves, and every other instance is told by NOTIFY. Events drop
//! them too, but a staff member who assigns a conversation and re-lists at once must not
//! depend on how soon the event is numbered and read.

use super::auth::{cookie_name, read_cookie};
use super::AppState;
use crate::auth::token::SessionToken;
use crate::realtime::cache_signal;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

pub async fn drop_lists_after_write(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    // The cookie names the library; whether it is a live session the response tells (a
    // refused request changed nothing, so a forged cookie cannot flush anyone's pages).
    let library = read_cookie(req.headers(), cookie_name(state.config.served_over_tls()))
        .and_then(SessionToken::decode)
        .map(|token| token.library);
    let response = next.run(req).await;
    let refused =
        matches!(response.status(), StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::TOO_MANY_REQUESTS);
    if let (Some(library), false) = (library, refused) {
        state.realtime.lists.invalidate(library);
        if let Err(e) = cache_signal::lists_changed(&state.db, library).await {
            // Other instances still drop their pages on the write's event, or within LIST_TTL.
            tracing::warn!(error = %e, library.id = %library, "telling other instances about a write failed");
        }
    }
    response
}
