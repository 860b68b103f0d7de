//! Staff password reset over HTTP: "forgot password" (anyone; mails a link), completing a
//! reset with the link's token (anyone holding it), and a link made by a colleague for a
//! library without a mailbox (admins and managers).

use crate::auth::reset::{self, CompleteError};
use crate::auth::reset_mail::ResetMailer;
use crate::domain::{Role, StaffId};
use crate::http::auth::{origin_allowed, StaffSession};
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::password_reset::{IssuedVia, Refused};
use crate::store::staff::Staff;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/auth/password-reset", post(request))
        .route("/api/auth/password-reset/complete", post(complete))
        .route("/api/staff/{id}/password-reset-link", post(colleague_link))
}

#[derive(Deserialize, ToSchema)]
pub struct ResetRequest {
    /// The account's email address.
    pub email: String,
}

/// The same answer whatever the address.
#[derive(Serialize, ToSchema)]
pub struct ResetRequested {
    pub message: String,
}

/// Asks for a password reset link by email ("forgot password").
///
/// Always 202 with the same body, as fast whether or not an account exists: the link is
/// mailed afterwards, through the library's own mailbox, to each active account with the
/// address. Limited per client address and per address asked for (429 with Retry-After).
#[utoipa::path(post, path = "/api/auth/password-reset", tag = "session", request_body = ResetRequest,
    responses((status = 202, body = ResetRequested), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn request(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ResetRequest>,
) -> ApiResult<(StatusCode, Json<ResetRequested>)> {
    if !origin_allowed(&headers, &state) {
        return Err(ApiError::Csrf);
    }
    let email = req.email.trim().to_lowercase();
    if email.len() > 320 || !email.contains('@') || email.chars().any(char::is_control) {
        return Err(ApiError::invalid("invalid_email", "enter the email address of your staff account"));
    }
    let auth = &state.config.auth;
    let keys = [
        (format!("reset-request:peer:{}", peer.ip()), auth.reset_requests_per_address_per_window),
        (format!("reset-request:account:{email}"), auth.reset_requests_per_account_per_window),
    ];
    for (key, max) in &keys {
        state.reset_limiter.check_max(key, *max).map_err(|retry_after| ApiError::RateLimited { retry_after })?;
    }
    for (key, _) in &keys {
        state.reset_limiter.hit(key);
    }
    let mailer = ResetMailer {
        db: state.db.clone(),
        public_origin: state.public_origin.clone(),
        private: state.config.outbound.private_nets(),
        valid_minutes: auth.reset_link_minutes,
    };
    tokio::spawn(async move { mailer.send_links(&email).await });
    let message = "If a staff account uses that address, a link to reset its password is on its way.".to_owned();
    Ok((StatusCode::ACCEPTED, Json(ResetRequested { message })))
}

#[derive(Deserialize, ToSchema)]
pub struct CompleteReset {
    /// The token from the link (after `#token=`).
    pub token: String,
    /// The new password: at least 12 characters.
    pub password: String,
}

/// Sets a new password with a reset link's token. The link then no longer works, every
/// session of the account ends (open consoles close), and the audit log records it.
/// Limited per client address (429 with Retry-After).
#[utoipa::path(post, path = "/api/auth/password-reset/complete", tag = "session", request_body = CompleteReset,
    responses((status = 204), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn complete(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<CompleteReset>,
) -> ApiResult<StatusCode> {
    if !origin_allowed(&headers, &state) {
        return Err(ApiError::Csrf);
    }
    let key = format!("reset-complete:peer:{}", peer.ip());
    let max = state.config.auth.reset_completions_per_address_per_window;
    state.reset_limiter.take(&key, max).map_err(|retry_after| ApiError::RateLimited { retry_after })?;
    if req.token.len() > 200 {
        return Err(refused(Refused::Unknown));
    }
    match reset::complete(&state.db, &req.token, req.password).await {
        Ok((library, staff)) => {
            // The old password's sessions ended in the reset's transaction; stop trusting
            // them here before answering (other instances drop them on the NOTIFY).
            state.realtime.sessions.forget_staff(library, staff);
            Ok(StatusCode::NO_CONTENT)
        }
        Err(CompleteError::Link(r)) => Err(refused(r)),
        Err(CompleteError::WeakPassword(m)) => Err(ApiError::invalid("weak_password", m)),
        Err(CompleteError::Database(e)) => Err(e.into()),
        Err(CompleteError::Internal(e)) => Err(ApiError::Internal(e)),
    }
}

fn refused(r: Refused) -> ApiError {
    let (code, message) = match r {
        Refused::Unknown => ("reset_link_invalid", "This reset link is not valid. Ask for a new one."),
        Refused::Expired => ("reset_link_expired", "This reset link has expired. Ask for a new one."),
        Refused::Used => ("reset_link_used", "This reset link was already used. Ask for a new one if you need it."),
        Refused::Superseded => {
            ("reset_link_superseded", "A newer reset link was sent; this one no longer works. Use the newest one.")
        }
    };
    ApiError::invalid(code, message)
}

/// A reset link made for a colleague.
#[derive(Serialize, ToSchema)]
pub struct ResetLink {
    /// Give it to the colleague only (in person, by phone); it works once.
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// Makes a password reset link for a colleague, e.g. when the library has no mailbox to
/// mail it from (admins for anyone; managers for staff accounts). Supersedes earlier links
/// of the account; audit-logged. Not for your own account: use "forgot password".
#[utoipa::path(post, path = "/api/staff/{id}/password-reset-link", tag = "staff", params(("id" = i64, Path)),
    responses((status = 201, body = ResetLink), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn colleague_link(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<StaffId>,
) -> ApiResult<(StatusCode, Json<ResetLink>)> {
    session.require(Role::Manager)?;
    let library = session.actor.library;
    let target = Staff::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("staff member"))?;
    if target.id == session.actor.staff {
        return Err(ApiError::invalid("cannot_reset_self", "use \"Forgot password?\" for your own account"));
    }
    // A manager resetting a manager's or admin's password could take over that account.
    if session.actor.role < Role::Admin && target.role >= session.actor.role {
        return Err(ApiError::Forbidden);
    }
    if target.disabled_at.is_some() {
        return Err(ApiError::invalid("account_disabled", "enable the account first"));
    }
    let link = reset::issue_link(
        &state.db,
        &state.public_origin,
        state.config.auth.reset_link_minutes,
        library,
        target.id,
        IssuedVia::Colleague,
        Some(session.actor.staff),
    )
    .await?;
    tracing::info!(library.id = %library, staff.id = %target.id, "password reset link made by a colleague");
    Ok((StatusCode::CREATED, Json(ResetLink { url: link.url, expires_at: link.expires_at })))
}
