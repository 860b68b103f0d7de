//! SMS settings (admins), the composer's segment counter, and staff-recorded consent.

use crate::domain::{ContactId, Role, E164};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::sms::{self as rows, SmsAccount};
use crate::store::{audit, library::Library};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/sms/segments", get(segments))
        .route("/api/settings/sms", get(settings).put(update_settings))
        .route("/api/contacts/{id}/sms-consent", put(set_consent))
        .route("/api/sms/keywords", get(keywords))
        .route("/api/sms/keywords/{keyword}", put(set_keyword).delete(delete_keyword))
}

/// An automatic reply to a one-word text (STOP, START and HELP are built in).
#[derive(Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct KeywordReply {
    /// Upper-case letters and digits, 2 to 20, e.g. `HOURS`.
    pub keyword: String,
    pub reply: String,
}

#[derive(Deserialize, ToSchema)]
pub struct KeywordRequest {
    /// At most 1600 characters (ten SMS segments).
    pub reply: String,
}

const RESERVED: [&str; 14] = [
    "STOP",
    "STOPALL",
    "UNSUBSCRIBE",
    "CANCEL",
    "END",
    "QUIT",
    "REVOKE",
    "OPTOUT",
    "START",
    "YES",
    "UNSTOP",
    "HELP",
    "INFO",
    "ALTO",
];

/// The library's keyword replies.
#[utoipa::path(get, path = "/api/sms/keywords", tag = "sms", responses((status = 200, body = Vec<KeywordReply>)))]
pub async fn keywords(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<Vec<KeywordReply>>> {
    let rows = sqlx::query_as("SELECT keyword, reply FROM sms_keyword WHERE library_id = $1 ORDER BY keyword")
        .bind(session.actor.library)
        .fetch_all(&state.db)
        .await?;
    Ok(Json(rows))
}

/// Sets the reply to a keyword (managers). Consent keywords cannot be changed.
#[utoipa::path(put, path = "/api/sms/keywords/{keyword}", tag = "sms", params(("keyword" = String, Path)),
    request_body = KeywordRequest, responses((status = 200, body = KeywordReply), (status = 422, body = ErrorBody)))]
pub async fn set_keyword(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(keyword): ApiPath<String>,
    ApiJson(req): ApiJson<KeywordRequest>,
) -> ApiResult<Json<KeywordReply>> {
    session.require(Role::Manager)?;
    let keyword = keyword.to_uppercase();
    let valid = (2..=20).contains(&keyword.len()) && keyword.bytes().all(|b| b.is_ascii_alphanumeric());
    if !valid {
        return Err(ApiError::invalid("invalid_keyword", "keywords are 2 to 20 letters or digits"));
    }
    if RESERVED.contains(&keyword.as_str()) {
        return Err(ApiError::invalid(
            "reserved_keyword",
            "consent keywords (STOP, START, HELP...) are handled by law",
        ));
    }
    let reply = req.reply.trim();
    if reply.is_empty() || reply.chars().count() > 1600 {
        return Err(ApiError::invalid("invalid_reply", "replies are 1 to 1600 characters"));
    }
    rows::set_keyword(&state.db, session.actor.library, &keyword, reply).await?;
    Ok(Json(KeywordReply { keyword, reply: reply.to_owned() }))
}

/// Removes a keyword reply (managers).
#[utoipa::path(delete, path = "/api/sms/keywords/{keyword}", tag = "sms", params(("keyword" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_keyword(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(keyword): ApiPath<String>,
) -> ApiResult<StatusCode> {
    session.require(Role::Manager)?;
    let done = sqlx::query("DELETE FROM sms_keyword WHERE library_id = $1 AND keyword = $2")
        .bind(session.actor.library)
        .bind(keyword.to_uppercase())
        .execute(&state.db)
        .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound("keyword"));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SegmentParams {
    pub text: String,
}

/// How a text will travel: GSM-7 fits 160 characters in one message, UCS-2 (any character
/// outside GSM-7, e.g. an emoji or "á") only 70.
#[derive(Serialize, ToSchema)]
pub struct Segments {
    /// `gsm7` or `ucs2`.
    pub encoding: String,
    pub characters: usize,
    pub segments: usize,
    /// Characters that still fit in the last segment.
    pub remaining_in_segment: usize,
}

/// Counts characters and segments of a text before it is sent.
#[utoipa::path(get, path = "/api/sms/segments", tag = "sms", params(SegmentParams), responses((status = 200, body = Segments)))]
pub async fn segments(_session: StaffSession, ApiQuery(p): ApiQuery<SegmentParams>) -> ApiResult<Json<Segments>> {
    if p.text.len() > 10_000 {
        return Err(ApiError::invalid("text_too_long", "at most 10,000 bytes"));
    }
    let c = channels::sms::count_segments(&p.text);
    let (encoding, single, part) = match c.encoding {
        channels::sms::Encoding::Gsm7 => ("gsm7", 160, 153),
        channels::sms::Encoding::Ucs2 => ("ucs2", 70, 67),
    };
    let capacity = if c.segments <= 1 { single } else { part * c.segments };
    Ok(Json(Segments {
        encoding: encoding.into(),
        characters: c.characters,
        segments: c.segments,
        remaining_in_segment: capacity.saturating_sub(c.units),
    }))
}

/// The library's SMS account as admins see it: never the auth token.
#[derive(Serialize, ToSchema)]
pub struct SmsSettings {
    pub configured: bool,
    pub account_sid: Option<String>,
    pub from_number: Option<String>,
    pub messaging_service_sid: Option<String>,
    pub api_base_url: Option<String>,
    pub media_hosts: Vec<String>,
    pub help_text: Option<String>,
    /// Paste into the provider's console as the messaging webhook.
    pub webhook_url: String,
    pub status_callback_url: String,
}

/// The SMS settings (admins).
#[utoipa::path(get, path = "/api/settings/sms", tag = "sms", responses((status = 200, body = SmsSettings)))]
pub async fn settings(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<SmsSettings>> {
    session.require(Role::Admin)?;
    let library = Library::find(&state.db, session.actor.library).await?.ok_or(ApiError::NotFound("library"))?;
    let account = SmsAccount::find(&state.db, library.id).await?;
    let webhook_url = format!("{}/webhooks/sms/{}", state.public_origin, library.slug);
    Ok(Json(SmsSettings {
        configured: account.is_some(),
        account_sid: account.as_ref().map(|a| a.account_sid.clone()),
        from_number: account.as_ref().and_then(|a| a.from_number.clone()),
        messaging_service_sid: account.as_ref().and_then(|a| a.messaging_service_sid.clone()),
        api_base_url: account.as_ref().map(|a| a.api_base_url.clone()),
        media_hosts: account.as_ref().map(|a| a.media_hosts.clone()).unwrap_or_default(),
        help_text: account.and_then(|a| a.help_text),
        status_callback_url: format!("{webhook_url}/status"),
        webhook_url,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct SmsSettingsUpdate {
    pub account_sid: String,
    /// A new token keeps the previous one valid for webhooks for 24 hours (rotation).
    pub auth_token: String,
    pub from_number: Option<String>,
    pub messaging_service_sid: Option<String>,
    /// Default: https://api.twilio.com
    pub api_base_url: Option<String>,
    /// Origins MMS media may be fetched from; default: the provider's.
    pub media_hosts: Option<Vec<String>>,
    pub help_text: Option<String>,
}

/// Sets the SMS account (admins).
#[utoipa::path(put, path = "/api/settings/sms", tag = "sms", request_body = SmsSettingsUpdate,
    responses((status = 200, body = SmsSettings), (status = 422, body = ErrorBody)))]
pub async fn update_settings(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<SmsSettingsUpdate>,
) -> ApiResult<Json<SmsSettings>> {
    session.require(Role::Admin)?;
    let account = validate(session.actor.library, req)?;
    SmsAccount::upsert(&state.db, &account, chrono::Duration::hours(24)).await?;
    // Every instance hears of it from Postgres; this one forgets before it answers.
    state.realtime.sms_accounts.forget(session.actor.library);
    audit::record(
        &state.db,
        session.actor.library,
        Some(session.actor.staff),
        "update",
        "sms_settings",
        None,
        serde_json::json!({}),
    )
    .await?;
    settings(State(state), session).await
}

fn validate(library: crate::domain::LibraryId, req: SmsSettingsUpdate) -> ApiResult<SmsAccount> {
    let sid_ok = req.account_sid.len() == 34
        && req.account_sid.starts_with("AC")
        && req.account_sid.bytes().all(|b| b.is_ascii_alphanumeric());
    if !sid_ok {
        return Err(ApiError::invalid("invalid_account_sid", "the account sid is AC followed by 32 characters"));
    }
    if req.auth_token.trim().len() < 16 {
        return Err(ApiError::invalid("invalid_auth_token", "the auth token is missing or too short"));
    }
    let from_number = match req.from_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => Some(
            E164::parse(n).map_err(|e| ApiError::invalid("invalid_from_number", e.to_string()))?.as_str().to_owned(),
        ),
        None => None,
    };
    let service = req.messaging_service_sid.filter(|s| !s.trim().is_empty());
    if from_number.is_none() && service.is_none() {
        return Err(ApiError::invalid("sender_required", "set a sending number or a messaging service"));
    }
    let api_base_url = req.api_base_url.unwrap_or_else(|| "https://api.twilio.com".into());
    let media_hosts = req.media_hosts.unwrap_or_else(|| {
        ["https://api.twilio.com", "https://media.twiliocdn.com", "https://s3-external-1.amazonaws.com"]
            .map(String::from)
            .to_vec()
    });
    for u in std::iter::once(&api_base_url).chain(media_hosts.iter()) {
        let parsed = url::Url::parse(u).map_err(|_| ApiError::invalid("invalid_url", format!("{u} is not a URL")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
            return Err(ApiError::invalid("invalid_url", format!("{u} is not an http(s) URL")));
        }
    }
    Ok(SmsAccount {
        library_id: library,
        account_sid: req.account_sid,
        auth_token: req.auth_token.trim().to_owned(),
        previous_auth_token: None,
        previous_valid_until: None,
        from_number,
        messaging_service_sid: service,
        api_base_url,
        media_hosts,
        help_text: req.help_text.filter(|h| !h.trim().is_empty()),
    })
}

#[derive(Deserialize, ToSchema)]
pub struct ConsentRequest {
    /// True: never text this patron; false: they asked to get texts again.
    pub opted_out: bool,
}

/// Records a patron's SMS consent as staff heard it (all of the patron's numbers).
#[utoipa::path(put, path = "/api/contacts/{id}/sms-consent", tag = "sms", params(("id" = i64, Path)),
    request_body = ConsentRequest, responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn set_consent(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
    ApiJson(req): ApiJson<ConsentRequest>,
) -> ApiResult<StatusCode> {
    let library = session.actor.library;
    crate::store::contact::Contact::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("contact"))?;
    let phones: Vec<String> = sqlx::query_scalar(
        "SELECT address FROM contact_identity WHERE library_id = $1 AND contact_id = $2 AND channel = 'sms'",
    )
    .bind(library)
    .bind(id)
    .fetch_all(&state.db)
    .await?;
    for phone in phones.iter().filter_map(|p| E164::parse(p).ok()) {
        rows::set_consent(&state.db, library, &phone, req.opted_out, "staff").await?;
    }
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "sms_consent",
        "contact",
        Some(id.0),
        serde_json::json!({"opted_out": req.opted_out}),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
