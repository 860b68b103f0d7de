//! The email channel's hub side: IMAP in, SMTP out. Protocol code (MIME parsing, bounce and
//! loop detection, signed Message-IDs, reply composition, the thin IMAP and SMTP clients)
//! lives in `channels::email`; this module adds what needs Postgres and the app.
//!
//! - [`poller`]: one task per enabled mailbox, one instance at a time per mailbox
//!   ([`lock`]), reconnecting with backoff; each [`session`] reads new mail and IDLEs,
//!   fetching and parsing it in chunks (`chunk`: big messages alone, in ranges).
//! - [`inbound`]: one fetched message -> bounce, quarantine, skip, or ingest
//!   ([`thread`] finds its conversation). Mail is flagged \Seen and the UID cursor
//!   advanced only after ingest committed it.
//! - [`auto_ack`]: the optional automatic acknowledgement of a new email conversation.
//! - [`delivery`]: the outbox adapter for replies; [`uploads`]: files staff attach to them.
//! - [`settings`]: checking and storing a mailbox's settings; [`reach`]: the address check
//!   every connection to a library's IMAP or SMTP host passes (no private networks).
//! - [`store`]: mailboxes (settings, cursor, health), the signing secret, email metadata;
//!   [`quarantine`]: mail that could not become a message.

pub mod auto_ack;
mod chunk;
pub mod delivery;
pub mod inbound;
pub mod lock;
pub mod mailbox;
pub mod poller;
pub mod quarantine;
pub mod reach;
pub mod session;
pub mod settings;
pub mod store;
pub mod thread;
pub mod uploads;
