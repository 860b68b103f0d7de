//! One typed configuration tree: an optional TOML file, then `REFDESK_*` environment
//! overrides, then `DATABASE_URL`.
//!
//! Environment names map onto the tree with `__` between levels:
//! `REFDESK_LISTEN` sets `listen`, `REFDESK_OUTBOX__MAX_ATTEMPTS` sets `outbox.max_attempts`.
//! Unknown keys are errors, so a typo stops the start with its name instead of being ignored.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Postgres connection URL. Usually from `DATABASE_URL`.
    pub database_url: SecretString,
    /// Address the HTTP server binds (`REFDESK_LISTEN`).
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// The URL staff and providers reach this hub at (scheme, host, port). Decides whether
    /// cookies are `Secure`, which Origin the console socket accepts, and the URL webhook
    /// signatures are computed over when a TLS proxy sits in front.
    #[serde(default)]
    pub public_url: Option<url::Url>,
    #[serde(default)]
    pub database: DatabaseConfig,
    #[serde(default)]
    pub auth: AuthConfig,
    #[serde(default)]
    pub outbox: OutboxConfig,
    #[serde(default)]
    pub ingest: IngestConfig,
    #[serde(default)]
    pub webhooks: WebhookConfig,
    #[serde(default)]
    pub demo: DemoConfig,
    #[serde(default)]
    pub reports: crate::reports::ReportsConfig,
    #[serde(default)]
    pub survey: SurveyConfig,
    #[serde(default)]
    pub faq: FaqConfig,
    #[serde(default)]
    pub chat: ChatConfig,
    #[serde(default)]
    pub http: HttpConfig,
    #[serde(default)]
    pub outbound: OutboundConfig,
}

/// Requests the hub makes for libraries (their SMS provider, MMS media). A library's
/// settings name the URLs; only this operator setting lets them reach a private network.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutboundConfig {
    /// Private networks or addresses those requests may reach, comma-separated, e.g. an
    /// on-premises SMS gateway (`REFDESK_OUTBOUND__ALLOW_PRIVATE_NETWORKS=10.20.0.0/16`).
    /// Empty (the default): private, loopback and link-local addresses are refused.
    pub allow_private_networks: String,
}

impl OutboundConfig {
    pub fn private_nets(&self) -> channels::fetch::PrivateNets {
        // Checked when the configuration loads.
        channels::fetch::PrivateNets::parse(&self.allow_private_networks).unwrap_or_default()
    }
}

/// Slow clients on the main listener: each limit cuts a connection that holds resources
/// without making progress.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    /// A client must send a request's complete headers within this (`REFDESK_HTTP__HEADER_READ_TIMEOUT_MS`);
    /// covers the websocket handshake too.
    pub header_read_timeout_ms: u64,
    /// A whole request, body included, is answered 408 after this (`REFDESK_HTTP__REQUEST_TIMEOUT_MS`).
    pub request_timeout_ms: u64,
    /// A chat socket must send its `hello` within this after the upgrade
    /// (`REFDESK_HTTP__CHAT_HELLO_TIMEOUT_MS`).
    pub chat_hello_timeout_ms: u64,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self { header_read_timeout_ms: 10_000, request_timeout_ms: 30_000, chat_hello_timeout_ms: 10_000 }
    }
}

impl HttpConfig {
    pub fn header_read_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.header_read_timeout_ms.max(1))
    }

    pub fn request_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.request_timeout_ms.max(1))
    }

    pub fn chat_hello_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.chat_hello_timeout_ms.max(1))
    }
}

/// Self-service answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FaqConfig {
    /// A text starting with this asks the FAQ ("? renew"); empty turns it off
    /// (`REFDESK_FAQ__SMS_PREFIX`).
    pub sms_prefix: String,
    /// Anonymous "this answered my question" votes per client address per 10 minutes: the
    /// ceiling a library may lower (`REFDESK_FAQ__VOTES_PER_ADDRESS_PER_10_MINUTES`).
    pub votes_per_address_per_10_minutes: u32,
    /// Memory for recent public search results on each instance, in bytes; 0 keeps none
    /// (`REFDESK_FAQ__SEARCH_CACHE_BYTES`). See `faq::cache`.
    pub search_cache_bytes: usize,
    /// Longest a public search result is kept, in seconds: the bound on a change
    /// notification that never arrived (`REFDESK_FAQ__SEARCH_CACHE_SECONDS`).
    pub search_cache_seconds: u64,
    /// Public searches one instance runs in Postgres at once; more wait their turn, first
    /// come first served (`REFDESK_FAQ__CONCURRENT_SEARCHES`). See `faq::cache`.
    pub concurrent_searches: usize,
}

impl FaqConfig {
    pub fn search_cache(&self) -> crate::faq::SearchCache {
        crate::faq::SearchCache::new(
            self.search_cache_bytes,
            std::time::Duration::from_secs(self.search_cache_seconds),
            self.concurrent_searches,
        )
    }
}

impl Default for FaqConfig {
    fn default() -> Self {
        Self {
            sms_prefix: "?".into(),
            votes_per_address_per_10_minutes: 30,
            search_cache_bytes: 8 * 1024 * 1024,
            search_cache_seconds: 60,
            // One per core and one more to cover the round trips: measured on two cores
            // (README, FAQ rows) 3 gave the lowest p99, 2 lost throughput, 4+ lost p99.
            concurrent_searches: std::thread::available_parallelism().map_or(3, |n| n.get() + 1),
        }
    }
}

/// Ceilings of the patron chat routes' limits; a library may set lower ones.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChatConfig {
    /// Chat socket connects per client address per minute
    /// (`REFDESK_CHAT__CONNECTS_PER_ADDRESS_PER_MINUTE`).
    pub connects_per_address_per_minute: u32,
    /// Messages and uploads per patron chat session per minute
    /// (`REFDESK_CHAT__MESSAGES_PER_SESSION_PER_MINUTE`).
    pub messages_per_session_per_minute: u32,
}

impl Default for ChatConfig {
    fn default() -> Self {
        Self { connects_per_address_per_minute: 60, messages_per_session_per_minute: 20 }
    }
}

/// Demo-only pages (`scripts/demo` turns them on; a library's production hub leaves them off).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DemoConfig {
    /// Serve `GET /chat/demo`, a library-like page embedding the chat widget
    /// (`REFDESK_DEMO__CHAT_PAGE=true`).
    pub chat_page: bool,
}

/// The public survey pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SurveyConfig {
    /// Survey submissions accepted per client address per hour (in memory, never stored). A
    /// library's kiosk is one address: keep this above a busy kiosk's hourly count.
    pub submissions_per_address_per_hour: u32,
}

impl Default for SurveyConfig {
    fn default() -> Self {
        Self { submissions_per_address_per_hour: 120 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookConfig {
    /// Provider webhook requests accepted per library per minute (429 beyond).
    pub per_library_per_minute: u32,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        Self { per_library_per_minute: 6000 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    pub max_connections: u32,
    /// Apply pending migrations when `serve` starts.
    pub migrate_on_start: bool,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self { max_connections: 20, migrate_on_start: true }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthConfig {
    /// A session unused this long ends.
    pub session_idle_minutes: u32,
    /// A session ends this long after login, used or not (one long shift).
    pub session_absolute_hours: u32,
    /// Failed logins allowed per account and per client address in a 15-minute window.
    pub login_failures_per_window: u32,
    /// "Forgot password" requests per email address in a 15-minute window.
    pub reset_requests_per_account_per_window: u32,
    /// "Forgot password" requests per client address in a 15-minute window.
    pub reset_requests_per_address_per_window: u32,
    /// Attempts to complete a reset (set the new password) per client address in a
    /// 15-minute window.
    pub reset_completions_per_address_per_window: u32,
    /// How long a password reset link works.
    pub reset_link_minutes: u32,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            session_idle_minutes: 120,
            session_absolute_hours: 12,
            login_failures_per_window: 10,
            reset_requests_per_account_per_window: 3,
            reset_requests_per_address_per_window: 10,
            reset_completions_per_address_per_window: 10,
            reset_link_minutes: 30,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutboxConfig {
    /// Concurrent delivery workers in this process.
    pub workers: u32,
    /// After this many transient failures a delivery is marked failed.
    pub max_attempts: u32,
    /// First retry delay; doubles each attempt, with jitter.
    pub base_backoff_ms: u64,
    pub max_backoff_ms: u64,
    /// How long a worker owns a row it is sending before another may take it over.
    pub lease_seconds: u64,
    /// How often an idle worker looks for due rows it was not woken for (other instances'
    /// replies, retries coming due).
    pub poll_ms: u64,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        Self {
            workers: 2,
            max_attempts: 8,
            base_backoff_ms: 2_000,
            max_backoff_ms: 15 * 60 * 1_000,
            lease_seconds: 120,
            poll_ms: 1_000,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Concurrent ingest writers, each with its own connection. Fewer writers make bigger
    /// batches: arrivals queue while a commit is in flight and go together in the next one.
    pub writers: usize,
    /// Most inbound messages committed together in one transaction (group commit).
    pub max_batch: usize,
    /// A text or chat line continues the patron's conversation if it was resolved at most
    /// this many hours ago.
    pub continue_within_hours: u32,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self { writers: 2, max_batch: 64, continue_within_hours: 72 }
    }
}

fn default_listen() -> SocketAddr {
    "127.0.0.1:8080".parse().expect("valid default address")
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("config file {path} is not valid TOML: {source}")]
    Toml { path: String, source: toml::de::Error },
    #[error("environment variable {name}: {reason}")]
    Env { name: String, reason: String },
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

impl Config {
    /// Loads the file (if any), applies the process environment, and checks the result.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_from(file, std::env::vars())
    }

    /// Like [`Config::load`] with an explicit environment, for tests.
    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let mut tree = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|source| ConfigError::Read { path: path.display().to_string(), source })?;
                text.parse::<toml::Table>()
                    .map_err(|source| ConfigError::Toml { path: path.display().to_string(), source })?
            }
            None => toml::Table::new(),
        };
        for (name, value) in env {
            if name == "DATABASE_URL" {
                tree.insert("database_url".into(), toml::Value::String(value));
            } else if let Some(rest) = name.strip_prefix("REFDESK_") {
                // Read elsewhere: the config file's path and log levels by main, the rest by
                // the test and benchmark tools.
                let tooling = ["TEST_", "BENCH_"].iter().any(|p| rest.starts_with(p));
                if rest == "CONFIG" || rest == "LOG" || rest == "BIN" || tooling {
                    continue;
                }
                set_path(&mut tree, &name, rest, &value)?;
            }
        }
        if !tree.contains_key("database_url") {
            return Err(ConfigError::Invalid(
                "database_url is missing: set DATABASE_URL (e.g. postgres://refdesk@127.0.0.1/refdesk)".into(),
            ));
        }
        // serde_path_to_error names the setting ("listen: invalid socket address syntax").
        let config: Config = serde_path_to_error::deserialize(toml::Value::Table(tree))
            .map_err(|e| ConfigError::Invalid(format!("{}: {}", e.path(), e.inner().message())))?;
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), ConfigError> {
        let url = self.database_url.expose_secret();
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(ConfigError::Invalid("database_url must start with postgres://".into()));
        }
        if let Some(public) = &self.public_url {
            if !matches!(public.scheme(), "http" | "https") || public.host().is_none() {
                return Err(ConfigError::Invalid("public_url must be an http(s) URL with a host".into()));
            }
        }
        if self.auth.session_idle_minutes == 0 || self.auth.session_absolute_hours == 0 {
            return Err(ConfigError::Invalid("auth session lifetimes must be positive".into()));
        }
        if self.auth.reset_link_minutes == 0 || self.auth.reset_link_minutes > 24 * 60 {
            return Err(ConfigError::Invalid("auth.reset_link_minutes must be 1 to 1440".into()));
        }
        channels::fetch::PrivateNets::parse(&self.outbound.allow_private_networks)
            .map_err(|e| ConfigError::Invalid(format!("outbound.allow_private_networks: {e}")))?;
        if self.outbox.max_attempts == 0 || self.ingest.max_batch == 0 || self.ingest.writers == 0 {
            return Err(ConfigError::Invalid(
                "outbox.max_attempts, ingest.max_batch and ingest.writers must be positive".into(),
            ));
        }
        Ok(())
    }

    /// True when staff reach the hub over TLS: cookies get `Secure` and the `__Host-` prefix.
    pub fn served_over_tls(&self) -> bool {
        self.public_url.as_ref().is_some_and(|u| u.scheme() == "https")
    }

    /// The origin (scheme://host[:port]) browsers send for our own pages.
    pub fn public_origin(&self) -> String {
        match &self.public_url {
            Some(u) => u.origin().ascii_serialization(),
            None => format!("http://{}", self.listen),
        }
    }
}

/// Sets `a.b.c` in the tree from `REFDESK_A__B__C`, parsing the value as a TOML scalar when
/// it is one (numbers, booleans) and as a string otherwise.
fn set_path(tree: &mut toml::Table, name: &str, rest: &str, value: &str) -> Result<(), ConfigError> {
    let keys: Vec<String> = rest.split("__").map(|k| k.to_ascii_lowercase()).collect();
    if keys.iter().any(|k| k.is_empty()) {
        return Err(ConfigError::Env { name: name.into(), reason: "empty key segment".into() });
    }
    let parsed = format!("v = {value}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .filter(|v| !v.is_table() && !v.is_array())
        .unwrap_or_else(|| toml::Value::String(value.to_owned()));
    let (last, parents) = keys.split_last().expect("at least one key");
    let mut node = tree;
    for key in parents {
        let entry = node.entry(key.clone()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
        node = entry
            .as_table_mut()
            .ok_or_else(|| ConfigError::Env { name: name.into(), reason: format!("{key} is not a section") })?;
    }
    node.insert(last.clone(), parsed);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn environment_overrides_reach_nested_settings() {
        let c = Config::load_from(
            None,
            env(&[
                ("DATABASE_URL", "postgres://x@127.0.0.1/db"),
                ("REFDESK_LISTEN", "127.0.0.1:9999"),
                ("REFDESK_OUTBOX__MAX_ATTEMPTS", "3"),
                ("HOME", "/root"),
            ]),
        )
        .unwrap();
        assert_eq!(c.listen.port(), 9999);
        assert_eq!(c.outbox.max_attempts, 3);
    }

    #[test]
    fn missing_database_url_is_named() {
        let err = Config::load_from(None, env(&[])).unwrap_err().to_string();
        assert!(err.contains("DATABASE_URL"), "{err}");
    }

    #[test]
    fn unknown_or_wrong_settings_are_named() {
        let err = Config::load_from(
            None,
            env(&[("DATABASE_URL", "postgres://x@h/db"), ("REFDESK_OUTBOX__MAX_ATEMPTS", "3")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("max_atempts"), "{err}");
        let err = Config::load_from(None, env(&[("DATABASE_URL", "postgres://x@h/db"), ("REFDESK_LISTEN", "nope")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("listen") || err.contains("address"), "{err}");
    }

    #[test]
    fn secrets_are_not_printed() {
        let c = Config::load_from(None, env(&[("DATABASE_URL", "postgres://u:hunter2@h/db")])).unwrap();
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
