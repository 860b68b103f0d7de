//! The HTTP surface: the staff API, health checks, the OpenAPI document.

pub mod api;
pub mod auth;
pub mod chat;
mod console;
pub mod error;
mod faq_pages;
mod faq_public;
mod fresh_after_write;
mod headers;
mod health;
pub mod openapi;
mod privacy_page;
pub mod public;
pub mod rate_limit;
pub mod serve;
pub mod webhooks;
mod widget;
pub mod ws;

use crate::config::Config;
use crate::inbox::actions::Actions;
use crate::inbox::ingest::Ingest;
use crate::realtime::sockets::Sockets;
use crate::realtime::Realtime;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use rate_limit::RateLimiter;
use sqlx::PgPool;
use std::sync::Arc;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    /// The reports' own small pool, with a statement timeout (src/reports/pool.rs).
    pub reports_db: PgPool,
    pub config: Arc<Config>,
    pub actions: Actions,
    pub ingest: Ingest,
    pub login_limiter: Arc<RateLimiter>,
    /// Webhook requests per library and minute (a flood never starves the database).
    pub webhook_limiter: Arc<RateLimiter>,
    /// Survey submissions per client address and hour (the public pages; memory only).
    pub survey_limiter: Arc<RateLimiter>,
    /// Anonymous FAQ votes ("this answered my question") per client address (memory only).
    pub faq_vote_limiter: Arc<RateLimiter>,
    /// Password reset requests (per address and per account) and completions (per address).
    pub reset_limiter: Arc<RateLimiter>,
    /// Each library's own limits on its public routes, within the hub's ceilings.
    pub library_limits: Arc<rate_limit::LibraryLimitsCache>,
    /// Each library's SMS account, as the webhooks verify with it (src/sms/accounts.rs).
    pub realtime: Realtime,
    /// This instance's console sockets.
    pub sockets: Sockets,
    /// Rate limits of the patron chat routes.
    pub chat_limits: Arc<chat::ChatLimits>,
    /// The Origin our own pages send (`scheme://host[:port]`).
    pub public_origin: String,
}

/// Largest request body the API reads (a long reply is well under it).
const MAX_BODY_BYTES: usize = 1024 * 1024;

pub fn router(state: AppState) -> Router {
    let tls = state.config.served_over_tls();
    let request_timeout = state.config.http.request_timeout();
    Router::new()
        .merge(api::router())
        .merge(health::router())
        .merge(ws::router())
        .merge(chat::router())
        .merge(webhooks::router())
        .merge(faq_pages::router())
        .merge(faq_public::router())
        .merge(widget::router())
        .merge(public::router())
        .merge(privacy_page::router())
        .route("/api/openapi.json", get(openapi::serve))
        .fallback(console::serve)
        .layer(axum::middleware::from_fn_with_state(state.clone(), fresh_after_write::drop_lists_after_write))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(move |req, next| headers::security_headers(tls, req, next)))
        // Paths only: query strings may hold search text typed by staff about patrons.
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::extract::Request| {
            tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
        }))
        // A body that trickles in is cut here: the handler reading it is inside the timeout.
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, request_timeout))
        .with_state(state)
}
