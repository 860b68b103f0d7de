//! Serves the staff console (the built `web/dist/console`, embedded in release builds; read
//! from disk in debug builds so a rebuilt front end shows without recompiling).

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "web/dist/console"]
#[allow_missing = true]
struct Assets;

/// Pages may load only our own scripts, styles, images and sockets: no inline script, no
/// third party, no framing.
const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; media-src 'self' data:; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'; form-action 'self'";

/// Any path that is not an API route: a built file, or the app's page (client-side routes).
pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("api/") || path.starts_with("ws/") {
        return crate::http::error::ApiError::NotFound("route").into_response();
    }
    match Assets::get(path).filter(|_| !path.is_empty()) {
        Some(file) => asset(path, file.data.into_owned(), true),
        None => match Assets::get("index.html") {
            Some(index) => asset("index.html", index.data.into_owned(), false),
            None => (StatusCode::NOT_FOUND, "the console is not built: run `npm run build` in web/").into_response(),
        },
    }
}

fn asset(path: &str, data: Vec<u8>, immutable: bool) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let mut response = Response::new(Body::from(data));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(mime.as_ref()).expect("mime is ASCII"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP));
    // Built assets carry a content hash in their name; the page itself must revalidate.
    let cache =
        if immutable && path.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
