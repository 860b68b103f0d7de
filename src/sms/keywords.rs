//! STOP / START / HELP and the library's own keyword replies (CTIA rules): consent is
//! recorded before the webhook answers, and at most one confirmation is sent per change.

use crate::domain::{ConversationId, LibraryId, E164};
use crate::http::AppState;
use crate::inbox::ingest::Accepted;
use crate::store::event;
use crate::store::library::Library;
use crate::store::sms::{self as rows, SmsAccount};
use channels::sms::{classify_keyword, looks_like_free_text_revocation, Keyword};
use serde_json::json;
use sqlx::PgPool;

/// What a text's keyword did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    None,
    OptedOut {
        changed: bool,
    },
    OptedIn {
        changed: bool,
    },
    Help(String),
    AutoReply(String),
    /// "? renew": the FAQ's answer.
    Faq(crate::faq::sms::FaqReply),
}

/// Records consent for STOP/START words and finds the reply for HELP and library keywords.
pub async fn handle(
    db: &PgPool,
    library: &Library,
    account: &SmsAccount,
    from: &E164,
    body: &str,
    faq: &crate::faq::sms::SmsFaq<'_>,
) -> sqlx::Result<Outcome> {
    Ok(match classify_keyword(body) {
        Some(Keyword::OptOut) => {
            let was = rows::set_consent(db, library.id, from, true, "keyword").await?;
            tracing::info!(library.id = %library.id, "a patron opted out of texts");
            Outcome::OptedOut { changed: !was }
        }
        Some(Keyword::OptIn) => {
            let was = rows::set_consent(db, library.id, from, false, "keyword").await?;
            Outcome::OptedIn { changed: was }
        }
        Some(Keyword::Help) => Outcome::Help(account.help_text.clone().unwrap_or_else(|| {
            format!(
                "{}: text your question to this number and a librarian will answer. Reply STOP to stop texts.",
                library.name
            )
        })),
        None if crate::faq::sms::question(faq.prefix, body).is_some() => {
            let question = crate::faq::sms::question(faq.prefix, body).unwrap_or_default();
            crate::faq::sms::answer(db, library, from, question, faq).await?.map_or(Outcome::None, Outcome::Faq)
        }
        None => {
            let word = body.trim().to_uppercase();
            let single = !word.is_empty() && word.len() <= 20 && word.chars().all(|c| c.is_ascii_alphanumeric());
            match single {
                true => rows::keyword_reply(db, library.id, &word).await?.map_or(Outcome::None, Outcome::AutoReply),
                false => Outcome::None,
            }
        }
    })
}

/// After the text is stored: the reply to send (as TwiML), recorded in the thread; a
/// conversation that was nothing but a keyword is resolved; a free-text request to stop is
/// flagged to staff.
pub async fn after_ingest(
    state: &AppState,
    lib: &Library,
    accepted: &Accepted,
    outcome: Outcome,
    body: &str,
) -> sqlx::Result<Option<String>> {
    let (library, name) = (lib.id, &lib.name);
    let reply = match outcome {
        Outcome::OptedOut { changed: true } => {
            Some(format!("You will no longer get texts from {name}. Reply START to get them again."))
        }
        Outcome::OptedIn { changed: true } => {
            Some(format!("Texts from {name} are back on. Reply STOP to stop, HELP for help."))
        }
        Outcome::Help(text) | Outcome::AutoReply(text) => Some(text),
        Outcome::Faq(reply) => {
            crate::faq::sms::record(&state.db, lib, &reply).await?;
            Some(reply.text)
        }
        Outcome::OptedOut { changed: false } | Outcome::OptedIn { changed: false } => None,
        Outcome::None => {
            if looks_like_free_text_revocation(body) {
                flag_revocation(&state.db, library, accepted.conversation_id).await?;
                state.realtime.published();
            }
            return Ok(None);
        }
    };
    let mut tx = state.db.begin().await?;
    if let Some(text) = &reply {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO message (library_id, conversation_id, direction, channel, body, delivery_status, provider_status)
             VALUES ($1, $2, 'out', 'sms', $3, 'sent', 'queued') RETURNING id",
        )
        .bind(library)
        .bind(accepted.conversation_id)
        .bind(text)
        .fetch_one(&mut *tx)
        .await?;
        event::append(
            &mut tx,
            library,
            "message_created",
            Some(accepted.conversation_id),
            json!({"message_id": id, "direction": "out", "channel": "sms", "automatic": true}),
        )
        .await?;
    }
    // A conversation that is only a keyword needs nobody's attention.
    let resolved = sqlx::query(
        "UPDATE conversation SET status = 'resolved', resolved_at = now(), waiting_since = NULL
          WHERE library_id = $1 AND id = $2 AND message_count = 1 AND status = 'open'",
    )
    .bind(library)
    .bind(accepted.conversation_id)
    .execute(&mut *tx)
    .await?;
    if resolved.rows_affected() == 1 {
        let at: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("SELECT now()").fetch_one(&mut *tx).await?;
        crate::reports::facts::on_resolve(&mut tx, library, accepted.conversation_id, at).await?;
        event::append(
            &mut tx,
            library,
            "conversation_changed",
            Some(accepted.conversation_id),
            json!({"change": {"status": "resolved"}}),
        )
        .await?;
    }
    tx.commit().await?;
    state.realtime.published();
    Ok(reply)
}

async fn flag_revocation(db: &PgPool, library: LibraryId, conversation: ConversationId) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE conversation SET tags = array_append(tags, 'opt-out-request')
          WHERE library_id = $1 AND id = $2 AND NOT ('opt-out-request' = ANY (tags))",
    )
    .bind(library)
    .bind(conversation)
    .execute(&mut *tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO message (library_id, conversation_id, direction, channel, body)
         VALUES ($1, $2, 'note', 'sms', $3) RETURNING id",
    )
    .bind(library)
    .bind(conversation)
    .bind("Refdesk: this text may ask us to stop texting. If so, record the opt-out (the patron can also reply STOP).")
    .fetch_one(&mut *tx)
    .await?;
    event::append(
        &mut tx,
        library,
        "message_created",
        Some(conversation),
        json!({"message_id": id, "direction": "note", "channel": "sms"}),
    )
    .await?;
    event::append(
        &mut tx,
        library,
        "conversation_changed",
        Some(conversation),
        json!({"change": {"tags": "opt-out-request"}}),
    )
    .await?;
    tx.commit().await
}
