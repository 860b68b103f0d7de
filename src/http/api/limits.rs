//! A library's own abuse limits on its public routes (admins), within the hub's ceilings.

use crate::domain::Role;
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiResult, ErrorBody};
use crate::http::rate_limit::Limits;
use crate::http::AppState;
use crate::store::audit;
use crate::store::rate_limits::LibraryLimits;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/settings/limits", get(show).put(update))
}

/// One value per limited route.
#[derive(Serialize, ToSchema)]
pub struct LimitValues {
    pub chat_connects_per_minute: u32,
    pub chat_messages_per_minute: u32,
    pub survey_submissions_per_hour: u32,
    pub sms_webhooks_per_minute: u32,
    pub faq_votes_per_10_minutes: u32,
}

impl From<Limits> for LimitValues {
    fn from(l: Limits) -> Self {
        LimitValues {
            chat_connects_per_minute: l.chat_connects_per_minute,
            chat_messages_per_minute: l.chat_messages_per_minute,
            survey_submissions_per_hour: l.survey_submissions_per_hour,
            sms_webhooks_per_minute: l.sms_webhooks_per_minute,
            faq_votes_per_10_minutes: l.faq_votes_per_10_minutes,
        }
    }
}

/// The library's limits: what it chose (`null`: the ceiling), the hub's ceilings, and what
/// is in force.
#[derive(Serialize, ToSchema)]
pub struct LimitSettings {
    pub own: LibraryLimits,
    pub ceilings: LimitValues,
    pub in_force: LimitValues,
}

/// The library's abuse limits (admins).
#[utoipa::path(get, path = "/api/settings/limits", tag = "settings", responses((status = 200, body = LimitSettings)))]
pub async fn show(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<LimitSettings>> {
    session.require(Role::Admin)?;
    Ok(Json(settings(&state, session.actor.library).await?))
}

/// Sets the library's abuse limits (admins). Each is 1 up to the hub's ceiling; `null`
/// uses the ceiling. Applies at once on this instance, within 10 s on the others.
#[utoipa::path(put, path = "/api/settings/limits", tag = "settings", request_body = LibraryLimits,
    responses((status = 200, body = LimitSettings), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<LibraryLimits>,
) -> ApiResult<Json<LimitSettings>> {
    session.require(Role::Admin)?;
    let library = session.actor.library;
    let ceilings = state.library_limits.ceilings();
    let fields = [
        ("chat_connects_per_minute", req.chat_connects_per_minute, ceilings.chat_connects_per_minute),
        ("chat_messages_per_minute", req.chat_messages_per_minute, ceilings.chat_messages_per_minute),
        ("survey_submissions_per_hour", req.survey_submissions_per_hour, ceilings.survey_submissions_per_hour),
        ("sms_webhooks_per_minute", req.sms_webhooks_per_minute, ceilings.sms_webhooks_per_minute),
        ("faq_votes_per_10_minutes", req.faq_votes_per_10_minutes, ceilings.faq_votes_per_10_minutes),
    ];
    for (name, value, ceiling) in fields {
        if let Some(v) = value {
            if v < 1 || v as i64 > ceiling as i64 {
                return Err(ApiError::invalid(
                    "limit_out_of_range",
                    format!("{name} must be 1 to {ceiling} (the hub's ceiling), or null for the ceiling"),
                ));
            }
        }
    }
    req.save(&state.db, library).await?;
    state.library_limits.forget(library);
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "update",
        "rate_limits",
        None,
        serde_json::to_value(req).unwrap_or_default(),
    )
    .await?;
    Ok(Json(settings(&state, library).await?))
}

async fn settings(state: &AppState, library: crate::domain::LibraryId) -> ApiResult<LimitSettings> {
    let own = LibraryLimits::find(&state.db, library).await?;
    let in_force = state.library_limits.of(&state.db, library).await;
    Ok(LimitSettings { own, ceilings: state.library_limits.ceilings().into(), in_force: in_force.into() })
}
