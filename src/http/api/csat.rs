//! Ratings after a conversation: settings, the opt-out list, and the report (managers).

use crate::domain::{Role, E164};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiQuery, ApiResult};
use crate::http::AppState;
use crate::reports::period::Period;
use crate::reports::{calendar, csat};
use crate::store::audit;
use crate::survey::csat::CsatSettings;
use crate::survey::results::CsatReport;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/settings/csat", get(settings).put(update_settings))
        .route("/api/settings/csat/optouts", post(add_optout))
        .route("/api/surveys/csat", get(report))
}

/// How ratings are asked for after a conversation is resolved (managers).
#[utoipa::path(get, path = "/api/settings/csat", tag = "surveys", responses((status = 200, body = CsatSettings)))]
pub async fn settings(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<CsatSettings>> {
    session.require(Role::Manager)?;
    Ok(Json(CsatSettings::load(&state.db, session.actor.library).await?))
}

/// Changes the rating settings (managers).
#[utoipa::path(put, path = "/api/settings/csat", tag = "surveys", request_body = CsatSettings,
    responses((status = 200, body = CsatSettings)))]
pub async fn update_settings(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<CsatSettings>,
) -> ApiResult<Json<CsatSettings>> {
    session.require(Role::Manager)?;
    if !(0..=100).contains(&req.sample_percent)
        || !(0..=3650).contains(&req.min_days_between)
        || !(1..=720).contains(&req.reply_window_hours)
    {
        return Err(ApiError::invalid(
            "invalid_settings",
            "sample_percent 0-100, min_days_between 0-3650, reply_window_hours 1-720",
        ));
    }
    let library = session.actor.library;
    req.save(&state.db, library).await?;
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "update",
        "csat_settings",
        None,
        serde_json::json!({}),
    )
    .await?;
    Ok(Json(req))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OptOut {
    /// email or sms.
    pub channel: String,
    pub address: String,
}

/// Never asks this address for a rating again (managers).
#[utoipa::path(post, path = "/api/settings/csat/optouts", tag = "surveys", request_body = OptOut,
    responses((status = 204, description = "Recorded")))]
pub async fn add_optout(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<OptOut>,
) -> ApiResult<StatusCode> {
    session.require(Role::Manager)?;
    let address = match req.channel.as_str() {
        "email" => channels::EmailAddress::parse(&req.address)
            .map_err(|_| ApiError::invalid("invalid_address", "not a valid email address"))?
            .as_str()
            .to_owned(),
        "sms" => E164::parse(&req.address)
            .map_err(|_| ApiError::invalid("invalid_address", "not a phone number in E.164 form"))?
            .as_str()
            .to_owned(),
        _ => return Err(ApiError::invalid("invalid_channel", "channel is email or sms")),
    };
    let library = session.actor.library;
    // Only a keyed hash is stored: the opt-out outlives the patron's erasure.
    sqlx::query(
        "INSERT INTO csat_optout (library_id, channel, address_hash)
         VALUES ($1, $2, privacy_phone_hash(privacy_key_for($1), $3)) ON CONFLICT DO NOTHING",
    )
    .bind(library)
    .bind(&req.channel)
    .bind(&address)
    .execute(&state.db)
    .await?;
    audit::record(&state.db, library, Some(session.actor.staff), "create", "csat_optout", None, serde_json::json!({}))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// First day (default: 90 days ago).
    pub from: Option<NaiveDate>,
    /// Last day (default: today).
    pub to: Option<NaiveDate>,
}

/// Ratings per channel, team and staff member beside the response times of the same
/// conversations; requests sent and answered (managers).
#[utoipa::path(get, path = "/api/surveys/csat", tag = "surveys", params(ReportParams),
    responses((status = 200, body = CsatReport)))]
pub async fn report(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Json<CsatReport>> {
    session.require(Role::Manager)?;
    let to = p.to.unwrap_or_else(|| Utc::now().date_naive());
    let from = p.from.unwrap_or(to - chrono::Duration::days(90));
    // `to` is the last day shown: the period runs to the end of it.
    let period = Period::new(from, to + chrono::Duration::days(1))
        .ok_or_else(|| ApiError::invalid("invalid_range", "from is after to, or the range is over twenty years"))?;
    let library = session.actor.library;
    let tz = calendar::library_tz(&state.db, library).await?;
    Ok(Json(csat::survey_report(&state.reports_db, library, tz, &period).await?))
}
