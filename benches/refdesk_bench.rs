//! Refdesk's benchmark: durable ingest, the inbox over a million conversations, and the
//! `serve` binary's start and footprint. Prints a markdown table with each target and
//! PASS/MISS.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --bench refdesk_bench            # everything
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --bench refdesk_bench -- ingest  # one part
//! ```
//! Parts: `ingest`, `inbox`, `serve`, `sms`, `chat`, `reports`, `survey`, `faq`, `console`, `email` (several
//! may be named; `email` needs the mail rig, scripts/rig/mail).
//!
//! Environment:
//! - `REFDESK_BENCH_DATABASE_URL`: admin URL (default
//!   `postgres://postgres@127.0.0.1:5432/postgres`); must be this machine.
//! - `REFDESK_BENCH_DATABASE`: the dataset database (default `refdesk_bench`). Its generated
//!   dataset is reused while complete and made under the current migrations;
//!   `REFDESK_BENCH_REGENERATE=1` drops and generates it again (see support/dataset.rs).
//!   Ingest uses `<name>_ingest`, fresh each run and dropped afterwards
//!   (`REFDESK_BENCH_KEEP=1` keeps it). The SMS webhook part likewise uses `<name>_sms`.
//!
//! Every run of clients is bounded in count and in time.

#[path = "support/chat.rs"]
mod chat;
#[path = "support/common.rs"]
mod common;
#[path = "support/console.rs"]
mod console;
#[path = "support/dataset.rs"]
mod dataset;
#[path = "support/email.rs"]
mod email;
#[path = "support/email_corpus.rs"]
mod email_corpus;
#[path = "support/email_helpdesk.rs"]
mod email_helpdesk;
#[path = "support/explain.rs"]
mod explain;
#[path = "support/faq.rs"]
mod faq;
#[path = "support/inbox.rs"]
mod inbox;
#[path = "support/ingest.rs"]
mod ingest;
#[path = "support/load.rs"]
mod load;
#[path = "support/probe.rs"]
mod probe;
#[path = "support/reports.rs"]
mod reports;
#[path = "support/serve.rs"]
mod serve;
#[path = "support/sms.rs"]
mod sms;
#[path = "support/survey.rs"]
mod survey;

use std::process::ExitCode;

const PARTS: [&str; 10] = ["ingest", "inbox", "serve", "sms", "chat", "reports", "survey", "faq", "console", "email"];

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; anything else that is not a part name is an error.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if let Some(bad) = args.iter().find(|a| !PARTS.contains(&a.as_str())) {
        eprintln!("refdesk_bench: unknown part {bad:?}; parts are {}", PARTS.join(", "));
        return ExitCode::FAILURE;
    }
    let selected: Vec<&str> =
        PARTS.iter().copied().filter(|p| args.is_empty() || args.iter().any(|a| a == p)).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(run(&selected))
}

async fn run(parts: &[&str]) -> ExitCode {
    let db = std::env::var("REFDESK_BENCH_DATABASE").unwrap_or_else(|_| "refdesk_bench".into());
    if !db.starts_with("refdesk_bench") || !db.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        eprintln!("refdesk_bench: REFDESK_BENCH_DATABASE must start with refdesk_bench and be [a-z0-9_]");
        return ExitCode::FAILURE;
    }
    let admin = common::admin_url();
    let host = url::Url::parse(&admin).ok().and_then(|u| u.host_str().map(str::to_owned));
    if !matches!(host.as_deref(), Some("127.0.0.1" | "localhost" | "[::1]")) {
        eprintln!("refdesk_bench: REFDESK_BENCH_DATABASE_URL must point at this machine (127.0.0.1)");
        return ExitCode::FAILURE;
    }
    let mut report = common::Report::default();
    let started = std::time::Instant::now();
    let mut failed = false;
    for part in parts {
        let result = match *part {
            "ingest" => ingest::run(&db, &mut report).await,
            "inbox" => inbox::run(&db, &mut report).await,
            "serve" => serve::run(&db, &mut report).await,
            "sms" => sms::run(&db, &mut report).await,
            "chat" => chat::run(&db, &mut report).await,
            "reports" => reports::run(&db, &mut report).await,
            "survey" => survey::run(&db, &mut report).await,
            "faq" => faq::run(&db, &mut report).await,
            "console" => console::run(&db, &mut report).await,
            "email" => email::run(&db, &mut report).await,
            _ => unreachable!("checked in main"),
        };
        if let Err(e) = result {
            eprintln!("refdesk_bench: {part} failed: {e:#}");
            report.note(format!("**{part} failed:** {e:#}"));
            failed = true;
        }
    }
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    report.note(format!(
        "Machine: {cores} cores; Postgres {}; bench and Postgres share the machine. Total run time {:.0} s.",
        postgres_version().await.unwrap_or_else(|e| format!("(version unknown: {e})")),
        started.elapsed().as_secs_f64()
    ));
    report.print();
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

async fn postgres_version() -> anyhow::Result<String> {
    let mut admin = common::admin().await?;
    let settings: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, setting FROM pg_settings
          WHERE name IN ('server_version', 'shared_buffers', 'synchronous_commit', 'wal_sync_method', 'commit_delay')
          ORDER BY name",
    )
    .fetch_all(&mut admin)
    .await?;
    Ok(settings.iter().map(|(n, s)| format!("{n}={s}")).collect::<Vec<_>>().join(", "))
}
