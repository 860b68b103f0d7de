//! A mailbox's settings as admins send them: checked and normalised here (parse, don't
//! validate), then stored. The HTTP layer only maps [`Invalid`] to a 422.

use super::mailbox::{self, MailboxId};
use crate::domain::LibraryId;
use channels::email::Security;
use channels::EmailAddress;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;

/// Why settings were refused: a stable `code` and a message for the admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub code: &'static str,
    pub message: String,
}

impl Invalid {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Invalid { code, message: message.into() }
    }
}

/// How a connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SecurityName {
    /// TLS from the first byte (IMAPS 993, SMTPS 465).
    Tls,
    /// Upgraded with STARTTLS before login (IMAP 143, submission 587); never falls back.
    Starttls,
    /// No encryption: only for a server on the same machine.
    Plain,
}

impl From<SecurityName> for Security {
    fn from(s: SecurityName) -> Self {
        match s {
            SecurityName::Tls => Security::Tls,
            SecurityName::Starttls => Security::StartTls,
            SecurityName::Plain => Security::Plain,
        }
    }
}

/// The API name of a stored security setting.
pub fn security_of(stored: &str) -> SecurityName {
    match mailbox::parse_security(stored) {
        Security::Tls => SecurityName::Tls,
        Security::StartTls => SecurityName::Starttls,
        Security::Plain => SecurityName::Plain,
    }
}

/// A mailbox's settings. On update, a password left out keeps the stored one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailboxSettings {
    /// The library's address: From of replies; bounces come back to it.
    pub address: String,
    /// Display name of From, e.g. "Springfield Library".
    pub from_name: Option<String>,
    /// Put the replying staff member's name in From ("Ann (Springfield Library)").
    pub staff_name_in_from: Option<bool>,
    /// Default true.
    pub enabled: Option<bool>,
    pub imap_host: String,
    /// Default: 993 with tls, else 143.
    pub imap_port: Option<u16>,
    pub imap_security: SecurityName,
    /// Default: the address.
    pub imap_username: Option<String>,
    /// Required when creating.
    pub imap_password: Option<String>,
    /// Default INBOX.
    pub imap_folder: Option<String>,
    pub smtp_host: String,
    /// Default: 465 with tls, 587 with starttls, else 25.
    pub smtp_port: Option<u16>,
    pub smtp_security: SecurityName,
    /// Leave out for a relay that needs no login.
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    /// PEM certificate(s) to trust besides the public roots (a library's own CA).
    pub tls_ca_pem: Option<String>,
    /// On first connect, ingest unseen mail of this many days (0 to 3650; default 14).
    pub backfill_days: Option<i32>,
    /// Without IDLE, search this often (5 to 3600 s; default 60).
    pub poll_seconds: Option<i32>,
    /// With IDLE, renew it this often (5 to 1740 s; default 240).
    pub idle_seconds: Option<i32>,
    /// Larger messages are quarantined (65536 to 209715200; default 50 MB).
    pub max_message_bytes: Option<i32>,
    /// Move each message here once it is stored (e.g. "Processed"); left out or empty: only
    /// mark it \Seen. A folder missing on the server also means \Seen only.
    pub processed_folder: Option<String>,
    /// Acknowledge a patron's new email conversation at once, with FAQ suggestions
    /// (never automatic mail or lists; at most once per patron per day). Default false.
    pub auto_ack: Option<bool>,
    /// The acknowledgement's opening text (default: a built-in text).
    pub auto_ack_text: Option<String>,
}

/// Settings that passed [`MailboxSettings::check`], ready to store. Passwords `None`: keep
/// the stored ones.
pub struct CheckedSettings {
    address: String,
    from_name: Option<String>,
    staff_name_in_from: bool,
    enabled: bool,
    imap: Imap,
    smtp: Smtp,
    tls_ca_pem: Option<String>,
    /// backfill_days, poll_seconds, idle_seconds, max_message_bytes.
    numbers: [i32; 4],
    processed_folder: Option<String>,
    auto_ack: bool,
    auto_ack_text: Option<String>,
}

struct Imap {
    host: String,
    port: i32,
    security: &'static str,
    username: String,
    password: Option<String>,
    folder: String,
}

struct Smtp {
    host: String,
    port: i32,
    security: &'static str,
    username: Option<String>,
    password: Option<String>,
}

fn text_ok(s: &str, max: usize) -> bool {
    !s.is_empty() && s.len() <= max && !s.chars().any(char::is_control)
}

fn host(field: &'static str, s: &str) -> Result<String, Invalid> {
    let s = s.trim();
    let ok = text_ok(s, 253) && !s.contains(char::is_whitespace) && !s.contains(['/', '@', '?', '#']);
    ok.then(|| s.to_owned()).ok_or_else(|| Invalid::new(field, format!("{field}: not a host name")))
}

fn range(field: &'static str, value: Option<i32>, default: i32, min: i32, max: i32) -> Result<i32, Invalid> {
    let v = value.unwrap_or(default);
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(Invalid::new(field, format!("{field} is {min} to {max}")))
    }
}

impl CheckedSettings {
    /// The servers these settings reach (for [`super::reach::check_settings`]).
    pub fn hosts(&self) -> [(&'static str, &str, u16); 2] {
        [("IMAP", &self.imap.host, self.imap.port as u16), ("SMTP", &self.smtp.host, self.smtp.port as u16)]
    }
}

impl MailboxSettings {
    /// Checks and normalises the settings; `creating` requires the passwords.
    pub fn check(self, creating: bool) -> Result<CheckedSettings, Invalid> {
        check(self, creating)
    }
}

fn check(req: MailboxSettings, creating: bool) -> Result<CheckedSettings, Invalid> {
    let address = EmailAddress::parse(&req.address)
        .map_err(|_| Invalid::new("invalid_address", "address is not an email address"))?
        .as_str()
        .to_owned();
    let from_name = req.from_name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if from_name.as_deref().is_some_and(|n| !text_ok(n, 200)) {
        return Err(Invalid::new("invalid_from_name", "from_name is at most 200 characters on one line"));
    }
    let password = |field: &'static str, p: Option<String>| -> Result<Option<String>, Invalid> {
        match p {
            Some(p) if !text_ok(&p, 1000) => Err(Invalid::new(field, format!("{field} is empty or not one line"))),
            other => Ok(other),
        }
    };
    let imap_password = password("invalid_imap_password", req.imap_password)?;
    if creating && imap_password.is_none() {
        return Err(Invalid::new("imap_password_required", "a new mailbox needs its IMAP password"));
    }
    let imap_username = req.imap_username.map(|u| u.trim().to_owned()).unwrap_or_else(|| address.clone());
    if !text_ok(&imap_username, 320) {
        return Err(Invalid::new("invalid_imap_username", "imap_username is empty or not one line"));
    }
    let folder = req.imap_folder.unwrap_or_else(|| "INBOX".into());
    if !text_ok(&folder, 200) {
        return Err(Invalid::new("invalid_imap_folder", "imap_folder is empty or not one line"));
    }
    let processed_folder = req.processed_folder.map(|f| f.trim().to_owned()).filter(|f| !f.is_empty());
    if processed_folder.as_deref().is_some_and(|f| !text_ok(f, 200)) {
        return Err(Invalid::new("invalid_processed_folder", "processed_folder is at most 200 characters on one line"));
    }
    if processed_folder.as_deref().is_some_and(|f| f.eq_ignore_ascii_case(&folder)) {
        return Err(Invalid::new("invalid_processed_folder", "processed_folder must differ from imap_folder"));
    }
    let auto_ack_text = req.auto_ack_text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    if auto_ack_text.as_ref().is_some_and(|t| t.chars().count() > 4000 || t.contains('\0')) {
        return Err(Invalid::new("invalid_auto_ack_text", "auto_ack_text is at most 4000 characters"));
    }
    let imap_port = req.imap_port.unwrap_or(if req.imap_security == SecurityName::Tls { 993 } else { 143 });
    let smtp_port = req.smtp_port.unwrap_or(match req.smtp_security {
        SecurityName::Tls => 465,
        SecurityName::Starttls => 587,
        SecurityName::Plain => 25,
    });
    if imap_port == 0 || smtp_port == 0 {
        return Err(Invalid::new("invalid_port", "ports are 1 to 65535"));
    }
    let smtp_login = match req.smtp_username.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()) {
        None if req.smtp_password.is_some() => {
            return Err(Invalid::new("smtp_username_required", "an SMTP password needs its username"))
        }
        None => None,
        Some(u) if !text_ok(&u, 320) => {
            return Err(Invalid::new("invalid_smtp_username", "smtp_username is not one line"))
        }
        Some(u) => Some((u, password("invalid_smtp_password", req.smtp_password)?)),
    };
    if creating && smtp_login.as_ref().is_some_and(|(_, p)| p.is_none()) {
        return Err(Invalid::new("smtp_password_required", "an SMTP username needs its password"));
    }
    let tls_ca_pem = req.tls_ca_pem.filter(|p| !p.trim().is_empty());
    if tls_ca_pem.as_ref().is_some_and(|p| p.len() > 65_536 || !p.contains("-----BEGIN CERTIFICATE-----")) {
        return Err(Invalid::new("invalid_tls_ca_pem", "tls_ca_pem is not a PEM certificate"));
    }
    let name = |s: SecurityName| mailbox::security_name(s.into());
    Ok(CheckedSettings {
        address,
        from_name,
        staff_name_in_from: req.staff_name_in_from.unwrap_or(false),
        enabled: req.enabled.unwrap_or(true),
        imap: Imap {
            host: host("invalid_imap_host", &req.imap_host)?,
            port: imap_port.into(),
            security: name(req.imap_security),
            username: imap_username,
            password: imap_password,
            folder,
        },
        smtp: Smtp {
            host: host("invalid_smtp_host", &req.smtp_host)?,
            port: smtp_port.into(),
            security: name(req.smtp_security),
            username: smtp_login.as_ref().map(|(u, _)| u.clone()),
            password: smtp_login.and_then(|(_, p)| p),
        },
        tls_ca_pem,
        numbers: [
            range("invalid_backfill_days", req.backfill_days, 14, 0, 3650)?,
            range("invalid_poll_seconds", req.poll_seconds, 60, 5, 3600)?,
            range("invalid_idle_seconds", req.idle_seconds, 240, 5, 1740)?,
            range("invalid_max_message_bytes", req.max_message_bytes, 50 << 20, 65_536, 200 << 20)?,
        ],
        processed_folder,
        auto_ack: req.auto_ack.unwrap_or(false),
        auto_ack_text,
    })
}

/// Stores a new mailbox.
pub async fn insert(conn: &mut PgConnection, library: LibraryId, s: &CheckedSettings) -> sqlx::Result<MailboxId> {
    sqlx::query_scalar(
        "INSERT INTO email_mailbox (library_id, address, from_name, staff_name_in_from, enabled, imap_host, imap_port,
                                    imap_security, imap_username, imap_password, imap_folder, smtp_host, smtp_port,
                                    smtp_security, smtp_username, smtp_password, tls_ca_pem, backfill_days,
                                    poll_seconds, idle_seconds, max_message_bytes, processed_folder, auto_ack,
                                    auto_ack_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                 $22, $23, $24)
         RETURNING id",
    )
    .bind(library)
    .bind(&s.address)
    .bind(&s.from_name)
    .bind(s.staff_name_in_from)
    .bind(s.enabled)
    .bind(&s.imap.host)
    .bind(s.imap.port)
    .bind(s.imap.security)
    .bind(&s.imap.username)
    .bind(&s.imap.password)
    .bind(&s.imap.folder)
    .bind(&s.smtp.host)
    .bind(s.smtp.port)
    .bind(s.smtp.security)
    .bind(&s.smtp.username)
    .bind(&s.smtp.password)
    .bind(&s.tls_ca_pem)
    .bind(s.numbers[0])
    .bind(s.numbers[1])
    .bind(s.numbers[2])
    .bind(s.numbers[3])
    .bind(&s.processed_folder)
    .bind(s.auto_ack)
    .bind(&s.auto_ack_text)
    .fetch_one(conn)
    .await
}

/// Replaces a mailbox's settings (passwords left out are kept) and bumps its version, so
/// its poller restarts with them. False if the library has no such mailbox.
pub async fn update(
    conn: &mut PgConnection,
    library: LibraryId,
    id: MailboxId,
    s: &CheckedSettings,
) -> sqlx::Result<bool> {
    // A changed server or folder is another mailbox to the cursor: read it from scratch.
    let done = sqlx::query(
        "UPDATE email_mailbox SET
            address = $3, from_name = $4, staff_name_in_from = $5, enabled = $6, imap_host = $7, imap_port = $8,
            imap_security = $9, imap_username = $10, imap_password = coalesce($11, imap_password), imap_folder = $12,
            smtp_host = $13, smtp_port = $14, smtp_security = $15, smtp_username = $16,
            smtp_password = CASE WHEN $16 IS NULL THEN NULL ELSE coalesce($17, smtp_password) END,
            tls_ca_pem = $18, backfill_days = $19, poll_seconds = $20, idle_seconds = $21, max_message_bytes = $22,
            processed_folder = $23, auto_ack = $24, auto_ack_text = $25,
            uid_validity = CASE WHEN (imap_host, imap_port, imap_username, imap_folder) = ($7, $8, $10, $12)
                                THEN uid_validity END,
            last_uid = CASE WHEN (imap_host, imap_port, imap_username, imap_folder) = ($7, $8, $10, $12)
                            THEN last_uid END,
            version = version + 1, updated_at = now()
          WHERE library_id = $1 AND id = $2",
    )
    .bind(library)
    .bind(id)
    .bind(&s.address)
    .bind(&s.from_name)
    .bind(s.staff_name_in_from)
    .bind(s.enabled)
    .bind(&s.imap.host)
    .bind(s.imap.port)
    .bind(s.imap.security)
    .bind(&s.imap.username)
    .bind(&s.imap.password)
    .bind(&s.imap.folder)
    .bind(&s.smtp.host)
    .bind(s.smtp.port)
    .bind(s.smtp.security)
    .bind(&s.smtp.username)
    .bind(&s.smtp.password)
    .bind(&s.tls_ca_pem)
    .bind(s.numbers[0])
    .bind(s.numbers[1])
    .bind(s.numbers[2])
    .bind(s.numbers[3])
    .bind(&s.processed_folder)
    .bind(s.auto_ack)
    .bind(&s.auto_ack_text)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}
