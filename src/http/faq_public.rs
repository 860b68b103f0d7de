//! The FAQ for patron-facing clients: `GET /faq/{library}/search.json?q=` (the top three,
//! for the chat widget's suggestions as the patron types) and `POST
//! /faq/{library}/{entry}/helpful` ("this answered my question": from the widget by id, from
//! the entry page's form by link name, which is answered with a redirect back to the page).
//!
//! Cross-origin reads are allowed for the origins the library allows its chat widget on
//! (CORS, no credentials). No cookie is read or set. Searches are answered from this
//! instance's recent results when the same search ran lately (`faq::cache`).
//!
//! Votes are anonymous, so they are limited per client address and library
//! (`faq.votes_per_address_per_10_minutes`, or the library's own lower limit, per
//! [`faq::VOTE_WINDOW`]): a script cannot make an entry look like the one that answers
//! everyone. A library's public computers share one address, hence a generous budget.

use super::AppState;
use crate::chat::settings::ChatSettings;
use crate::faq;
use crate::store::library::Library;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::time::Duration;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/faq/{library}/search.json", get(search_json).options(preflight))
        .route("/faq/{library}/{entry}/helpful", post(helpful).options(preflight))
}

pub async fn find_library(state: &AppState, slug: &str) -> Result<Option<Library>, crate::http::error::ApiError> {
    let valid = (2..=63).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid {
        return Ok(None);
    }
    Ok(Library::find_by_slug(&state.db, slug).await?)
}

/// An entry's link name as the schema allows it (anything else is no entry).
pub fn is_slug(s: &str) -> bool {
    (1..=80).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn not_found() -> Response {
    crate::http::error::ApiError::NotFound("page").into_response()
}

/// The request's Origin when the library allows its chat widget there (or it is ours).
async fn allowed_origin(state: &AppState, library: &Library, headers: &HeaderMap) -> Option<String> {
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?;
    if origin == state.public_origin {
        return Some(origin.to_owned());
    }
    let settings = ChatSettings::find(&state.db, library.id).await.ok()??;
    settings.origin_allowed(origin, &state.public_origin).then(|| origin.to_owned())
}

fn with_cors(mut response: Response, origin: Option<String>) -> Response {
    let h = response.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = origin.and_then(|o| HeaderValue::from_str(&o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("cross-origin"));
    }
    response
}

async fn preflight(
    State(state): State<AppState>,
    Path(params): Path<std::collections::HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(slug) = params.get("library") else { return not_found() };
    let Ok(Some(library)) = find_library(&state, slug).await else { return not_found() };
    let origin = allowed_origin(&state, &library, &headers).await;
    let mut r = with_cors(StatusCode::NO_CONTENT.into_response(), origin);
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    r
}

#[derive(Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    /// Only entries in this language (ISO 639-1).
    lang: Option<String>,
}

/// One suggestion for a patron.
#[derive(Serialize)]
pub struct PublicHit {
    pub id: i64,
    pub question: String,
    pub short_answer: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct PublicResults {
    pub results: Vec<PublicHit>,
}

/// The three best published entries. Searches here are not logged as misses: the widget
/// asks as the patron types, and half-typed words are nobody's question.
async fn search_json(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Query<SearchParams>,
    headers: HeaderMap,
) -> Response {
    let library = match find_library(&state, &slug).await {
        Ok(Some(l)) => l,
        Ok(None) => return not_found(),
        Err(e) => return e.into_response(),
    };
    let origin = allowed_origin(&state, &library, &headers).await;
    let q: String = p.q.unwrap_or_default().chars().take(200).collect();
    let lang = p.lang.filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()));
    let hits = match state.realtime.faq_searches.search_published(&state.db, library.id, &q, lang.as_deref(), 3).await {
        Ok(h) => h,
        Err(e) => return crate::http::error::ApiError::from(e).into_response(),
    };
    let results = hits
        .into_iter()
        .map(|h| PublicHit {
            url: faq::entry_url(&state.public_origin, &library.slug, &h.slug),
            id: h.id,
            question: h.question,
            short_answer: h.short_answer,
        })
        .collect();
    with_cors(Json(PublicResults { results }).into_response(), origin)
}

#[derive(Deserialize)]
pub struct HelpfulParams {
    /// `widget` (default for ids) or `email` (a link in an auto-acknowledgement).
    source: Option<String>,
}

/// "This answered my question". By id (widget, email): 204 with CORS. By link name (the
/// entry page's form, no JavaScript): a redirect back to the page, which then thanks.
/// Over the client's budget: 429 with Retry-After, and nothing is counted.
async fn helpful(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((slug, entry)): Path<(String, String)>,
    Query(p): Query<HelpfulParams>,
    headers: HeaderMap,
) -> Response {
    let library = match find_library(&state, &slug).await {
        Ok(Some(l)) => l,
        Ok(None) => return not_found(),
        Err(e) => return e.into_response(),
    };
    // Every attempt counts (an unknown entry too: guessing ids costs the same budget).
    let key = format!("faq-vote:{}:{}", library.id, peer.ip());
    let max = state.library_limits.of(&state.db, library.id).await.faq_votes_per_10_minutes;
    if let Err(retry_after) = state.faq_vote_limiter.take(&key, max) {
        tracing::info!(library.id = %library.id, "FAQ vote rate limited");
        return too_many_votes(&slug, &entry, retry_after);
    }
    if let Ok(id) = entry.parse::<i64>() {
        let origin = allowed_origin(&state, &library, &headers).await;
        let source = match p.source.as_deref() {
            Some("email") => "email",
            _ => "widget",
        };
        return match faq::store::record_helpful(&state.db, library.id, id, source).await {
            Ok(true) => with_cors(StatusCode::NO_CONTENT.into_response(), origin),
            Ok(false) => with_cors(not_found(), origin),
            Err(e) => crate::http::error::ApiError::from(e).into_response(),
        };
    }
    if !is_slug(&entry) {
        return not_found();
    }
    let id: Option<i64> = match sqlx::query_scalar(
        "SELECT id FROM faq_entry WHERE library_id = $1 AND slug = $2 AND status = 'published'",
    )
    .bind(library.id)
    .bind(&entry)
    .fetch_optional(&state.db)
    .await
    {
        Ok(id) => id,
        Err(e) => return crate::http::error::ApiError::from(e).into_response(),
    };
    let Some(id) = id else { return not_found() };
    if let Err(e) = faq::store::record_helpful(&state.db, library.id, id, "page").await {
        return crate::http::error::ApiError::from(e).into_response();
    }
    Redirect::to(&format!("/faq/{}/{}?thanks=1", library.slug, entry)).into_response()
}

/// 429 with Retry-After: for the widget (by id) the API's JSON error; for the entry page's
/// form (no JavaScript) a short page that leads back to the entry.
fn too_many_votes(library: &str, entry: &str, retry_after: Duration) -> Response {
    if entry.parse::<i64>().is_ok() || !is_slug(entry) || !is_slug(library) {
        return crate::http::error::ApiError::RateLimited { retry_after }.into_response();
    }
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Please try again later</title><link rel=\"stylesheet\" href=\"/faq-assets/faq.css\"></head>\
         <body><main><h1>Please try again later</h1><p>We have counted many answers from your network \
         just now. Thank you for telling us; please try again in a few minutes.</p>\
         <p><a href=\"/faq/{library}/{entry}\">Back to the answer</a></p></main></body></html>"
    );
    let mut r = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::RETRY_AFTER, HeaderValue::from(retry_after.as_secs().max(1)));
    r
}
