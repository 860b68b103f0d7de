//! The outbox adapter that sends staff replies by email through the mailbox's SMTP server.
//!
//! The reply answers the patron's latest email (In-Reply-To, References), goes to the
//! patron with the conversation's Cc list, under "Re: " and the conversation's subject,
//! from the library's address (the staff member's name first if the mailbox says so). Its
//! Message-ID is signed and names library, conversation and message, so the patron's answer
//! finds its conversation and a bounce finds the reply; it is the receipt id, and the same
//! on every retry (a duplicate send is recognisable as one). A 5xx from the server is
//! permanent; everything else is retried by the outbox. Mail Refdesk wrote on its own (an
//! acknowledgement) carries `Auto-Submitted: auto-replied`.

use super::mailbox::Mailbox;
use super::store;
use crate::outbox::{Adapter, Delivery, DeliveryError, Receipt};
use channels::email::smtp::{self, SmtpError};
use channels::email::{compose_reply, outbound_message_id, Mailbox as Party, ReplyDraft};
use channels::EmailAddress;
use futures::future::BoxFuture;
use sqlx::PgPool;

pub struct EmailDelivery {
    db: PgPool,
    /// Private networks the operator lets mail hosts be on (see [`super::reach`]).
    private: channels::fetch::PrivateNets,
}

impl EmailDelivery {
    pub fn new(db: PgPool, private: channels::fetch::PrivateNets) -> Self {
        Self { db, private }
    }

    async fn send(&self, d: &Delivery) -> Result<Receipt, DeliveryError> {
        let db_err = |e: sqlx::Error| DeliveryError::Transient(format!("database: {e}"));
        let mailbox = Mailbox::for_conversation(&self.db, d.library_id, d.conversation_id)
            .await
            .map_err(db_err)?
            .ok_or_else(|| DeliveryError::Permanent("email is not set up for this library".into()))?;
        let context =
            store::reply_context(&self.db, d.library_id, d.conversation_id, d.message_id).await.map_err(db_err)?;
        let secret = store::secret(&self.db, d.library_id).await.map_err(db_err)?;
        let attachments = super::uploads::of_message(&self.db, d.library_id, d.message_id).await.map_err(db_err)?;
        let automatic = store::is_automatic(&self.db, d.library_id, d.message_id).await.map_err(db_err)?;
        let from_address = EmailAddress::parse(&mailbox.address)
            .map_err(|_| DeliveryError::Permanent("the mailbox's address is not valid".into()))?;
        let to = EmailAddress::parse(&d.to)
            .map_err(|_| DeliveryError::Permanent("the patron's email address is not valid".into()))?;
        let cc: Vec<EmailAddress> = context
            .cc
            .iter()
            .filter_map(|a| EmailAddress::parse(a).ok())
            .filter(|a| *a != to && *a != from_address)
            .collect();
        let message_id =
            outbound_message_id(&secret, d.library_id.0, d.conversation_id.0, d.message_id.0, mailbox.domain());
        // A synthesised id (the patron's mail had none) means nothing to their mail client.
        let parent = context.parent.filter(|(id, _)| !id.ends_with("@synthesised.refdesk.invalid"));
        let (in_reply_to, references) = match parent {
            Some((id, mut refs)) => {
                refs.push(id.clone());
                (Some(id), refs)
            }
            None => (None, Vec::new()),
        };
        let draft = ReplyDraft {
            from: Party { address: from_address.clone(), name: from_name(&mailbox, context.author_name.as_deref()) },
            to: vec![Party { address: to.clone(), name: None }],
            cc: cc.iter().map(|a| Party { address: a.clone(), name: None }).collect(),
            subject: context.subject.unwrap_or_default(),
            message_id: message_id.clone(),
            in_reply_to,
            references,
            text: d.body.clone(),
            attachments,
            automatic,
            date: chrono::Utc::now(),
        };
        let raw =
            compose_reply(&draft).map_err(|e| DeliveryError::Permanent(format!("cannot compose the email: {e}")))?;
        // A host on a network the operator does not allow will not become allowed by retrying.
        let config = super::reach::smtp(&mailbox, &self.private).await.map_err(|e| match e {
            super::reach::Unreachable::Private { .. } => DeliveryError::Permanent(e.to_string()),
            super::reach::Unreachable::NoAddress { .. } => DeliveryError::Transient(e.to_string()),
        })?;
        let transport = smtp::transport(&config).map_err(|e| classify(&e))?;
        let recipients: Vec<EmailAddress> = std::iter::once(to).chain(cc).collect();
        smtp::send(&transport, &from_address, &recipients, &raw).await.map_err(|e| classify(&e))?;
        Ok(Receipt { provider_id: Some(message_id.trim_matches(['<', '>']).to_owned()) })
    }
}

/// The From display name: "Staff Name (Library)" when the mailbox puts staff names first.
fn from_name(mailbox: &Mailbox, author: Option<&str>) -> Option<String> {
    let library = mailbox.from_name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let staff = author.map(str::trim).filter(|n| !n.is_empty() && mailbox.staff_name_in_from);
    match (staff, library) {
        (Some(s), Some(l)) => Some(format!("{s} ({l})")),
        (Some(s), None) => Some(s.to_owned()),
        (None, l) => l.map(str::to_owned),
    }
}

/// The outbox's error for an SMTP failure. Server replies can quote the recipient's
/// address, and delivery errors are logged: keep only the status codes.
fn classify(e: &SmtpError) -> DeliveryError {
    let text = e.to_string();
    let codes = status_codes(&text);
    let why = match e {
        SmtpError::Config(_) | SmtpError::Tls(_) => format!("the mailbox's SMTP settings do not work: {text}"),
        SmtpError::Envelope => "an address was refused by the mail library".to_owned(),
        SmtpError::Permanent(_) => format!("the mail server refused the reply{codes}"),
        SmtpError::Transient(_) => format!("the mail server could not take the reply now{codes}"),
    };
    if e.is_permanent() {
        DeliveryError::Permanent(why)
    } else {
        DeliveryError::Transient(why)
    }
}

/// " (550 5.1.1)": the basic and enhanced status codes found in a server reply.
fn status_codes(text: &str) -> String {
    let is_basic =
        |w: &str| w.len() == 3 && w.chars().all(|c| c.is_ascii_digit()) && matches!(&w[..1], "2" | "4" | "5");
    let is_enhanced = |w: &str| {
        let parts: Vec<&str> = w.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let mut found: Vec<&str> = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
        let word = word.trim_matches('.');
        if (is_basic(word) || is_enhanced(word)) && !found.contains(&word) && found.len() < 2 {
            found.push(word);
        }
    }
    if found.is_empty() {
        String::new()
    } else {
        format!(" ({})", found.join(" "))
    }
}

impl Adapter for EmailDelivery {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<Receipt, DeliveryError>> {
        Box::pin(self.send(delivery))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_status_codes_survive_from_server_replies() {
        let reply = "permanent error (550): 5.1.1 <ann@example.org>: Recipient address rejected: user unknown";
        assert_eq!(status_codes(reply), " (550 5.1.1)");
        assert_eq!(status_codes("connection refused"), "");
        assert!(!status_codes(reply).contains("ann"));
    }
}
