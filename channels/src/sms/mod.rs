//! The SMS channel's pure protocol code, for a Twilio-compatible provider.
//!
//! Nothing here but [`api`] does I/O: the hub's webhook handlers call [`signature::verify`] and the
//! form parsers, ingest checks [`keywords`] before anything else, and the console shows
//! [`segments`] before a reply is sent. Keeping the protocol pure lets it be tested
//! against the provider library's own vectors without a server.
//!
//! - [`api`]: the REST client that sends texts (the only I/O here).
//! - [`signature`]: `X-Twilio-Signature` checks (form and JSON bodies, token rotation).
//! - [`webhook`]: typed inbound-message and status-callback forms.
//! - [`status`]: delivery statuses and the order in which they may replace each other.
//! - [`keywords`]: STOP/START/HELP and free-text revocation of consent.
//! - [`segments`]: GSM-7 / UCS-2 detection and segment counting.

pub mod api;
pub mod keywords;
pub mod segments;
pub mod signature;
pub mod status;
pub mod webhook;

pub use keywords::{classify as classify_keyword, looks_like_free_text_revocation, Keyword};
pub use segments::{count as count_segments, Encoding, SegmentCount};
pub use signature::{
    body_sha256_hex, compute_signature, verify as verify_signature, verify_json_body, SIGNATURE_HEADER,
};
pub use status::DeliveryStatus;
pub use webhook::{InboundSms, Media, StatusCallback, WebhookError};
