//! The inbox: list, read and act on conversations.

use crate::domain::{Channel, ConversationId, ConversationStatus, StaffId, TeamId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::inbox::actions::AssignmentChange;
use crate::inbox::list_cache::{ListKey, Lookup};
use crate::store::conversation::{AssigneeFilter, Conversation, ListFilter, Page};
use crate::store::message::Message;
use crate::store::{audit, contact::Contact};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/conversations", get(list))
        .route("/api/conversations/{id}", get(show))
        .route("/api/conversations/{id}/replies", post(reply))
        .route("/api/conversations/{id}/notes", post(note))
        .route("/api/conversations/{id}/claim", post(claim))
        .route("/api/conversations/{id}/assignee", put(assign))
        .route("/api/conversations/{id}/team", put(transfer))
        .route("/api/conversations/{id}/status", put(set_status))
        .route("/api/conversations/{id}/tags", put(set_tags))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// open (default), pending, snoozed, resolved, or all.
    pub status: Option<String>,
    pub team: Option<i64>,
    /// `me`, `none` (unassigned) or a staff id.
    pub assignee: Option<String>,
    /// email, sms, chat or survey.
    pub channel: Option<String>,
    pub tag: Option<String>,
    /// Full-text search over the conversation's messages (web-search syntax).
    pub q: Option<String>,
    /// `waiting` (oldest waiting first; default for open) or `newest`.
    pub order: Option<String>,
    /// From the previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// 1 to 100; default 50.
    pub limit: Option<i64>,
}

/// One page of conversations.
#[derive(Serialize, ToSchema)]
pub struct ConversationPage {
    pub conversations: Vec<Conversation>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Lists conversations; by default the open queue, oldest waiting first.
#[utoipa::path(get, path = "/api/conversations", tag = "conversations", params(ListParams),
    responses((status = 200, body = ConversationPage), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    session: StaffSession,
    ApiQuery(p): ApiQuery<ListParams>,
) -> ApiResult<Response> {
    let status = match p.status.as_deref() {
        None => Some(ConversationStatus::Open),
        Some("all") => None,
        Some(s) => {
            Some(ConversationStatus::parse(s).ok_or_else(|| ApiError::invalid("invalid_status", "unknown status"))?)
        }
    };
    let assignee = match p.assignee.as_deref() {
        None => None,
        Some("me") => Some(AssigneeFilter::Staff(session.actor.staff)),
        Some("none") => Some(AssigneeFilter::Unassigned),
        Some(id) => Some(AssigneeFilter::Staff(StaffId(
            id.parse().map_err(|_| ApiError::invalid("invalid_assignee", "assignee is me, none or a staff id"))?,
        ))),
    };
    let channel = p
        .channel
        .as_deref()
        .map(Channel::parse)
        .transpose()
        .map_err(|_| ApiError::invalid("invalid_channel", "channel is email, sms, chat or survey"))?;
    let text = p.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(str::to_owned);
    if text.as_ref().is_some_and(|q| q.len() > 500) {
        return Err(ApiError::invalid("query_too_long", "search text is at most 500 bytes"));
    }
    let filter = ListFilter { status, team: p.team.map(TeamId), assignee, channel, tag: p.tag, text };
    let waiting = match p.order.as_deref() {
        None => status == Some(ConversationStatus::Open),
        Some("waiting") => true,
        Some("newest") => false,
        Some(_) => return Err(ApiError::invalid("invalid_order", "order is waiting or newest")),
    };
    let limit = p.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::invalid("invalid_limit", "limit is 1 to 100"));
    }
    let page = match &p.cursor {
        None if waiting => Page::Waiting { after: None },
        None => Page::Newest { before: None },
        Some(c) => decode_cursor(c, waiting)
            .ok_or_else(|| ApiError::invalid("invalid_cursor", "cursor is not from this list"))?,
    };
    // Served from this instance's memory while nothing in the library changed
    // (`inbox::list_cache`); the key is exactly what the query is given.
    let library = session.actor.library;
    let key = ListKey { filter, page, limit };
    let ticket = loop {
        match state.realtime.lists.lookup(library, &key) {
            Lookup::Hit(body) => return Ok(json_bytes(body)),
            Lookup::Wait(pending) => {
                if let Some(body) = pending.page().await {
                    return Ok(json_bytes(body));
                }
                // That read failed: look again (and likely read it ourselves).
            }
            Lookup::Read(ticket) => break ticket,
        }
    };
    let conversations = Conversation::list(&state.db, library, &key.filter, page, limit).await?;
    let next_cursor =
        (conversations.len() as i64 == limit).then(|| encode_cursor(conversations.last().expect("non-empty"), waiting));
    let ids = conversations.iter().map(|c| c.id).collect();
    let body =
        Bytes::from(serde_json::to_vec(&ConversationPage { conversations, next_cursor }).map_err(anyhow::Error::from)?);
    state.realtime.lists.store(ticket, key, body.clone(), ids);
    Ok(json_bytes(body))
}

/// A JSON body serialised earlier (what `Json` would have sent).
fn json_bytes(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
}

// Cursors are opaque to clients: "w.<micros|inf>.<id>" or "n.<id>", base64url.
fn encode_cursor(last: &Conversation, waiting: bool) -> String {
    let raw = if waiting {
        let key = last.waiting_since.map_or("inf".to_owned(), |t| t.timestamp_micros().to_string());
        format!("w.{key}.{}", last.id)
    } else {
        format!("n.{}", last.id)
    };
    URL_SAFE_NO_PAD.encode(raw)
}

fn decode_cursor(cursor: &str, waiting: bool) -> Option<Page> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    let mut parts = raw.split('.');
    match (parts.next()?, waiting) {
        ("w", true) => {
            let key = match parts.next()? {
                "inf" => DateTime::<Utc>::MAX_UTC,
                micros => DateTime::from_timestamp_micros(micros.parse().ok()?)?,
            };
            let id = ConversationId(parts.next()?.parse().ok()?);
            Some(Page::Waiting { after: Some((key, id)) })
        }
        ("n", false) => Some(Page::Newest { before: Some(ConversationId(parts.next()?.parse().ok()?)) }),
        _ => None,
    }
}

/// A conversation with its whole thread.
#[derive(Serialize, ToSchema)]
pub struct ConversationDetail {
    pub conversation: Conversation,
    pub contact: Contact,
    pub messages: Vec<Message>,
    /// The patron opted out of texts: the composer should not offer SMS, and says why.
    pub sms_opted_out: bool,
}

/// A conversation with its messages. Opening one is recorded in the audit log.
#[utoipa::path(get, path = "/api/conversations/{id}", tag = "conversations", params(("id" = i64, Path)),
    responses((status = 200, body = ConversationDetail), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
) -> ApiResult<Json<ConversationDetail>> {
    let library = session.actor.library;
    let conversation = Conversation::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("conversation"))?;
    let contact =
        Contact::find(&state.db, library, conversation.contact_id).await?.ok_or(ApiError::NotFound("contact"))?;
    let messages = Message::for_conversation(&state.db, library, id).await?;
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "open",
        "conversation",
        Some(id.0),
        serde_json::json!({}),
    )
    .await?;
    let sms_opted_out: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM contact_identity ci JOIN sms_consent sc
                          ON sc.library_id = ci.library_id AND sc.opted_out
                           AND sc.phone_hash = privacy_phone_hash(privacy_key_for($1), ci.address)
                         WHERE ci.library_id = $1 AND ci.contact_id = $2 AND ci.channel = 'sms')",
    )
    .bind(library)
    .bind(contact.id)
    .fetch_one(&state.db)
    .await?;
    Ok(Json(ConversationDetail { conversation, contact, messages, sms_opted_out }))
}

#[derive(Deserialize, ToSchema)]
pub struct ReplyRequest {
    pub body: String,
    /// Send on another channel the patron has; default: the conversation's channel.
    #[schema(value_type = Option<String>)]
    pub channel: Option<Channel>,
    /// Email only: files uploaded with `POST /api/conversations/{id}/email/attachments`.
    #[serde(default)]
    pub attachments: Vec<i64>,
}

/// Replies to the patron. The reply is stored and queued; the outbox worker sends it and
/// its delivery status follows live.
#[utoipa::path(post, path = "/api/conversations/{id}/replies", tag = "conversations", params(("id" = i64, Path)),
    request_body = ReplyRequest,
    responses((status = 201, body = Message), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reply(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<ReplyRequest>,
) -> ApiResult<(StatusCode, Json<Message>)> {
    let message = state.actions.reply(&session.actor, id, &req.body, req.channel, &req.attachments).await?;
    Ok((StatusCode::CREATED, Json(message)))
}

#[derive(Deserialize, ToSchema)]
pub struct NoteRequest {
    pub body: String,
    /// Colleagues to notify (@mention).
    #[serde(default)]
    pub mentions: Vec<StaffId>,
}

/// Adds an internal note (staff only; never sent to the patron).
#[utoipa::path(post, path = "/api/conversations/{id}/notes", tag = "conversations", params(("id" = i64, Path)),
    request_body = NoteRequest,
    responses((status = 201, body = Message), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn note(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<NoteRequest>,
) -> ApiResult<(StatusCode, Json<Message>)> {
    let message = state.actions.note(&session.actor, id, &req.body, &req.mentions).await?;
    Ok((StatusCode::CREATED, Json(message)))
}

/// Assigns the conversation to the caller.
#[utoipa::path(post, path = "/api/conversations/{id}/claim", tag = "conversations", params(("id" = i64, Path)),
    responses((status = 200, body = Conversation), (status = 404, body = ErrorBody)))]
pub async fn claim(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
) -> ApiResult<Json<Conversation>> {
    state.actions.change_assignment(&session.actor, id, AssignmentChange::Assignee(Some(session.actor.staff))).await?;
    current(&state, &session, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct AssignRequest {
    /// A staff id, or null to unassign.
    pub staff_id: Option<StaffId>,
}

/// Assigns the conversation to a colleague, or unassigns it (null).
#[utoipa::path(put, path = "/api/conversations/{id}/assignee", tag = "conversations", params(("id" = i64, Path)),
    request_body = AssignRequest,
    responses((status = 200, body = Conversation), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assign(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<AssignRequest>,
) -> ApiResult<Json<Conversation>> {
    state.actions.change_assignment(&session.actor, id, AssignmentChange::Assignee(req.staff_id)).await?;
    current(&state, &session, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct TransferRequest {
    /// The team (queue) to hand the conversation to, or null for none.
    pub team_id: Option<TeamId>,
    /// Keep the current assignee (default: the conversation goes back to the team's queue
    /// unassigned).
    #[serde(default)]
    pub keep_assignee: bool,
    /// An internal note for the receiving team.
    pub note: Option<String>,
}

/// Transfers the conversation to a team, optionally with a handover note.
#[utoipa::path(put, path = "/api/conversations/{id}/team", tag = "conversations", params(("id" = i64, Path)),
    request_body = TransferRequest,
    responses((status = 200, body = Conversation), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn transfer(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<TransferRequest>,
) -> ApiResult<Json<Conversation>> {
    let change = AssignmentChange::Team { team: req.team_id, keep_assignee: req.keep_assignee };
    state.actions.change_assignment(&session.actor, id, change).await?;
    if let Some(note) = req.note.as_deref().filter(|n| !n.trim().is_empty()) {
        state.actions.note(&session.actor, id, note, &[]).await?;
    }
    current(&state, &session, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct StatusRequest {
    pub status: ConversationStatus,
    /// Required for `snoozed`: when the conversation comes back.
    pub snooze_until: Option<DateTime<Utc>>,
}

/// Sets the status: open, pending, snoozed (until a time) or resolved.
#[utoipa::path(put, path = "/api/conversations/{id}/status", tag = "conversations", params(("id" = i64, Path)),
    request_body = StatusRequest,
    responses((status = 200, body = Conversation), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_status(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<StatusRequest>,
) -> ApiResult<Json<Conversation>> {
    state.actions.set_status(&session.actor, id, req.status, req.snooze_until).await?;
    if req.status == crate::domain::ConversationStatus::Resolved {
        crate::survey::csat::after_resolve(&state, session.actor.library, id).await;
    }
    current(&state, &session, id).await
}

#[derive(Deserialize, ToSchema)]
pub struct TagsRequest {
    pub tags: Vec<String>,
}

/// Replaces the conversation's tags.
#[utoipa::path(put, path = "/api/conversations/{id}/tags", tag = "conversations", params(("id" = i64, Path)),
    request_body = TagsRequest,
    responses((status = 200, body = Conversation), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_tags(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<TagsRequest>,
) -> ApiResult<Json<Conversation>> {
    state.actions.set_tags(&session.actor, id, &req.tags).await?;
    current(&state, &session, id).await
}

async fn current(state: &AppState, session: &StaffSession, id: ConversationId) -> ApiResult<Json<Conversation>> {
    let c =
        Conversation::find(&state.db, session.actor.library, id).await?.ok_or(ApiError::NotFound("conversation"))?;
    Ok(Json(c))
}
