//! The staff session extractor: every staff route takes a [`StaffSession`], so a route
//! without authentication cannot be written by accident. Verified sessions are kept for a
//! few seconds in memory (`auth::session_cache`), so most requests cost no database round
//! trip; ending a session drops it from there at once.

use super::error::ApiError;
use super::AppState;
use crate::auth::token::SessionToken;
use crate::domain::Role;
use crate::inbox::Actor;
use crate::store::session;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use chrono::Utc;
use subtle::ConstantTimeEq;

/// The header state-changing requests must carry, with the token from `GET /api/session`.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// An authenticated staff member, checked for CSRF on state-changing requests.
pub struct StaffSession {
    pub actor: Actor,
    pub token_hash: Vec<u8>,
    pub csrf_token: String,
}

impl StaffSession {
    /// 403 unless the staff member's role is at least `role`.
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.actor.role >= role {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// The session cookie's name: `__Host-` prefixed when served over TLS, which pins it to
/// this host, path `/`, and Secure.
pub fn cookie_name(tls: bool) -> &'static str {
    if tls {
        "__Host-refdesk_session"
    } else {
        "refdesk_session"
    }
}

pub fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Browsers send Origin on every cross-origin and every non-GET request; when present it
/// must be ours. Together with SameSite cookies and the CSRF header this closes CSRF.
pub fn origin_allowed(headers: &HeaderMap, state: &AppState) -> bool {
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => origin == state.public_origin,
    }
}

impl FromRequestParts<AppState> for StaffSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let raw = read_cookie(&parts.headers, cookie_name(state.config.served_over_tls()))
            .ok_or(ApiError::Unauthenticated)?;
        let token = SessionToken::decode(raw).ok_or(ApiError::Unauthenticated)?;
        let hash = token.hash();
        let sessions = &state.realtime.sessions;
        let idle = chrono::Duration::minutes(state.config.auth.session_idle_minutes as i64);
        let row = match sessions.get(token.library, &hash, idle) {
            Some(row) => row,
            None => {
                let generation = sessions.generation();
                let row = session::find_live(&state.db, token.library, &hash, state.config.auth.session_idle_minutes)
                    .await?
                    .ok_or(ApiError::Unauthenticated)?;
                sessions.store(&hash, row.clone(), generation);
                row
            }
        };
        if is_state_changing(&parts.method) {
            let sent = parts.headers.get(CSRF_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
            let matches: bool = sent.ct_eq(row.csrf_token.as_bytes()).into();
            if !matches || !origin_allowed(&parts.headers, state) {
                return Err(ApiError::Csrf);
            }
        }
        // Activity keeps the session alive; one write a minute is precise enough for an
        // idle limit measured in hours.
        let now = Utc::now();
        if now - row.last_seen_at > chrono::Duration::seconds(60) {
            session::touch(&state.db, token.library, &hash).await?;
            sessions.touched(token.library, &hash, now);
        }
        Ok(StaffSession {
            actor: Actor { library: row.library_id, staff: row.staff_id, role: row.role, name: row.display_name },
            token_hash: hash,
            csrf_token: row.csrf_token,
        })
    }
}
