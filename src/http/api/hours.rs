//! Opening hours of each team and the library's holidays. Everyone reads them (the
//! console shows whether a desk is open); managers change them.

use crate::domain::{Role, TeamId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::reports::calendar::{self, Holiday, OpeningInterval};
use crate::store::{audit, team::Team};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/teams/{id}/hours", get(show_hours).put(set_hours))
        .route("/api/holidays", get(list_holidays).post(add_holiday))
        .route("/api/holidays/{id}", delete(delete_holiday))
}

/// A team's week, in the library's time zone.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TeamHours {
    /// The library's IANA time zone, e.g. `America/New_York` (read only).
    #[serde(default)]
    pub timezone: String,
    /// Several intervals a day are allowed; an empty week means "no hours set" (the team
    /// counts as always open in business-hours figures).
    pub intervals: Vec<OpeningInterval>,
}

async fn team_exists(state: &AppState, session: &StaffSession, id: TeamId) -> ApiResult<()> {
    match Team::find(&state.db, session.actor.library, id).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::NotFound("team")),
    }
}

/// A team's opening hours.
#[utoipa::path(get, path = "/api/teams/{id}/hours", tag = "reports", params(("id" = i64, Path)),
    responses((status = 200, body = TeamHours), (status = 404, body = ErrorBody)))]
pub async fn show_hours(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<TeamId>,
) -> ApiResult<Json<TeamHours>> {
    team_exists(&state, &session, id).await?;
    let library = session.actor.library;
    let timezone = calendar::library_tz(&state.db, library).await?.name().to_owned();
    Ok(Json(TeamHours { timezone, intervals: calendar::hours(&state.db, library, id).await? }))
}

/// Replaces a team's opening hours (managers). Intervals of one day must not overlap.
#[utoipa::path(put, path = "/api/teams/{id}/hours", tag = "reports", params(("id" = i64, Path)), request_body = TeamHours,
    responses((status = 200, body = TeamHours), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_hours(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<TeamId>,
    ApiJson(req): ApiJson<TeamHours>,
) -> ApiResult<Json<TeamHours>> {
    session.require(Role::Manager)?;
    team_exists(&state, &session, id).await?;
    let mut week = req.intervals;
    if week.len() > 70 {
        return Err(ApiError::invalid("too_many_intervals", "at most 70 intervals a week"));
    }
    if week.iter().any(|i| !(1..=7).contains(&i.weekday) || i.closes <= i.opens) {
        return Err(ApiError::invalid("invalid_interval", "weekday is 1 (Monday) to 7; a desk closes after it opens"));
    }
    week.sort_by_key(|i| (i.weekday, i.opens));
    if week.windows(2).any(|w| w[0].weekday == w[1].weekday && w[1].opens < w[0].closes) {
        return Err(ApiError::invalid("overlapping_intervals", "intervals of one day must not overlap"));
    }
    let library = session.actor.library;
    let mut tx = state.db.begin().await?;
    calendar::set_hours(&mut tx, library, id, &week).await?;
    audit::record(
        &mut *tx,
        library,
        Some(session.actor.staff),
        "update",
        "team_hours",
        Some(id.0),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    show_hours(State(state), session, ApiPath(id)).await
}

/// The library's holidays (whole library, or one team), by date.
#[utoipa::path(get, path = "/api/holidays", tag = "reports", responses((status = 200, body = Vec<Holiday>)))]
pub async fn list_holidays(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Vec<Holiday>>> {
    Ok(Json(calendar::holidays(&state.db, session.actor.library).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewHoliday {
    #[schema(value_type = String, example = "2026-12-25")]
    pub day: NaiveDate,
    /// 1 to 100 characters.
    pub name: String,
    /// Only this team is closed; absent: the whole library.
    pub team_id: Option<TeamId>,
}

/// Adds a holiday (managers).
#[utoipa::path(post, path = "/api/holidays", tag = "reports", request_body = NewHoliday,
    responses((status = 201, body = Holiday), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_holiday(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<NewHoliday>,
) -> ApiResult<(StatusCode, Json<Holiday>)> {
    session.require(Role::Manager)?;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(ApiError::invalid("invalid_name", "a holiday's name is 1 to 100 printable characters"));
    }
    if let Some(team) = req.team_id {
        team_exists(&state, &session, team).await?;
    }
    let library = session.actor.library;
    let mut tx = state.db.begin().await?;
    let holiday = calendar::add_holiday(&mut *tx, library, req.team_id, req.day, name).await?;
    audit::record(
        &mut *tx,
        library,
        Some(session.actor.staff),
        "create",
        "holiday",
        Some(holiday.id),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(holiday)))
}

/// Removes a holiday (managers).
#[utoipa::path(delete, path = "/api/holidays/{id}", tag = "reports", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_holiday(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    session.require(Role::Manager)?;
    let library = session.actor.library;
    let mut tx = state.db.begin().await?;
    if !calendar::delete_holiday(&mut *tx, library, id).await? {
        return Err(ApiError::NotFound("holiday"));
    }
    audit::record(&mut *tx, library, Some(session.actor.staff), "delete", "holiday", Some(id), serde_json::json!({}))
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
