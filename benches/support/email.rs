//! Part `email`: IMAP ingest from the mail rig's Dovecot through the real poller of a
//! `refdesk serve` into Postgres, django-helpdesk's `get_email` on the same messages in the
//! same run, and the time from a mail handed to Postfix to its frame on a staff console.
//!
//! 1. 10,000 generated messages ([`crate::email_corpus`]) are delivered over LMTP to two
//!    rig users at once, `desk-bench` (Refdesk) and `desk-helpdesk` (django-helpdesk): the
//!    same bytes in two mailboxes of the same Dovecot, since get_email deletes what it reads.
//! 2. Refdesk: an admin adds `desk-bench` as a mailbox through the API (the clock starts
//!    when that returns); the poller's first read takes the unseen mail. Timed until every
//!    message is stored with its email metadata, and until the mailbox has no unseen mail
//!    left (flags are set only after COMMIT). Checked: exactly 10,000 messages, no duplicates.
//! 3. django-helpdesk 2.6.1 from PyPI, in a venv under the bench folder, sqlite database,
//!    `get_email` once on `desk-helpdesk` (bounded by REFDESK_BENCH_HELPDESK_SECS, default
//!    240 s; its rate is what it processed in that time).
//! 4. With the poller in IDLE on the 10,000-message folder, 100 mails go through Postfix
//!    (SMTP) at 5 per second; each is timed from just before its SMTP transaction until the
//!    console socket of a logged-in librarian receives its `message_created` frame.
//!
//! Environment: the rig's `MAIL_RIG_*` (ports, folder; see scripts/rig/mail) and
//! `REFDESK_BENCH_EMAIL_DIR` (default `<repo>/.rig/bench-email`) for the venv.

use crate::common::{self, Report};
use crate::email_corpus;
use crate::load::histogram;
use crate::probe::{Cpu, PgCounters};
use futures::StreamExt;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

const PART: &str = "email";
const MESSAGES: usize = 10_000;
const REFDESK_USER: &str = "desk-bench@library.test";
const HELPDESK_USER: &str = "desk-helpdesk@library.test";
const ADMIN: &str = "admin@bench.example";
const PASSWORD: &str = "bench admin password 1";
const INGEST_DEADLINE: Duration = Duration::from_secs(600);
const LIVE_MAILS: usize = 100;
const LIVE_PER_SECOND: u64 = 5;
const HELPDESK_VERSION: &str = "2.6.1";
/// Names the corpus (its Message-IDs and the kept copy of its delivered files): change it
/// when `email_corpus` changes.
const CORPUS: &str = "v1";

pub async fn run(db: &str, report: &mut Report) -> anyhow::Result<()> {
    let name = format!("{db}_email");
    common::recreate_database(&name).await?;
    let result = measure(&name, report).await;
    if std::env::var("REFDESK_BENCH_KEEP").is_err() {
        common::drop_database(&name).await?;
    }
    result
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Starts the rig (idempotent) and reads its settings.
fn rig() -> anyhow::Result<HashMap<String, String>> {
    let script = repo().join("scripts/rig/mail");
    anyhow::ensure!(std::process::Command::new(&script).arg("start").status()?.success(), "mail rig did not start");
    let out = std::process::Command::new(&script).arg("env").output()?;
    Ok(String::from_utf8(out.stdout)?
        .lines()
        .filter_map(|l| l.strip_prefix("export ")?.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect())
}

fn maildir(rig: &HashMap<String, String>, user: &str) -> PathBuf {
    let (local, domain) = user.split_once('@').expect("an address");
    Path::new(&rig["MAIL_RIG_DIR"]).join("vmail").join(domain).join(local).join("Maildir")
}

/// Creates a rig user's Maildir (user folder, `Maildir`, `new`, `cur`, `tmp`) where
/// missing, owned like the mail store's root so Dovecot can read and move the files.
fn make_maildir(rig: &HashMap<String, String>, user: &str) -> anyhow::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let store = Path::new(&rig["MAIL_RIG_DIR"]).join("vmail");
    let owner = std::fs::metadata(&store)?;
    let maildir = maildir(rig, user);
    let user_dir = maildir.parent().expect("a user folder");
    let mut dirs = vec![user_dir.parent().expect("a domain folder").to_path_buf(), user_dir.to_path_buf()];
    dirs.extend([maildir.clone(), maildir.join("new"), maildir.join("cur"), maildir.join("tmp")]);
    for dir in dirs {
        if !dir.exists() {
            std::fs::create_dir(&dir)?;
            std::os::unix::fs::chown(&dir, Some(owner.uid()), Some(owner.gid()))?;
            std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// The message files of a rig user's INBOX.
fn message_files(rig: &HashMap<String, String>, user: &str) -> Vec<PathBuf> {
    let dir = maildir(rig, user);
    ["new", "cur"]
        .iter()
        .filter_map(|sub| std::fs::read_dir(dir.join(sub)).ok())
        .flat_map(|entries| entries.flatten().map(|e| e.path()))
        .collect()
}

/// Empties a rig user's INBOX (files only; Dovecot resynchronises on its next look).
fn clear(rig: &HashMap<String, String>, user: &str) -> anyhow::Result<()> {
    for file in message_files(rig, user) {
        std::fs::remove_file(file)?;
    }
    Ok(())
}

/// Puts the corpus into both mailboxes. The first run delivers it to `desk-bench` over
/// LMTP and keeps the delivered files; later runs link those files into the mailboxes
/// (with a fresh time, so they are new mail inside the backfill window), which saves minutes
/// of LMTP on a busy machine and reads byte-identical messages every run.
async fn fill_mailboxes(rig: &HashMap<String, String>, report: &mut Report) -> anyhow::Result<()> {
    clear(rig, REFDESK_USER)?;
    clear(rig, HELPDESK_USER)?;
    let kept = crate::email_helpdesk::folder().join(format!("corpus-{CORPUS}"));
    if !kept.join("complete").exists() {
        let mail = email_corpus::generate(MESSAGES, CORPUS);
        let with_files = mail.iter().filter(|m| m.with_attachment).count();
        let bytes: usize = mail.iter().map(|m| m.raw.len()).sum();
        let lmtp = rig["MAIL_RIG_LMTP_PORT"].parse()?;
        let took = email_corpus::deliver_lmtp(lmtp, &[REFDESK_USER], &mail, 4).await?;
        eprintln!("[email] delivered {MESSAGES} messages over LMTP in {:.1} s", took.as_secs_f64());
        report.info(
            PART,
            format!(
                "setup: {MESSAGES} messages ({with_files} with an attachment, {:.1} MB) delivered over LMTP (load {})",
                bytes as f64 / 1e6,
                uptime()
            ),
            format!("{:.1} s ({:.0} msgs/s)", took.as_secs_f64(), MESSAGES as f64 / took.as_secs_f64()),
        );
        let _ = std::fs::remove_dir_all(&kept);
        std::fs::create_dir_all(&kept)?;
        let files = message_files(rig, REFDESK_USER);
        anyhow::ensure!(files.len() == MESSAGES, "{} files in the mailbox after delivery", files.len());
        for file in &files {
            std::fs::hard_link(file, kept.join(file.file_name().expect("a file name")))?;
        }
        std::fs::write(kept.join("complete"), b"")?;
        clear(rig, REFDESK_USER)?;
    }
    // A rig user that never received mail has no Maildir yet (a fresh rig, a clean
    // checkout): make it as Dovecot would, owned by the mail store's user.
    for user in [REFDESK_USER, HELPDESK_USER] {
        make_maildir(rig, user)?;
    }
    let now = std::time::SystemTime::now();
    let run = now.duration_since(std::time::UNIX_EPOCH)?;
    for (i, entry) in std::fs::read_dir(&kept)?.flatten().enumerate() {
        if entry.file_name() == "complete" {
            continue;
        }
        std::fs::File::options().write(true).open(entry.path())?.set_modified(now)?;
        // A name of this run: Dovecot keys UIDs (and remembered flags) by file name.
        let name = format!("{}.bench{}_{i}.localhost", run.as_secs(), run.subsec_nanos());
        for user in [REFDESK_USER, HELPDESK_USER] {
            std::fs::hard_link(entry.path(), maildir(rig, user).join("new").join(&name))?;
        }
    }
    anyhow::ensure!(message_files(rig, HELPDESK_USER).len() == MESSAGES, "the corpus is incomplete: delete {kept:?}");
    Ok(())
}

async fn measure(db: &str, report: &mut Report) -> anyhow::Result<()> {
    let rig = rig()?;
    fill_mailboxes(&rig, report).await?;

    let url = common::url_for(db);
    let pool = sqlx::PgPool::connect(&url).await?;
    seed(&pool).await?;
    let serve = Serve::start(&url).await?;
    let admin = serve.login(ADMIN).await?;
    let load = uptime();
    let (cpu, pg, serve_cpu) = (Cpu::sample(db), PgCounters::sample(&pool).await?, serve.cpu_ticks());
    let started = Instant::now();
    admin.post("/api/settings/email/mailboxes", mailbox_settings(&rig)).await?;
    let stored_in = wait_for(&pool, "SELECT count(*) FROM email_message", MESSAGES as i64, started).await?;
    let unseen = Imap::new(&rig, REFDESK_USER);
    let flagged_in = loop {
        if unseen.count("UNSEEN").await? == 0 {
            break started.elapsed();
        }
        anyhow::ensure!(started.elapsed() < INGEST_DEADLINE, "mail still unseen after {INGEST_DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let (cpu, pg, serve_cpu) =
        (cpu.since_now(db), PgCounters::sample(&pool).await?.since(pg), serve.cpu_ticks() - serve_cpu);
    let (rows, distinct, files): (i64, i64, i64) = sqlx::query_as(
        "SELECT count(*), count(DISTINCT provider_id), (SELECT count(*) FROM attachment)
           FROM message WHERE channel = 'email' AND direction = 'in'",
    )
    .fetch_one(&pool)
    .await?;
    anyhow::ensure!(
        rows == MESSAGES as i64 && distinct == rows,
        "stored {rows} rows ({distinct} distinct) of {MESSAGES}"
    );
    let rate = MESSAGES as f64 / flagged_in.as_secs_f64();
    report.check(
        PART,
        format!("IMAP ingest, {MESSAGES} messages through the poller into Postgres, stored and flagged \\Seen (load {load})"),
        format!(
            "{} msgs/s (all stored in {:.1} s, all flagged in {:.1} s; {rows} rows, 0 doubled, {files} attachments)",
            common::thousands(rate),
            stored_in.as_secs_f64(),
            flagged_in.as_secs_f64()
        ),
        "≥ 500 msgs/s",
        rate >= 500.0,
    );
    report.info(
        PART,
        "ingest cost per message (independent of the machine's load)",
        format!(
            "{:.2} transactions of this database (reads included), hub CPU {:.2} ms, Postgres CPU {:.2} ms",
            pg.xact_commit as f64 / MESSAGES as f64,
            serve_cpu as f64 * 10.0 / MESSAGES as f64,
            cpu.pg_ours * 1e3 / MESSAGES as f64
        ),
    );
    report.note(format!("email ingest: {}", cpu.describe()));

    let helpdesk = crate::email_helpdesk::run(&rig, HELPDESK_USER, MESSAGES).await;
    match helpdesk {
        Ok(h) => {
            report.info(
                PART,
                format!("django-helpdesk {HELPDESK_VERSION} get_email, same messages, sqlite (load {})", h.load),
                format!(
                    "{:.1} msgs/s ({} of {MESSAGES} in {:.1} s{}; {} tickets, {} follow-ups, {} files)",
                    h.rate(),
                    h.processed,
                    h.elapsed.as_secs_f64(),
                    if h.finished { "" } else { ", stopped at the time bound" },
                    h.tickets,
                    h.followups,
                    h.attachments
                ),
            );
            let ratio = rate / h.rate();
            report.check(
                PART,
                "Refdesk ingest ÷ django-helpdesk get_email",
                format!("{ratio:.0}×"),
                "≥ 20×",
                ratio >= 20.0,
            );
        }
        Err(e) => report.note(format!("**django-helpdesk could not be measured:** {e:#}")),
    }

    let live = live_latency(&rig, &serve, &pool).await;
    serve.stop().await;
    pool.close().await;
    let (hist, got) = live?;
    let p = |q: f64| hist.value_at_quantile(q) as f64 / 1e3;
    report.check(
        PART,
        format!(
            "mail handed to Postfix → console frame, IDLE, {LIVE_MAILS} mails at {LIVE_PER_SECOND}/s (load {})",
            uptime()
        ),
        format!("p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; {got}/{LIVE_MAILS} frames", p(0.5), p(0.99), p(1.0)),
        "p99 < 2 s",
        got == LIVE_MAILS && p(0.99) < 2_000.0,
    );
    Ok(())
}

/// The 1-minute load average, as `uptime` shows it.
pub fn uptime() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default()
}

async fn seed(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    use refdesk::domain::Role;
    use refdesk::store::staff::Staff;
    let lib = refdesk::store::library::Library::create(pool, "bench", "Bench Library").await?;
    let hash = refdesk::auth::password::hash(PASSWORD.into()).await?;
    Staff::insert(pool, lib.id, ADMIN, "Bench Admin", Role::Admin, &hash).await?;
    Ok(())
}

fn mailbox_settings(rig: &HashMap<String, String>) -> serde_json::Value {
    serde_json::json!({
        "address": REFDESK_USER,
        "from_name": "Bench Library",
        "imap_host": rig["MAIL_RIG_HOST"],
        "imap_port": rig["MAIL_RIG_IMAP_PORT"].parse::<u16>().unwrap_or(0),
        "imap_security": "plain",
        "imap_password": rig["MAIL_RIG_PASSWORD"],
        "smtp_host": rig["MAIL_RIG_HOST"],
        "smtp_port": rig["MAIL_RIG_SMTP_PORT"].parse::<u16>().unwrap_or(0),
        "smtp_security": "plain",
        "backfill_days": 2,
        "idle_seconds": 300,
    })
}

/// Polls `sql` (a count) every 50 ms until it reaches `want`; the time since `started`.
async fn wait_for(pool: &sqlx::PgPool, sql: &str, want: i64, started: Instant) -> anyhow::Result<Duration> {
    let mut last = -1;
    loop {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(pool).await?;
        if n >= want {
            return Ok(started.elapsed());
        }
        if n / 1000 != last / 1000 {
            eprintln!("[email] {n} stored after {:.1} s", started.elapsed().as_secs_f64());
        }
        last = n;
        anyhow::ensure!(started.elapsed() < INGEST_DEADLINE, "only {n} of {want} after {INGEST_DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An IMAP login to a rig user, for checks.
pub struct Imap {
    config: channels::email::imap::ImapConfig,
}

impl Imap {
    pub fn new(rig: &HashMap<String, String>, user: &str) -> Imap {
        Imap {
            config: channels::email::imap::ImapConfig {
                host: rig["MAIL_RIG_HOST"].clone(),
                port: rig["MAIL_RIG_IMAP_PORT"].parse().unwrap_or(0),
                security: channels::email::Security::Plain,
                username: user.to_owned(),
                password: rig["MAIL_RIG_PASSWORD"].clone(),
                extra_roots_pem: None,
                timeout: Duration::from_secs(30),
                local_address: None,
                connect_to: None,
            },
        }
    }

    /// How many messages of INBOX match `query`.
    pub async fn count(&self, query: &str) -> anyhow::Result<usize> {
        let mut s = channels::email::imap::ImapSession::connect(&self.config).await?;
        s.select("INBOX").await?;
        let n = s.uid_search(query).await?.len();
        let _ = s.logout().await;
        Ok(n)
    }
}

/// A running `refdesk serve` (the bench's build of it) on its own port.
struct Serve {
    child: Child,
    pid: u32,
    port: u16,
    origin: String,
}

impl Serve {
    async fn start(url: &str) -> anyhow::Result<Serve> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let origin = format!("http://127.0.0.1:{port}");
        let child = Command::new(crate::serve::binary())
            .env_clear()
            .env("DATABASE_URL", url)
            .env("REFDESK_LISTEN", format!("127.0.0.1:{port}"))
            .env("REFDESK_PUBLIC_URL", &origin)
            .env("REFDESK_LOG", "warn")
            // The rig listens on loopback, which a library's mailbox may reach only when the
            // operator allows it.
            .env("REFDESK_OUTBOUND__ALLOW_PRIVATE_NETWORKS", "127.0.0.1/32, ::1")
            .arg("serve")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()?;
        let pid = child.id().expect("running child");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !matches!(reqwest::get(format!("{origin}/readyz")).await, Ok(r) if r.status() == 200) {
            anyhow::ensure!(Instant::now() < deadline, "refdesk serve not ready in 30 s");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(Serve { child, pid, port, origin })
    }

    /// utime + stime of the serve process, in clock ticks (10 ms).
    fn cpu_ticks(&self) -> u64 {
        let text = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap_or_default();
        let fields: Vec<&str> = text.rsplit_once(')').map(|(_, r)| r.split_whitespace().collect()).unwrap_or_default();
        let n = |i: usize| fields.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
        n(11) + n(12)
    }

    async fn login(&self, email: &str) -> anyhow::Result<Api> {
        let client = reqwest::Client::new();
        let r = client
            .post(format!("{}/api/login", self.origin))
            .header("origin", &self.origin)
            .json(&serde_json::json!({"email": email, "password": PASSWORD}))
            .send()
            .await?;
        anyhow::ensure!(r.status() == 200, "login failed: {}", r.status());
        let cookie = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
            .collect::<Vec<_>>()
            .join("; ");
        let info: serde_json::Value = r.json().await?;
        let csrf = info["csrf_token"].as_str().unwrap_or_default().to_owned();
        Ok(Api { client, origin: self.origin.clone(), cookie, csrf })
    }

    async fn stop(mut self) {
        let _ = std::process::Command::new("kill").args(["-TERM", &self.pid.to_string()]).status();
        let _ = tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await;
    }
}

struct Api {
    client: reqwest::Client,
    origin: String,
    cookie: String,
    csrf: String,
}

impl Api {
    async fn post(&self, path: &str, body: serde_json::Value) -> anyhow::Result<serde_json::Value> {
        let r = self
            .client
            .post(format!("{}{path}", self.origin))
            .header("origin", &self.origin)
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await?;
        let status = r.status();
        let body: serde_json::Value = r.json().await.unwrap_or_default();
        anyhow::ensure!(status.is_success(), "POST {path}: {status} {body}");
        Ok(body)
    }
}

/// Sends [`LIVE_MAILS`] mails through Postfix at [`LIVE_PER_SECOND`] and times each until the
/// console socket shows it. Returns the latencies (µs) and how many frames arrived.
async fn live_latency(
    rig: &HashMap<String, String>,
    serve: &Serve,
    pool: &sqlx::PgPool,
) -> anyhow::Result<(hdrhistogram::Histogram<u64>, usize)> {
    let api = serve.login(ADMIN).await?;
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", serve.port)).await?;
    let mut req = format!("ws://127.0.0.1:{}/ws/console", serve.port).into_client_request()?;
    req.headers_mut().insert("origin", serve.origin.parse()?);
    req.headers_mut().insert("cookie", api.cookie.parse()?);
    let (mut ws, _) = tokio_tungstenite::client_async(req, stream).await?;
    let sent: Arc<Mutex<HashMap<usize, Instant>>> = Arc::default();
    let tag = format!("live{:x}", chrono::Utc::now().timestamp_millis());
    let marker = format!("bench live {tag} #");
    let reader = {
        let (sent, marker) = (sent.clone(), marker.clone());
        tokio::spawn(async move {
            let mut hist = histogram();
            let mut got = std::collections::HashSet::new();
            let deadline = Instant::now() + Duration::from_secs(LIVE_MAILS as u64 / LIVE_PER_SECOND + 60);
            while got.len() < LIVE_MAILS {
                let Ok(Some(Ok(msg))) = tokio::time::timeout_at(deadline.into(), ws.next()).await else { break };
                let Message::Text(t) = msg else { continue };
                let Some(i) = t.find(&marker) else { continue };
                let rest = &t[i + marker.len()..];
                let Some(n) = rest.split(|c: char| !c.is_ascii_digit()).next().and_then(|d| d.parse::<usize>().ok())
                else {
                    continue;
                };
                let at = sent.lock().unwrap().get(&n).copied();
                if let Some(at) = at.filter(|_| got.insert(n)) {
                    hist.record((at.elapsed().as_micros() as u64).max(1)).ok();
                }
            }
            (hist, got.len())
        })
    };
    let transport = channels::email::smtp::transport(&channels::email::smtp::SmtpConfig {
        host: rig["MAIL_RIG_HOST"].clone(),
        port: rig["MAIL_RIG_SMTP_PORT"].parse()?,
        security: channels::email::Security::Plain,
        credentials: None,
        extra_roots_pem: None,
        hello_name: Some("patron.test".into()),
        timeout: Duration::from_secs(10),
        connect_to: None,
    })?;
    let to = [channels::EmailAddress::parse(REFDESK_USER)?];
    let mut pace = tokio::time::interval(Duration::from_millis(1000 / LIVE_PER_SECOND));
    for n in 0..LIVE_MAILS {
        pace.tick().await;
        let from = format!("live{n}@patron.test");
        let raw = format!(
            "From: {from}\r\nTo: {REFDESK_USER}\r\nSubject: Opening hours {n}\r\nMessage-ID: <{tag}-{n}@patron.test>\r\n\
             Date: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
             Are you open on Sunday? {marker}{n}.\r\n",
            chrono::Utc::now().to_rfc2822()
        );
        sent.lock().unwrap().insert(n, Instant::now());
        channels::email::smtp::send(&transport, &channels::EmailAddress::parse(&from)?, &to, raw.as_bytes()).await?;
    }
    let (hist, got) = reader.await?;
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM message WHERE provider_id LIKE $1")
        .bind(format!("{tag}-%"))
        .fetch_one(pool)
        .await?;
    eprintln!("[email] live: {got} frames, {stored} stored");
    Ok((hist, got))
}
