//! Staff accounts. Everyone sees colleagues (to assign and mention them); admins manage.

use crate::auth::password;
use crate::domain::{EmailAddress, Role, StaffId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::{audit, session, staff::Staff};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/staff", get(list).post(create)).route("/api/staff/{id}", put(update))
}

/// Colleagues in this library.
#[utoipa::path(get, path = "/api/staff", tag = "staff", responses((status = 200, body = Vec<Staff>)))]
pub async fn list(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Vec<Staff>>> {
    Ok(Json(Staff::list(&state.db, session.actor.library).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewStaff {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// At least 12 characters.
    pub password: String,
}

/// Creates a staff account (admins).
#[utoipa::path(post, path = "/api/staff", tag = "staff", request_body = NewStaff,
    responses((status = 201, body = Staff), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<NewStaff>,
) -> ApiResult<(StatusCode, Json<Staff>)> {
    session.require(Role::Admin)?;
    let email = EmailAddress::parse(&req.email).map_err(|e| ApiError::invalid("invalid_email", e.to_string()))?;
    let name = req.display_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid("invalid_name", "names are 1 to 100 characters"));
    }
    password::check_strength(&req.password).map_err(|m| ApiError::invalid("weak_password", m))?;
    let hash = password::hash(req.password).await?;
    let staff = Staff::insert(&state.db, session.actor.library, email.as_str(), name, req.role, &hash).await?;
    audit::record(
        &state.db,
        session.actor.library,
        Some(session.actor.staff),
        "create",
        "staff",
        Some(staff.id.0),
        serde_json::json!({"role": req.role}),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(staff)))
}

#[derive(Deserialize, ToSchema)]
pub struct StaffUpdate {
    pub role: Option<Role>,
    /// Disabling ends every session of the account at once.
    pub disabled: Option<bool>,
}

/// Changes a colleague's role or disables the account (admins). Either change ends the
/// account's sessions, so the new rights apply at once.
#[utoipa::path(put, path = "/api/staff/{id}", tag = "staff", params(("id" = i64, Path)), request_body = StaffUpdate,
    responses((status = 200, body = Staff), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<StaffId>,
    ApiJson(req): ApiJson<StaffUpdate>,
) -> ApiResult<Json<Staff>> {
    session.require(Role::Admin)?;
    let library = session.actor.library;
    if id == session.actor.staff {
        return Err(ApiError::invalid("cannot_change_self", "ask another admin to change your own account"));
    }
    let mut staff = Staff::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("staff member"))?;
    if let Some(role) = req.role {
        staff = Staff::set_role(&state.db, library, id, role).await?.ok_or(ApiError::NotFound("staff member"))?;
    }
    if let Some(disabled) = req.disabled {
        staff =
            Staff::set_disabled(&state.db, library, id, disabled).await?.ok_or(ApiError::NotFound("staff member"))?;
    }
    session::revoke_all_for(&state.db, library, id).await?;
    state.realtime.sessions.forget_staff(library, id);
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "update",
        "staff",
        Some(id.0),
        serde_json::json!({"role": req.role, "disabled": req.disabled}),
    )
    .await?;
    Ok(Json(staff))
}
