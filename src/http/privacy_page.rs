//! `GET /privacy/{library}`: the library's privacy page, generated from its retention
//! policy, for patrons (the chat widget and survey link to it). Server-rendered, no script,
//! no cookies, nothing loaded from anywhere (the CSP allows only its own inline style, by
//! hash), readable by screen readers.

use super::AppState;
use crate::privacy::export::escape;
use crate::privacy::policy::Policy;
use crate::store::library::Library;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};

pub fn router() -> Router<AppState> {
    Router::new().route("/privacy/{library}", get(page))
}

const STYLE: &str = "body{font:1.05rem/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;\
color:#1a1a1a;background:#fff}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}a{color:#0b57d0}";

fn csp() -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
}

fn days(n: i32) -> String {
    if n % 365 == 0 {
        let years = n / 365;
        return if years == 1 { "one year".into() } else { format!("{years} years") };
    }
    if n == 1 {
        "one day".into()
    } else {
        format!("{n} days")
    }
}

/// The page's HTML for `library` under `policy`.
pub fn render(library: &Library, policy: &Policy) -> String {
    let name = escape(&library.name);
    let full = days(policy.retention_days);
    let bodies = days(policy.body_days_effective());
    let identities = days(policy.identity_days_effective());
    let ask = match &policy.contact_email {
        Some(email) => {
            let e = escape(email);
            format!("<p>Write to <a href=\"mailto:{e}\">{e}</a>, or ask us on any channel you already use.</p>")
        }
        None => "<p>Ask us on any channel you already use (email, text, chat) or at any desk.</p>".into(),
    };
    let extra = policy.contact_text.as_deref().map(|t| format!("<p>{}</p>", escape(t))).unwrap_or_default();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Privacy – {name}</title><style>{STYLE}</style></head><body><main>\
<h1>How {name} handles your questions</h1>\
<p>What you ask the library is a confidential library record. We keep the least we need, for the \
shortest time that serves you, and we never sell or share it.</p>\
<h2>What we keep</h2><ul>\
<li>Your messages to us and our answers, on whichever channel you used: email, text message, chat or survey.</li>\
<li>How to reach you: the email address or phone number you wrote from, and your name if you gave it.</li>\
<li>In the chat: what you typed, and the name, email address or phone number you gave us there (or in \
the form for leaving a message), and where you asked us to email a transcript. We do not keep your IP \
address or which browser you used.</li>\
<li>In a survey: your answers. Comments and any email address or phone number you gave are kept with \
them; if you asked us to contact you, your comment also becomes a question to us.</li>\
<li>Whether you asked us not to text you, or not to ask you for ratings.</li></ul>\
<p>We do not track you on this site: this page sets no cookies and loads nothing from other companies. \
The chat and the surveys set no cookies either.</p>\
<h2>For how long</h2><ul>\
<li>The words of your messages, chats, attachments, subjects and survey comments: {bodies} after your \
question was answered.</li>\
<li>Your address, phone number and name (including those typed into the chat or a survey): {identities} \
after your question was answered.</li>\
<li>A survey comment or contact detail that did not become a question: {full} after you sent it.</li>\
<li>After {full} nothing that identifies you is left.</li></ul>\
<p>What stays afterwards cannot identify you: that a question came in, on which channel, when, how long \
the answer took and how much effort it needed, and survey scores and choices without comments. We use \
these counts to staff our desks and improve the library.</p>\
<p>If you texted STOP, we keep a scrambled form of your number (not the number itself) so we never text \
you again, even after everything else is gone. If you asked us not to ask for ratings, we keep a scrambled \
form of that address for the same reason.</p>\
<h2>Your copy, or deletion</h2>\
<p>You can ask for a copy of everything we keep about you, or ask us to delete it now.</p>\
{ask}{extra}\
</main></body></html>"
    )
}

async fn page(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let library = match Library::find_by_slug(&state.db, &slug).await {
        Ok(Some(l)) => l,
        Ok(None) => return (StatusCode::NOT_FOUND, "no such library").into_response(),
        Err(e) => return crate::http::error::ApiError::from(e).into_response(),
    };
    let policy = match Policy::load(&state.db, library.id).await {
        Ok(p) => p,
        Err(e) => return crate::http::error::ApiError::from(e).into_response(),
    };
    let mut response = Html(render(&library, &policy)).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&csp()).expect("ASCII"));
    // Public and the same for everyone: caches may keep it a little while.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}
