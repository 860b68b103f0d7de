//! The reports' own connection pool: few connections, each with a statement timeout and
//! read-only transactions, so a heavy report waits for its own pool (or is cancelled)
//! instead of taking connections or minutes from ingest and staff actions.

use crate::config::Config;
use anyhow::Context;
use secrecy::ExposeSecret;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use std::str::FromStr;
use std::time::Duration;

/// Opens lazily: a hub nobody asks for a report holds no report connection.
pub fn connect(config: &Config) -> anyhow::Result<PgPool> {
    let timeout_ms = config.reports.statement_timeout_ms;
    let options = PgConnectOptions::from_str(config.database_url.expose_secret())
        .context("database_url is not a valid Postgres URL")?
        .application_name("refdesk-reports")
        .options([
            ("statement_timeout", timeout_ms.to_string()),
            ("default_transaction_read_only", "on".to_owned()),
            // A report groups and sorts up to a few hundred thousand histogram rows: in
            // memory, not in temporary files (few connections, so bounded).
            ("work_mem", "32MB".to_owned()),
            // Compiling a report's expressions costs more than it saves on queries of a
            // fraction of a second.
            ("jit", "off".to_owned()),
        ]);
    Ok(PgPoolOptions::new()
        .max_connections(config.reports.max_connections.max(1))
        .acquire_timeout(Duration::from_secs(10))
        .idle_timeout(Duration::from_secs(300))
        .connect_lazy_with(options))
}
