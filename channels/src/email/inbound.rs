//! A parsed email as the hub's channel-neutral [`Inbound`].

use super::{parse::ParsedEmail, thread::conversation_from_references};
use crate::address::{Address, Channel};
use crate::inbound::{Inbound, InboundAttachment, ThreadHint};
use chrono::{DateTime, Utc};

/// Why a parsed email cannot become an [`Inbound`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ToInboundError {
    /// No valid address in Reply-To, From or Sender: nobody to answer. Quarantine it.
    #[error("the message has no usable sender address")]
    NoSender,
}

impl ParsedEmail {
    /// The [`Inbound`] for a message received in `library`'s mailbox.
    ///
    /// - `from` is [`ParsedEmail::reply_address`]; `provider_id` the Message-ID.
    /// - The thread hint names a conversation only when a signed Refdesk id in In-Reply-To
    ///   or References verifies with `secret` and names this `library`. The hub must still
    ///   check the sender belongs to that conversation, and may fall back to the subject.
    /// - `text` is the whole plain text, quoted history included (search wants it); run
    ///   [`super::fold_quoted`] on it for the thread view.
    /// - Attachments over the size cap are left out (they have no data); inline images stay.
    pub fn to_inbound(
        &self,
        library: i64,
        secret: &[u8],
        received_at: DateTime<Utc>,
    ) -> Result<Inbound, ToInboundError> {
        let sender = self.reply_address().ok_or(ToInboundError::NoSender)?;
        let conversation = conversation_from_references(secret, &self.thread_ids())
            .filter(|(lib, _)| *lib == library)
            .map(|(_, conversation)| conversation);
        Ok(Inbound {
            channel: Channel::Email,
            from: Address::Email(sender.address.clone()),
            display_name: sender.name.clone(),
            provider_id: self.message_id.clone(),
            subject: self.subject.clone(),
            text: self.text.clone(),
            sanitized_html: self.html.clone(),
            thread: ThreadHint::Conversation { conversation },
            received_at,
            attachments: self
                .attachments
                .iter()
                .filter(|a| !a.too_large)
                .map(|a| InboundAttachment {
                    filename: a.filename.clone(),
                    content_type: a.content_type.clone(),
                    data: a.data.clone(),
                })
                .collect(),
        })
    }
}
