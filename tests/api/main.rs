//! Integration tests: the real app against a real Postgres.

mod auth;
mod cli;
mod console_socket;
mod conversations;
mod helpers;
mod ingest;
mod outbox;
mod realtime;
mod tenancy;
