//! Which conversation an inbound email continues, most certain evidence first:
//!
//! 1. A signed Refdesk Message-ID in In-Reply-To or References (our reply being answered),
//!    naming this library.
//! 2. In-Reply-To / References matching the Message-ID of an email stored in this library
//!    (the patron's own earlier mail, or a reply of ours whose signature no longer checks).
//! 3. The subject without reply prefixes, for a recent conversation of the same sender, and
//!    only when the mail says it is a reply (a prefix, or thread headers we did not know).
//!
//! Every step only accepts a conversation of the sender's own contact: a reference
//! forged or forwarded by someone else never joins another patron's conversation (ingest
//! checks this again). A Cc'd person who answers therefore starts a conversation of their own.

use crate::domain::{ConversationId, LibraryId};
use channels::email::{conversation_from_references, normalise_subject};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// How far back the subject fallback looks.
pub const SUBJECT_WINDOW_DAYS: i64 = 30;

/// The threading facts of one inbound email.
pub struct Clues<'a> {
    pub library: LibraryId,
    /// The sender's normalised address (the contact identity).
    pub sender: &'a str,
    /// In-Reply-To, then References newest first (bare ids).
    pub thread_ids: &'a [String],
    pub subject: Option<&'a str>,
    pub received_at: DateTime<Utc>,
}

/// The conversation `clues` continue, if any.
pub async fn find_conversation(db: &PgPool, secret: &[u8], clues: &Clues<'_>) -> sqlx::Result<Option<ConversationId>> {
    let library = clues.library;
    if let Some((lib, conversation)) = conversation_from_references(secret, clues.thread_ids) {
        if lib == library.0 && belongs_to_sender(db, library, ConversationId(conversation), clues.sender).await? {
            return Ok(Some(ConversationId(conversation)));
        }
    }
    if !clues.thread_ids.is_empty() {
        if let Some(found) = by_stored_ids(db, library, clues.sender, clues.thread_ids).await? {
            return Ok(Some(found));
        }
    }
    let Some(subject) = clues.subject else { return Ok(None) };
    let base = normalise_subject(subject);
    let says_reply = base != subject.split_whitespace().collect::<Vec<_>>().join(" ");
    if base.is_empty() || (!says_reply && clues.thread_ids.is_empty()) {
        return Ok(None);
    }
    by_subject(db, library, clues.sender, &base, clues.received_at).await
}

async fn belongs_to_sender(
    db: &PgPool,
    library: LibraryId,
    conversation: ConversationId,
    sender: &str,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (
            SELECT 1 FROM conversation c
              JOIN contact_identity ci ON ci.library_id = c.library_id AND ci.contact_id = c.contact_id
             WHERE c.library_id = $1 AND c.id = $2 AND ci.channel = 'email' AND ci.address = $3)",
    )
    .bind(library)
    .bind(conversation)
    .bind(sender)
    .fetch_one(db)
    .await
}

/// The conversation of the first id in `ids` that names an email of this library the
/// sender's contact is part of. Each id is looked up on its own, with every column of the
/// message's (partial, inbound or outbound) provider index equal, so the plan is an index
/// probe per id whatever the statistics say: `provider_id = ANY(...)` was planned as a scan
/// of all the library's email while a fresh mailbox's backlog filled a never-analysed table
/// (12 s per lookup by 3,000 messages in the email bench).
async fn by_stored_ids(
    db: &PgPool,
    library: LibraryId,
    sender: &str,
    ids: &[String],
) -> sqlx::Result<Option<ConversationId>> {
    let ids: Vec<&String> = ids.iter().take(50).collect();
    sqlx::query_scalar(
        "SELECT h.conversation_id
           FROM unnest($2::text[]) WITH ORDINALITY AS wanted(id, ord)
           CROSS JOIN LATERAL (
                SELECT m.conversation_id FROM message m
                 WHERE m.library_id = $1 AND m.channel = 'email' AND m.direction = 'in' AND m.provider_id = wanted.id
                UNION ALL
                SELECT m.conversation_id FROM message m
                 WHERE m.library_id = $1 AND m.channel = 'email' AND m.direction = 'out' AND m.provider_id = wanted.id
                -- Not pulled up into a join (which a planner reading stale statistics drives
                -- from `message`): run once per id, as an index probe.
                OFFSET 0
           ) h
           JOIN conversation c ON c.library_id = $1 AND c.id = h.conversation_id
           JOIN contact_identity ci ON ci.library_id = c.library_id AND ci.contact_id = c.contact_id
          WHERE ci.channel = 'email' AND ci.address = $3
          ORDER BY wanted.ord, h.conversation_id DESC
          LIMIT 1",
    )
    .bind(library)
    .bind(ids)
    .bind(sender)
    .fetch_optional(db)
    .await
}

async fn by_subject(
    db: &PgPool,
    library: LibraryId,
    sender: &str,
    base: &str,
    received_at: DateTime<Utc>,
) -> sqlx::Result<Option<ConversationId>> {
    let candidates: Vec<(ConversationId, Option<String>)> = sqlx::query_as(
        "SELECT c.id, c.subject FROM conversation c
           JOIN contact_identity ci ON ci.library_id = c.library_id AND ci.contact_id = c.contact_id
          WHERE c.library_id = $1 AND c.channel = 'email' AND ci.channel = 'email' AND ci.address = $2
            AND c.last_message_at > $3 - make_interval(days => $4)
          ORDER BY c.last_message_at DESC LIMIT 20",
    )
    .bind(library)
    .bind(sender)
    .bind(received_at)
    .bind(SUBJECT_WINDOW_DAYS as i32)
    .fetch_all(db)
    .await?;
    let wanted = base.to_lowercase();
    Ok(candidates
        .into_iter()
        .find(|(_, s)| s.as_deref().is_some_and(|s| normalise_subject(s).to_lowercase() == wanted))
        .map(|(id, _)| id))
}
