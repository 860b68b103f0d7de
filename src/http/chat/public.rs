//! Public chat routes the widget calls from the library's page: its config, and
//! attachments (images and PDF, sniffed, capped per library). CORS is granted only to
//! origins on the library's allow-list (and the hub's own); no cookies anywhere.

use super::AppState;
use crate::chat::session::ChatSession;
use crate::chat::settings::{ChatSettings, MAX_UPLOAD_CAP};
use crate::chat::{availability, history};
use crate::domain::{Address, Channel, LibraryId};
use crate::store::library::Library;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use channels::chat::{validate, ChatMessage, ErrorCode};
use channels::inbound::InboundAttachment;
use channels::{Inbound, ThreadHint};
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/chat/{library}/config", get(config).options(preflight))
        .route(
            "/chat/{library}/attachments",
            axum::routing::post(upload).options(preflight).layer(DefaultBodyLimit::max(MAX_UPLOAD_CAP as usize + 1024)),
        )
        .route("/chat/{library}/attachments/{id}", get(download))
}

struct Ctx {
    library: Library,
    settings: ChatSettings,
    /// The CORS origin to grant, when the request's Origin is allowed.
    cors: Option<HeaderValue>,
}

async fn load(state: &AppState, slug: &str, headers: &HeaderMap) -> Result<Ctx, Response> {
    let fail = |e: sqlx::Error| {
        tracing::error!(error = %e, "loading chat settings failed");
        StatusCode::SERVICE_UNAVAILABLE.into_response()
    };
    let library = Library::find_by_slug(&state.db, slug).await.map_err(fail)?;
    let Some(library) = library else { return Err(not_found()) };
    let settings = ChatSettings::find(&state.db, library.id).await.map_err(fail)?.filter(|s| s.enabled);
    let Some(settings) = settings else { return Err(not_found()) };
    let cors = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| settings.origin_allowed(o, &state.public_origin))
        .and_then(|o| HeaderValue::from_str(o).ok());
    Ok(Ctx { library, settings, cors })
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({"code": "not_found", "message": "no chat for this library"}))).into_response()
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({"code": code, "message": message}))).into_response()
}

/// Adds the CORS headers an allowed origin gets.
fn with_cors(cors: &Option<HeaderValue>, mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = cors {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        h.insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("cross-origin"));
    }
    response
}

async fn preflight(State(state): State<AppState>, Path(slug): Path<String>, headers: HeaderMap) -> Response {
    let ctx = match load(&state, &slug, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if ctx.cors.is_none() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let mut r = StatusCode::NO_CONTENT.into_response();
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type, x-chat-token, x-client-id, x-filename"),
    );
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    with_cors(&ctx.cors, r)
}

/// `GET /chat/{library}/config`: what the widget needs before the patron types.
async fn config(State(state): State<AppState>, Path(slug): Path<String>, headers: HeaderMap) -> Response {
    let ctx = match load(&state, &slug, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let availability = match availability::now(&state.db, ctx.library.id, ctx.settings.team_id).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "computing chat availability failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let s = &ctx.settings;
    let body = json!({
        "name": ctx.library.name,
        "greeting": s.greeting.clone().unwrap_or_else(|| format!("Hi! Ask {} anything.", ctx.library.name)),
        "color": s.color.clone().unwrap_or_else(|| "#1f5fbf".into()),
        "position": s.position,
        "languages": s.languages,
        // The library's own privacy page if it set one, else the hub's page for it.
        "privacy_url": s.privacy_url.clone().unwrap_or_else(|| format!("{}/privacy/{slug}", state.public_origin)),
        "max_upload_bytes": s.max_upload_bytes,
        "availability": availability,
    });
    with_cors(&ctx.cors, Json(body).into_response())
}

/// The content type of a file from its first bytes: images and PDF only.
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 5] = [
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"%PDF-", "application/pdf"),
    ];
    if data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    KINDS.iter().find(|(magic, _)| data.starts_with(magic)).map(|(_, kind)| *kind)
}

/// A file name safe to store and to put in a header: percent-decoded, path and control
/// characters removed, at most 200 characters.
pub fn clean_filename(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                decoded.push(b);
                i += 3;
                continue;
            }
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    let name: String = String::from_utf8_lossy(&decoded)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"' | ':' | '<' | '>' | '|' | '*' | '?'))
        .take(200)
        .collect();
    let name = name.trim().trim_start_matches('.').to_owned();
    if name.is_empty() {
        "attachment".into()
    } else {
        name
    }
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `POST /chat/{library}/attachments`: a file from the patron, stored with its message by
/// ingest (idempotent on `X-Client-Id` like a `send`).
async fn upload(State(state): State<AppState>, Path(slug): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    let ctx = match load(&state, &slug, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let cors = ctx.cors.clone();
    let r = store_upload(&state, ctx, &headers, body).await.unwrap_or_else(|r| r);
    with_cors(&cors, r)
}

async fn store_upload(state: &AppState, ctx: Ctx, headers: &HeaderMap, body: Bytes) -> Result<Response, Response> {
    let library = ctx.library.id;
    let mut session = session_for(state, library, header_str(headers, "x-chat-token")).await?;
    let client_id = header_str(headers, "x-client-id")
        .and_then(|c| validate::client_id(c).ok())
        .ok_or_else(|| error(StatusCode::UNPROCESSABLE_ENTITY, "bad_frame", "X-Client-Id is required"))?;
    let key = format!("chat-send/{library}/{}", session.id);
    let max = state.library_limits.of(&state.db, library).await.chat_messages_per_minute;
    if state.chat_limits.send.take(&key, max).is_err() {
        return Err(error(StatusCode::TOO_MANY_REQUESTS, "rate_limited", ErrorCode::RateLimited.describe()));
    }
    if body.len() > ctx.settings.max_upload_bytes as usize {
        return Err(error(StatusCode::PAYLOAD_TOO_LARGE, "too_large", "the file is larger than this library allows"));
    }
    let Some(content_type) = sniff(&body) else {
        return Err(error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_type", "only images and PDF files"));
    };
    let filename = clean_filename(header_str(headers, "x-filename").unwrap_or("attachment"));
    let from = Address::chat_session(&session.address)
        .map_err(|_| error(StatusCode::UNAUTHORIZED, "session_unknown", ErrorCode::SessionUnknown.describe()))?;
    let inbound = Inbound {
        channel: Channel::Chat,
        from,
        display_name: session.name.clone(),
        provider_id: history::provider_id(session.id, client_id),
        subject: None,
        text: String::new(),
        sanitized_html: None,
        thread: ThreadHint::ContinueRecent {
            conversation: session.conversation_id.map(|c| c.0),
            within: crate::chat::CONTINUE_WITHIN,
        },
        received_at: chrono::Utc::now(),
        attachments: vec![InboundAttachment { filename, content_type: content_type.into(), data: body.to_vec() }],
    };
    let chat = super::chat(state);
    let message: ChatMessage = chat
        .accept(&mut session, &ctx.settings, inbound)
        .await
        .map_err(|code| error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", code.describe()))?;
    Ok((StatusCode::CREATED, Json(json!({"message": message}))).into_response())
}

async fn session_for(state: &AppState, library: LibraryId, token: Option<&str>) -> Result<ChatSession, Response> {
    let unknown = || error(StatusCode::UNAUTHORIZED, "session_unknown", ErrorCode::SessionUnknown.describe());
    let token = token.filter(|t| !t.is_empty() && t.len() <= 100).ok_or_else(unknown)?;
    match ChatSession::by_token(&state.db, library, token).await {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(unknown()),
        Err(e) => {
            tracing::error!(error = %e, "loading a chat session failed");
            Err(StatusCode::SERVICE_UNAVAILABLE.into_response())
        }
    }
}

#[derive(serde::Deserialize)]
struct TokenParam {
    token: Option<String>,
}

/// `GET /chat/{library}/attachments/{id}?token=`: only to a session of the chat it is in.
async fn download(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<TokenParam>,
    headers: HeaderMap,
) -> Response {
    let ctx = match load(&state, &slug, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let session = match session_for(&state, ctx.library.id, q.token.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(conversation) = session.conversation_id else { return not_found() };
    let row: Result<Option<(String, String, Vec<u8>)>, _> = sqlx::query_as(
        "SELECT a.filename, a.content_type, a.data FROM attachment a
           JOIN message m ON m.library_id = a.library_id AND m.id = a.message_id
          WHERE a.library_id = $1 AND a.id = $2 AND m.conversation_id = $3 AND m.direction IN ('in', 'out')",
    )
    .bind(ctx.library.id)
    .bind(id)
    .bind(conversation)
    .fetch_optional(&state.db)
    .await;
    let (filename, content_type, data) = match row {
        Ok(Some(r)) => r,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, "loading an attachment failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    // Only types we sniffed on the way in are served inline; anything else downloads.
    let inline = content_type.starts_with("image/") && sniff(&data) == Some(content_type.as_str());
    let disposition = format!(
        "{}; filename=\"{}\"",
        if inline { "inline" } else { "attachment" },
        clean_filename(&filename).replace(|c: char| !c.is_ascii(), "_")
    );
    let mut r = data.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    // An <img> on the library's page sends no Origin: the token is the access check.
    h.insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("cross-origin"));
    with_cors(&ctx.cors, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_images_and_pdf_are_recognised() {
        let cases: [(&[u8], Option<&str>); 6] = [
            (b"\x89PNG\r\n\x1a\nrest", Some("image/png")),
            (b"\xff\xd8\xff\xe0....", Some("image/jpeg")),
            (b"%PDF-1.7\n", Some("application/pdf")),
            (b"RIFF\0\0\0\0WEBPVP8 ", Some("image/webp")),
            (b"<svg xmlns=", None),
            (b"<html><script>", None),
        ];
        for (data, want) in cases {
            assert_eq!(sniff(data), want);
        }
    }

    #[test]
    fn filenames_are_made_safe() {
        assert_eq!(clean_filename("report%20final.pdf"), "report final.pdf");
        assert_eq!(clean_filename("..%2F..%2Fetc%2Fpasswd"), "etcpasswd");
        assert_eq!(clean_filename("a\r\nb.png"), "ab.png");
        assert_eq!(clean_filename("caf%C3%A9.png"), "café.png");
        assert_eq!(clean_filename(""), "attachment");
        assert_eq!(clean_filename("100%"), "100%");
    }
}
