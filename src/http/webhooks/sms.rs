//! The SMS provider's webhooks: inbound texts and delivery status callbacks.
//!
//! Nothing is read or written before the signature checks out over the exact public URL
//! and every parameter received. Inbound texts are answered 200 only after COMMIT; the
//! provider retries, and the same MessageSid twice stores one message.

use crate::domain::{Address, Channel, E164};
use crate::http::AppState;
use crate::inbox::ingest::Accepted;
use crate::sms;
use crate::sms::accounts::Entry;
use crate::store::sms::SmsAccount;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use channels::inbound::InboundAttachment;
use channels::sms::{InboundSms, StatusCallback, SIGNATURE_HEADER};
use channels::{Inbound, ThreadHint};
use std::time::Duration;

pub fn router() -> Router<AppState> {
    Router::new().route("/webhooks/sms/{library}", post(inbound)).route("/webhooks/sms/{library}/status", post(status))
}

/// Largest MMS attachment fetched (the provider's own limit is 5 MB per message).
const MAX_MEDIA_BYTES: usize = 5 * 1024 * 1024;
const MAX_MEDIA: usize = 10;

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

/// Empty TwiML, or one reply message.
fn twiml(reply: Option<&str>) -> Response {
    let body = match reply {
        None => r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#.to_owned(),
        Some(text) => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Message>{}</Message></Response>"#,
            xml_escape(text)
        ),
    };
    ([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// The library and its account (from the hub's cache: no query), and the verified form —
/// or the response refusing the request.
async fn verified(
    state: &AppState,
    slug: &str,
    uri: &OriginalUri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<(Entry, Vec<(String, String)>), Response> {
    let Some(entry) = state.realtime.sms_accounts.find(&state.db, slug).await.map_err(internal)? else {
        return Err(plain(StatusCode::NOT_FOUND, "unknown library"));
    };
    let (library, Some(account)) = &*entry else {
        return Err(plain(StatusCode::NOT_FOUND, "SMS is not set up for this library"));
    };
    let max = state.library_limits.of(&state.db, library.id).await.sms_webhooks_per_minute;
    if let Err(retry_after) = state.webhook_limiter.take(&format!("sms:{}", library.id), max) {
        return Err(crate::http::error::ApiError::RateLimited { retry_after }.into_response());
    }
    // The URL the provider signed: the configured public origin (a TLS proxy in front does
    // not change it) with the path and query exactly as received.
    let path_and_query = uri.0.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let signed_url = format!("{}{path_and_query}", state.public_origin);
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let tokens = account.verifying_tokens(chrono::Utc::now());
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    // JSON bodies are signed over the URL, which carries the body's SHA-256 (bodySHA256).
    let (params, valid) = if json {
        (json_params(body), channels::sms::verify_json_body(&tokens, &signed_url, body, signature))
    } else {
        let params: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
        let valid = channels::sms::verify_signature(&tokens, &signed_url, &params, signature);
        (params, valid)
    };
    if signature.is_empty() || !valid {
        tracing::warn!(library.id = %library.id, "SMS webhook with a missing or wrong signature refused");
        return Err(plain(StatusCode::FORBIDDEN, "invalid signature"));
    }
    let account_sid = params.iter().find(|(k, _)| k == "AccountSid").map(|(_, v)| v.as_str());
    if account_sid != Some(account.account_sid.as_str()) {
        return Err(plain(StatusCode::FORBIDDEN, "not this library's account"));
    }
    Ok((entry, params))
}

/// A flat JSON object's members as (name, value) pairs, values as their text.
fn json_params(body: &[u8]) -> Vec<(String, String)> {
    match serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(body) {
        Ok(map) => map
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn internal(e: sqlx::Error) -> Response {
    crate::http::error::ApiError::from(e).into_response()
}

#[tracing::instrument(name = "webhook.sms.inbound", skip_all, fields(library = %slug))]
async fn inbound(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (entry, params) = match verified(&state, &slug, &uri, &headers, &body).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let (library, Some(account)) = &*entry else { unreachable!("verified() refuses a library without SMS") };
    let sms = match InboundSms::from_params(&params) {
        Ok(s) => s,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let Ok(from) = E164::parse(&sms.from) else {
        return plain(StatusCode::BAD_REQUEST, "From is not an E.164 number");
    };

    // Consent keywords are recorded before anything else, and before the 2xx.
    let faq = crate::faq::sms::SmsFaq { prefix: &state.config.faq.sms_prefix, origin: &state.public_origin };
    let keyword = sms::keywords::handle(&state.db, library, account, &from, &sms.body, &faq).await;
    let keyword = match keyword {
        Ok(k) => k,
        Err(e) => return internal(e),
    };

    // A reply of just 1-5 to a rating request is the rating, not a new question.
    if keyword == sms::keywords::Outcome::None && sms.media.is_empty() {
        match crate::survey::csat::sms_reply(&state.db, library.id, &from, &sms.body, &sms.message_sid).await {
            Ok(true) => return twiml(None),
            Ok(false) => {}
            Err(e) => return internal(e),
        }
    }

    let (attachments, failed_media) = fetch_media(&state, account, &sms).await;
    let mut text = sms.body.clone();
    if failed_media > 0 {
        text.push_str(&format!("\n[{failed_media} attachment(s) could not be fetched from the provider]"));
    }
    let inbound = Inbound {
        channel: Channel::Sms,
        from: Address::Phone(from.clone()),
        display_name: None,
        provider_id: sms.message_sid.clone(),
        subject: None,
        text,
        sanitized_html: None,
        thread: ThreadHint::ContinueRecent {
            conversation: None,
            within: Duration::from_secs(state.config.ingest.continue_within_hours as u64 * 3600),
        },
        received_at: chrono::Utc::now(),
        attachments,
    };
    let accepted: Accepted = match state.ingest.accept(library.id, inbound).await {
        Ok(a) => a,
        Err(crate::inbox::ingest::IngestError::Invalid(why)) => return (StatusCode::BAD_REQUEST, why).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "storing an inbound text failed");
            return plain(StatusCode::SERVICE_UNAVAILABLE, "try again");
        }
    };
    if !accepted.created {
        // A retry of a text we already have: it was answered the first time.
        return twiml(None);
    }
    let reply = match sms::keywords::after_ingest(&state, library, &accepted, keyword, &sms.body).await {
        Ok(reply) => reply,
        Err(e) => {
            // The patron's text is stored; only the automatic part failed.
            tracing::error!(error = %e, "keyword follow-up failed");
            None
        }
    };
    twiml(reply.as_deref())
}

async fn fetch_media(state: &AppState, account: &SmsAccount, sms: &InboundSms) -> (Vec<InboundAttachment>, usize) {
    let allow = channels::fetch::AllowList::new(&account.media_hosts);
    let private = state.config.outbound.private_nets();
    let mut attachments = Vec::new();
    let mut failed = 0;
    for (i, media) in sms.media.iter().take(MAX_MEDIA).enumerate() {
        let auth = Some((account.account_sid.as_str(), account.auth_token.as_str()));
        match channels::fetch::fetch(&allow, &private, &media.url, auth, MAX_MEDIA_BYTES).await {
            Ok(fetched) => {
                let content_type = media.content_type.clone();
                let ext = content_type.split('/').nth(1).unwrap_or("bin").split(';').next().unwrap_or("bin");
                attachments.push(InboundAttachment {
                    filename: format!(
                        "media-{}.{}",
                        i + 1,
                        ext.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>()
                    ),
                    content_type,
                    data: fetched.data,
                });
            }
            Err(e) => {
                tracing::warn!(error = %e, media = i, "MMS media not fetched");
                failed += 1;
            }
        }
    }
    failed += sms.media.len().saturating_sub(MAX_MEDIA);
    (attachments, failed)
}

#[tracing::instrument(name = "webhook.sms.status", skip_all, fields(library = %slug))]
async fn status(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (entry, params) = match verified(&state, &slug, &uri, &headers, &body).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let library = &entry.0;
    let callback = match StatusCallback::from_params(&params) {
        Ok(c) => c,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let to = params.iter().find(|(k, _)| k == "To").and_then(|(_, v)| E164::parse(v).ok());
    match sms::status::apply(&state, library.id, &callback, to.as_ref()).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => internal(e),
    }
}
