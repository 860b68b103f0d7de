//! The automatic acknowledgement of a patron's new email conversation: "we got your email"
//! and up to three FAQ entries that may already answer it, with links to the public pages.
//!
//! When (RFC 3834 section 2, and the rules):
//! - only if the mailbox has it switched on;
//! - only for an email that opened a new conversation (never a reply in a thread);
//! - never to automatic mail: Auto-Submitted other than "no", Precedence bulk/list/junk,
//!   List-* headers, an empty Return-Path, reports, out-of-office markers (the parser's
//!   `is_automatic`); our own mail never reaches ingest;
//! - at most one per patron (contact) per day, decided atomically in Postgres, so two hub
//!   instances or a re-read never send two.
//!
//! It is written like a staff reply (message + outbox row in one transaction) but with no
//! author, marked in `email_automatic`, so the delivery adds `Auto-Submitted: auto-replied`
//! and the console shows it as the library's automatic message. It goes out after the
//! patron's email is committed; a hub killed in between sends none (at most once).

use super::inbound::Context;
use crate::domain::{Channel, ConversationId, LibraryId, MessageId};
use crate::faq::{self, Hit, Scope};
use crate::inbox::ingest::Accepted;
use crate::store::{event, outbox};
use serde_json::json;
use sqlx::PgPool;

/// Used when the mailbox has no opening text of its own.
pub const DEFAULT_OPENING: &str =
    "Thank you for writing to the library. We have received your email and a librarian will answer it soon.";
/// Most FAQ entries suggested.
const SUGGESTIONS: i64 = 3;
/// How much of the patron's email the FAQ search looks at (subject first).
const QUERY_CHARS: usize = 300;

/// The mailbox's acknowledgement setting, as the poller carries it.
#[derive(Debug, Clone)]
pub struct AutoAck {
    pub opening: String,
}

/// Whether a stored email qualifies (before the once-a-day check).
pub fn qualifies(new_conversation: bool, automatic: Option<&str>) -> bool {
    new_conversation && automatic.is_none()
}

/// The FAQ search text for an email: its subject, then the start of its new text.
pub fn faq_query(subject: Option<&str>, text: &str) -> String {
    let mut query = subject.unwrap_or_default().to_owned();
    query.push(' ');
    query.extend(text.chars().take(QUERY_CHARS));
    query
}

/// The acknowledgement's text: the opening, then the suggestions with their links.
pub fn body(opening: &str, suggestions: &[(Hit, String)]) -> String {
    let mut out = opening.trim().to_owned();
    if !suggestions.is_empty() {
        out.push_str("\n\nWhile you wait, these answers from our FAQ may help:\n");
        for (hit, url) in suggestions {
            out.push_str(&format!("\n- {}\n  {}\n  {url}\n", hit.question.trim(), hit.short_answer.trim()));
        }
    }
    out.push_str("\n\nThis is an automatic message; please reply to this email if you have more to add.");
    out
}

/// Sends the acknowledgement for `accepted` if the patron had none within a day. Returns
/// the acknowledgement's message id when one was queued.
pub async fn send(ctx: &Context, ack: &AutoAck, accepted: &Accepted, query: &str) -> sqlx::Result<Option<MessageId>> {
    let suggestions = suggestions(&ctx.db, ctx.library, &ctx.public_origin, query).await;
    let text = body(&ack.opening, &suggestions);
    let mut tx = ctx.db.begin().await?;
    // Claims the day's acknowledgement for this patron; nothing if one was sent within it.
    let claimed: Option<i64> = sqlx::query_scalar(
        "INSERT INTO email_auto_ack (library_id, contact_id) VALUES ($1, $2)
         ON CONFLICT (library_id, contact_id) DO UPDATE SET last_sent_at = now()
          WHERE email_auto_ack.last_sent_at < now() - interval '1 day'
         RETURNING contact_id",
    )
    .bind(ctx.library)
    .bind(accepted.contact_id)
    .fetch_optional(&mut *tx)
    .await?;
    if claimed.is_none() {
        tracing::info!(conversation.id = %accepted.conversation_id, "acknowledged within the day already; none sent");
        return Ok(None);
    }
    let message = queue(&mut tx, ctx.library, accepted.conversation_id, &text).await?;
    tx.commit().await?;
    ctx.realtime.published();
    tracing::info!(
        conversation.id = %accepted.conversation_id, message.id = %message, suggestions = suggestions.len(),
        "email acknowledged automatically"
    );
    Ok(Some(message))
}

/// The best published FAQ entries for the email, with their public links. A failed search
/// costs the suggestions, not the acknowledgement.
async fn suggestions(db: &PgPool, library: LibraryId, origin: &str, query: &str) -> Vec<(Hit, String)> {
    let found = async {
        let slug: String =
            sqlx::query_scalar("SELECT slug FROM library WHERE id = $1").bind(library).fetch_one(db).await?;
        let hits = faq::search(db, library, query, Scope::Published, None, SUGGESTIONS).await?;
        let with_links: Vec<(Hit, String)> = hits
            .into_iter()
            .map(|h| {
                let url = faq::entry_url(origin, &slug, &h.slug);
                (h, url)
            })
            .collect();
        Ok::<_, sqlx::Error>(with_links)
    }
    .await;
    match found {
        Ok(hits) => hits,
        Err(e) => {
            tracing::warn!(error = %e, "FAQ search for an acknowledgement failed; sent without suggestions");
            Vec::new()
        }
    }
}

/// The acknowledgement's message and outbox rows. Not a response (first_response_at and
/// the waiting clock stay as they are: the patron still waits for a librarian).
async fn queue(
    tx: &mut sqlx::PgConnection,
    library: LibraryId,
    conversation: ConversationId,
    text: &str,
) -> sqlx::Result<MessageId> {
    let message: MessageId = sqlx::query_scalar(
        "INSERT INTO message (library_id, conversation_id, direction, channel, body, delivery_status)
         VALUES ($1, $2, 'out', 'email', $3, 'queued') RETURNING id",
    )
    .bind(library)
    .bind(conversation)
    .bind(text)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO email_automatic (library_id, message_id, kind) VALUES ($1, $2, 'acknowledgement')")
        .bind(library)
        .bind(message)
        .execute(&mut *tx)
        .await?;
    outbox::enqueue(&mut *tx, library, message, Channel::Email).await?;
    sqlx::query("UPDATE conversation SET message_count = message_count + 1 WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(conversation)
        .execute(&mut *tx)
        .await?;
    event::append(
        &mut *tx,
        library,
        "message_created",
        Some(conversation),
        json!({"message_id": message, "direction": "out", "channel": "email", "author_staff_id": null,
               "automatic": true}),
    )
    .await?;
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(question: &str, short: &str) -> Hit {
        Hit {
            id: 1,
            slug: "s".into(),
            question: question.into(),
            short_answer: short.into(),
            language: "en".into(),
            score: 1.0,
        }
    }

    #[test]
    fn only_new_conversations_of_people_are_acknowledged() {
        assert!(qualifies(true, None));
        assert!(!qualifies(false, None), "a reply in a thread");
        assert!(!qualifies(true, Some("auto-submitted: auto-replied")));
        assert!(!qualifies(true, Some("mailing list (List-Id)")));
    }

    #[test]
    fn the_body_lists_suggestions_with_their_links() {
        let text =
            body("Thanks!", &[(hit("How do I renew?", "Online or by phone."), "https://lib.test/faq/a/renew".into())]);
        assert!(text.starts_with("Thanks!\n\nWhile you wait"), "{text}");
        assert!(text.contains("- How do I renew?\n  Online or by phone.\n  https://lib.test/faq/a/renew"), "{text}");
        assert!(!body("Thanks!", &[]).contains("FAQ"));
    }

    #[test]
    fn the_faq_query_is_the_subject_and_the_start_of_the_text() {
        let long = "x".repeat(1000);
        let q = faq_query(Some("Renewing"), &long);
        assert!(q.starts_with("Renewing x"));
        assert_eq!(q.chars().count(), "Renewing ".len() + QUERY_CHARS);
    }
}
