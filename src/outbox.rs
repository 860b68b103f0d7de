//! The durable outbound delivery worker.
//!
//! Request handlers only write outbox rows; this worker sends them through the channel's
//! adapter. Transient failures retry with exponential backoff and jitter; permanent ones
//! (and transient ones past `max_attempts`) mark the message failed, which staff see live.
//! Rows are claimed with `FOR UPDATE SKIP LOCKED` and completed only by the claim holding
//! them, so several workers on several instances never send one row twice.

use crate::config::OutboxConfig;
use crate::domain::{Channel, ConversationId, LibraryId, MessageId};
use crate::realtime::Realtime;
use crate::shutdown::Shutdown;
use crate::store::event;
use crate::store::outbox::{self as rows, Claimed};
use futures::future::BoxFuture;
use rand::Rng;
use serde_json::json;
use sqlx::PgPool;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// One message to deliver, as an adapter receives it.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub library_id: LibraryId,
    pub message_id: MessageId,
    pub conversation_id: ConversationId,
    pub channel: Channel,
    /// The patron's address on this channel (email, E.164 number, chat session).
    pub to: String,
    pub body: String,
    /// 1 for the first try. Adapters can make retries idempotent with the message id.
    pub attempt: i32,
}

/// What the provider said it did.
#[derive(Debug, Clone, Default)]
pub struct Receipt {
    /// The provider's id for the sent message (SMS sid, SMTP queue id).
    pub provider_id: Option<String>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum DeliveryError {
    /// Worth trying again later (timeout, 5xx, 429, connection refused).
    #[error("{0}")]
    Transient(String),
    /// Will never work (invalid number, opted out, rejected address). Shown to staff.
    #[error("{0}")]
    Permanent(String),
}

/// A channel's way of sending. Implemented in the hub over the channels crate's clients.
pub trait Adapter: Send + Sync {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<Receipt, DeliveryError>>;
}

/// The adapters this hub has, by channel. A channel without one fails its messages
/// permanently with a message that says so, instead of retrying forever.
#[derive(Clone, Default)]
pub struct Adapters(HashMap<Channel, Arc<dyn Adapter>>);

impl Adapters {
    pub fn with(mut self, channel: Channel, adapter: Arc<dyn Adapter>) -> Self {
        self.0.insert(channel, adapter);
        self
    }
}

/// What one step of the worker did; tests step the worker with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was due.
    Idle,
    /// Rows were claimed and each was sent, rescheduled or failed.
    Worked { claimed: usize },
}

#[derive(Clone)]
pub struct Worker {
    db: PgPool,
    adapters: Adapters,
    config: OutboxConfig,
    realtime: Realtime,
    wake: Arc<Notify>,
}

impl Worker {
    pub fn new(db: PgPool, adapters: Adapters, config: OutboxConfig, realtime: Realtime, wake: Arc<Notify>) -> Self {
        Self { db, adapters, config, realtime, wake }
    }

    /// Claims up to a handful of due rows and completes each one.
    pub async fn step(&self) -> anyhow::Result<Outcome> {
        let claimed = rows::claim_due(&self.db, 8, self.config.lease_seconds).await?;
        if claimed.is_empty() {
            return Ok(Outcome::Idle);
        }
        let n = claimed.len();
        for claim in claimed {
            self.deliver_one(claim).await?;
        }
        Ok(Outcome::Worked { claimed: n })
    }

    #[tracing::instrument(name = "outbox.deliver", skip_all, fields(library.id = %claim.library_id, message.id = %claim.message_id, attempt = claim.attempts))]
    async fn deliver_one(&self, claim: Claimed) -> anyhow::Result<()> {
        let result = match load_delivery(&self.db, &claim).await? {
            None => Err(DeliveryError::Permanent(format!("the patron has no {} address", claim.channel))),
            Some(delivery) => match self.adapters.0.get(&claim.channel) {
                None => Err(DeliveryError::Permanent(format!("the {} channel is not configured", claim.channel))),
                Some(adapter) => adapter.deliver(&delivery).await,
            },
        };
        let mut tx = self.db.begin().await?;
        let (message_status, done) = match &result {
            Ok(receipt) => {
                tracing::info!("delivered");
                (
                    "sent",
                    rows::complete(&mut tx, &claim, "sent", None, "sent", receipt.provider_id.as_deref(), None).await?,
                )
            }
            Err(DeliveryError::Transient(why)) if claim.attempts < self.config.max_attempts as i32 => {
                let delay = self.backoff_ms(claim.attempts);
                // The reason stays on the message for staff: a provider's text can quote the
                // patron's number or address, which logs must never hold.
                tracing::warn!(retry_in_ms = delay, "delivery failed; will retry");
                let note = format!("retrying: {why}");
                ("queued", rows::complete(&mut tx, &claim, "pending", Some(delay), "queued", None, Some(&note)).await?)
            }
            Err(e) => {
                tracing::warn!("delivery failed permanently (reason on the message)");
                ("failed", rows::complete(&mut tx, &claim, "failed", None, "failed", None, Some(&e.to_string())).await?)
            }
        };
        let Some(done) = done else {
            // Our lease ran out and another worker owns the row now; it decides.
            tracing::warn!("lost the outbox lease before completing; leaving the row to its new owner");
            return Ok(());
        };
        // A status callback may have overtaken us; now that the sid is known, apply it.
        if let (Channel::Sms, Ok(Receipt { provider_id: Some(sid) })) = (claim.channel, &result) {
            crate::sms::status::apply_early(&mut tx, claim.library_id, sid).await?;
        }
        let error = result.as_ref().err().map(|e| e.to_string());
        event::append(
            &mut tx,
            claim.library_id,
            "delivery_status_changed",
            Some(done.conversation_id),
            json!({"message_id": claim.message_id, "status": message_status, "error": error, "attempt": claim.attempts}),
        )
        .await?;
        tx.commit().await?;
        self.realtime.published();
        Ok(())
    }

    /// base * 2^(attempt-1), capped, then "equal jitter": half fixed, half random, so
    /// retries of many rows after an outage do not arrive at the provider together.
    fn backoff_ms(&self, attempt: i32) -> u64 {
        let exp = self.config.base_backoff_ms.saturating_mul(1u64 << (attempt.clamp(1, 20) - 1) as u32);
        let capped = exp.min(self.config.max_backoff_ms).max(2);
        capped / 2 + rand::thread_rng().gen_range(0..=capped / 2)
    }

    /// Works until `shutdown`; a send in progress is finished first.
    pub async fn run_until_stopped(self, shutdown: Shutdown) -> anyhow::Result<()> {
        loop {
            if shutdown.is_triggered() {
                return Ok(());
            }
            let outcome = match self.step().await {
                Ok(o) => o,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox step failed");
                    Outcome::Idle
                }
            };
            if outcome != Outcome::Idle {
                continue;
            }
            tokio::select! {
                _ = shutdown.clone().wait() => return Ok(()),
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(self.config.poll_ms)) => {}
            }
        }
    }
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    conversation_id: ConversationId,
    body: String,
    to_address: Option<String>,
}

async fn load_delivery(db: &PgPool, claim: &Claimed) -> sqlx::Result<Option<Delivery>> {
    let row: DeliveryRow = sqlx::query_as(
        "SELECT m.conversation_id, m.body,
                (SELECT ci.address FROM contact_identity ci
                  WHERE ci.library_id = c.library_id AND ci.contact_id = c.contact_id AND ci.channel = $3
                  ORDER BY ci.id DESC LIMIT 1) AS to_address
           FROM message m JOIN conversation c ON c.library_id = m.library_id AND c.id = m.conversation_id
          WHERE m.library_id = $1 AND m.id = $2",
    )
    .bind(claim.library_id)
    .bind(claim.message_id)
    .bind(claim.channel.as_str())
    .fetch_one(db)
    .await?;
    Ok(row.to_address.map(|to| Delivery {
        library_id: claim.library_id,
        message_id: claim.message_id,
        conversation_id: row.conversation_id,
        channel: claim.channel,
        to,
        body: row.body,
        attempt: claim.attempts,
    }))
}
