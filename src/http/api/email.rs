//! Email settings (admins): the library's mailboxes with their health, re-reading a
//! mailbox, quarantined mail. And, for staff, what an email conversation carries (Cc list,
//! headers, the quoted history folded out of the thread view).
//!
//! Passwords are write-only: no response ever contains one.

use crate::domain::{ConversationId, LibraryId, Role};
use crate::email::mailbox::{self, Mailbox, MailboxId};
use crate::email::quarantine::{self, Quarantined};
use crate::email::settings::{self, security_of, Invalid, MailboxSettings, SecurityName};
use crate::email::store as poller_rows;
use crate::email::uploads::{self, Upload, MAX_UPLOAD_BYTES};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::audit;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/settings/email/mailboxes", get(list_mailboxes).post(create_mailbox))
        .route("/api/settings/email/mailboxes/{id}", put(update_mailbox))
        .route("/api/settings/email/mailboxes/{id}/resync", post(resync_mailbox))
        .route("/api/settings/email/quarantine", get(list_quarantine))
        .route("/api/settings/email/quarantine/{id}", get(show_quarantined))
        .route("/api/conversations/{id}/email", get(conversation_email))
        .route(
            "/api/conversations/{id}/email/attachments",
            post(upload_attachment).layer(DefaultBodyLimit::max(UPLOAD_BODY_BYTES)),
        )
}

/// Whether mail is coming in: `ok`, `failing` (the last attempt failed; see `last_error`),
/// `connecting` (never read yet) or `disabled`.
#[derive(Serialize, ToSchema)]
pub struct MailboxHealth {
    pub state: String,
    pub last_ok_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
}

/// A mailbox as admins see it: never its passwords.
#[derive(Serialize, ToSchema)]
pub struct MailboxView {
    pub id: MailboxId,
    pub address: String,
    pub from_name: Option<String>,
    pub staff_name_in_from: bool,
    pub enabled: bool,
    pub imap_host: String,
    pub imap_port: i32,
    pub imap_security: SecurityName,
    pub imap_username: String,
    pub imap_folder: String,
    pub smtp_host: String,
    pub smtp_port: i32,
    pub smtp_security: SecurityName,
    pub smtp_username: Option<String>,
    /// A PEM CA certificate is configured for the servers.
    pub has_tls_ca: bool,
    pub backfill_days: i32,
    pub poll_seconds: i32,
    pub idle_seconds: i32,
    pub max_message_bytes: i32,
    /// Where committed messages are moved (none: they are only marked \Seen).
    pub processed_folder: Option<String>,
    /// New email conversations are acknowledged automatically.
    pub auto_ack: bool,
    pub auto_ack_text: Option<String>,
    /// The poller's cursor (UIDs mean something only with their UIDVALIDITY).
    pub uid_validity: Option<i64>,
    pub last_uid: Option<i64>,
    /// A re-read of the backfill window is pending.
    pub rescan_pending: bool,
    pub health: MailboxHealth,
}

impl From<Mailbox> for MailboxView {
    fn from(m: Mailbox) -> Self {
        let state = if !m.enabled {
            "disabled"
        } else {
            match (m.last_ok_at, m.last_error_at) {
                (Some(ok), Some(err)) if err > ok => "failing",
                (None, Some(_)) => "failing",
                (Some(_), _) => "ok",
                (None, None) => "connecting",
            }
        };
        MailboxView {
            id: m.id,
            imap_security: security_of(&m.imap_security),
            smtp_security: security_of(&m.smtp_security),
            has_tls_ca: m.tls_ca_pem.is_some(),
            rescan_pending: m.rescan,
            health: MailboxHealth {
                state: state.to_owned(),
                last_ok_at: m.last_ok_at,
                last_error: m.last_error,
                last_error_at: m.last_error_at,
            },
            address: m.address,
            from_name: m.from_name,
            staff_name_in_from: m.staff_name_in_from,
            enabled: m.enabled,
            imap_host: m.imap_host,
            imap_port: m.imap_port,
            imap_username: m.imap_username,
            imap_folder: m.imap_folder,
            smtp_host: m.smtp_host,
            smtp_port: m.smtp_port,
            smtp_username: m.smtp_username,
            backfill_days: m.backfill_days,
            poll_seconds: m.poll_seconds,
            idle_seconds: m.idle_seconds,
            max_message_bytes: m.max_message_bytes,
            processed_folder: m.processed_folder,
            auto_ack: m.auto_ack,
            auto_ack_text: m.auto_ack_text,
            uid_validity: m.uid_validity,
            last_uid: m.last_uid,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MailboxList {
    pub mailboxes: Vec<MailboxView>,
}

fn invalid(e: Invalid) -> ApiError {
    ApiError::Invalid { code: e.code, message: e.message }
}

/// A host on a private or local network the operator did not allow is refused when saved
/// (and again at every connection: DNS can change).
async fn refuse_private_hosts(state: &AppState, c: &settings::CheckedSettings) -> ApiResult<()> {
    let private = state.config.outbound.private_nets();
    crate::email::reach::check_settings(c.hosts(), &private)
        .await
        .map_err(|e| ApiError::invalid("private_address", e.to_string()))
}

fn conflict(e: sqlx::Error) -> ApiError {
    if let sqlx::Error::Database(db) = &e {
        if db.constraint() == Some("email_mailbox_address_key") {
            return ApiError::Conflict { code: "mailbox_exists", message: "a mailbox with that address exists".into() };
        }
        if db.constraint() == Some("email_mailbox_check") {
            return ApiError::invalid("smtp_password_required", "an SMTP username needs its password");
        }
    }
    e.into()
}

async fn view(state: &AppState, library: LibraryId, id: MailboxId) -> ApiResult<MailboxView> {
    Ok(Mailbox::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("mailbox"))?.into())
}

async fn record(state: &AppState, session: &StaffSession, action: &str, id: MailboxId) -> ApiResult<()> {
    let library = session.actor.library;
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        action,
        "email_mailbox",
        Some(id.0),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// The library's mailboxes and whether mail is coming in (admins).
#[utoipa::path(get, path = "/api/settings/email/mailboxes", tag = "email", responses((status = 200, body = MailboxList)))]
pub async fn list_mailboxes(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<MailboxList>> {
    session.require(Role::Admin)?;
    let mailboxes = Mailbox::list(&state.db, session.actor.library).await?;
    Ok(Json(MailboxList { mailboxes: mailboxes.into_iter().map(Into::into).collect() }))
}

/// Adds a mailbox; an enabled one is polled within moments (admins).
#[utoipa::path(post, path = "/api/settings/email/mailboxes", tag = "email", request_body = MailboxSettings,
    responses((status = 201, body = MailboxView), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_mailbox(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<MailboxSettings>,
) -> ApiResult<(StatusCode, Json<MailboxView>)> {
    session.require(Role::Admin)?;
    let library = session.actor.library;
    let c = req.check(true).map_err(invalid)?;
    refuse_private_hosts(&state, &c).await?;
    let mut tx = state.db.begin().await?;
    let id = settings::insert(&mut tx, library, &c).await.map_err(conflict)?;
    mailbox::notify_changed(&mut *tx, library, id).await?;
    tx.commit().await?;
    record(&state, &session, "create", id).await?;
    Ok((StatusCode::CREATED, Json(view(&state, library, id).await?)))
}

/// Changes a mailbox's settings; its poller restarts with them (admins). Passwords left out
/// are kept.
#[utoipa::path(put, path = "/api/settings/email/mailboxes/{id}", tag = "email", params(("id" = i64, Path)),
    request_body = MailboxSettings,
    responses((status = 200, body = MailboxView), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_mailbox(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<MailboxId>,
    ApiJson(req): ApiJson<MailboxSettings>,
) -> ApiResult<Json<MailboxView>> {
    session.require(Role::Admin)?;
    let library = session.actor.library;
    let c = req.check(false).map_err(invalid)?;
    refuse_private_hosts(&state, &c).await?;
    let mut tx = state.db.begin().await?;
    let updated = settings::update(&mut tx, library, id, &c).await.map_err(conflict)?;
    if !updated {
        return Err(ApiError::NotFound("mailbox"));
    }
    mailbox::notify_changed(&mut *tx, library, id).await?;
    tx.commit().await?;
    record(&state, &session, "update", id).await?;
    Ok(Json(view(&state, library, id).await?))
}

/// Reads the mailbox's backfill window again, seen mail included, e.g. after a restore.
/// Nothing is stored twice (admins).
#[utoipa::path(post, path = "/api/settings/email/mailboxes/{id}/resync", tag = "email", params(("id" = i64, Path)),
    responses((status = 202, body = MailboxView), (status = 404, body = ErrorBody)))]
pub async fn resync_mailbox(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<MailboxId>,
) -> ApiResult<(StatusCode, Json<MailboxView>)> {
    session.require(Role::Admin)?;
    let library = session.actor.library;
    let mut tx = state.db.begin().await?;
    if !poller_rows::request_rescan(&mut *tx, library, id).await? {
        return Err(ApiError::NotFound("mailbox"));
    }
    mailbox::notify_changed(&mut *tx, library, id).await?;
    tx.commit().await?;
    record(&state, &session, "resync", id).await?;
    Ok((StatusCode::ACCEPTED, Json(view(&state, library, id).await?)))
}

#[derive(Serialize, ToSchema)]
pub struct QuarantineList {
    /// Newest first, at most 200.
    pub messages: Vec<Quarantined>,
}

/// Mail that could not become a message, newest first (admins).
#[utoipa::path(get, path = "/api/settings/email/quarantine", tag = "email", responses((status = 200, body = QuarantineList)))]
pub async fn list_quarantine(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<QuarantineList>> {
    session.require(Role::Admin)?;
    Ok(Json(QuarantineList { messages: quarantine::list(&state.db, session.actor.library, 200).await? }))
}

/// One quarantined message with its raw bytes.
#[derive(Serialize, ToSchema)]
pub struct QuarantinedMessage {
    #[serde(flatten)]
    pub message: Quarantined,
    /// The message as received (RFC 5322), base64. Never render it as HTML.
    pub raw_base64: String,
}

/// A quarantined message with its raw bytes, to inspect or save as .eml (admins).
#[utoipa::path(get, path = "/api/settings/email/quarantine/{id}", tag = "email", params(("id" = i64, Path)),
    responses((status = 200, body = QuarantinedMessage), (status = 404, body = ErrorBody)))]
pub async fn show_quarantined(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<QuarantinedMessage>> {
    session.require(Role::Admin)?;
    let (message, raw) = quarantine::find(&state.db, session.actor.library, id)
        .await?
        .ok_or(ApiError::NotFound("quarantined message"))?;
    let raw_base64 = base64::engine::general_purpose::STANDARD.encode(raw);
    Ok(Json(QuarantinedMessage { message, raw_base64 }))
}

/// What one inbound email carried beyond its thread-view text.
#[derive(Serialize, ToSchema, sqlx::FromRow)]
pub struct EmailHeaders {
    pub message_id: crate::domain::MessageId,
    /// The email's own Message-ID.
    pub rfc_message_id: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: Option<String>,
    /// Quoted history and signature, folded out of the thread view.
    pub quoted_text: String,
    /// Why it counts as automatic mail (out-of-office, list...), if it does.
    pub automatic: Option<String>,
    /// Attachments that were listed but not kept (too large or too many).
    pub omitted_attachments: i32,
}

/// An email conversation's mailbox, the Cc list its replies carry, and its emails' headers.
#[derive(Serialize, ToSchema)]
pub struct ConversationEmail {
    /// The mailbox replies go out from (none: not an email conversation, or no mailbox).
    pub mailbox_address: Option<String>,
    pub cc: Vec<String>,
    pub messages: Vec<EmailHeaders>,
}

/// The email side of a conversation (any staff).
#[utoipa::path(get, path = "/api/conversations/{id}/email", tag = "email", params(("id" = i64, Path)),
    responses((status = 200, body = ConversationEmail), (status = 404, body = ErrorBody)))]
pub async fn conversation_email(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
) -> ApiResult<Json<ConversationEmail>> {
    let library = session.actor.library;
    conversation_in_library(&state, library, id).await?;
    let cc: Option<Vec<String>> =
        sqlx::query_scalar("SELECT cc FROM email_conversation WHERE library_id = $1 AND conversation_id = $2")
            .bind(library)
            .bind(id)
            .fetch_optional(&state.db)
            .await?;
    let is_email: bool =
        sqlx::query_scalar("SELECT channel = 'email' FROM conversation WHERE library_id = $1 AND id = $2")
            .bind(library)
            .bind(id)
            .fetch_one(&state.db)
            .await?;
    let mailbox_address = if is_email || cc.is_some() {
        Mailbox::for_conversation(&state.db, library, id).await?.map(|m| m.address)
    } else {
        None
    };
    let messages: Vec<EmailHeaders> = sqlx::query_as(
        r#"SELECT em.message_id, em.rfc_message_id, em.to_addresses AS "to", em.cc_addresses AS cc, em.subject,
                em.quoted_text, em.automatic, em.omitted_attachments
           FROM email_message em JOIN message m ON m.library_id = em.library_id AND m.id = em.message_id
          WHERE em.library_id = $1 AND m.conversation_id = $2
          ORDER BY em.message_id LIMIT 1000"#,
    )
    .bind(library)
    .bind(id)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(ConversationEmail { mailbox_address, cc: cc.unwrap_or_default(), messages }))
}

/// Base64 makes a file a third larger; the JSON around it is small.
const UPLOAD_BODY_BYTES: usize = MAX_UPLOAD_BYTES / 3 * 4 + 64 * 1024;

/// A file for an email reply.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UploadRequest {
    /// The file's name as the staff member's computer knows it (sanitised before use).
    pub filename: String,
    /// The file's bytes, base64 (standard alphabet, padded). At most 10 MB decoded.
    pub data_base64: String,
}

/// Uploads a file to attach to an email reply of this conversation (any staff). Name it in
/// the reply's `attachments`. Its type is read from the bytes, never taken from the name.
#[utoipa::path(post, path = "/api/conversations/{id}/email/attachments", tag = "email", params(("id" = i64, Path)),
    request_body = UploadRequest,
    responses((status = 201, body = Upload), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload_attachment(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(req): ApiJson<UploadRequest>,
) -> ApiResult<(StatusCode, Json<Upload>)> {
    let library = session.actor.library;
    conversation_in_library(&state, library, id).await?;
    let data = base64::engine::general_purpose::STANDARD
        .decode(req.data_base64.as_bytes())
        .map_err(|_| ApiError::invalid("invalid_data", "data_base64 is not base64"))?;
    if data.len() > MAX_UPLOAD_BYTES {
        return Err(ApiError::invalid("too_large", format!("a file is at most {} MB", MAX_UPLOAD_BYTES >> 20)));
    }
    if req.filename.len() > 1000 {
        return Err(ApiError::invalid("invalid_filename", "the file name is too long"));
    }
    let upload = uploads::store(&state.db, library, id, session.actor.staff, &req.filename, &data).await?;
    Ok((StatusCode::CREATED, Json(upload)))
}

/// 404 unless the conversation is this library's (another library's ids do not exist).
async fn conversation_in_library(state: &AppState, library: LibraryId, id: ConversationId) -> ApiResult<()> {
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM conversation WHERE library_id = $1 AND id = $2)")
            .bind(library)
            .bind(id)
            .fetch_one(&state.db)
            .await?;
    if exists {
        Ok(())
    } else {
        Err(ApiError::NotFound("conversation"))
    }
}
