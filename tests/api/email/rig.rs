//! The mail rig and the helpers the email tests share: sending as a patron through
//! Postfix, reading a patron's mailbox over IMAP, waiting for the poller with a deadline.

use crate::helpers::*;
use channels::email::imap::{ImapConfig, ImapSession};
use channels::email::smtp::{self, SmtpConfig};
use channels::email::{parse, ParsedEmail, Security};
use channels::EmailAddress;
use refdesk::outbox::Outcome;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub(crate) const PATRON: &str = "patron@patron.test";
pub(crate) const PATRON2: &str = "patron2@patron.test";
/// How long mail may take from SMTP to the database (IMAP IDLE makes it well under 1 s).
pub(crate) const DEADLINE: Duration = Duration::from_secs(30);

/// A rig instance: the shared one, or a private one (own folder and ports) for the test
/// that restarts its Dovecot.
pub(crate) struct Rig {
    env: HashMap<String, String>,
    overrides: Vec<(&'static str, String)>,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/rig/mail")
}

impl Rig {
    pub(crate) fn start(overrides: Vec<(&'static str, String)>) -> Rig {
        // The poller's log (ids only) is shown when a test fails.
        let _ = tracing_subscriber::fmt().with_env_filter("refdesk=debug").with_test_writer().try_init();
        let rig = Rig { env: HashMap::new(), overrides };
        assert!(rig.command("start").status().expect("run scripts/rig/mail start").success(), "rig start failed");
        let out = rig.command("env").output().expect("run scripts/rig/mail env");
        let env = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("export ")?.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        Rig { env, ..rig }
    }

    pub(crate) fn command(&self, arg: &str) -> Command {
        let mut c = Command::new(script());
        c.arg(arg);
        for (k, v) in &self.overrides {
            c.env(k, v);
        }
        c
    }

    pub(crate) fn var(&self, name: &str) -> String {
        self.env.get(name).cloned().unwrap_or_else(|| panic!("{name} missing from scripts/rig/mail env"))
    }

    pub(crate) fn port(&self, name: &str) -> u16 {
        self.var(name).parse().unwrap()
    }

    /// Empties a user's INBOX and Processed folder (files only; Dovecot notices on its next
    /// sync).
    pub(crate) fn clear(&self, user: &str) {
        let (local, domain) = user.split_once('@').unwrap();
        let maildir = Path::new(&self.var("MAIL_RIG_DIR")).join("vmail").join(domain).join(local).join("Maildir");
        for sub in ["new", "cur", ".Processed/new", ".Processed/cur"] {
            if let Ok(entries) = std::fs::read_dir(maildir.join(sub)) {
                for e in entries.flatten() {
                    std::fs::remove_file(e.path()).expect("clear the rig mailbox (tests run as the rig's owner)");
                }
            }
        }
    }

    /// Puts raw bytes straight into a user's mailbox, bypassing Postfix (which would make
    /// any bytes a well-formed message).
    pub(crate) fn inject(&self, user: &str, raw: &[u8]) {
        let (local, domain) = user.split_once('@').unwrap();
        let new = Path::new(&self.var("MAIL_RIG_DIR")).join("vmail").join(domain).join(local).join("Maildir/new");
        let name = format!("{}.refdesk-test-{}.localhost", chrono::Utc::now().timestamp(), unique("raw"));
        let tmp = new.parent().unwrap().join("tmp").join(&name);
        std::fs::write(&tmp, raw).unwrap();
        std::fs::rename(&tmp, new.join(&name)).unwrap();
    }

    /// The pid of the IMAP process serving `user`'s latest session, from Dovecot's log.
    pub(crate) fn last_imap_process(&self, user: &str) -> u32 {
        let log = std::fs::read_to_string(Path::new(&self.var("MAIL_RIG_DIR")).join("log/dovecot.log")).unwrap();
        let login = format!("Login: user=<{user}>");
        let line = log.lines().rev().find(|l| l.contains(&login)).expect("a login of the poller in the log");
        let mpid = line.split("mpid=").nth(1).unwrap();
        mpid.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
    }

    /// Ends a process this rig started (by its pid), if it is still running.
    pub(crate) fn end_process(&self, pid: u32) {
        let alive = || Path::new(&format!("/proc/{pid}")).exists();
        if alive() {
            assert!(Command::new("kill").arg(pid.to_string()).status().unwrap().success());
        }
    }

    /// Mailbox settings for `user` on this rig (IMAP in the clear on 127.0.0.1).
    pub(crate) fn mailbox(&self, user: &str) -> Value {
        json!({
            "address": user,
            "from_name": "Alpha Library",
            "staff_name_in_from": true,
            "imap_host": self.var("MAIL_RIG_HOST"),
            "imap_port": self.port("MAIL_RIG_IMAP_PORT"),
            "imap_security": "plain",
            "imap_password": self.var("MAIL_RIG_PASSWORD"),
            "smtp_host": self.var("MAIL_RIG_HOST"),
            "smtp_port": self.port("MAIL_RIG_SMTP_PORT"),
            "smtp_security": "plain",
            "backfill_days": 2,
            "idle_seconds": 60,
        })
    }

    pub(crate) async fn send(&self, envelope_from: &str, to: &[&str], raw: &[u8]) {
        let transport = smtp::transport(&SmtpConfig {
            host: self.var("MAIL_RIG_HOST"),
            port: self.port("MAIL_RIG_SMTP_PORT"),
            security: Security::Plain,
            credentials: None,
            extra_roots_pem: None,
            hello_name: Some("patron.test".into()),
            timeout: Duration::from_secs(10),
            connect_to: None,
        })
        .unwrap();
        let to: Vec<EmailAddress> = to.iter().map(|a| EmailAddress::parse(a).unwrap()).collect();
        smtp::send(&transport, &EmailAddress::parse(envelope_from).unwrap(), &to, raw).await.expect("SMTP send");
    }

    /// Waits for mail whose subject contains `tag` in `user`'s INBOX and parses it.
    pub(crate) async fn receive(&self, user: &str, tag: &str) -> ParsedEmail {
        parse(&self.receive_raw(user, tag).await).unwrap()
    }

    /// A logged-in IMAP session as `user` (nothing selected).
    pub(crate) async fn imap(&self, user: &str) -> ImapSession {
        let config = ImapConfig {
            host: self.var("MAIL_RIG_HOST"),
            port: self.port("MAIL_RIG_IMAP_PORT"),
            security: Security::Plain,
            username: user.to_owned(),
            password: self.var("MAIL_RIG_PASSWORD"),
            extra_roots_pem: None,
            timeout: Duration::from_secs(10),
            local_address: None,
            connect_to: None,
        };
        ImapSession::connect(&config).await.unwrap()
    }

    /// The UIDs in `user`'s `folder` matching an IMAP search (e.g. `SEEN SUBJECT "tag"`).
    pub(crate) async fn search(&self, user: &str, folder: &str, query: &str) -> Vec<u32> {
        let mut session = self.imap(user).await;
        session.select(folder).await.unwrap();
        let found = session.uid_search(query).await.unwrap();
        let _ = session.logout().await;
        found
    }

    /// Waits for mail whose subject contains `tag` in `user`'s INBOX: its raw bytes.
    pub(crate) async fn receive_raw(&self, user: &str, tag: &str) -> Vec<u8> {
        let mut session = self.imap(user).await;
        session.select("INBOX").await.unwrap();
        let deadline = Instant::now() + DEADLINE;
        loop {
            let found = session.uid_search(&format!("SUBJECT \"{tag}\"")).await.unwrap();
            if let Some(&uid) = found.last() {
                let raw = session.fetch_raw(&[uid]).await.unwrap().remove(0).1;
                let _ = session.logout().await;
                return raw;
            }
            assert!(Instant::now() < deadline, "mail {tag} did not reach {user}");
            session = session.idle(Duration::from_secs(2)).await.unwrap().0;
        }
    }
}

/// The shared rig, started once per test process (the script is idempotent).
pub(crate) fn rig() -> &'static Rig {
    static RIG: OnceLock<Rig> = OnceLock::new();
    RIG.get_or_init(|| Rig::start(Vec::new()))
}

pub(crate) fn unique(label: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{label}-{}-{nanos}", std::process::id())
}

/// A message as a mail client would write it. `headers` come after From, To, Subject,
/// Message-ID and Date.
pub(crate) fn mail(
    from: &str,
    to: &str,
    subject: &str,
    message_id: &str,
    extra: &[(&str, &str)],
    body: &str,
) -> Vec<u8> {
    let mut out = format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{message_id}>\r\nDate: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n",
        chrono::Utc::now().to_rfc2822()
    );
    for (name, value) in extra {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&body.replace('\n', "\r\n"));
    out.push_str("\r\n");
    out.into_bytes()
}

/// Polls `probe` until it returns something, or fails the test after [`DEADLINE`].
pub(crate) async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Stored {
    pub id: i64,
    pub conversation_id: i64,
    pub body: String,
}

/// Waits until the inbound email with this Message-ID is stored, with its email metadata
/// (written by the poller right after ingest commits the message).
pub(crate) async fn stored(app: &TestApp, message_id: &str) -> Stored {
    let db = app.db.clone();
    eventually(&format!("email {message_id} to be ingested"), || {
        let db = db.clone();
        async move {
            sqlx::query_as(
                "SELECT m.id, m.conversation_id, m.body FROM message m
                   JOIN email_message em ON em.library_id = m.library_id AND em.message_id = m.id
                  WHERE m.channel = 'email' AND m.direction = 'in' AND m.provider_id = $1",
            )
            .bind(message_id)
            .fetch_optional(&db)
            .await
            .unwrap()
        }
    })
    .await
}

/// Waits until the poller finished the read that stored `message` (cursor saved, health
/// recorded), so a test's change to the cursor is not overwritten by it.
pub(crate) async fn settled(app: &TestApp, message: i64) {
    let db = app.db.clone();
    eventually("the poller to finish its read", || {
        let db = db.clone();
        async move {
            // NULL until the poller records its first good read.
            sqlx::query_scalar::<_, Option<bool>>(
                "SELECT mb.last_ok_at > em.created_at FROM email_mailbox mb, email_message em WHERE em.message_id = $1",
            )
            .bind(message)
            .fetch_optional(&db)
            .await
            .unwrap()
            .flatten()
            .filter(|done| *done)
        }
    })
    .await;
}

pub(crate) async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// Library alpha's admin adds `settings` as a mailbox; returns its id.
pub(crate) async fn add_mailbox(app: &TestApp, settings: Value) -> i64 {
    let admin = app.login(&app.a.admin).await;
    let (status, body) = admin.post("/api/settings/email/mailboxes", settings).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_i64().unwrap()
}

/// A worker with the real channel adapters (the test app's own one is scripted).
pub(crate) async fn deliver_replies(app: &TestApp) {
    let worker = refdesk::outbox::Worker::new(
        app.db.clone(),
        refdesk::app::channel_adapters(&app.db, &app.addr, app.state.config.outbound.private_nets()),
        app.state.config.outbox.clone(),
        app.realtime.clone(),
        Default::default(),
    );
    while worker.step().await.unwrap() != Outcome::Idle {}
}

pub(crate) async fn secret(app: &TestApp) -> Vec<u8> {
    let db = app.db.clone();
    eventually("the library's signing secret", || {
        let db = db.clone();
        async move { sqlx::query_scalar("SELECT secret FROM email_secret").fetch_optional(&db).await.unwrap() }
    })
    .await
}

/// A delivery status notification as a patron's mail server sends it (RFC 3464, Postfix's
/// layout), about `original` (raw bytes of our reply).
pub(crate) fn dsn(to: &str, recipient: &str, action: &str, status: &str, original: &[u8], tag: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(original).replace("\r\n", "\n");
    let headers = text.split("\n\n").next().unwrap().replace('\n', "\r\n");
    format!(
        "From: MAILER-DAEMON@mx.patron.test (Mail Delivery System)\r\n\
         To: {to}\r\nSubject: Undelivered Mail Returned to Sender {tag}\r\n\
         Message-ID: <dsn-{action}-{tag}@mx.patron.test>\r\nDate: {date}\r\nAuto-Submitted: auto-replied\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"B-{tag}\"\r\n\r\n\
         --B-{tag}\r\nContent-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n\
         This is the mail system at host mx.patron.test.\r\n\r\n\
         --B-{tag}\r\nContent-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n\
         Reporting-MTA: dns; mx.patron.test\r\n\r\n\
         Final-Recipient: rfc822; {recipient}\r\nOriginal-Recipient: rfc822;{recipient}\r\n\
         Action: {action}\r\nStatus: {status}\r\nDiagnostic-Code: smtp; {status} mailbox unavailable\r\n\r\n\
         --B-{tag}\r\nContent-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\n\
         {headers}\r\n--B-{tag}--\r\n",
        date = chrono::Utc::now().to_rfc2822(),
    )
    .into_bytes()
}

pub(crate) async fn delivery(app: &TestApp, message: i64) -> (Option<String>, Option<String>) {
    sqlx::query_as("SELECT delivery_status, delivery_error FROM message WHERE id = $1")
        .bind(message)
        .fetch_one(&app.db)
        .await
        .unwrap()
}
