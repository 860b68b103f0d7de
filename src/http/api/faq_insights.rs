//! FAQ help for staff and managers: suggestions while answering, the library's synonyms,
//! and analytics (what patrons did not find, what answered them, what is due for review).

use crate::domain::Role;
use crate::faq::{self, Scope};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/faq/suggest", get(suggest))
        .route("/api/faq/synonyms", get(synonyms).put(replace_synonyms))
        .route("/api/faq/analytics", get(analytics))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// What the patron asked or what staff are typing.
    pub q: String,
}

/// A published entry staff can insert as a link or as text.
#[derive(Serialize, ToSchema)]
pub struct Suggestion {
    pub id: i64,
    pub question: String,
    pub short_answer: String,
    /// The public link.
    pub url: String,
}

/// Up to five published entries matching `q`, for the composer.
#[utoipa::path(get, path = "/api/faq/suggest", tag = "faq", params(SuggestParams),
    responses((status = 200, body = Vec<Suggestion>), (status = 422, body = ErrorBody)))]
pub async fn suggest(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<SuggestParams>,
) -> ApiResult<Json<Vec<Suggestion>>> {
    if p.q.len() > 500 {
        return Err(ApiError::invalid("invalid_query", "q is at most 500 bytes"));
    }
    let library = crate::store::library::Library::find(&state.db, session.actor.library)
        .await?
        .ok_or(ApiError::NotFound("library"))?;
    let hits = faq::search(&state.db, library.id, &p.q, Scope::Published, None, 5).await?;
    Ok(Json(
        hits.into_iter()
            .map(|h| Suggestion {
                url: faq::entry_url(&state.public_origin, &library.slug, &h.slug),
                id: h.id,
                question: h.question,
                short_answer: h.short_answer,
            })
            .collect(),
    ))
}

/// The library's synonym groups: each group's terms are searched as one.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Synonyms {
    /// e.g. `[["renew", "extend", "keep longer"], ["card", "membership", "library card"]]`.
    pub groups: Vec<Vec<String>>,
}

/// The library's synonyms.
#[utoipa::path(get, path = "/api/faq/synonyms", tag = "faq", responses((status = 200, body = Synonyms)))]
pub async fn synonyms(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Synonyms>> {
    let groups = sqlx::query_scalar("SELECT terms FROM faq_synonym WHERE library_id = $1 ORDER BY id")
        .bind(session.actor.library)
        .fetch_all(&state.db)
        .await?;
    Ok(Json(Synonyms { groups }))
}

/// Replaces the library's synonyms (managers).
#[utoipa::path(put, path = "/api/faq/synonyms", tag = "faq", request_body = Synonyms,
    responses((status = 200, body = Synonyms), (status = 422, body = ErrorBody)))]
pub async fn replace_synonyms(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<Synonyms>,
) -> ApiResult<Json<Synonyms>> {
    session.require(Role::Manager)?;
    let mut groups = Vec::new();
    for group in req.groups {
        let terms: Vec<String> = group
            .iter()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        if terms.iter().any(|t| t.contains('\0')) {
            return Err(ApiError::invalid("invalid_synonyms", "terms may not contain NUL characters"));
        }
        let ok = (2..=20).contains(&terms.len())
            && terms.iter().all(|t| t.chars().count() <= 40 && !faq::text::words(t).is_empty());
        if !ok {
            return Err(ApiError::invalid("invalid_synonyms", "each group has 2 to 20 terms of up to 40 characters"));
        }
        groups.push(terms);
    }
    if groups.len() > 500 {
        return Err(ApiError::invalid("invalid_synonyms", "at most 500 groups"));
    }
    let mut tx = state.db.begin().await?;
    sqlx::query("DELETE FROM faq_synonym WHERE library_id = $1").bind(session.actor.library).execute(&mut *tx).await?;
    for terms in &groups {
        sqlx::query("INSERT INTO faq_synonym (library_id, terms) VALUES ($1, $2)")
            .bind(session.actor.library)
            .bind(terms)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    state.realtime.faq_searches.forget_library(session.actor.library);
    Ok(Json(Synonyms { groups }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyticsParams {
    /// Days back from today (1 to 365); default 30.
    pub days: Option<i32>,
}

#[derive(Serialize, ToSchema, sqlx::FromRow)]
pub struct MissedSearch {
    /// Normalised: lower case, no numbers, addresses or likely names.
    pub query: String,
    pub searches: i64,
    pub last_day: NaiveDate,
}

#[derive(Serialize, ToSchema, sqlx::FromRow)]
pub struct EntryFigures {
    pub id: i64,
    pub question: String,
    pub status: String,
    pub views: i64,
    pub helpful_count: i64,
    /// Questions it answered in the period ("this answered my question", SMS answers).
    pub deflections: i64,
    pub review_due_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct Analytics {
    pub days: i32,
    /// Searches that found nothing (kept for at most `retention_days`).
    pub missed_searches: Vec<MissedSearch>,
    pub retention_days: i32,
    /// Deflections in the period by where they happened (page, widget, sms, email).
    pub deflections_by_source: Vec<SourceCount>,
    /// Every entry with its figures, most viewed first.
    pub entries: Vec<EntryFigures>,
    /// Entries whose review date has passed.
    pub due_for_review: Vec<EntryFigures>,
}

#[derive(Serialize, ToSchema, sqlx::FromRow)]
pub struct SourceCount {
    pub source: String,
    pub count: i64,
}

/// FAQ figures for managers.
#[utoipa::path(get, path = "/api/faq/analytics", tag = "faq", params(AnalyticsParams),
    responses((status = 200, body = Analytics), (status = 422, body = ErrorBody)))]
pub async fn analytics(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<AnalyticsParams>,
) -> ApiResult<Json<Analytics>> {
    session.require(Role::Manager)?;
    let days = p.days.unwrap_or(30);
    if !(1..=365).contains(&days) {
        return Err(ApiError::invalid("invalid_days", "days is 1 to 365"));
    }
    let library = session.actor.library;
    let missed_searches = sqlx::query_as(
        "SELECT query, sum(searches)::bigint AS searches, max(day) AS last_day FROM faq_search_miss
          WHERE library_id = $1 AND day > current_date - $2 GROUP BY query ORDER BY searches DESC, query LIMIT 200",
    )
    .bind(library)
    .bind(days)
    .fetch_all(&state.db)
    .await?;
    let deflections_by_source = sqlx::query_as(
        "SELECT source, sum(count)::bigint AS count FROM faq_deflection
          WHERE library_id = $1 AND day > current_date - $2 GROUP BY source ORDER BY source",
    )
    .bind(library)
    .bind(days)
    .fetch_all(&state.db)
    .await?;
    let entries: Vec<EntryFigures> = sqlx::query_as(
        "SELECT e.id, e.question, e.status, e.views, e.helpful_count,
                coalesce((SELECT sum(d.count) FROM faq_deflection d WHERE d.library_id = e.library_id
                           AND d.entry_id = e.id AND d.day > current_date - $2), 0)::bigint AS deflections,
                coalesce(e.last_reviewed_at, e.created_at) + make_interval(days => e.review_every_days) AS review_due_at
           FROM faq_entry e WHERE e.library_id = $1 ORDER BY e.views DESC, e.id LIMIT 1000",
    )
    .bind(library)
    .bind(days)
    .fetch_all(&state.db)
    .await?;
    let now = Utc::now();
    let (mut due_for_review, entries): (Vec<_>, Vec<_>) = entries.into_iter().partition(|e| e.review_due_at <= now);
    let entries = {
        // Due entries appear in both lists; copy them back into the full one.
        let mut all = entries;
        for e in &due_for_review {
            all.push(EntryFigures { question: e.question.clone(), status: e.status.clone(), ..*e });
        }
        all.sort_by(|a, b| b.views.cmp(&a.views).then(a.id.cmp(&b.id)));
        all
    };
    due_for_review.sort_by_key(|e| e.review_due_at);
    Ok(Json(Analytics {
        days,
        missed_searches,
        retention_days: faq::MISS_RETENTION_DAYS,
        deflections_by_source,
        entries,
        due_for_review,
    }))
}
