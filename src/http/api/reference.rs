//! Reference statistics: the READ scale level (1-6) and question type staff give a
//! conversation, the types the library uses most (suggested when resolving), and tallies
//! of questions answered in person or by phone at a service point.

use crate::domain::{ConversationId, TeamId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::conversation::ConversationState;
use crate::store::event;
use crate::store::team::Team;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/conversations/{id}/reference", put(set_reference))
        .route("/api/reference/question-types", get(question_types))
        .route("/api/reference/tallies", post(add_tally))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReferenceFields {
    /// READ scale 1 (directional) to 6 (most effort); null clears it.
    pub read_level: Option<i16>,
    /// What kind of question, 1 to 60 characters (e.g. "research", "account"); null clears it.
    pub question_type: Option<String>,
}

fn check(read_level: Option<i16>, question_type: Option<&str>) -> ApiResult<Option<String>> {
    if read_level.is_some_and(|l| !(1..=6).contains(&l)) {
        return Err(ApiError::invalid("invalid_read_level", "the READ scale goes from 1 to 6"));
    }
    let t = question_type.map(|t| t.trim().to_lowercase());
    if t.as_deref().is_some_and(|t| t.is_empty() || t.chars().count() > 60 || t.chars().any(char::is_control)) {
        return Err(ApiError::invalid("invalid_question_type", "a question type is 1 to 60 printable characters"));
    }
    Ok(t)
}

/// Sets a conversation's READ level and question type.
#[utoipa::path(put, path = "/api/conversations/{id}/reference", tag = "reports", params(("id" = i64, Path)),
    request_body = ReferenceFields,
    responses((status = 200, body = ReferenceFields), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_reference(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<ReferenceFields>,
) -> ApiResult<Json<ReferenceFields>> {
    let question_type = check(req.read_level, req.question_type.as_deref())?;
    let library = session.actor.library;
    let mut tx = state.db.begin().await?;
    ConversationState::lock(&mut tx, library, id).await?.ok_or(ApiError::NotFound("conversation"))?;
    sqlx::query("UPDATE conversation SET read_level = $3, question_type = $4 WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(id)
        .bind(req.read_level)
        .bind(&question_type)
        .execute(&mut *tx)
        .await?;
    let change = json!({"read_level": req.read_level, "question_type": question_type});
    event::append(
        &mut tx,
        library,
        "conversation_changed",
        Some(id),
        json!({"by": session.actor.staff, "change": change}),
    )
    .await?;
    tx.commit().await?;
    state.realtime.published();
    Ok(Json(ReferenceFields { read_level: req.read_level, question_type }))
}

/// A question type and how often it was used in the last year.
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct QuestionType {
    pub question_type: String,
    pub uses: i64,
}

/// The library's most used question types (the console suggests them when resolving).
#[utoipa::path(get, path = "/api/reference/question-types", tag = "reports",
    responses((status = 200, body = Vec<QuestionType>)))]
pub async fn question_types(
    State(state): State<AppState>,
    session: StaffSession,
) -> ApiResult<Json<Vec<QuestionType>>> {
    let rows = sqlx::query_as(
        "SELECT question_type, count(*) AS uses FROM (
             SELECT question_type FROM conversation
              WHERE library_id = $1 AND created_at > now() - interval '1 year' AND question_type IS NOT NULL
             UNION ALL
             SELECT question_type FROM reference_tally
              WHERE library_id = $1 AND at > now() - interval '1 year' AND question_type IS NOT NULL) q
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
    )
    .bind(session.actor.library)
    .fetch_all(&state.reports_db)
    .await?;
    Ok(Json(rows))
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
