//! Refdesk: one inbox for every way patrons reach the library.

pub mod app; // wiring: pool, tasks, server
pub mod auth; // password hashing, session tokens
pub mod chat; // the web chat channel's hub side: sessions, availability, fan-out, delivery
pub mod cli; // the `refdesk` command line
pub mod config; // one typed Config tree
pub mod demo; // the demo library
pub mod domain; // ids, roles, statuses parsed at the edge
pub mod email; // the email channel's hub side: IMAP poller, SMTP delivery, mailbox settings
pub mod faq; // self-service answers: FAQ entries, search, public pages' data
pub mod housekeeping; // periodic chores: leases, snoozes, sessions, old events
pub mod http; // axum routers: staff API, health, OpenAPI
pub mod inbox; // ingest and staff actions on conversations
pub mod outbox; // durable outbound delivery
pub mod patrons; // patron profiles: merge/split, duplicates, consent, lifecycle
pub mod privacy; // retention, erasure, export of patron data
pub mod realtime; // event sequencing and fan-out across instances
pub mod reports; // business hours, response facts and rollups, report queries
pub mod shutdown; // the shutdown signal every task obeys
pub mod sms; // the SMS channel's hub side: keywords, status callbacks, delivery
pub mod store; // row types and their queries
pub mod survey; // the survey channel: versions, responses, results, CSAT ratings
pub mod telemetry; // logging setup

pub use app::App;
pub use config::Config;
