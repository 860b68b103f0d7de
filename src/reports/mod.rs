//! Manager reports: business hours, stored response facts with their rolled-up
//! histograms, and the report queries that read them (on their own pool, with a statement
//! timeout, so a report never slows ingest).

pub mod calendar;
pub mod csat;
pub mod csv;
pub mod facts;
pub mod histogram;
pub mod hours;
pub mod period;
pub mod pool;
pub mod response_times;
pub mod rollup;
pub mod suggest;
pub mod targets;
pub mod workload;

use serde::Deserialize;

/// `[reports]` settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportsConfig {
    /// Connections of the reports' own pool (`REFDESK_REPORTS__MAX_CONNECTIONS`).
    pub max_connections: u32,
    /// A report query running longer is cancelled (`REFDESK_REPORTS__STATEMENT_TIMEOUT_MS`).
    pub statement_timeout_ms: u64,
    /// Percentiles over at most this many conversations are computed exactly from the
    /// stored facts; above it they are read from the histograms (within 2.5%).
    pub exact_below: i64,
    /// A patron with no contact for this many days counts as lapsed.
    pub lapsed_after_days: u32,
}

impl Default for ReportsConfig {
    fn default() -> Self {
        Self { max_connections: 2, statement_timeout_ms: 15_000, exact_below: 2_000, lapsed_after_days: 365 }
    }
}
