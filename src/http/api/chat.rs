//! The chat widget's settings (admins): allowed origins, greeting, look, the team that
//! answers, upload cap, and the identity-signing secret (shown once, when regenerated).

use crate::chat::settings::{new_secret, normalise_origin, ChatSettings, MAX_UPLOAD_CAP};
use crate::domain::{Role, TeamId};
use crate::http::auth::StaffSession;
use crate::http::error::{ApiError, ApiJson, ApiResult, ErrorBody};
use crate::http::AppState;
use crate::store::{audit, library::Library};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/settings/chat", get(settings).put(update_settings))
}

/// The widget's settings as admins see them: never the secret, except once in the answer
/// to a regeneration.
#[derive(Serialize, ToSchema)]
pub struct ChatSettingsView {
    pub enabled: bool,
    /// Pages of these origins (`https://www.library.example`) may use the widget.
    pub allowed_origins: Vec<String>,
    pub greeting: Option<String>,
    /// `#rrggbb`
    pub color: Option<String>,
    /// `right` or `left`
    pub position: String,
    pub languages: Vec<String>,
    /// The team whose queue new chats join, whose hours and staff decide availability.
    pub team_id: Option<TeamId>,
    pub max_upload_bytes: i32,
    pub privacy_url: Option<String>,
    /// Paste into the library's website.
    pub embed_snippet: String,
    /// Only in the answer to `regenerate_secret`: hex, for signing patron identities. Not
    /// shown again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widget_secret: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatSettingsUpdate {
    pub enabled: Option<bool>,
    pub allowed_origins: Option<Vec<String>>,
    /// Empty: the default greeting.
    pub greeting: Option<String>,
    pub color: Option<String>,
    pub position: Option<String>,
    pub languages: Option<Vec<String>>,
    /// null: no team (every team's hours and staff count).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub team_id: Option<Option<TeamId>>,
    pub max_upload_bytes: Option<i32>,
    pub privacy_url: Option<String>,
    /// Makes a new identity-signing secret (the old one stops working) and returns it once.
    #[serde(default)]
    pub regenerate_secret: bool,
}

/// A field that is present (even as null) is Some; an absent one None.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// The chat widget settings (admins).
#[utoipa::path(get, path = "/api/settings/chat", tag = "chat", responses((status = 200, body = ChatSettingsView)))]
pub async fn settings(State(state): State<AppState>, session: StaffSession) -> ApiResult<Json<ChatSettingsView>> {
    session.require(Role::Admin)?;
    let s = ChatSettings::find_or_create(&state.db, session.actor.library).await?;
    view(&state, s, None).await
}

async fn view(state: &AppState, s: ChatSettings, secret: Option<String>) -> ApiResult<Json<ChatSettingsView>> {
    let library = Library::find(&state.db, s.library_id).await?.ok_or(ApiError::NotFound("library"))?;
    Ok(Json(ChatSettingsView {
        enabled: s.enabled,
        allowed_origins: s.allowed_origins,
        greeting: s.greeting,
        color: s.color,
        position: s.position,
        languages: s.languages,
        team_id: s.team_id,
        max_upload_bytes: s.max_upload_bytes,
        privacy_url: s.privacy_url,
        embed_snippet: format!(
            "<script src=\"{}/widget.js\" data-library=\"{}\" async></script>",
            state.public_origin, library.slug
        ),
        widget_secret: secret,
    }))
}

/// Changes the chat widget settings (admins). Fields left out stay as they are.
#[utoipa::path(put, path = "/api/settings/chat", tag = "chat", request_body = ChatSettingsUpdate,
    responses((status = 200, body = ChatSettingsView), (status = 422, body = ErrorBody)))]
pub async fn update_settings(
    State(state): State<AppState>,
    session: StaffSession,
    ApiJson(req): ApiJson<ChatSettingsUpdate>,
) -> ApiResult<Json<ChatSettingsView>> {
    session.require(Role::Admin)?;
    let library = session.actor.library;
    let mut s = ChatSettings::find_or_create(&state.db, library).await?;
    if let Some(e) = req.enabled {
        s.enabled = e;
    }
    if let Some(origins) = req.allowed_origins {
        if origins.len() > 50 {
            return Err(ApiError::invalid("invalid_origin", "at most 50 origins"));
        }
        let mut clean = Vec::new();
        for o in &origins {
            let n = normalise_origin(o).ok_or_else(|| {
                ApiError::invalid("invalid_origin", "origins are scheme://host[:port], without a path")
            })?;
            if !clean.contains(&n) {
                clean.push(n);
            }
        }
        s.allowed_origins = clean;
    }
    if let Some(g) = req.greeting {
        let g = g.trim();
        if g.chars().count() > 500 || g.chars().any(|c| c.is_control() && c != '\n') {
            return Err(ApiError::invalid("invalid_greeting", "at most 500 characters"));
        }
        s.greeting = (!g.is_empty()).then(|| g.to_owned());
    }
    if let Some(c) = req.color {
        let ok = c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if !ok && !c.is_empty() {
            return Err(ApiError::invalid("invalid_color", "colours are #rrggbb"));
        }
        s.color = ok.then_some(c);
    }
    if let Some(p) = req.position {
        if p != "right" && p != "left" {
            return Err(ApiError::invalid("invalid_position", "right or left"));
        }
        s.position = p;
    }
    if let Some(langs) = req.languages {
        let ok = !langs.is_empty()
            && langs.len() <= 20
            && langs.iter().all(|l| channels::chat::validate::lang(Some(l)).is_some());
        if !ok {
            return Err(ApiError::invalid("invalid_languages", "1 to 20 language tags such as en or pt-BR"));
        }
        s.languages = langs;
    }
    if let Some(team) = req.team_id {
        if let Some(t) = team {
            let known: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM team WHERE library_id = $1 AND id = $2)")
                    .bind(library)
                    .bind(t)
                    .fetch_one(&state.db)
                    .await?;
            if !known {
                return Err(ApiError::invalid("unknown_team", "no such team"));
            }
        }
        s.team_id = team;
    }
    if let Some(m) = req.max_upload_bytes {
        if !(1024..=MAX_UPLOAD_CAP).contains(&m) {
            return Err(ApiError::invalid("invalid_max_upload_bytes", "1 KiB to 10 MiB"));
        }
        s.max_upload_bytes = m;
    }
    if let Some(u) = req.privacy_url {
        let u = u.trim();
        let ok = u.is_empty()
            || (u.len() <= 500 && url::Url::parse(u).is_ok_and(|p| matches!(p.scheme(), "http" | "https")));
        if !ok {
            return Err(ApiError::invalid("invalid_privacy_url", "an http(s) URL"));
        }
        s.privacy_url = (!u.is_empty()).then(|| u.to_owned());
    }
    let secret = req.regenerate_secret.then(new_secret);
    sqlx::query(
        "UPDATE chat_settings SET enabled = $2, allowed_origins = $3, greeting = $4, color = $5, position = $6,
                languages = $7, team_id = $8, max_upload_bytes = $9, privacy_url = $10,
                widget_secret = coalesce($11, widget_secret), updated_at = now()
          WHERE library_id = $1",
    )
    .bind(library)
    .bind(s.enabled)
    .bind(&s.allowed_origins)
    .bind(&s.greeting)
    .bind(&s.color)
    .bind(&s.position)
    .bind(&s.languages)
    .bind(s.team_id)
    .bind(s.max_upload_bytes)
    .bind(&s.privacy_url)
    .bind(&secret)
    .execute(&state.db)
    .await?;
    audit::record(
        &state.db,
        library,
        Some(session.actor.staff),
        "update",
        "chat_settings",
        None,
        serde_json::json!({"regenerated_secret": secret.is_some()}),
    )
    .await?;
    view(&state, s, secret.map(hex::encode)).await
}
