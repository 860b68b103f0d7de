//! Part 3: the release `refdesk serve` binary — time from spawn to a 200 from /readyz, and
//! resident memory once it idles.
//!
//! The binary is the one Cargo built beside this bench (`CARGO_BIN_EXE_refdesk`, which
//! Cargo sets when compiling benches; with `cargo bench` that is the release build in
//! `$CARGO_TARGET_DIR/release/refdesk`).

use crate::common::{self, Report};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const PART: &str = "3 serve";
const RUNS: usize = 5;
const READY_DEADLINE: Duration = Duration::from_secs(15);
/// How long the hub idles after becoming ready before its memory is read (twice, this far apart).
const IDLE: Duration = Duration::from_secs(1);

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_refdesk")
}

pub async fn run(db: &str, report: &mut Report) -> anyhow::Result<()> {
    if !common::database_exists(db).await? {
        common::recreate_database(db).await?;
    } else {
        common::migrate(db).await?; // so `serve` measures a start with nothing to migrate
    }
    let url = common::url_for(db);
    let mut ready = Vec::new();
    let mut rss = Vec::new();
    let mut stop = Vec::new();
    for run in 1..=RUNS {
        let r = once(&url).await?;
        eprintln!(
            "[serve] run {run}: ready in {:.0} ms, VmRSS {} / {} kB, stopped in {:.0} ms",
            r.ready.as_secs_f64() * 1e3,
            r.rss_kb.0,
            r.rss_kb.1,
            r.stopped.as_secs_f64() * 1e3
        );
        ready.push(r.ready);
        rss.push(r.rss_kb);
        stop.push(r.stopped);
    }
    let worst_ready = *ready.iter().max().expect("runs");
    let list =
        |v: &[Duration]| v.iter().map(|d| format!("{:.0}", d.as_secs_f64() * 1e3)).collect::<Vec<_>>().join(", ");
    let worst_rss = rss.iter().map(|(a, b)| *a.max(b)).max().expect("runs");
    report.check(
        PART,
        format!("start to ready (spawn → /readyz 200), {RUNS} runs"),
        format!("worst {:.0} ms (each: {} ms)", worst_ready.as_secs_f64() * 1e3, list(&ready)),
        "< 1 s",
        worst_ready < Duration::from_secs(1),
    );
    report.check(
        PART,
        format!("idle RSS (VmRSS {IDLE:?} and {:?} after ready)", IDLE * 2),
        format!(
            "worst {:.1} MB (each run: {})",
            worst_rss as f64 / 1024.0,
            rss.iter()
                .map(|(a, b)| format!("{:.1}/{:.1}", *a as f64 / 1024.0, *b as f64 / 1024.0))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "< 50 MB",
        (worst_rss as f64 / 1024.0) < 50.0,
    );
    report.info(PART, "graceful stop after SIGTERM", format!("{} ms", list(&stop)));
    report.note(format!("`serve` binary: {} (default configuration; database `{db}`).", binary()));
    Ok(())
}

struct Once {
    ready: Duration,
    rss_kb: (u64, u64),
    stopped: Duration,
}

async fn once(url: &str) -> anyhow::Result<Once> {
    let port = free_port()?;
    let mut cmd = Command::new(binary());
    // Only what `serve` needs: the bench's own REFDESK_BENCH_* variables would be unknown
    // settings to the hub's configuration.
    cmd.env_clear()
        .env("DATABASE_URL", url)
        .env("REFDESK_LISTEN", format!("127.0.0.1:{port}"))
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let started = Instant::now();
    let mut child = cmd.spawn()?;
    let output = collect_output(&mut child);
    let http = reqwest::Client::builder().timeout(Duration::from_secs(2)).build()?;
    let readyz = format!("http://127.0.0.1:{port}/readyz");
    let ready = loop {
        if let Ok(r) = http.get(&readyz).send().await {
            if r.status() == reqwest::StatusCode::OK {
                break started.elapsed();
            }
        }
        if let Some(status) = child.try_wait()? {
            anyhow::bail!(
                "refdesk serve exited with {status} before it was ready:\n{}",
                output.lock().unwrap().join("\n")
            );
        }
        if started.elapsed() > READY_DEADLINE {
            anyhow::bail!("refdesk serve not ready after {READY_DEADLINE:?}:\n{}", output.lock().unwrap().join("\n"));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let pid = child.id().expect("running child has a pid");
    tokio::time::sleep(IDLE).await;
    let first = vm_rss_kb(pid)?;
    tokio::time::sleep(IDLE).await;
    let second = vm_rss_kb(pid)?;

    // Stop it the way an orchestrator does, and give it time to finish.
    let asked = Instant::now();
    let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    let stopped = match tokio::time::timeout(Duration::from_secs(10), child.wait()).await {
        Ok(_) => asked.elapsed(),
        Err(_) => {
            child.kill().await?;
            anyhow::bail!("refdesk serve did not stop within 10 s of SIGTERM");
        }
    };
    Ok(Once { ready, rss_kb: (first, second), stopped })
}

/// A port nobody listens on right now (the hub binds it a moment later).
fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub fn vm_rss_kb(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no VmRSS in /proc/{pid}/status"))
}

/// Keeps the last lines the child prints, to show if it fails to start.
fn collect_output(child: &mut Child) -> std::sync::Arc<std::sync::Mutex<Vec<String>>> {
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let out = child.stdout.take().map(|s| Box::new(s) as Box<dyn tokio::io::AsyncRead + Send + Unpin>);
    let err = child.stderr.take().map(|s| Box::new(s) as Box<dyn tokio::io::AsyncRead + Send + Unpin>);
    for stream in [out, err].into_iter().flatten() {
        let lines = lines.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(stream).lines();
            while let Ok(Some(line)) = reader.next_line().await {
                let mut l = lines.lock().unwrap();
                if l.len() >= 40 {
                    l.remove(0);
                }
                l.push(line);
            }
        });
    }
    lines
}
