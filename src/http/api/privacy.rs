//! Privacy administration: the library's retention policy (admins), export of one patron's
//! data as JSON or HTML (managers), erasure of one patron (admins), and the audit log
//! (admins). Export and erasure are recorded in the audit log.

use crate::domain::{ContactId, Role, StaffId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::privacy::erasure::{self, Erased};
use crate::privacy::export;
use crate::privacy::policy::Policy;
use crate::store::audit;
use crate::store::audit_read::{self, AuditEntry, AuditFilter};
use crate::store::library::Library;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/settings/privacy", get(policy).put(update_policy))
        .route("/api/settings/privacy/preview", axum::routing::post(preview))
        .route("/api/contacts/{id}/export", get(export_json))
        .route("/api/contacts/{id}/export/html", get(export_html))
        .route("/api/contacts/{id}", axum::routing::delete(erase))
        .route("/api/audit", get(audit_log))
}

/// The library's retention policy (defaults when never set). Managers read it; admins
/// change it.
#[utoipa::path(get, path = "/api/settings/privacy", tag = "privacy", responses((status = 200, body = Policy)))]
pub async fn policy(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Policy>> {
    session.require(Role::Manager)?;
    Ok(Json(Policy::load(&state.db, session.actor.library).await?))
}

/// What the next retention run would remove if this policy (saved or not) applied now,
/// per channel. Changes nothing.
#[utoipa::path(post, path = "/api/settings/privacy/preview", tag = "privacy", request_body = Policy,
    responses((status = 200, body = crate::privacy::retention::Preview), (status = 422, body = ErrorBody)))]
pub async fn preview(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<Policy>,
) -> ApiResult<Json<crate::privacy::retention::Preview>> {
    session.require(Role::Manager)?;
    req.check().map_err(|m| ApiError::invalid("invalid_policy", m))?;
    let preview =
        crate::privacy::retention::preview(&state.db, session.actor.library, &req, chrono::Utc::now()).await?;
    Ok(Json(preview))
}

/// Changes the retention policy. Shorter limits take effect at the next hourly run.
#[utoipa::path(put, path = "/api/settings/privacy", tag = "privacy", request_body = Policy,
    responses((status = 200, body = Policy), (status = 422, body = ErrorBody)))]
pub async fn update_policy(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<Policy>,
) -> ApiResult<Json<Policy>> {
    session.require(Role::Admin)?;
    req.check().map_err(|m| ApiError::invalid("invalid_policy", m))?;
    let library = session.actor.library;
    req.save(&state.db, library).await?;
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "update",
        "privacy_policy",
        None,
        serde_json::json!({
            "retention_days": req.retention_days, "body_days": req.body_days, "identity_days": req.identity_days,
            "lapsed_after_days": req.lapsed_after_days,
        }),
    )
    .await?;
    Ok(Json(req))
}

async fn exported(
    state: &AppState,
    session: &StaffSession,
    id: ContactId,
    format: &str,
) -> ApiResult<serde_json::Value> {
    session.require(Role::Manager)?;
    let library = session.actor.library;
    let data = export::export(&state.db, library, id).await?.ok_or(ApiError::NotFound("contact"))?;
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "export",
        "contact",
        Some(id.0),
        serde_json::json!({"format": format}),
    )
    .await?;
    Ok(data)
}

/// Everything kept about one patron (and contacts merged into them), one section per table:
/// what the patron gets when they ask for their data. Managers; recorded in the audit log.
#[utoipa::path(get, path = "/api/contacts/{id}/export", tag = "privacy", params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
pub async fn export_json(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
) -> ApiResult<impl IntoResponse> {
    let data = exported(&state, &session, id, "json").await?;
    let disposition = format!("attachment; filename=\"patron-{id}.json\"");
    Ok(([(header::CONTENT_DISPOSITION, disposition)], Json(data)))
}

/// The same export as a readable, self-contained HTML page.
#[utoipa::path(get, path = "/api/contacts/{id}/export/html", tag = "privacy", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/html", body = String), (status = 404, body = ErrorBody)))]
pub async fn export_html(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
) -> ApiResult<impl IntoResponse> {
    let data = exported(&state, &session, id, "html").await?;
    let name = Library::find(&state.db, session.actor.library).await?.map(|l| l.name).unwrap_or_default();
    let disposition = format!("attachment; filename=\"patron-{id}.html\"");
    Ok(([(header::CONTENT_DISPOSITION, disposition)], Html(export::to_html(&name, &data))))
}

/// Erases a patron on request: every conversation of theirs on every channel loses its
/// text and who it was, the contact its profile and addresses. Counts, times and READ levels
/// stay (reports do not change); an SMS opt-out stays as a keyed hash so it is still
/// honoured. Admins; recorded in the audit log. Cannot be undone.
#[utoipa::path(delete, path = "/api/contacts/{id}", tag = "privacy", params(("id" = i64, Path)),
    responses((status = 200, body = Erased), (status = 404, body = ErrorBody)))]
pub async fn erase(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
) -> ApiResult<Json<Erased>> {
    session.require(Role::Admin)?;
    let erased = erasure::erase(&state.db, session.actor.library, id, Some(session.actor.staff))
        .await?
        .ok_or(ApiError::NotFound("contact"))?;
    Ok(Json(erased))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// contact, conversation, message, privacy_policy...
    pub subject_type: Option<String>,
    pub subject_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub action: Option<String>,
    /// Entries older than this id (the last id of the previous page).
    pub before: Option<i64>,
    /// 1..200, default 50.
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next page; null at the end.
    pub next_before: Option<i64>,
}

/// Who opened, exported, merged, split or erased which record, and when (admins).
#[utoipa::path(get, path = "/api/audit", tag = "privacy", params(AuditParams), responses((status = 200, body = AuditPage)))]
pub async fn audit_log(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<AuditParams>,
) -> ApiResult<Json<AuditPage>> {
    session.require(Role::Admin)?;
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::invalid("invalid_limit", "limit must be between 1 and 200"));
    }
    let filter = AuditFilter {
        subject_type: p.subject_type,
        subject_id: p.subject_id,
        staff_id: p.staff_id.map(StaffId),
        action: p.action,
        before: p.before,
        limit,
    };
    let entries = audit_read::list(&state.db, session.actor.library, &filter).await?;
    let next_before = if entries.len() as i64 == limit { entries.last().map(|e| e.id) } else { None };
    Ok(Json(AuditPage { entries, next_before }))
}
