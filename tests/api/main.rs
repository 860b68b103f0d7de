//! Integration tests: the real app against a real Postgres.

mod auth;
mod authz_matrix;
mod chat;
mod cli;
mod console_socket;
mod conversations;
mod email;
mod faq;
mod helpers;
mod ingest;
mod outbox;
mod patrons;
mod privacy;
mod privacy_logs;
mod privacy_seed;
mod realtime;
mod reports;
mod slow_clients;
mod sms;
mod sms_fake;
mod survey;
mod survey_csat;
mod tenancy;
mod two_instances;
mod widget;
