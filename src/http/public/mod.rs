//! Pages patrons see without logging in: the survey (`/s/{library}/{survey}`, its kiosk
//! mode and print form) and the rating page of an email link (`/r/{library}/{token}`).
//!
//! Server-rendered HTML that works without JavaScript; no cookies, no third-party request,
//! a strict CSP (the kiosk's small same-origin script is the only script).

mod html;
mod rating;
mod submit;
mod survey_page;

use super::AppState;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/s/assets/survey.css", get(css))
        .route("/s/assets/kiosk.js", get(kiosk_js))
        .route("/s/{library}/{survey}", get(survey_page::show).post(submit::submit))
        .route("/s/{library}/{survey}/thanks", get(survey_page::thanks))
        .route("/s/{library}/{survey}/print", get(survey_page::print))
        .route("/r/{library}/{token}", get(rating::show).post(rating::answer))
}

/// Patron pages: our own stylesheet (and the kiosk script), forms posting to us, nothing else.
const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
    form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// An HTML page with the patron pages' headers.
pub(super) fn page(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    // Same-origin only: nothing leaks to other sites, and the browser still sends our
    // Origin with the form's POST (with no-referrer it sends `Origin: null`).
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    r
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", include_str!("survey.css"))
}

async fn kiosk_js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("kiosk.js"))
}

/// A database failure on a patron page: logged (without patron data), a plain page sent.
pub(super) fn server_error(e: sqlx::Error) -> Response {
    tracing::error!(error = %e, "a patron page failed");
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        html::shell("en", "Please try again", "", "<h1>Please try again</h1><p>Something went wrong on our side.</p>"),
    )
}
