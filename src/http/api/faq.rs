//! FAQ entries, staff side. Who may do what:
//!
//! - any staff member: list, read, create drafts, edit (a published entry stays published:
//!   staff fix wording without a manager), mark reviewed, draft from a conversation;
//! - managers: publish, unpublish, delete.

use crate::domain::Role;
use crate::faq::draft::{self, DraftError};
use crate::faq::store::{self, Entry, EntryInput, ENTRY_COLUMNS};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use channels::email::sanitize::{html_to_text, sanitize_html, ImagePolicy};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/faq", get(list).post(create))
        .route("/api/faq/{id}", get(read).put(update).delete(remove))
        .route("/api/faq/{id}/publish", post(publish))
        .route("/api/faq/{id}/unpublish", post(unpublish))
        .route("/api/faq/{id}/reviewed", post(reviewed))
        .route("/api/faq/from-conversation", post(from_conversation))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `draft` or `published`; both when absent.
    pub status: Option<String>,
    /// Only entries due for review.
    pub due: Option<bool>,
}

/// The library's entries, most viewed first.
#[utoipa::path(get, path = "/api/faq", tag = "faq", params(ListParams),
    responses((status = 200, body = Vec<Entry>), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ListParams>,
) -> ApiResult<Json<Vec<Entry>>> {
    if let Some(s) = &p.status {
        if s != "draft" && s != "published" {
            return Err(ApiError::invalid("invalid_status", "status is draft or published"));
        }
    }
    let rows = sqlx::query_as(&format!(
        "SELECT {ENTRY_COLUMNS} FROM faq_entry
          WHERE library_id = $1 AND ($2::text IS NULL OR status = $2)
            AND (NOT $3 OR coalesce(last_reviewed_at, created_at) + make_interval(days => review_every_days) <= now())
          ORDER BY status, views DESC, id LIMIT 1000"
    ))
    .bind(session.actor.library)
    .bind(&p.status)
    .bind(p.due.unwrap_or(false))
    .fetch_all(&state.db)
    .await?;
    Ok(Json(rows))
}

/// Checks and cleans an entry: sanitised HTML, its plain text, trimmed fields.
fn clean(mut input: EntryInput) -> ApiResult<(EntryInput, String)> {
    // Postgres text cannot hold NUL; refuse it here rather than fail there.
    let texts = [&input.question, &input.short_answer, &input.answer_html, &input.language];
    if texts.iter().any(|t| t.contains('\0')) || input.topics.iter().chain(&input.slug).any(|t| t.contains('\0')) {
        return Err(ApiError::invalid("invalid_text", "text may not contain NUL characters"));
    }
    input.question = input.question.trim().to_owned();
    input.short_answer = input.short_answer.trim().to_owned();
    let chars = |s: &str| s.chars().count();
    if !(3..=300).contains(&chars(&input.question)) {
        return Err(ApiError::invalid("invalid_question", "questions are 3 to 300 characters"));
    }
    if !(1..=320).contains(&chars(&input.short_answer)) {
        return Err(ApiError::invalid("invalid_short_answer", "short answers are 1 to 320 characters"));
    }
    input.answer_html = sanitize_html(&input.answer_html, ImagePolicy::CidOnly);
    let text = html_to_text(&input.answer_html);
    if text.trim().is_empty() || input.answer_html.len() > 20000 {
        return Err(ApiError::invalid("invalid_answer", "answers are 1 to 20000 characters of HTML with some text"));
    }
    input.topics = input.topics.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
    input.topics.dedup();
    if input.topics.len() > 10 || input.topics.iter().any(|t| chars(t) > 40) {
        return Err(ApiError::invalid("invalid_topics", "at most 10 topics of up to 40 characters"));
    }
    let lang_ok = input.language.len() == 2 && input.language.bytes().all(|b| b.is_ascii_lowercase());
    if !lang_ok {
        return Err(ApiError::invalid("invalid_language", "language is a two-letter ISO 639-1 code, e.g. en"));
    }
    if input.review_every_days.is_some_and(|d| !(1..=3650).contains(&d)) {
        return Err(ApiError::invalid("invalid_review_every_days", "review_every_days is 1 to 3650"));
    }
    if let Some(slug) = &input.slug {
        let ok = (1..=80).contains(&slug.len())
            && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !slug.starts_with('-')
            && slug.bytes().any(|b| b.is_ascii_lowercase());
        if !ok {
            return Err(ApiError::invalid("invalid_slug", "slugs are lower-case letters, digits and dashes"));
        }
    }
    Ok((input, text))
}

fn slug_conflict(e: sqlx::Error) -> ApiError {
    match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("faq_entry_slug_key") => {
            ApiError::Conflict { code: "slug_taken", message: "another entry has that link".into() }
        }
        _ => e.into(),
    }
}

/// Creates a draft entry.
#[utoipa::path(post, path = "/api/faq", tag = "faq", request_body = EntryInput,
    responses((status = 201, body = Entry), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(input): ApiJson<EntryInput>,
) -> ApiResult<(StatusCode, Json<Entry>)> {
    let (input, text) = clean(input)?;
    let library = session.actor.library;
    let slug = match &input.slug {
        Some(s) => s.clone(),
        None => draft::free_slug(&state.db, library, &store::slugify(&input.question)).await?,
    };
    let entry = store::insert(&state.db, library, Some(session.actor.staff), &input, &slug, &text, None)
        .await
        .map_err(slug_conflict)?;
    // A draft is never found by patrons, but its words join the typo dictionary.
    state.realtime.faq_searches.forget_library(library);
    Ok((StatusCode::CREATED, Json(entry)))
}

/// One entry.
#[utoipa::path(get, path = "/api/faq/{id}", tag = "faq", params(("id" = i64, Path)),
    responses((status = 200, body = Entry), (status = 404, body = ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Entry>> {
    let entry = store::find(&state.db, session.actor.library, id).await?;
    entry.map(Json).ok_or(ApiError::NotFound("FAQ entry"))
}

/// Changes an entry's text, topics, language, team or link.
#[utoipa::path(put, path = "/api/faq/{id}", tag = "faq", params(("id" = i64, Path)), request_body = EntryInput,
    responses((status = 200, body = Entry), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<EntryInput>,
) -> ApiResult<Json<Entry>> {
    let (input, text) = clean(input)?;
    let row = sqlx::query_as(&format!(
        "UPDATE faq_entry SET question = $3, answer_html = $4, answer_text = $5, short_answer = $6, topics = $7,
                language = $8, team_id = $9, review_every_days = coalesce($10, review_every_days),
                slug = coalesce($11, slug), updated_at = now()
          WHERE library_id = $1 AND id = $2 RETURNING {ENTRY_COLUMNS}"
    ))
    .bind(session.actor.library)
    .bind(id)
    .bind(&input.question)
    .bind(&input.answer_html)
    .bind(&text)
    .bind(&input.short_answer)
    .bind(&input.topics)
    .bind(&input.language)
    .bind(input.team_id)
    .bind(input.review_every_days)
    .bind(&input.slug)
    .fetch_optional(&state.db)
    .await
    .map_err(slug_conflict)?;
    state.realtime.faq_searches.forget_library(session.actor.library);
    row.map(Json).ok_or(ApiError::NotFound("FAQ entry"))
}

/// Deletes an entry (managers). Its counts go with it.
#[utoipa::path(delete, path = "/api/faq/{id}", tag = "faq", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    session.require(Role::Manager)?;
    let done = sqlx::query("DELETE FROM faq_entry WHERE library_id = $1 AND id = $2")
        .bind(session.actor.library)
        .bind(id)
        .execute(&state.db)
        .await?;
    state.realtime.faq_searches.forget_library(session.actor.library);
    match done.rows_affected() {
        0 => Err(ApiError::NotFound("FAQ entry")),
        _ => Ok(StatusCode::NO_CONTENT),
    }
}

async fn set(state: &AppState, session: &StaffSession, id: i64, assignment: &str) -> ApiResult<Json<Entry>> {
    let row = sqlx::query_as(&format!(
        "UPDATE faq_entry SET {assignment}, updated_at = now() WHERE library_id = $1 AND id = $2 RETURNING {ENTRY_COLUMNS}"
    ))
    .bind(session.actor.library)
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    row.map(Json).ok_or(ApiError::NotFound("FAQ entry"))
}

/// Publishes an entry (managers): patrons can find it from now on.
#[utoipa::path(post, path = "/api/faq/{id}/publish", tag = "faq", params(("id" = i64, Path)),
    responses((status = 200, body = Entry), (status = 404, body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Entry>> {
    session.require(Role::Manager)?;
    let entry = set(&state, &session, id, "status = 'published', published_at = coalesce(published_at, now())").await?;
    state.realtime.faq_searches.forget_library(session.actor.library);
    Ok(entry)
}

/// Takes an entry back to draft (managers).
#[utoipa::path(post, path = "/api/faq/{id}/unpublish", tag = "faq", params(("id" = i64, Path)),
    responses((status = 200, body = Entry), (status = 404, body = ErrorBody)))]
pub async fn unpublish(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Entry>> {
    session.require(Role::Manager)?;
    let entry = set(&state, &session, id, "status = 'draft', published_at = NULL").await?;
    state.realtime.faq_searches.forget_library(session.actor.library);
    Ok(entry)
}

/// Records that someone checked the entry is still right today.
#[utoipa::path(post, path = "/api/faq/{id}/reviewed", tag = "faq", params(("id" = i64, Path)),
    responses((status = 200, body = Entry), (status = 404, body = ErrorBody)))]
pub async fn reviewed(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Entry>> {
    set(&state, &session, id, "last_reviewed_at = now()").await
}

#[derive(Deserialize, ToSchema)]
pub struct FromConversation {
    pub conversation_id: i64,
}

/// Makes a draft entry from an answered conversation: the patron's first message as the
/// question, the last staff reply as the answer, patron identifiers stripped.
#[utoipa::path(post, path = "/api/faq/from-conversation", tag = "faq", request_body = FromConversation,
    responses((status = 201, body = Entry), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn from_conversation(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<FromConversation>,
) -> ApiResult<(StatusCode, Json<Entry>)> {
    let made =
        draft::from_conversation(&state.db, session.actor.library, session.actor.staff, req.conversation_id).await;
    match made {
        Ok(entry) => {
            // A draft is never found by patrons, but its words join the typo dictionary.
            state.realtime.faq_searches.forget_library(session.actor.library);
            Ok((StatusCode::CREATED, Json(entry)))
        }
        Err(DraftError::NotFound) => Err(ApiError::NotFound("conversation")),
        Err(DraftError::NotAnswered) => {
            Err(ApiError::invalid("not_answered", "the conversation needs a patron question and a staff answer"))
        }
        Err(DraftError::Database(e)) => Err(e.into()),
    }
}
