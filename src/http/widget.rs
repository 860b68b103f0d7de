//! Serves the chat widget (`GET /widget.js`, the built `web/dist/widget`, embedded in
//! release builds like the console) and, in demo mode, `GET /chat/demo`: a page that looks
//! like a small library's website and embeds the widget exactly as a library would.
//!
//! The script is loaded by libraries' own pages, so it must be allowed cross-origin
//! (`Cross-Origin-Resource-Policy: cross-origin`); it sets no cookie and is cached for a day,
//! revalidated by its content hash.

use super::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "web/dist/widget"]
#[allow_missing = true]
struct WidgetAssets;

/// A day: libraries' pages load the script on every visit; an update reaches patrons
/// within a day, and a revalidation costs a 304.
const SCRIPT_CACHE: &str = "public, max-age=86400, stale-while-revalidate=604800";

/// The demo page loads only the hub's own script, styles and socket.
const DEMO_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const DEMO_HTML: &str = include_str!("widget/demo.html");
const DEMO_CSS: &str = include_str!("widget/demo.css");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/widget.js", get(script))
        .route("/chat/demo", get(demo_page))
        .route("/chat/demo.css", get(demo_css))
}

/// The widget script, or 404 with a hint when the front end was not built.
async fn script(headers: HeaderMap) -> Response {
    let Some(file) = WidgetAssets::get("widget.js") else {
        return (StatusCode::NOT_FOUND, "the chat widget is not built: run `npm run build` in web/").into_response();
    };
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..16]));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(file.data.into_owned()))
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(SCRIPT_CACHE));
    h.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex is ASCII"));
    // Any library's page may load it (no credentials are involved).
    h.insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("cross-origin"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

async fn demo_page(State(state): State<AppState>) -> Response {
    if !state.config.demo.chat_page {
        return crate::http::error::ApiError::NotFound("route").into_response();
    }
    page(DEMO_HTML, "text/html; charset=utf-8")
}

async fn demo_css(State(state): State<AppState>) -> Response {
    if !state.config.demo.chat_page {
        return crate::http::error::ApiError::NotFound("route").into_response();
    }
    page(DEMO_CSS, "text/css; charset=utf-8")
}

fn page(body: &'static str, content_type: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEMO_CSP));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
