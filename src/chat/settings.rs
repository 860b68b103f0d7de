//! A library's chat widget settings (`chat_settings`).

use crate::domain::{LibraryId, TeamId};
use rand::RngCore;
use sqlx::{PgExecutor, PgPool};

/// Largest upload a library may allow (ingest's own cap).
pub const MAX_UPLOAD_CAP: i32 = 10 * 1024 * 1024;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChatSettings {
    pub library_id: LibraryId,
    pub enabled: bool,
    pub allowed_origins: Vec<String>,
    pub widget_secret: Vec<u8>,
    pub greeting: Option<String>,
    pub color: Option<String>,
    pub position: String,
    pub languages: Vec<String>,
    pub team_id: Option<TeamId>,
    pub max_upload_bytes: i32,
    pub privacy_url: Option<String>,
}

const COLUMNS: &str = "library_id, enabled, allowed_origins, widget_secret, greeting, color, position, languages,
                       team_id, max_upload_bytes, privacy_url";

impl ChatSettings {
    pub async fn find(db: impl PgExecutor<'_>, library: LibraryId) -> sqlx::Result<Option<ChatSettings>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM chat_settings WHERE library_id = $1"))
            .bind(library)
            .fetch_optional(db)
            .await
    }

    /// The library's settings, made (disabled, with a fresh secret) on first use.
    pub async fn find_or_create(db: &PgPool, library: LibraryId) -> sqlx::Result<ChatSettings> {
        sqlx::query(
            "INSERT INTO chat_settings (library_id, enabled, widget_secret) VALUES ($1, false, $2)
             ON CONFLICT (library_id) DO NOTHING",
        )
        .bind(library)
        .bind(new_secret())
        .execute(db)
        .await?;
        Ok(Self::find(db, library).await?.expect("just made"))
    }

    /// Whether a page of `origin` may use the widget (the hub's own origin always may).
    pub fn origin_allowed(&self, origin: &str, public_origin: &str) -> bool {
        origin == public_origin || self.allowed_origins.iter().any(|o| o == origin)
    }
}

pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 32];
    rand::thread_rng().fill_bytes(&mut secret);
    secret
}

/// `scheme://host[:port]`, lower-case, no path: the form browsers send in `Origin`.
pub fn normalise_origin(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    if !(url.path() == "/" || url.path().is_empty()) || url.query().is_some() || url.fragment().is_some() {
        return None;
    }
    Some(url.origin().ascii_serialization())
}

#[cfg(test)]
#[allow(clippy::items_after_test_module)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalised_like_browsers_send_them() {
        let cases = [
            ("https://www.Library.example", Some("https://www.library.example")),
            ("https://library.example:8443/", Some("https://library.example:8443")),
            ("https://library.example:443", Some("https://library.example")),
            ("https://library.example/catalog", None),
            ("ftp://library.example", None),
            ("library.example", None),
        ];
        for (raw, want) in cases {
            assert_eq!(normalise_origin(raw).as_deref(), want, "{raw}");
        }
    }
}

/// The demo library's chat: enabled for the hub's own pages, answered by its first team,
/// with opening hours for every team that has none yet (the chat team around the clock, so
/// the widget is open whenever someone tries the demo; the others a usual week).
pub async fn enable_for_demo(db: &PgPool, library: LibraryId) -> sqlx::Result<()> {
    let teams: Vec<TeamId> =
        sqlx::query_scalar("SELECT id FROM team WHERE library_id = $1 ORDER BY id").bind(library).fetch_all(db).await?;
    let chat_team = teams.first().copied();
    sqlx::query(
        "INSERT INTO chat_settings (library_id, enabled, widget_secret, team_id, greeting)
         VALUES ($1, true, $2, $3, 'Hi! Ask the Springfield librarians anything.')
         ON CONFLICT (library_id) DO NOTHING",
    )
    .bind(library)
    .bind(new_secret())
    .bind(chat_team)
    .execute(db)
    .await?;
    for (i, team) in teams.iter().enumerate() {
        let (days, opens, closes) = match i {
            0 => (1..=7, "00:00", "24:00"),
            1 => (1..=6, "09:00", "20:00"),
            _ => (1..=5, "09:00", "17:00"),
        };
        sqlx::query(
            "INSERT INTO team_hours (library_id, team_id, weekday, opens, closes)
             SELECT $1, $2, d, $4::time, $5::time FROM generate_series($3::int, $6::int) d
              WHERE NOT EXISTS (SELECT 1 FROM team_hours WHERE library_id = $1 AND team_id = $2)",
        )
        .bind(library)
        .bind(team)
        .bind(*days.start())
        .bind(opens)
        .bind(closes)
        .bind(*days.end())
        .execute(db)
        .await?;
    }
    Ok(())
}
