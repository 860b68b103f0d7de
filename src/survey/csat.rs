//! Ratings after a conversation (CSAT): when staff resolve a conversation, the patron may
//! be asked one question on their channel — an email with a link to a page that needs a
//! confirming click (link scanners only GET, so they record nothing), or a text asking for
//! a reply of 1-5. Sampling, a per-patron cap and an opt-out list decide who is asked;
//! an opted-out phone number is never texted. Chat ratings come from the widget.

use crate::auth::token::random_token;
use crate::domain::{ContactId, ConversationId, LibraryId, E164};
use crate::http::AppState;
use crate::store::{event, outbox};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;

/// How a library asks for ratings.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CsatSettings {
    pub enabled: bool,
    /// Share of resolved conversations asked, 0-100.
    pub sample_percent: i16,
    /// At most one request per patron in this many days (0: no cap).
    pub min_days_between: i16,
    /// A text that is just a number counts as the rating this long after the request.
    pub reply_window_hours: i32,
}

impl Default for CsatSettings {
    fn default() -> Self {
        Self { enabled: false, sample_percent: 100, min_days_between: 30, reply_window_hours: 72 }
    }
}

impl CsatSettings {
    pub async fn load(db: impl sqlx::PgExecutor<'_>, library: LibraryId) -> sqlx::Result<CsatSettings> {
        let row: Option<CsatSettings> = sqlx::query_as(
            "SELECT enabled, sample_percent, min_days_between, reply_window_hours FROM csat_settings WHERE library_id = $1",
        )
        .bind(library)
        .fetch_optional(db)
        .await?;
        Ok(row.unwrap_or_default())
    }

    pub async fn save(&self, db: &PgPool, library: LibraryId) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO csat_settings (library_id, enabled, sample_percent, min_days_between, reply_window_hours)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (library_id) DO UPDATE SET enabled = $2, sample_percent = $3, min_days_between = $4,
                    reply_window_hours = $5, updated_at = now()",
        )
        .bind(library)
        .bind(self.enabled)
        .bind(self.sample_percent)
        .bind(self.min_days_between)
        .bind(self.reply_window_hours)
        .execute(db)
        .await?;
        Ok(())
    }
}

/// Whether conversation `id` falls in the sample: decided from the id alone, so resolving
/// the same conversation again never changes the answer, and tests can predict it.
pub fn sampled(library: LibraryId, id: ConversationId, percent: i16) -> bool {
    let h = format!("{}/{}", library.0, id.0)
        .bytes()
        .fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    (h % 100) < percent.clamp(0, 100) as u64
}

/// After staff resolved `conversation`: asks for a rating if the settings say so. Failures
/// are logged; the resolve itself already succeeded.
pub async fn after_resolve(state: &AppState, library: LibraryId, conversation: ConversationId) {
    match request_rating(&state.db, &state.public_origin, library, conversation).await {
        Ok(true) => {
            state.realtime.published();
            state.actions.outbox_wake.notify_waiters();
        }
        Ok(false) => {}
        Err(e) => tracing::error!(error = %e, conversation.id = %conversation, "asking for a rating failed"),
    }
}

#[derive(sqlx::FromRow)]
struct Target {
    channel: String,
    contact_id: ContactId,
    status: String,
    slug: String,
    name: String,
}

/// Writes the request message, its outbox row and the request in one transaction.
/// Returns whether a request was made.
pub async fn request_rating(
    db: &PgPool,
    public_origin: &str,
    library: LibraryId,
    conversation: ConversationId,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let settings = CsatSettings::load(&mut *tx, library).await?;
    if !settings.enabled || !sampled(library, conversation, settings.sample_percent) {
        return Ok(false);
    }
    let target: Option<Target> = sqlx::query_as(
        "SELECT c.channel, c.contact_id, c.status, l.slug, l.name
           FROM conversation c JOIN library l ON l.id = c.library_id
          WHERE c.library_id = $1 AND c.id = $2 FOR UPDATE OF c",
    )
    .bind(library)
    .bind(conversation)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(t) = target else { return Ok(false) };
    let channel = match t.channel.as_str() {
        "email" => crate::domain::Channel::Email,
        "sms" => crate::domain::Channel::Sms,
        _ => return Ok(false),
    };
    if t.status != "resolved" {
        return Ok(false);
    }
    let Some(address) = eligible_address(&mut tx, library, conversation, t.contact_id, channel, &settings).await?
    else {
        return Ok(false);
    };
    let (body, token_hash) = match channel {
        crate::domain::Channel::Email => {
            let token = random_token();
            let link = format!("{public_origin}/r/{}/{token}", t.slug);
            (
                format!(
                    "Thank you for contacting {}. How satisfied are you with the answer you got?\n\n\
                     Rate it in one step here: {link}\n\n\
                     You can also tell us there not to ask you again.",
                    t.name
                ),
                Some(Sha256::digest(token.as_bytes()).to_vec()),
            )
        }
        _ => (
            format!(
                "{}: how satisfied are you with our answer? Reply with one number from 1 (not at all) to 5 (very). Reply STOP to stop texts.",
                t.name
            ),
            None,
        ),
    };
    let message: i64 = sqlx::query_scalar(
        "INSERT INTO message (library_id, conversation_id, direction, channel, body, delivery_status)
         VALUES ($1, $2, 'out', $3, $4, 'queued') RETURNING id",
    )
    .bind(library)
    .bind(conversation)
    .bind(channel.as_str())
    .bind(&body)
    .fetch_one(&mut *tx)
    .await?;
    outbox::enqueue(&mut tx, library, crate::domain::MessageId(message), channel).await?;
    sqlx::query(
        "INSERT INTO csat_request (library_id, conversation_id, contact_id, channel, address, message_id, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() + interval '30 days')",
    )
    .bind(library)
    .bind(conversation)
    .bind(t.contact_id)
    .bind(channel.as_str())
    .bind(&address)
    .bind(message)
    .bind(token_hash)
    .execute(&mut *tx)
    .await?;
    event::append(
        &mut tx,
        library,
        "message_created",
        Some(conversation),
        serde_json::json!({"message_id": message, "direction": "out", "channel": channel.as_str(), "automatic": true}),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(library.id = %library, conversation.id = %conversation, "asked for a rating");
    Ok(true)
}

/// The patron's address to ask on, unless this conversation was asked before, the patron
/// was asked recently, opted out of ratings, or (SMS) opted out of texts.
async fn eligible_address(
    tx: &mut PgConnection,
    library: LibraryId,
    conversation: ConversationId,
    contact: ContactId,
    channel: crate::domain::Channel,
    settings: &CsatSettings,
) -> sqlx::Result<Option<String>> {
    let address: Option<String> = sqlx::query_scalar(
        "SELECT ci.address FROM contact_identity ci
          WHERE ci.library_id = $1 AND ci.contact_id = $2 AND ci.channel = $3
            AND NOT EXISTS (SELECT 1 FROM csat_optout o
                             WHERE o.library_id = ci.library_id AND o.channel = ci.channel
                               AND o.address_hash = privacy_phone_hash(privacy_key_for($1), ci.address))
            AND NOT EXISTS (SELECT 1 FROM csat_request r WHERE r.library_id = $1 AND r.conversation_id = $4)
            AND NOT EXISTS (SELECT 1 FROM csat_request r
                             WHERE r.library_id = $1 AND r.contact_id = $2
                               AND r.sent_at > now() - make_interval(days => $5))
          ORDER BY ci.id DESC LIMIT 1",
    )
    .bind(library)
    .bind(contact)
    .bind(channel.as_str())
    .bind(conversation)
    .bind(settings.min_days_between as i32)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(address) = address else { return Ok(None) };
    if channel == crate::domain::Channel::Sms && crate::store::sms::is_opted_out(&mut *tx, library, &address).await? {
        return Ok(None);
    }
    Ok(Some(address))
}

/// Stores (or replaces) the rating of a conversation; team and staff are copied from it.
pub async fn record_rating(
    tx: &mut PgConnection,
    library: LibraryId,
    conversation: i64,
    score: i16,
    comment: Option<&str>,
    source: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO csat_rating (library_id, conversation_id, channel, team_id, staff_id, score, comment, source)
         SELECT c.library_id, c.id, c.channel, c.team_id, c.assignee_id, $3, $4, $5
           FROM conversation c WHERE c.library_id = $1 AND c.id = $2
         ON CONFLICT (library_id, conversation_id) WHERE conversation_id IS NOT NULL
         DO UPDATE SET score = EXCLUDED.score, comment = coalesce(EXCLUDED.comment, csat_rating.comment),
                       source = EXCLUDED.source, created_at = now()",
    )
    .bind(library)
    .bind(conversation)
    .bind(score)
    .bind(comment)
    .bind(source)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A text that is only a rating: `4`, ` 5 `, `3.` — nothing else.
pub fn rating_reply(body: &str) -> Option<i16> {
    let t = body.trim().trim_end_matches(['.', '!']).trim();
    match t {
        "1" | "2" | "3" | "4" | "5" => t.parse().ok(),
        _ => None,
    }
}

/// The SMS inbound hook: a text that is just 1-5, from a number asked for a rating within
/// the reply window, records the rating instead of opening a conversation. True: it was a
/// rating (or the provider's retry of one) and must not be ingested.
pub async fn sms_reply(
    db: &PgPool,
    library: LibraryId,
    from: &E164,
    body: &str,
    provider_id: &str,
) -> sqlx::Result<bool> {
    let Some(score) = rating_reply(body) else { return Ok(false) };
    let mut tx = db.begin().await?;
    let retried: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM csat_request WHERE library_id = $1 AND answer_provider_id = $2)",
    )
    .bind(library)
    .bind(provider_id)
    .fetch_one(&mut *tx)
    .await?;
    if retried {
        return Ok(true);
    }
    let open: Option<(i64, i64)> = sqlx::query_as(
        "SELECT r.id, r.conversation_id FROM csat_request r
           JOIN csat_settings s ON s.library_id = r.library_id
          WHERE r.library_id = $1 AND r.channel = 'sms' AND r.address = $2 AND r.answered_at IS NULL
            AND r.sent_at > now() - make_interval(hours => s.reply_window_hours)
          ORDER BY r.sent_at DESC LIMIT 1 FOR UPDATE OF r",
    )
    .bind(library)
    .bind(from.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((request, conversation)) = open else { return Ok(false) };
    record_rating(&mut tx, library, conversation, score, None, "sms_reply").await?;
    sqlx::query(
        "UPDATE csat_request SET answered_at = now(), answer_provider_id = $3 WHERE library_id = $1 AND id = $2",
    )
    .bind(library)
    .bind(request)
    .bind(provider_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(library.id = %library, conversation.id = conversation, "rating received by text");
    Ok(true)
}

/// An email link's request, found by the token in the link.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkRequest {
    pub library_id: LibraryId,
    pub library_name: String,
    pub id: i64,
    pub conversation_id: i64,
    pub address: String,
    pub answered: bool,
}

impl LinkRequest {
    pub async fn find(db: &PgPool, library_slug: &str, token: &str) -> sqlx::Result<Option<LinkRequest>> {
        if token.len() > 100 {
            return Ok(None);
        }
        sqlx::query_as(
            "SELECT l.id AS library_id, l.name AS library_name, r.id, r.conversation_id, r.address,
                    r.answered_at IS NOT NULL AS answered
               FROM library l JOIN csat_request r ON r.library_id = l.id
              WHERE l.slug = $1 AND r.token_hash = $2 AND r.expires_at > now()",
        )
        .bind(library_slug)
        .bind(Sha256::digest(token.as_bytes()).to_vec())
        .fetch_optional(db)
        .await
    }

    /// The confirmed rating from the page (a POST): stored, and the opt-out if asked.
    pub async fn answer(&self, db: &PgPool, score: i16, comment: Option<&str>, opt_out: bool) -> sqlx::Result<()> {
        let mut tx = db.begin().await?;
        record_rating(&mut tx, self.library_id, self.conversation_id, score, comment, "email_link").await?;
        sqlx::query("UPDATE csat_request SET answered_at = now() WHERE library_id = $1 AND id = $2")
            .bind(self.library_id)
            .bind(self.id)
            .execute(&mut *tx)
            .await?;
        // After retention removed the request's address there is nothing left to opt out.
        if opt_out && !self.address.is_empty() {
            sqlx::query(
                "INSERT INTO csat_optout (library_id, channel, address_hash)
                 VALUES ($1, 'email', privacy_phone_hash(privacy_key_for($1), $2)) ON CONFLICT DO NOTHING",
            )
            .bind(self.library_id)
            .bind(&self.address)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }
}
