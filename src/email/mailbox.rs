//! A library's mailboxes: their settings (IMAP in, SMTP out), the list the poller serves,
//! and the notice that tells every hub instance's poller a mailbox changed. Passwords live
//! in these rows: never serialised, never in `Debug`.

use crate::domain::{ConversationId, LibraryId};
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
