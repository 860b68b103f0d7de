//! The email channel's rows and their queries: mailboxes (settings, cursor, health), the
//! per-library signing secret, email metadata of messages and conversations, quarantine.
//!
//! Every query takes the library id and filters by it, except the poller's list of all
//! enabled mailboxes, which is how it learns what to poll.

use crate::domain::{ConversationId, LibraryId, MessageId};
use channels::email::imap::ImapConfig;
use channels::email::smtp::SmtpConfig;
use channels::email::Security;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{PgExecutor, PgPool};
use std::fmt;
use std::time::Duration;

/// A mailbox of one library.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type, utoipa::ToSchema,
)]
#[sqlx(transparent)]
#[serde(transparent)]
pub struct MailboxId(pub i64);

impl fmt::Display for MailboxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How long one IMAP or SMTP command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// A mailbox row: settings, the poller's cursor and its health. Holds passwords: never
/// serialised, and `Debug` leaves them out.
#[derive(Clone, sqlx::FromRow)]
pub struct Mailbox {
    pub library_id: LibraryId,
    pub id: MailboxId,
    pub address: String,
    pub from_name: Option<String>,
    pub staff_name_in_from: bool,
    pub enabled: bool,
    pub imap_host: String,
    pub imap_port: i32,
    pub imap_security: String,
    pub imap_username: String,
    pub imap_password: String,
    pub imap_folder: String,
    pub smtp_host: String,
    pub smtp_port: i32,
    pub smtp_security: String,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    pub tls_ca_pem: Option<String>,
    pub backfill_days: i32,
    pub poll_seconds: i32,
    pub idle_seconds: i32,
    pub max_message_bytes: i32,
    pub processed_folder: Option<String>,
    pub auto_ack: bool,
    pub auto_ack_text: Option<String>,
    pub uid_validity: Option<i64>,
    pub last_uid: Option<i64>,
    pub rescan: bool,
    pub last_ok_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailbox").field("library_id", &self.library_id).field("id", &self.id).finish_non_exhaustive()
    }
}

const COLUMNS: &str = "library_id, id, address, from_name, staff_name_in_from, enabled, imap_host, imap_port,
    imap_security, imap_username, imap_password, imap_folder, smtp_host, smtp_port, smtp_security, smtp_username,
    smtp_password, tls_ca_pem, backfill_days, poll_seconds, idle_seconds, max_message_bytes, processed_folder, auto_ack,
    auto_ack_text, uid_validity, last_uid, rescan, last_ok_at, last_error, last_error_at, version";

/// The stored name of a connection security setting.
pub fn security_name(s: Security) -> &'static str {
    match s {
        Security::Tls => "tls",
        Security::StartTls => "starttls",
        Security::Plain => "plain",
    }
}

/// Parses a stored security name; anything unknown is the strictest (TLS).
pub fn parse_security(s: &str) -> Security {
    match s {
        "plain" => Security::Plain,
        "starttls" => Security::StartTls,
        _ => Security::Tls,
    }
}

impl Mailbox {
    /// The domain of the library's address, for our Message-IDs and EHLO.
    pub fn domain(&self) -> &str {
        self.address.rsplit_once('@').map_or("", |(_, d)| d)
    }

    /// The IMAP settings as stored; connections go through [`super::reach::imap`], which
    /// pins them to a checked address.
    pub fn imap_config(&self) -> ImapConfig {
        ImapConfig {
            host: self.imap_host.clone(),
            port: self.imap_port as u16,
            security: parse_security(&self.imap_security),
            username: self.imap_username.clone(),
            password: self.imap_password.clone(),
            extra_roots_pem: self.tls_ca_pem.as_ref().map(|p| p.as_bytes().to_vec()),
            timeout: COMMAND_TIMEOUT,
            local_address: None,
            connect_to: None,
        }
    }

    /// The SMTP settings as stored; connections go through [`super::reach::smtp`].
    pub fn smtp_config(&self) -> SmtpConfig {
        SmtpConfig {
            host: self.smtp_host.clone(),
            port: self.smtp_port as u16,
            security: parse_security(&self.smtp_security),
            credentials: self.smtp_username.clone().zip(self.smtp_password.clone()),
            extra_roots_pem: self.tls_ca_pem.as_ref().map(|p| p.as_bytes().to_vec()),
            hello_name: Some(self.domain().to_owned()).filter(|d| !d.is_empty()),
            timeout: COMMAND_TIMEOUT,
            connect_to: None,
        }
    }

    pub async fn find(db: impl PgExecutor<'_>, library: LibraryId, id: MailboxId) -> sqlx::Result<Option<Mailbox>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM email_mailbox WHERE library_id = $1 AND id = $2"))
            .bind(library)
            .bind(id)
            .fetch_optional(db)
            .await
    }

    pub async fn list(db: &PgPool, library: LibraryId) -> sqlx::Result<Vec<Mailbox>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM email_mailbox WHERE library_id = $1 ORDER BY id"))
            .bind(library)
            .fetch_all(db)
            .await
    }

    /// The mailbox a conversation's replies go out from: the one its mail came in through,
    /// else the library's first enabled mailbox, else its first.
    pub async fn for_conversation(
        db: &PgPool,
        library: LibraryId,
        conversation: ConversationId,
    ) -> sqlx::Result<Option<Mailbox>> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM email_mailbox mb
              WHERE mb.library_id = $1
              ORDER BY (mb.id = (SELECT ec.mailbox_id FROM email_conversation ec
                                  WHERE ec.library_id = $1 AND ec.conversation_id = $2)) IS TRUE DESC,
                       mb.enabled DESC, mb.id
              LIMIT 1"
        ))
        .bind(library)
        .bind(conversation)
        .fetch_optional(db)
        .await
    }

    /// Every library's mailbox addresses are "ours": mail from them is never a patron's.
    pub async fn addresses(db: &PgPool, library: LibraryId) -> sqlx::Result<Vec<String>> {
        sqlx::query_scalar("SELECT address FROM email_mailbox WHERE library_id = $1").bind(library).fetch_all(db).await
    }
}

/// What the poller supervisor needs to know about each mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct PollTarget {
    pub library_id: LibraryId,
    pub id: MailboxId,
    pub version: i32,
}

/// All enabled mailboxes of all libraries (the poller serves every tenant).
pub async fn poll_targets(db: &PgPool) -> sqlx::Result<Vec<PollTarget>> {
    sqlx::query_as("SELECT library_id, id, version FROM email_mailbox WHERE enabled ORDER BY library_id, id")
        .fetch_all(db)
        .await
}

/// The NOTIFY channel that tells pollers (on every hub instance) a mailbox changed or should
/// be read again. The payload is `library.mailbox`.
pub const CHANGED_CHANNEL: &str = "refdesk_email_mailbox";

pub async fn notify_changed(db: impl PgExecutor<'_>, library: LibraryId, id: MailboxId) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_notify($1, $2)").bind(CHANGED_CHANNEL).bind(format!("{library}.{id}")).execute(db).await?;
    Ok(())
}

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
