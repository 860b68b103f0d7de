//! What every part of the benchmark shares: its databases, the hub's configuration, and
//! the results table.

use anyhow::Context;
use sqlx::{Connection, PgConnection, PgPool};

// ---------------------------------------------------------------------------------------
// Databases

/// The admin URL: any role that may CREATE DATABASE. Only 127.0.0.1 is used.
pub fn admin_url() -> String {
    std::env::var("REFDESK_BENCH_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The admin URL with its database replaced by `db`.
pub fn url_for(db: &str) -> String {
    let admin = admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    format!("{base}/{db}")
}

pub async fn admin() -> anyhow::Result<PgConnection> {
    PgConnection::connect(&admin_url()).await.context("cannot connect to Postgres (REFDESK_BENCH_DATABASE_URL)")
}

pub async fn database_exists(name: &str) -> anyhow::Result<bool> {
    let mut admin = admin().await?;
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(name)
        .fetch_one(&mut admin)
        .await?)
}

/// Drops (forcibly: the bench owns these names) and creates `name`, then migrates it.
pub async fn recreate_database(name: &str) -> anyhow::Result<()> {
    assert!(name.starts_with("refdesk_bench"), "the bench only drops databases it owns: {name}");
    let mut admin = admin().await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await?;
    migrate(name).await
}

pub async fn drop_database(name: &str) -> anyhow::Result<()> {
    assert!(name.starts_with("refdesk_bench"), "the bench only drops databases it owns: {name}");
    let mut admin = admin().await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await?;
    Ok(())
}

/// Applies the project's migrations with the project's own function.
pub async fn migrate(name: &str) -> anyhow::Result<()> {
    let pool = PgPool::connect(&url_for(name)).await?;
    refdesk::app::migrate(&pool).await?;
    pool.close().await;
    Ok(())
}

/// Identifies the migration set, so a stored dataset is reused only under the schema it
/// was generated for.
pub fn migrations_fingerprint() -> String {
    refdesk::app::MIGRATOR
        .iter()
        .map(|m| format!("{}:{}", m.version, hex::encode(&m.checksum[..4])))
        .collect::<Vec<_>>()
        .join(",")
}

/// The hub's configuration for `url`, exactly as the brief and the tests build it, except
/// `REFDESK_INGEST__*` and `REFDESK_FAQ__*` from the environment (to try other settings,
/// e.g. `REFDESK_INGEST__WRITERS=3`).
pub fn app_config(url: &str) -> refdesk::Config {
    let tried = ["REFDESK_INGEST__", "REFDESK_FAQ__"];
    let overrides = std::env::vars().filter(|(name, _)| tried.iter().any(|p| name.starts_with(p)));
    refdesk::Config::load_from(
        None,
        [("DATABASE_URL".to_owned(), url.to_owned()), ("REFDESK_LISTEN".to_owned(), "127.0.0.1:0".to_owned())]
            .into_iter()
            .chain(overrides),
    )
    .expect("bench config")
}

/// 12345.6 → "12,346".
pub fn thousands(x: f64) -> String {
    let n = x.round() as u64;
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------
// The report

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Miss,
    /// A figure with no target of its own (context for another row).
    Info,
}

pub struct Row {
    pub part: &'static str,
    pub measure: String,
    pub result: String,
    pub target: String,
    pub verdict: Verdict,
}

/// Rows of the results table plus the notes printed under it.
#[derive(Default)]
pub struct Report {
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

impl Report {
    pub fn info(&mut self, part: &'static str, measure: impl Into<String>, result: impl Into<String>) {
        self.rows.push(Row {
            part,
            measure: measure.into(),
            result: result.into(),
            target: "—".into(),
            verdict: Verdict::Info,
        });
    }

    pub fn check(
        &mut self,
        part: &'static str,
        measure: impl Into<String>,
        result: impl Into<String>,
        target: impl Into<String>,
        pass: bool,
    ) {
        let verdict = if pass { Verdict::Pass } else { Verdict::Miss };
        self.rows.push(Row { part, measure: measure.into(), result: result.into(), target: target.into(), verdict });
    }

    pub fn note(&mut self, text: impl Into<String>) {
        let text = text.into();
        eprintln!("  {}", text.lines().next().unwrap_or(""));
        self.notes.push(text);
    }

    pub fn print(&self) {
        println!();
        println!("| Part | Measurement | Result | Target | Verdict |");
        println!("|---|---|---|---|---|");
        for r in &self.rows {
            let verdict = match r.verdict {
                Verdict::Pass => "PASS",
                Verdict::Miss => "**MISS**",
                Verdict::Info => "",
            };
            println!("| {} | {} | {} | {} | {} |", r.part, r.measure, r.result, r.target, verdict);
        }
        println!();
        for n in &self.notes {
            println!("{n}");
            println!();
        }
    }
}
