//! Tallies of questions answered in person or by phone at a service point, so all reference
//! work lands in one dataset: recorded with one tap on the console's tally screen, the
//! caller's last one undone, and today's counts shown beside the buttons.

use super::reference::check;
use crate::domain::TeamId;
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::reports::{calendar, period};
use crate::store::team::Team;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/reference/tallies", post(add_tally))
        .route("/api/reference/tallies/today", get(today))
        .route("/api/reference/tallies/{id}", delete(undo))
}

/// Questions answered at a service point, counted by hand.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewTally {
    /// The desk, e.g. "Reference desk" (1 to 100 characters).
    pub service_point: String,
    /// `in_person` or `phone`.
    pub mode: String,
    pub team_id: Option<TeamId>,
    pub read_level: Option<i16>,
    pub question_type: Option<String>,
    /// Questions counted at once (1 to 1000); default 1.
    pub count: Option<i32>,
    /// When; default now (at most a year back, not in the future).
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Tally {
    pub id: i64,
    pub service_point: String,
    pub mode: String,
    pub team_id: Option<TeamId>,
    pub read_level: Option<i16>,
    pub question_type: Option<String>,
    pub count: i32,
    pub at: DateTime<Utc>,
}

/// Records questions answered in person or by phone (credited to the caller).
#[utoipa::path(post, path = "/api/reference/tallies", tag = "reports", request_body = NewTally,
    responses((status = 201, body = Tally), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_tally(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<NewTally>,
) -> ApiResult<(StatusCode, Json<Tally>)> {
    let question_type = check(req.read_level, req.question_type.as_deref())?;
    let point = req.service_point.trim();
    if point.is_empty() || point.chars().count() > 100 || point.chars().any(char::is_control) {
        return Err(ApiError::invalid("invalid_service_point", "a service point is 1 to 100 printable characters"));
    }
    if !matches!(req.mode.as_str(), "in_person" | "phone") {
        return Err(ApiError::invalid("invalid_mode", "mode is in_person or phone"));
    }
    let count = req.count.unwrap_or(1);
    if !(1..=1000).contains(&count) {
        return Err(ApiError::invalid("invalid_count", "count is 1 to 1000"));
    }
    let now = Utc::now();
    let at = req.at.unwrap_or(now);
    if at > now + chrono::Duration::minutes(5) || at < now - chrono::Duration::days(366) {
        return Err(ApiError::invalid("invalid_time", "a tally is for the last year, not the future"));
    }
    let library = session.actor.library;
    if let Some(team) = req.team_id {
        Team::find(&state.db, library, team).await?.ok_or(ApiError::NotFound("team"))?;
    }
    let tally = sqlx::query_as(
        "INSERT INTO reference_tally (library_id, service_point, mode, team_id, staff_id, read_level, question_type, count, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING id, service_point, mode, team_id, read_level, question_type, count, at",
    )
    .bind(library)
    .bind(point)
    .bind(&req.mode)
    .bind(req.team_id)
    .bind(session.actor.staff)
    .bind(req.read_level)
    .bind(&question_type)
    .bind(count)
    .bind(at)
    .fetch_one(&state.db)
    .await?;
    Ok((StatusCode::CREATED, Json(tally)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TodayParams {
    /// Only this service point's counts (default: every service point).
    pub service_point: Option<String>,
}

/// Questions of one mode and READ level.
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct TallyCount {
    pub mode: String,
    pub read_level: Option<i16>,
    pub questions: i64,
}

/// Today's tallies (the library's date), for the tally screen.
#[derive(Debug, Serialize, ToSchema)]
pub struct TallyDay {
    pub day: NaiveDate,
    /// Questions counted today, by mode and READ level (at `service_point`, if given).
    pub counts: Vec<TallyCount>,
    pub total: i64,
    /// The caller's latest tally of the last day (what undo takes back), if any.
    pub last: Option<Tally>,
    /// Service points the library counted at in the last 30 days, most used first.
    pub service_points: Vec<String>,
}

/// Today's counts at a service point, the caller's last tally and the library's service points.
#[utoipa::path(get, path = "/api/reference/tallies/today", tag = "reports", params(TodayParams),
    responses((status = 200, body = TallyDay), (status = 422, body = ErrorBody)))]
pub async fn today(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<TodayParams>,
) -> ApiResult<Json<TallyDay>> {
    let library = session.actor.library;
    let tz = calendar::library_tz(&state.db, library).await?;
    let day = Utc::now().with_timezone(&tz).date_naive();
    let (from, to) = (period::midnight(tz, day), period::midnight(tz, day + Duration::days(1)));
    let point = p.service_point.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let counts: Vec<TallyCount> = sqlx::query_as(
        "SELECT mode, read_level, sum(count)::bigint AS questions FROM reference_tally
          WHERE library_id = $1 AND at >= $2 AND at < $3 AND ($4::text IS NULL OR service_point = $4)
          GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .bind(point)
    .fetch_all(&state.db)
    .await?;
    let last: Option<Tally> = sqlx::query_as(
        "SELECT id, service_point, mode, team_id, read_level, question_type, count, at FROM reference_tally
          WHERE library_id = $1 AND staff_id = $2 AND at > now() - interval '1 day'
          ORDER BY at DESC, id DESC LIMIT 1",
    )
    .bind(library)
    .bind(session.actor.staff)
    .fetch_optional(&state.db)
    .await?;
    let service_points: Vec<String> = sqlx::query_scalar(
        "SELECT service_point FROM reference_tally WHERE library_id = $1 AND at > now() - interval '30 days'
          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 20",
    )
    .bind(library)
    .fetch_all(&state.db)
    .await?;
    let total = counts.iter().map(|c| c.questions).sum();
    Ok(Json(TallyDay { day, counts, total, last, service_points }))
}

/// Takes back one of the caller's own tallies of the last day (the tally screen's undo).
#[utoipa::path(delete, path = "/api/reference/tallies/{id}", tag = "reports", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn undo(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let deleted = sqlx::query(
        "DELETE FROM reference_tally
          WHERE library_id = $1 AND id = $2 AND staff_id = $3 AND at > now() - interval '1 day'",
    )
    .bind(session.actor.library)
    .bind(id)
    .bind(session.actor.staff)
    .execute(&state.db)
    .await?
    .rows_affected();
    if deleted == 0 {
        // Another's tally, an older one, or none: all look the same from here.
        return Err(ApiError::NotFound("tally"));
    }
    Ok(StatusCode::NO_CONTENT)
}
