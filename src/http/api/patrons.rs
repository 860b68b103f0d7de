//! Patron profile changes (staff): merge two contacts and undo it, duplicate suggestions,
//! profile fields, consent records, and regrouping conversations (merge two, split a
//! message out). Each is recorded in the audit log.

use crate::domain::{Channel, ContactId, ConversationId, MessageId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::patrons::duplicates::{self, Duplicate};
use crate::patrons::merge::{self, ContactMerge};
use crate::patrons::{consent, regroup};
use crate::store::audit;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/contacts/{id}/merge", post(merge_contacts))
        .route("/api/contacts/{id}/split", post(split_contact))
        .route("/api/contacts/{id}/duplicates", get(list_duplicates))
        .route("/api/contacts/{id}/profile", put(update_profile))
        .route("/api/contacts/{id}/consents", post(record_consent))
        .route("/api/conversations/{id}/merge", post(merge_conversations))
        .route("/api/messages/{id}/split", post(split_message))
}

#[derive(Deserialize, ToSchema)]
pub struct MergeContactsRequest {
    /// The contact that joins this one (its identities, conversations and consents move).
    pub from_contact_id: i64,
}

/// Merges another contact into this one (same patron). Undo with split.
#[utoipa::path(post, path = "/api/contacts/{id}/merge", tag = "patrons", params(("id" = i64, Path)),
    request_body = MergeContactsRequest, responses((status = 200, body = ContactMerge), (status = 404, body = ErrorBody)))]
pub async fn merge_contacts(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
    ApiJson(req): ApiJson<MergeContactsRequest>,
) -> ApiResult<Json<ContactMerge>> {
    let m = merge::merge(&state.db, &state.realtime, &session.actor, id, ContactId(req.from_contact_id)).await?;
    Ok(Json(m))
}

#[derive(Deserialize, ToSchema)]
pub struct SplitContactRequest {
    /// The merge into this contact to undo.
    pub merge_id: i64,
}

/// Undoes a merge: the identities, conversations and consents it moved go back.
#[utoipa::path(post, path = "/api/contacts/{id}/split", tag = "patrons", params(("id" = i64, Path)),
    request_body = SplitContactRequest, responses((status = 200, body = ContactMerge), (status = 404, body = ErrorBody)))]
pub async fn split_contact(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
    ApiJson(req): ApiJson<SplitContactRequest>,
) -> ApiResult<Json<ContactMerge>> {
    Ok(Json(merge::split(&state.db, &state.realtime, &session.actor, id, req.merge_id).await?))
}

/// Other contacts with the same normalised email or phone number: suggestions only.
#[utoipa::path(get, path = "/api/contacts/{id}/duplicates", tag = "patrons", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Duplicate>), (status = 404, body = ErrorBody)))]
pub async fn list_duplicates(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
) -> ApiResult<Json<Vec<Duplicate>>> {
    let library = session.actor.library;
    crate::store::contact::Contact::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("contact"))?;
    Ok(Json(duplicates::suggest(&state.db, library, id).await?))
}

#[derive(Deserialize, Serialize, ToSchema)]
pub struct ProfileRequest {
    /// email, sms, chat or survey; null: none.
    #[schema(value_type = Option<String>)]
    pub preferred_channel: Option<Channel>,
    /// A BCP 47 tag, e.g. `en`, `es`, `zh-Hant`.
    pub language: Option<String>,
    /// The library's own word: adult, student, child, faculty...
    pub patron_type: Option<String>,
    pub home_branch: Option<String>,
}

fn short(name: &'static str, v: &Option<String>, max: usize) -> Result<Option<String>, ApiError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) if s.chars().count() <= max && !s.chars().any(char::is_control) => Ok(Some(s.to_owned())),
        Some(_) => Err(ApiError::invalid("invalid_profile", format!("{name} must be at most {max} characters"))),
    }
}

/// Sets the patron's preferred channel, language, patron type and home branch.
#[utoipa::path(put, path = "/api/contacts/{id}/profile", tag = "patrons", params(("id" = i64, Path)),
    request_body = ProfileRequest, responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn update_profile(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
    ApiJson(req): ApiJson<ProfileRequest>,
) -> ApiResult<StatusCode> {
    let language = short("language", &req.language, 35)?;
    if language.as_deref().is_some_and(|l| !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')) {
        return Err(ApiError::invalid("invalid_profile", "language must be a language tag such as en or es-MX"));
    }
    let patron_type = short("patron_type", &req.patron_type, 60)?;
    let home_branch = short("home_branch", &req.home_branch, 100)?;
    let library = session.actor.library;
    let done = sqlx::query(
        "UPDATE contact SET preferred_channel = $3, language = $4, patron_type = $5, home_branch = $6
          WHERE library_id = $1 AND id = $2",
    )
    .bind(library)
    .bind(id)
    .bind(req.preferred_channel.map(|c| c.as_str()))
    .bind(language)
    .bind(patron_type)
    .bind(home_branch)
    .execute(&state.db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound("contact"));
    }
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "update",
        "contact",
        Some(id.0),
        serde_json::json!({}),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct ConsentRequest {
    /// `sms` or `survey`.
    pub kind: String,
    /// True: agreed; false: refused or withdrawn.
    pub granted: bool,
    /// How it was given: `staff` (at the desk, on the phone) or `patron` (a form). Default staff.
    pub source: Option<String>,
}

/// Records a consent given or withdrawn. For SMS it also sets whether the patron's numbers
/// may be texted.
#[utoipa::path(post, path = "/api/contacts/{id}/consents", tag = "patrons", params(("id" = i64, Path)),
    request_body = ConsentRequest, responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn record_consent(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
    ApiJson(req): ApiJson<ConsentRequest>,
) -> ApiResult<StatusCode> {
    let source = req.source.as_deref().unwrap_or("staff");
    consent::record(&state.db, &session.actor, id, &req.kind, req.granted, source).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct MergeConversationsRequest {
    /// The conversation whose messages move into this one (it is then removed).
    pub from_conversation_id: i64,
}

/// Merges another conversation of the same patron into this one.
#[utoipa::path(post, path = "/api/conversations/{id}/merge", tag = "patrons", params(("id" = i64, Path)),
    request_body = MergeConversationsRequest, responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn merge_conversations(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<MergeConversationsRequest>,
) -> ApiResult<StatusCode> {
    let from = ConversationId(req.from_conversation_id);
    regroup::merge_conversations(&state.db, &state.realtime, &session.actor, id, from).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct SplitMessageResult {
    /// The new conversation holding the message.
    pub conversation_id: ConversationId,
}

/// Moves a message out into a new conversation of the same patron.
#[utoipa::path(post, path = "/api/messages/{id}/split", tag = "patrons", params(("id" = i64, Path)),
    responses((status = 200, body = SplitMessageResult), (status = 404, body = ErrorBody)))]
pub async fn split_message(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<MessageId>,
) -> ApiResult<Json<SplitMessageResult>> {
    let conversation_id = regroup::split_message(&state.db, &state.realtime, &session.actor, id).await?;
    Ok(Json(SplitMessageResult { conversation_id }))
}
