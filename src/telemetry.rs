//! Logging. Set `REFDESK_LOG` (e.g. `info,refdesk=debug`) to change levels.
//!
//! Privacy rule for every log line in the project: ids only — never message bodies, email
//! addresses, phone numbers or names.

pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("REFDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}
