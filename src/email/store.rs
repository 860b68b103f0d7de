//! The poller's rows and queries: where it is in each folder (cursor, health), the
//! per-library signing secret, and email metadata of messages and conversations. The
//! mailboxes' settings are in `mailbox`.
//!
//! Every query takes the library id and filters by it.

use super::mailbox::MailboxId;
use crate::domain::{ConversationId, LibraryId, MessageId};
use sqlx::{PgExecutor, PgPool};

/// Where the poller is in a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Cursor {
    pub uid_validity: Option<i64>,
    pub last_uid: Option<i64>,
    pub rescan: bool,
    pub backfill_days: i32,
}

pub async fn cursor(db: &PgPool, library: LibraryId, id: MailboxId) -> sqlx::Result<Option<Cursor>> {
    sqlx::query_as(
        "SELECT uid_validity, last_uid, rescan, backfill_days FROM email_mailbox WHERE library_id = $1 AND id = $2",
    )
    .bind(library)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Advances the cursor (only after the messages up to `last_uid` are committed and
/// flagged). `reread`: this cursor comes from a re-read of the window, which answers a
/// pending re-read request (one asked for during any other read stays pending).
pub async fn save_cursor(
    db: &PgPool,
    library: LibraryId,
    id: MailboxId,
    uid_validity: u32,
    last_uid: u32,
    reread: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE email_mailbox SET uid_validity = $3, last_uid = $4, rescan = rescan AND NOT $5
          WHERE library_id = $1 AND id = $2",
    )
    .bind(library)
    .bind(id)
    .bind(i64::from(uid_validity))
    .bind(i64::from(last_uid))
    .bind(reread)
    .execute(db)
    .await?;
    Ok(())
}

/// Asks the poller to read the backfill window again, seen mail included. False if the
/// library has no such mailbox.
pub async fn request_rescan(db: impl PgExecutor<'_>, library: LibraryId, id: MailboxId) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE email_mailbox SET rescan = true WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn record_ok(db: &PgPool, library: LibraryId, id: MailboxId) -> sqlx::Result<()> {
    sqlx::query("UPDATE email_mailbox SET last_ok_at = now() WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Records why the mailbox cannot be read. `error` must hold no patron data.
pub async fn record_error(db: &PgPool, library: LibraryId, id: MailboxId, error: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE email_mailbox SET last_error = $3, last_error_at = now() WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(id)
        .bind(error.chars().take(500).collect::<String>())
        .execute(db)
        .await?;
    Ok(())
}

/// The library's secret for signed Message-IDs, made on first use (32 random bytes).
pub async fn secret(db: &PgPool, library: LibraryId) -> sqlx::Result<Vec<u8>> {
    let fresh: [u8; 32] = rand::random();
    sqlx::query("INSERT INTO email_secret (library_id, secret) VALUES ($1, $2) ON CONFLICT (library_id) DO NOTHING")
        .bind(library)
        .bind(fresh.to_vec())
        .execute(db)
        .await?;
    sqlx::query_scalar("SELECT secret FROM email_secret WHERE library_id = $1").bind(library).fetch_one(db).await
}

/// What is kept of an inbound email beside its message row.
#[derive(Debug, Clone)]
pub struct EmailMeta {
    pub mailbox: MailboxId,
    pub rfc_message_id: String,
    pub in_reply_to: Vec<String>,
    pub refs: Vec<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: Option<String>,
    pub full_text: String,
    pub quoted_text: String,
    pub automatic: Option<String>,
    pub omitted_attachments: i32,
    pub sha256: String,
    pub size_bytes: i32,
}

/// One committed inbound email's metadata, for [`record_batch`].
pub struct MetaItem<'a> {
    pub message: MessageId,
    pub conversation: ConversationId,
    /// A new message: its Cc list replaces the conversation's (replies answer the patron's
    /// latest mail). A re-read only fills the conversation's row in if missing.
    pub replace_cc: bool,
    pub cc: &'a [String],
    pub meta: &'a EmailMeta,
}

/// Postgres text holds no NUL; one in patron mail is never meaningful.
fn no_nul(s: &str) -> String {
    s.replace('\0', "")
}

fn no_nuls(v: &[String]) -> Vec<String> {
    v.iter().map(|s| no_nul(s)).collect()
}

/// Records the metadata of committed inbound emails, and their conversations' mailbox and
/// Cc list, in one statement (one round trip and one commit for a whole wave of mail). A
/// re-read stores nothing new. Several emails of one conversation: the last one's Cc wins.
pub async fn record_batch(
    db: &PgPool,
    library: LibraryId,
    mailbox: MailboxId,
    items: &[MetaItem<'_>],
) -> sqlx::Result<()> {
    use std::collections::HashMap;
    // One row per conversation: ON CONFLICT DO UPDATE may not touch a row twice.
    let mut conversations: HashMap<ConversationId, (bool, &[String])> = HashMap::new();
    for item in items {
        let entry = conversations.entry(item.conversation).or_insert((item.replace_cc, item.cc));
        if item.replace_cc || !entry.0 {
            *entry = (item.replace_cc || entry.0, item.cc);
        }
    }
    let conversations: Vec<serde_json::Value> = conversations
        .into_iter()
        .map(|(id, (replace, cc))| serde_json::json!({"conversation_id": id, "replace": replace, "cc": no_nuls(cc)}))
        .collect();
    let messages: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            let m = i.meta;
            serde_json::json!({
                "message_id": i.message,
                "mailbox_id": m.mailbox,
                "rfc_message_id": no_nul(&m.rfc_message_id),
                "in_reply_to": no_nuls(&m.in_reply_to),
                "refs": no_nuls(&m.refs),
                "to_addresses": no_nuls(&m.to),
                "cc_addresses": no_nuls(&m.cc),
                "subject": m.subject.as_deref().map(no_nul),
                "full_text": no_nul(&m.full_text),
                "quoted_text": no_nul(&m.quoted_text),
                "automatic": m.automatic.as_deref().map(no_nul),
                "omitted_attachments": m.omitted_attachments,
                "sha256": m.sha256,
                "size_bytes": m.size_bytes,
            })
        })
        .collect();
    sqlx::query(
        "WITH conv AS (
            SELECT c.conversation_id, c.replace, ARRAY(SELECT jsonb_array_elements_text(c.cc)) AS cc
              FROM jsonb_to_recordset($3) AS c(conversation_id bigint, replace boolean, cc jsonb)
         ), replaced AS (
            INSERT INTO email_conversation (library_id, conversation_id, mailbox_id, cc)
            SELECT $1, conversation_id, $2, cc FROM conv WHERE replace
            ON CONFLICT (library_id, conversation_id)
            DO UPDATE SET mailbox_id = EXCLUDED.mailbox_id, cc = EXCLUDED.cc, updated_at = now()
         ), filled AS (
            INSERT INTO email_conversation (library_id, conversation_id, mailbox_id, cc)
            SELECT $1, conversation_id, $2, cc FROM conv WHERE NOT replace
            ON CONFLICT (library_id, conversation_id) DO NOTHING
         )
         INSERT INTO email_message (library_id, message_id, mailbox_id, rfc_message_id, in_reply_to, refs,
                                    to_addresses, cc_addresses, subject, full_text, quoted_text, automatic,
                                    omitted_attachments, sha256, size_bytes)
         SELECT $1, m.message_id, m.mailbox_id, m.rfc_message_id,
                ARRAY(SELECT jsonb_array_elements_text(m.in_reply_to)), ARRAY(SELECT jsonb_array_elements_text(m.refs)),
                ARRAY(SELECT jsonb_array_elements_text(m.to_addresses)),
                ARRAY(SELECT jsonb_array_elements_text(m.cc_addresses)),
                m.subject, m.full_text, m.quoted_text, m.automatic, m.omitted_attachments, m.sha256, m.size_bytes
           FROM jsonb_to_recordset($4) AS m(message_id bigint, mailbox_id bigint, rfc_message_id text,
                in_reply_to jsonb, refs jsonb, to_addresses jsonb, cc_addresses jsonb, subject text, full_text text,
                quoted_text text, automatic text, omitted_attachments integer, sha256 text, size_bytes integer)
         ON CONFLICT (library_id, message_id) DO NOTHING",
    )
    .bind(library)
    .bind(mailbox)
    .bind(serde_json::Value::Array(conversations))
    .bind(serde_json::Value::Array(messages))
    .execute(db)
    .await?;
    Ok(())
}

/// Whether an outbound message was written by Refdesk on its own (see `email_automatic`).
pub async fn is_automatic(db: &PgPool, library: LibraryId, message: MessageId) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM email_automatic WHERE library_id = $1 AND message_id = $2)")
        .bind(library)
        .bind(message)
        .fetch_one(db)
        .await
}

/// What a reply needs to know about its conversation.
#[derive(Debug, Clone, Default)]
pub struct ReplyContext {
    pub subject: Option<String>,
    pub cc: Vec<String>,
    /// The patron's latest email: its Message-ID and References.
    pub parent: Option<(String, Vec<String>)>,
    pub author_name: Option<String>,
}

pub async fn reply_context(
    db: &PgPool,
    library: LibraryId,
    conversation: ConversationId,
    message: MessageId,
) -> sqlx::Result<ReplyContext> {
    let (subject, cc, author_name): (Option<String>, Option<Vec<String>>, Option<String>) = sqlx::query_as(
        "SELECT c.subject,
                (SELECT ec.cc FROM email_conversation ec WHERE ec.library_id = c.library_id AND ec.conversation_id = c.id),
                (SELECT s.display_name FROM message m JOIN staff s ON s.library_id = m.library_id AND s.id = m.author_staff_id
                  WHERE m.library_id = c.library_id AND m.id = $3)
           FROM conversation c WHERE c.library_id = $1 AND c.id = $2",
    )
    .bind(library)
    .bind(conversation)
    .bind(message)
    .fetch_one(db)
    .await?;
    let parent: Option<(String, Vec<String>)> = sqlx::query_as(
        "SELECT m.provider_id, coalesce(em.refs, '{}')
           FROM message m
           LEFT JOIN email_message em ON em.library_id = m.library_id AND em.message_id = m.id
          WHERE m.library_id = $1 AND m.conversation_id = $2 AND m.direction = 'in' AND m.channel = 'email'
            AND m.provider_id IS NOT NULL
          ORDER BY m.id DESC LIMIT 1",
    )
    .bind(library)
    .bind(conversation)
    .fetch_optional(db)
    .await?;
    Ok(ReplyContext { subject, cc: cc.unwrap_or_default(), parent, author_name })
}
