//! Reference statistics: the READ scale level (1-6) and question type staff give a
//! conversation, with a suggestion from what the library has (`reports::suggest`) and the
//! types it uses most; tallies of questions answered in person or by phone at a service
//! point live in `super::tally`.

use crate::domain::{ConversationId, LibraryId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::reports::suggest::{self, TypeSuggestion};
use crate::store::conversation::ConversationState;
use crate::store::event;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/conversations/{id}/reference", get(reference_of).put(set_reference))
        .route("/api/reference/question-types", get(question_types))
        .merge(super::tally::router())
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReferenceFields {
    /// READ scale 1 (directional) to 6 (most effort); null clears it.
    pub read_level: Option<i16>,
    /// What kind of question, 1 to 60 characters (e.g. "research", "account"); null clears it.
    pub question_type: Option<String>,
}

pub(super) fn check(read_level: Option<i16>, question_type: Option<&str>) -> ApiResult<Option<String>> {
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

/// A conversation's classification, suggestions for it, and the library's usual types.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferenceOf {
    pub read_level: Option<i16>,
    pub question_type: Option<String>,
    /// Best first; empty when nothing the library has resembles the conversation.
    pub suggestions: Vec<TypeSuggestion>,
    /// The library's most used types (quick picks).
    pub usual: Vec<QuestionType>,
}

/// A conversation's READ level and question type, with suggestions from the library's
/// classified conversations and FAQ (shown when staff resolve it; never applied by itself).
#[utoipa::path(get, path = "/api/conversations/{id}/reference", tag = "reports", params(("id" = i64, Path)),
    responses((status = 200, body = ReferenceOf), (status = 404, body = ErrorBody)))]
pub async fn reference_of(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
) -> ApiResult<Json<ReferenceOf>> {
    let library = session.actor.library;
    // Read-only, and bounded: a suggestion is worth a second of the database, not more.
    let mut tx = state.db.begin().await?;
    sqlx::query("SET TRANSACTION READ ONLY").execute(&mut *tx).await?;
    sqlx::query("SET LOCAL statement_timeout = '2s'").execute(&mut *tx).await?;
    let (read_level, question_type): (Option<i16>, Option<String>) =
        sqlx::query_as("SELECT read_level, question_type FROM conversation WHERE library_id = $1 AND id = $2")
            .bind(library)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(ApiError::NotFound("conversation"))?;
    let suggestions = suggest::for_conversation(&mut tx, library, id).await?;
    let usual = usual_types(&mut *tx, library).await?;
    tx.commit().await?;
    Ok(Json(ReferenceOf { read_level, question_type, suggestions, usual }))
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
    Ok(Json(usual_types(&state.reports_db, session.actor.library).await?))
}

async fn usual_types(db: impl sqlx::PgExecutor<'_>, library: LibraryId) -> sqlx::Result<Vec<QuestionType>> {
    sqlx::query_as(
        "SELECT question_type, count(*) AS uses FROM (
             SELECT question_type FROM conversation
              WHERE library_id = $1 AND created_at > now() - interval '1 year' AND question_type IS NOT NULL
             UNION ALL
             SELECT question_type FROM reference_tally
              WHERE library_id = $1 AND at > now() - interval '1 year' AND question_type IS NOT NULL) q
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
    )
    .bind(library)
    .fetch_all(db)
    .await
}
