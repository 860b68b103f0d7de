//! The outbox adapter for chat. Staff replies reach a connected patron through the event
//! stream (on whichever instance holds the socket) the moment they commit; this adapter
//! decides what else to do:
//! - the patron's socket is open: delivered;
//! - the patron just stepped away (a page navigation) and left an email address: wait a
//!   little (retried by the outbox) rather than email something they are about to see;
//! - the patron is gone and left an address: the reply goes by email (the email channel's
//!   own delivery, threaded so their answer comes back to this conversation);
//! - gone without an address: kept; they see it when they resume.
//!
//! A transcript request (a system line with a `chat_transcript` row) is emailed as the
//! whole chat.

use super::history;
use crate::domain::{Channel, ConversationId, LibraryId, MessageId};
use crate::outbox::{Adapter, Delivery, DeliveryError, Receipt};
use channels::chat::Sender;
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use sqlx::PgPool;
use std::sync::Arc;

/// A patron without a socket for less than this may be between two pages.
pub const AWAY_GRACE_SECS: i64 = 60;
/// A socket not refreshed by its instance for this long is gone (the instance died).
pub const SOCKET_STALE_SECS: i64 = 60;

pub struct ChatDelivery {
    db: PgPool,
    /// The email channel's delivery (transcripts, replies to patrons who left).
    email: Arc<dyn Adapter>,
}

#[derive(sqlx::FromRow)]
struct Presence {
    connected: bool,
    last_seen_at: Option<DateTime<Utc>>,
    email: Option<String>,
}

impl ChatDelivery {
    pub fn new(db: PgPool, email: Arc<dyn Adapter>) -> Self {
        Self { db, email }
    }

    async fn send(&self, d: &Delivery) -> Result<Receipt, DeliveryError> {
        let db_err = |e: sqlx::Error| DeliveryError::Transient(format!("database: {e}"));
        let transcript: Option<String> =
            sqlx::query_scalar("SELECT email FROM chat_transcript WHERE library_id = $1 AND message_id = $2")
                .bind(d.library_id)
                .bind(d.message_id)
                .fetch_optional(&self.db)
                .await
                .map_err(db_err)?;
        if let Some(to) = transcript {
            let body =
                transcript_text(&self.db, d.library_id, d.conversation_id, d.message_id).await.map_err(db_err)?;
            return self.by_email(d, to, body).await;
        }
        let p: Presence = sqlx::query_as(
            "SELECT coalesce(bool_or(socket_open AND last_seen_at > now() - make_interval(secs => $3)), false) AS connected,
                    max(last_seen_at) AS last_seen_at,
                    (SELECT email FROM chat_session s2 WHERE s2.library_id = $1 AND s2.conversation_id = $2
                        AND s2.email IS NOT NULL ORDER BY s2.id DESC LIMIT 1) AS email
               FROM chat_session WHERE library_id = $1 AND conversation_id = $2",
        )
        .bind(d.library_id)
        .bind(d.conversation_id)
        .bind(SOCKET_STALE_SECS as f64)
        .fetch_one(&self.db)
        .await
        .map_err(db_err)?;
        if p.connected {
            return Ok(Receipt { provider_id: None });
        }
        let away_secs = p.last_seen_at.map(|t| (Utc::now() - t).num_seconds()).unwrap_or(i64::MAX);
        match p.email {
            Some(_) if away_secs < AWAY_GRACE_SECS => {
                Err(DeliveryError::Transient("the patron stepped away from the chat; waiting for them".into()))
            }
            Some(to) => {
                let body = format!("{}\n\n-- \nYou asked us in the chat on our website; this reply was sent by email because you had left the chat.", d.body);
                self.by_email(d, to, body).await
            }
            // Kept in the chat: the patron sees it when they come back.
            None => Ok(Receipt { provider_id: None }),
        }
    }

    async fn by_email(&self, d: &Delivery, to: String, body: String) -> Result<Receipt, DeliveryError> {
        let email = Delivery { channel: Channel::Email, to, body, ..d.clone() };
        self.email.deliver(&email).await
    }
}

/// The chat as plain text, oldest first, up to (not including) the transcript line.
pub async fn transcript_text(
    db: &PgPool,
    library: LibraryId,
    conversation: ConversationId,
    upto: MessageId,
) -> sqlx::Result<String> {
    let messages = history::after(db, library, conversation, None).await?;
    let mut out = String::from("Transcript of your chat with the library\n\n");
    for m in messages.iter().filter(|m| m.id < upto.0 && m.from != Sender::System) {
        let who = match m.from {
            Sender::Patron => "You".to_owned(),
            _ => m.author.clone().unwrap_or_else(|| "Librarian".into()),
        };
        out.push_str(&format!("[{}] {who}:\n{}\n\n", m.at.format("%Y-%m-%d %H:%M UTC"), m.text));
    }
    Ok(out)
}

impl Adapter for ChatDelivery {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<Receipt, DeliveryError>> {
        Box::pin(self.send(delivery))
    }
}
