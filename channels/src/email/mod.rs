//! The email channel's pure protocol code: MIME in, MIME out, threading keys.
//!
//! Apart from the thin [`imap`] and [`smtp`] clients, nothing here does I/O. The hub's IMAP
//! poller hands raw RFC 5322 bytes to [`parse()`] (a message that cannot be parsed goes to
//! quarantine with its [`ParseError`]), checks
//! [`bounce()`] and [`is_automatic()`] before anything else, finds the conversation with
//! [`conversation_from_references`] (then the same-sender [`normalise_subject`] fallback),
//! and shows [`fold_quoted`]'s new part in the thread view. The outbox builds replies with
//! [`compose_reply`], using [`outbound_message_id`] so the patron's answer finds its way back.
//!
//! - [`mod@parse`]: bytes -> [`ParsedEmail`] (addresses, ids, decoded text, sanitised HTML,
//!   attachments).
//! - [`sanitize`]: the HTML allow-list and the text rendering of HTML.
//! - [`attachment`]: file-name sanitising and content-type sniffing.
//! - [`quote`]: separating quoted history and signatures from the new part of a message.
//! - [`auto`]: loop and noise classification, delivery status notifications (bounces).
//! - [`thread`]: signed Message-IDs and subject normalisation.
//! - [`compose`]: reply -> RFC 5322 bytes, immune to header injection.
//! - [`imap`] and [`smtp`]: thin network clients (async-imap, lettre) with no hub logic.

pub mod attachment;
pub mod auto;
pub mod compose;
mod html_text;
mod ids;
pub mod imap;
pub mod inbound;
pub mod parse;
pub mod quote;
pub mod sanitize;
pub mod smtp;
pub mod thread;
mod tls;

pub use attachment::{sanitize_filename, sniff_content_type};
pub use auto::{bounce, is_automatic, AutoHeaders, AutomaticReason, Bounce, DsnAction, DsnRecipient};
pub use compose::{compose_notice, compose_reply, ComposeError, NoticeDraft, OutboundAttachment, ReplyDraft};
pub use ids::is_valid_message_id;
pub use inbound::ToInboundError;
pub use parse::{parse, parse_with, Attachment, Mailbox, ParseError, ParseLimits, ParsedEmail};
pub use quote::fold_quoted;
pub use sanitize::{html_to_text, sanitize_html, ImagePolicy};
pub use thread::{conversation_from_references, normalise_subject, outbound_message_id};
pub use tls::{Security, TlsSetupError};
