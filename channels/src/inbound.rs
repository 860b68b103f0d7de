//! The one shape every channel hands to the hub's ingest.

use crate::address::{Address, Channel};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// A patron message as a channel received it, normalised.
#[derive(Debug, Clone)]
pub struct Inbound {
    pub channel: Channel,
    pub from: Address,
    pub display_name: Option<String>,
    /// The provider's id for this message (Message-ID, MessageSid, chat frame id). Ingest is
    /// idempotent on it: the provider retrying, or a poller re-reading, stores nothing new.
    pub provider_id: String,
    pub subject: Option<String>,
    /// Plain text; what the thread view shows and what search indexes.
    pub text: String,
    /// HTML that an allow-list sanitiser has already cleaned, if the channel had any.
    pub sanitized_html: Option<String>,
    pub thread: ThreadHint,
    pub received_at: DateTime<Utc>,
    pub attachments: Vec<InboundAttachment>,
}

/// What the channel knows about which conversation a message continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadHint {
    /// Always a new conversation unless `conversation` matches (email without references).
    Conversation { conversation: Option<i64> },
    /// Continue the patron's latest conversation on this channel if it is still open or
    /// was resolved within `within` (SMS and chat carry no thread data).
    ContinueRecent { conversation: Option<i64>, within: Duration },
}

impl ThreadHint {
    pub fn new_conversation() -> Self {
        ThreadHint::Conversation { conversation: None }
    }
}

#[derive(Debug, Clone)]
pub struct InboundAttachment {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}
