//! django-helpdesk's `get_email` on the email bench's second mailbox: installed from PyPI
//! into a venv under the bench folder (once), a fresh sqlite database per run, one IMAP
//! queue, the management command run once and bounded in time. Driven by
//! `email_helpdesk.py` beside this file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::Command;

const VERSION: &str = "2.6.1";

/// What one bounded `get_email` run did.
pub struct Helpdesk {
    pub processed: usize,
    pub elapsed: Duration,
    pub finished: bool,
    pub tickets: usize,
    pub followups: usize,
    pub attachments: usize,
    pub load: String,
}

impl Helpdesk {
    pub fn rate(&self) -> f64 {
        self.processed as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// The bench's own folder (the venv, the corpus's delivered files).
pub fn folder() -> PathBuf {
    std::env::var_os("REFDESK_BENCH_EMAIL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".rig/bench-email"))
}

/// Creates the venv and installs django-helpdesk unless it is there already.
async fn install(dir: &std::path::Path) -> anyhow::Result<PathBuf> {
    let python = dir.join("venv/bin/python");
    let marker = dir.join(format!("venv/.django-helpdesk-{VERSION}"));
    if marker.exists() {
        return Ok(python);
    }
    std::fs::create_dir_all(dir)?;
    let ok = Command::new("python3").arg("-m").arg("venv").arg(dir.join("venv")).status().await?.success();
    anyhow::ensure!(ok, "python3 -m venv failed (Debian: apt-get install python3-venv)");
    let out = Command::new(&python)
        .args(["-m", "pip", "install", "-q", "--disable-pip-version-check", &format!("django-helpdesk=={VERSION}")])
        .output()
        .await?;
    anyhow::ensure!(
        out.status.success(),
        "pip install django-helpdesk failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&marker, b"")?;
    Ok(python)
}

pub async fn run(rig: &HashMap<String, String>, user: &str, expected: usize) -> anyhow::Result<Helpdesk> {
    let bound = Duration::from_secs(
        std::env::var("REFDESK_BENCH_HELPDESK_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(240),
    );
    let dir = folder();
    let python = install(&dir).await?;
    let work = dir.join("run");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/support/email_helpdesk.py");
    let command = |step: &str| {
        let mut c = Command::new(&python);
        c.arg(&script)
            .arg(step)
            .current_dir(&work)
            .env("HD_DIR", &work)
            .env("HD_IMAP_HOST", &rig["MAIL_RIG_HOST"])
            .env("HD_IMAP_PORT", &rig["MAIL_RIG_IMAP_PORT"])
            .env("HD_IMAP_USER", user)
            .env("HD_IMAP_PASSWORD", &rig["MAIL_RIG_PASSWORD"])
            .stdin(Stdio::null())
            .kill_on_drop(true);
        c
    };
    let out = command("setup").output().await?;
    anyhow::ensure!(out.status.success(), "helpdesk setup failed: {}", String::from_utf8_lossy(&out.stderr));
    let load = crate::email::uptime();
    let mut child = command("run").stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
    let spawned = Instant::now();
    let finished = tokio::time::timeout(bound, child.wait()).await.is_ok();
    let ended = std::time::SystemTime::now();
    if !finished {
        child.kill().await?;
    }
    let started_at: f64 = std::fs::read_to_string(work.join("started_at"))
        .map_err(|e| anyhow::anyhow!("get_email never started ({e}); ran {:?}", spawned.elapsed()))?
        .trim()
        .parse()?;
    let ended = ended.duration_since(std::time::UNIX_EPOCH)?.as_secs_f64();
    let ended = match std::fs::read_to_string(work.join("finished_at")) {
        Ok(t) => t.trim().parse()?,
        Err(_) => ended,
    };
    let out = command("count").output().await?;
    anyhow::ensure!(out.status.success(), "helpdesk count failed: {}", String::from_utf8_lossy(&out.stderr));
    let counts: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let n = |k: &str| counts[k].as_u64().unwrap_or(0) as usize;
    let (tickets, followups) = (n("tickets"), n("followups"));
    // Every email it finishes becomes exactly one follow-up (a new ticket's first one, or one
    // on the ticket it answers); a ticket without one was cut off by the time bound.
    let processed = followups.min(expected);
    Ok(Helpdesk {
        processed,
        elapsed: Duration::from_secs_f64((ended - started_at).max(1e-3)),
        finished,
        tickets,
        followups,
        attachments: n("attachments"),
        load,
    })
}
