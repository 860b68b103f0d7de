//! Login, logout and "who am I".

use crate::auth::{password, token::SessionToken};
use crate::domain::{LibraryId, Role, StaffId};
use crate::http::auth::{cookie_name, origin_allowed, StaffSession};
use crate::http::error::{ApiError, ApiJson, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::{audit, library::Library, session, staff::StaffCredentials};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/login", post(login))
        .route("/api/logout", post(logout))
        .route("/api/session", get(current))
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// The logged-in staff member and the CSRF token their state-changing requests must send
/// in `X-CSRF-Token`.
#[derive(Serialize, ToSchema)]
pub struct SessionInfo {
    pub library: Library,
    pub staff_id: StaffId,
    pub display_name: String,
    pub role: Role,
    pub csrf_token: String,
}

/// Logs in with email and password; sets the session cookie.
///
/// Unknown email and wrong password answer alike (and take as long). Failures are limited
/// per account and per client address (429 with Retry-After).
#[utoipa::path(post, path = "/api/login", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    // Login CSRF: the body is JSON (no cross-site form can send it without a preflight) and
    // a browser's Origin must be ours.
    if !origin_allowed(&headers, &state) {
        return Err(ApiError::Csrf);
    }
    let email = req.email.trim().to_lowercase();
    let account_key = format!("account:{email}");
    let peer_key = format!("peer:{}", peer.ip());
    for key in [&account_key, &peer_key] {
        state.login_limiter.check(key).map_err(|retry_after| ApiError::RateLimited { retry_after })?;
    }
    if req.password.len() > 1024 {
        return Err(ApiError::invalid("invalid_credentials", "wrong email or password"));
    }
    let candidates = StaffCredentials::find_active_by_email(&state.db, &email).await?;
    let mut found = None;
    if candidates.is_empty() {
        password::verify(req.password.clone(), None).await;
    }
    // The same email may hold an account in several libraries of a consortium; the
    // password picks the account.
    for c in candidates {
        if password::verify(req.password.clone(), Some(c.password_hash.clone())).await {
            found = Some(c);
            break;
        }
    }
    let Some(account) = found else {
        state.login_limiter.hit(&account_key);
        state.login_limiter.hit(&peer_key);
        return Ok((
            StatusCode::UNAUTHORIZED,
            Json(ErrorBody { code: "invalid_credentials".into(), message: "wrong email or password".into() }),
        )
            .into_response());
    };
    state.login_limiter.clear(&account_key);

    let token = SessionToken::new(account.library_id);
    let csrf = crate::auth::token::random_token();
    let lifetime = chrono::Duration::hours(state.config.auth.session_absolute_hours as i64);
    session::insert(&state.db, account.library_id, account.id, &token.hash(), &csrf, Utc::now() + lifetime).await?;
    audit::record(
        &state.db,
        account.library_id,
        Some(account.id),
        "login",
        "staff",
        Some(account.id.0),
        serde_json::json!({}),
    )
    .await?;
    tracing::info!(library.id = %account.library_id, staff.id = %account.id, "staff logged in");

    let info = session_info(&state, account.library_id, account.id, csrf).await?;
    let cookie = session_cookie(&state, &token.encode(), lifetime.num_seconds());
    Ok(([(header::SET_COOKIE, cookie)], Json(info)).into_response())
}

/// Ends the session everywhere at once: the row is revoked, so the cookie is dead even if
/// a copy survives.
#[utoipa::path(post, path = "/api/logout", tag = "session", responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, session: StaffSession) -> ApiResult<Response> {
    session::revoke(&state.db, session.actor.library, &session.token_hash).await?;
    // This instance stops trusting the cookie before answering; others on the NOTIFY.
    state.realtime.sessions.forget(session.actor.library, &session.token_hash);
    let cookie = session_cookie(&state, "", 0);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The current session, with its CSRF token.
#[utoipa::path(get, path = "/api/session", tag = "session", responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody)))]
pub async fn current(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<SessionInfo>> {
    Ok(Json(session_info(&state, session.actor.library, session.actor.staff, session.csrf_token).await?))
}

async fn session_info(
    state: &AppState,
    library: LibraryId,
    staff: StaffId,
    csrf_token: String,
) -> ApiResult<SessionInfo> {
    let library = Library::find(&state.db, library).await?.ok_or(ApiError::Unauthenticated)?;
    let me = crate::store::staff::Staff::find(&state.db, library.id, staff).await?.ok_or(ApiError::Unauthenticated)?;
    Ok(SessionInfo { library, staff_id: me.id, display_name: me.display_name, role: me.role, csrf_token })
}

fn session_cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let tls = state.config.served_over_tls();
    let secure = if tls { "; Secure" } else { "" };
    let cookie = format!("{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}", cookie_name(tls));
    HeaderValue::from_str(&cookie).expect("cookie is ASCII")
}
