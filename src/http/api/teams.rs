//! Teams (queues). Everyone reads them; managers change them.

use crate::domain::{Role, StaffId, TeamId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::{audit, team::Team};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/teams", get(list).post(create)).route("/api/teams/{id}", put(update))
}

/// The library's teams with their members.
#[utoipa::path(get, path = "/api/teams", tag = "teams", responses((status = 200, body = Vec<Team>)))]
pub async fn list(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Vec<Team>>> {
    Ok(Json(Team::list(&state.db, session.actor.library).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct TeamRequest {
    pub name: String,
    #[serde(default)]
    pub member_ids: Vec<StaffId>,
}

fn check_name(name: &str) -> ApiResult<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid("invalid_name", "team names are 1 to 100 characters"));
    }
    Ok(name)
}

/// Creates a team (managers).
#[utoipa::path(post, path = "/api/teams", tag = "teams", request_body = TeamRequest,
    responses((status = 201, body = Team), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<TeamRequest>,
) -> ApiResult<(StatusCode, Json<Team>)> {
    session.require(Role::Manager)?;
    let library = session.actor.library;
    let name = check_name(&req.name)?;
    let mut tx = state.db.begin().await?;
    let id = Team::create(&mut *tx, library, name).await?;
    Team::set_members(&mut tx, library, id, &req.member_ids).await?;
    audit::record(&mut *tx, library, Some(session.actor.staff), "create", "team", Some(id.0), serde_json::json!({}))
        .await?;
    let team = Team::find(&mut *tx, library, id).await?.ok_or(ApiError::NotFound("team"))?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(team)))
}

/// Renames a team and replaces its members (managers).
#[utoipa::path(put, path = "/api/teams/{id}", tag = "teams", params(("id" = i64, Path)), request_body = TeamRequest,
    responses((status = 200, body = Team), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<TeamId>,
    ApiJson(req): ApiJson<TeamRequest>,
) -> ApiResult<Json<Team>> {
    session.require(Role::Manager)?;
    let library = session.actor.library;
    let name = check_name(&req.name)?;
    if !Team::rename(&state.db, library, id, name).await? {
        return Err(ApiError::NotFound("team"));
    }
    let mut tx = state.db.begin().await?;
    Team::set_members(&mut tx, library, id, &req.member_ids).await?;
    audit::record(&mut *tx, library, Some(session.actor.staff), "update", "team", Some(id.0), serde_json::json!({}))
        .await?;
    let team = Team::find(&mut *tx, library, id).await?.ok_or(ApiError::NotFound("team"))?;
    tx.commit().await?;
    Ok(Json(team))
}
