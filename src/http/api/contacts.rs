//! Patron profiles.

use crate::domain::ContactId;
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiPath, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::patrons::consent::Consent;
use crate::patrons::merge::ContactMerge;
use crate::store::audit;
use crate::store::contact::{Contact, Identity};
use crate::store::conversation::Conversation;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/contacts/{id}", get(show))
}

/// A patron with every way to reach them and their history across channels.
#[derive(Serialize, ToSchema)]
pub struct ContactProfile {
    pub contact: Contact,
    pub identities: Vec<Identity>,
    /// Newest first.
    pub conversations: Vec<Conversation>,
    /// Consent given or withdrawn, newest first.
    pub consents: Vec<Consent>,
    /// Contacts merged into this one (undo with split), newest first.
    pub merges: Vec<ContactMerge>,
}

/// A patron's profile. Opening one is recorded in the audit log.
#[utoipa::path(get, path = "/api/contacts/{id}", tag = "contacts", params(("id" = i64, Path)),
    responses((status = 200, body = ContactProfile), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    session: StaffSession,
    ApiPath(id): ApiPath<ContactId>,
) -> ApiResult<Json<ContactProfile>> {
    let library = session.actor.library;
    Contact::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("contact"))?;
    crate::patrons::lifecycle::refresh(&state.db, library, Some(id), chrono::Utc::now()).await?;
    let contact = Contact::find(&state.db, library, id).await?.ok_or(ApiError::NotFound("contact"))?;
    let identities = Contact::identities(&state.db, library, id).await?;
    let conversations = Conversation::for_contact(&state.db, library, id).await?;
    let consents = crate::patrons::consent::history(&state.db, library, id).await?;
    let merges = crate::patrons::merge::for_contact(&state.db, library, id).await?;
    audit::record(&state.db, library, Some(session.actor.staff), "open", "contact", Some(id.0), serde_json::json!({}))
        .await?;
    Ok(Json(ContactProfile { contact, identities, conversations, consents, merges }))
}
