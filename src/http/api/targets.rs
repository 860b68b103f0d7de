//! Service targets: managers set them; everyone sees them, the share met per period, and
//! which waiting patrons are past (or near) their due time (the console's breach warning).

use super::reports::{csv_response, ReportParams};
use crate::domain::{Channel, Role};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::reports::csv::{self, num};
use crate::reports::targets::{self, Due, Target, TargetResult};
use crate::store::{audit, team::Team};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/service-targets", get(list).put(replace))
        .route("/api/service-targets/due", get(due))
        .route("/api/reports/targets", get(report))
}

/// The library's service targets.
#[utoipa::path(get, path = "/api/service-targets", tag = "reports", responses((status = 200, body = Vec<Target>)))]
pub async fn list(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Vec<Target>>> {
    Ok(Json(targets::list(&state.db, session.actor.library).await?))
}

/// Replaces the service targets (managers). One per channel and team at most.
#[utoipa::path(put, path = "/api/service-targets", tag = "reports", request_body = Vec<Target>,
    responses((status = 200, body = Vec<Target>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn replace(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<Vec<Target>>,
) -> ApiResult<Json<Vec<Target>>> {
    session.require(Role::Manager)?;
    let library = session.actor.library;
    if req.len() > 100 {
        return Err(ApiError::invalid("too_many_targets", "at most 100 targets"));
    }
    let mut seen = std::collections::HashSet::new();
    for t in &req {
        if Channel::parse(&t.channel).is_err() {
            return Err(ApiError::invalid("invalid_channel", "channel is email, sms, chat or survey"));
        }
        if !(1..=31_536_000).contains(&t.first_response_secs) {
            return Err(ApiError::invalid("invalid_target", "a target is 1 second to a year"));
        }
        if !seen.insert((t.channel.clone(), t.team_id)) {
            return Err(ApiError::invalid("duplicate_target", "one target per channel and team"));
        }
        if let Some(team) = t.team_id {
            Team::find(&state.db, library, team).await?.ok_or(ApiError::NotFound("team"))?;
        }
    }
    let mut tx = state.db.begin().await?;
    targets::replace(&mut tx, library, &req).await?;
    audit::record(
        &mut *tx,
        library,
        Some(session.actor.staff),
        "update",
        "service_target",
        None,
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(targets::list(&state.db, library).await?))
}

/// The oldest waiting conversations (up to 500) with the time their answer is due.
#[utoipa::path(get, path = "/api/service-targets/due", tag = "reports", responses((status = 200, body = Vec<Due>)))]
pub async fn due(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Vec<Due>>> {
    let mut conn = state.db.acquire().await?;
    Ok(Json(targets::due(&mut conn, session.actor.library, 500).await?))
}

/// Share of first responses that met their target, now and in the period before.
#[derive(Serialize, ToSchema)]
pub struct TargetReport {
    pub current: Vec<TargetResult>,
    pub previous: Vec<TargetResult>,
}

/// Service targets met per period (library-wide figures).
#[utoipa::path(get, path = "/api/reports/targets", tag = "reports", params(ReportParams),
    responses((status = 200, content((TargetReport = "application/json"), (String = "text/csv"))), (status = 422, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Response> {
    let a = p.parse(&state, &session).await?;
    let (db, library) = (&state.reports_db, session.actor.library);
    let current = targets::results(db, library, a.tz, &a.period).await?;
    let previous = targets::results(db, library, a.tz, &a.period.previous()).await?;
    if a.csv {
        let mut out = csv::line(&[
            "period",
            "channel",
            "team_id",
            "first_response_secs",
            "business_hours",
            "responses",
            "met",
            "share_met",
        ]);
        for (period, rows) in [("current", &current), ("previous", &previous)] {
            for r in rows {
                let t = &r.target;
                out += &csv::line(&[
                    period.to_owned(),
                    t.channel.clone(),
                    num(t.team_id.map(|t| t.0)),
                    t.first_response_secs.to_string(),
                    t.business_hours.to_string(),
                    r.responses.to_string(),
                    r.met.to_string(),
                    num(r.share_met),
                ]);
            }
        }
        return Ok(csv_response("targets.csv", out));
    }
    Ok(Json(TargetReport { current, previous }).into_response())
}
