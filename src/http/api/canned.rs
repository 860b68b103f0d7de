//! Canned responses: answers staff give often, inserted in the composer by shortcut.
//!
//! Bodies may hold placeholders the console fills in when inserting: `{patron_name}`,
//! `{staff_name}`, `{library_name}`.

use crate::domain::{Role, StaffId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/canned-responses", get(list).post(create))
        .route("/api/canned-responses/{id}", put(update).delete(remove))
}

#[derive(Serialize, ToSchema, sqlx::FromRow)]
pub struct CannedResponse {
    pub id: i64,
    /// Null for the library's shared responses; else the staff member it belongs to.
    pub owner_staff_id: Option<StaffId>,
    pub shortcut: String,
    pub title: String,
    pub body: String,
}

#[derive(Deserialize, ToSchema)]
pub struct CannedRequest {
    /// Lower-case letters, digits and dashes, e.g. `hours`.
    pub shortcut: String,
    pub title: String,
    pub body: String,
    /// Shared with the whole library (managers only); default personal.
    #[serde(default)]
    pub shared: bool,
}

const COLUMNS: &str = "id, owner_staff_id, shortcut, title, body";

/// The library's shared responses and the caller's own.
#[utoipa::path(get, path = "/api/canned-responses", tag = "canned responses", responses((status = 200, body = Vec<CannedResponse>)))]
pub async fn list(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Vec<CannedResponse>>> {
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM canned_response
          WHERE library_id = $1 AND (owner_staff_id IS NULL OR owner_staff_id = $2) ORDER BY shortcut, id"
    ))
    .bind(session.actor.library)
    .bind(session.actor.staff)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(rows))
}

fn check(req: &CannedRequest) -> ApiResult<()> {
    let ok_shortcut = (1..=31).contains(&req.shortcut.len())
        && req.shortcut.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !req.shortcut.starts_with('-');
    if !ok_shortcut {
        return Err(ApiError::invalid("invalid_shortcut", "shortcuts are lower-case letters, digits and dashes"));
    }
    if req.title.trim().is_empty() || req.title.chars().count() > 100 {
        return Err(ApiError::invalid("invalid_title", "titles are 1 to 100 characters"));
    }
    if req.body.trim().is_empty() || req.body.chars().count() > 5000 {
        return Err(ApiError::invalid("invalid_body", "bodies are 1 to 5000 characters"));
    }
    Ok(())
}

fn conflict(e: sqlx::Error) -> ApiError {
    match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("canned_response_shortcut_key") => {
            ApiError::Conflict { code: "shortcut_taken", message: "that shortcut is already used".into() }
        }
        _ => e.into(),
    }
}

/// Creates a canned response; shared ones need a manager.
#[utoipa::path(post, path = "/api/canned-responses", tag = "canned responses", request_body = CannedRequest,
    responses((status = 201, body = CannedResponse), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<CannedRequest>,
) -> ApiResult<(StatusCode, Json<CannedResponse>)> {
    check(&req)?;
    if req.shared {
        session.require(Role::Manager)?;
    }
    let owner = (!req.shared).then_some(session.actor.staff);
    let row = sqlx::query_as(&format!(
        "INSERT INTO canned_response (library_id, owner_staff_id, shortcut, title, body) VALUES ($1, $2, $3, $4, $5)
         RETURNING {COLUMNS}"
    ))
    .bind(session.actor.library)
    .bind(owner)
    .bind(&req.shortcut)
    .bind(req.title.trim())
    .bind(&req.body)
    .fetch_one(&state.db)
    .await
    .map_err(conflict)?;
    Ok((StatusCode::CREATED, Json(row)))
}

/// Finds a response the caller may change: their own, or a shared one if a manager.
async fn editable(state: &AppState, session: &StaffSession, id: i64) -> ApiResult<Option<StaffId>> {
    let owner: Option<Option<StaffId>> =
        sqlx::query_scalar("SELECT owner_staff_id FROM canned_response WHERE library_id = $1 AND id = $2")
            .bind(session.actor.library)
            .bind(id)
            .fetch_optional(&state.db)
            .await?;
    match owner {
        None => Err(ApiError::NotFound("canned response")),
        // A colleague's personal response is not the caller's to see.
        Some(Some(owner)) if owner != session.actor.staff => Err(ApiError::NotFound("canned response")),
        Some(None) => session.require(Role::Manager).map(|_| None),
        Some(owner) => Ok(owner),
    }
}

/// Changes a canned response.
#[utoipa::path(put, path = "/api/canned-responses/{id}", tag = "canned responses", params(("id" = i64, Path)),
    request_body = CannedRequest,
    responses((status = 200, body = CannedResponse), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<CannedRequest>,
) -> ApiResult<Json<CannedResponse>> {
    check(&req)?;
    editable(&state, &session, id).await?;
    let row = sqlx::query_as(&format!(
        "UPDATE canned_response SET shortcut = $3, title = $4, body = $5, updated_at = now()
          WHERE library_id = $1 AND id = $2 RETURNING {COLUMNS}"
    ))
    .bind(session.actor.library)
    .bind(id)
    .bind(&req.shortcut)
    .bind(req.title.trim())
    .bind(&req.body)
    .fetch_one(&state.db)
    .await
    .map_err(conflict)?;
    Ok(Json(row))
}

/// Deletes a canned response.
#[utoipa::path(delete, path = "/api/canned-responses/{id}", tag = "canned responses", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    editable(&state, &session, id).await?;
    sqlx::query("DELETE FROM canned_response WHERE library_id = $1 AND id = $2")
        .bind(session.actor.library)
        .bind(id)
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
