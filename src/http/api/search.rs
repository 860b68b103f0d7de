//! Full-text search over every message of the library.

use crate::domain::MessageId;
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::message::{self, SearchHit};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/search", get(search))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to find; web-search syntax ("quoted phrase", -excluded, or).
    pub q: String,
    /// From the previous page's `next_before`.
    pub before: Option<i64>,
    /// 1 to 100; default 25.
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub next_before: Option<MessageId>,
}

/// Searches messages, newest first.
#[utoipa::path(get, path = "/api/search", tag = "search", params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 422, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> ApiResult<Json<SearchResults>> {
    let q = p.q.trim();
    if q.is_empty() || q.len() > 500 {
        return Err(ApiError::invalid("invalid_query", "q is 1 to 500 bytes"));
    }
    let limit = p.limit.unwrap_or(25);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::invalid("invalid_limit", "limit is 1 to 100"));
    }
    let hits = message::search(&state.db, session.actor.library, q, p.before.map(MessageId), limit).await?;
    let next_before = (hits.len() as i64 == limit).then(|| hits.last().expect("non-empty").message_id);
    Ok(Json(SearchResults { hits, next_before }))
}
