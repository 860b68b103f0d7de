//! Durable ingest: the one door every channel's inbound messages come through.
//!
//! `accept` returns only after the message is COMMITTED; only then may a channel
//! acknowledge its provider (2xx to a webhook, a flag on an IMAP message). Concurrent
//! arrivals are group-committed: a few writer tasks each take their share of what is
//! waiting (up to `max_batch`) and store it with one call to `accept_inbound_batch` in one
//! transaction, so a burst costs a handful of round trips and commits instead of one per
//! message. Items keep their arrival order: two messages of one patron in a batch are
//! stored in that order (migrations/0026 says how the SQL keeps it).

use crate::domain::{ContactId, ConversationId, LibraryId, MessageId};
use crate::realtime::Realtime;
use channels::{Inbound, ThreadHint};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::pool::PoolConnection;
use sqlx::{Acquire, PgConnection, PgPool, Postgres};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex};

/// Where an inbound message was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub contact_id: ContactId,
    pub conversation_id: ConversationId,
    pub message_id: MessageId,
    /// False when this provider id had been stored before (a retry): nothing was written.
    pub created: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("inbound message rejected: {0}")]
    Invalid(&'static str),
    #[error("database error while storing an inbound message")]
    Database(#[from] sqlx::Error),
    #[error("the hub is shutting down")]
    ShuttingDown,
}

/// Attachments above this are refused by the channel before ingest; ingest re-checks.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
const MAX_BODY_CHARS: usize = 1_000_000;
/// How many times a writer finds the queue empty, yielding in between, before it stores
/// what it has.
const GATHER_EMPTY_LOOKS: u32 = 2;

struct Job {
    library: LibraryId,
    inbound: Inbound,
    reply: oneshot::Sender<Result<Accepted, IngestError>>,
}

/// Handle to the ingest writers; cheap to clone.
#[derive(Clone)]
pub struct Ingest {
    queue: mpsc::Sender<Job>,
    /// Jobs sent and not yet answered (queued or being stored), plus each writer's last
    /// batch until that writer takes its next one: the sum writers share out.
    outstanding: Arc<AtomicUsize>,
}

/// What the writers share.
struct Shared {
    rx: Mutex<mpsc::Receiver<Job>>,
    outstanding: Arc<AtomicUsize>,
    writers: usize,
    max_batch: usize,
}

impl Ingest {
    /// Starts `writers` group-commit tasks on `db`. They stop when every handle is dropped.
    pub fn start(db: PgPool, realtime: Realtime, writers: usize, max_batch: usize) -> Ingest {
        let writers = writers.max(1);
        let (queue, rx) = mpsc::channel::<Job>(max_batch * writers * 4);
        let outstanding = Arc::new(AtomicUsize::new(0));
        let shared = Arc::new(Shared { rx: Mutex::new(rx), outstanding: outstanding.clone(), writers, max_batch });
        for _ in 0..writers {
            let (db, realtime, shared) = (db.clone(), realtime.clone(), shared.clone());
            tokio::spawn(async move { writer(db, realtime, shared).await });
        }
        Ingest { queue, outstanding }
    }

    /// Stores one inbound message durably; see the module docs.
    #[tracing::instrument(name = "ingest.accept", skip_all, fields(library.id = %library, channel = %inbound.channel))]
    pub async fn accept(&self, library: LibraryId, inbound: Inbound) -> Result<Accepted, IngestError> {
        validate(&inbound)?;
        let (reply, answer) = oneshot::channel();
        self.outstanding.fetch_add(1, Ordering::Relaxed);
        if self.queue.send(Job { library, inbound, reply }).await.is_err() {
            self.outstanding.fetch_sub(1, Ordering::Relaxed);
            return Err(IngestError::ShuttingDown);
        }
        answer.await.map_err(|_| IngestError::ShuttingDown)?
    }
}

/// The checks `accept` makes before storing anything; a channel may make them first (the
/// email poller does, so it need not keep a big message's raw bytes for quarantine).
pub fn validate(inbound: &Inbound) -> Result<(), IngestError> {
    if inbound.provider_id.is_empty() || inbound.provider_id.len() > 998 {
        return Err(IngestError::Invalid("provider id must be 1 to 998 bytes"));
    }
    if inbound.text.chars().count() > MAX_BODY_CHARS {
        return Err(IngestError::Invalid("message text is too long"));
    }
    if inbound.attachments.iter().any(|a| a.data.len() > MAX_ATTACHMENT_BYTES) {
        return Err(IngestError::Invalid("attachment too large"));
    }
    Ok(())
}

/// One writer: its own connection (no pool round trip per batch), one batch at a time.
/// While it waits for a commit, arrivals queue up and become the next batch.
async fn writer(db: PgPool, realtime: Realtime, shared: Arc<Shared>) {
    let mut conn: Option<PoolConnection<Postgres>> = None;
    // This writer's last batch: answered, but under load its producers send again at once,
    // so it still counts as outstanding until the next share is reckoned. Without that, a
    // writer back from a commit sees only the other writer's batch and takes half of it
    // as its share (measured: a mean batch of 11.5 from 32 producers, not 16).
    let mut answered = 0;
    loop {
        let mut batch = Vec::with_capacity(shared.max_batch);
        {
            let mut rx = shared.rx.lock().await;
            match rx.recv().await {
                Some(job) => batch.push(job),
                None => return,
            }
            // Each writer takes its share of what is outstanding, so that under load every
            // writer (and core) is busy: taking all of it leaves the other writers with the
            // stragglers, one-message batches, and keeps it that way.
            let share = shared.outstanding.load(Ordering::Relaxed).div_ceil(shared.writers);
            shared.outstanding.fetch_sub(std::mem::take(&mut answered), Ordering::Relaxed);
            let target = share.clamp(1, shared.max_batch);
            // While jobs keep coming, let other ready tasks run before looking again: the
            // producers that our last replies woke are about to send theirs, and a batch
            // that waits for them costs far less than the one-message batch that would go
            // without them (a call has a fixed cost of ~3 messages' worth). No timer: an
            // idle hub sends a lone message after two empty looks.
            let mut empty_looks = 0;
            while batch.len() < target && empty_looks < GATHER_EMPTY_LOOKS {
                match rx.try_recv() {
                    Ok(job) => {
                        batch.push(job);
                        empty_looks = 0;
                    }
                    Err(_) => {
                        empty_looks += 1;
                        tokio::task::yield_now().await;
                    }
                }
            }
        }
        let c = match conn.take() {
            Some(c) => c,
            None => match db.acquire().await {
                Ok(c) => c,
                Err(e) => {
                    tracing::error!(error = %e, "ingest writer cannot get a database connection");
                    shared.outstanding.fetch_sub(batch.len(), Ordering::Relaxed);
                    for job in batch {
                        let _ = job.reply.send(Err(IngestError::Database(sqlx::Error::PoolTimedOut)));
                    }
                    continue;
                }
            },
        };
        let size = batch.len();
        conn = store_batch(c, &realtime, batch).await;
        answered = size;
    }
}

/// Returns the connection if it is still good for the next batch.
async fn store_batch(
    mut conn: PoolConnection<Postgres>,
    realtime: &Realtime,
    batch: Vec<Job>,
) -> Option<PoolConnection<Postgres>> {
    match commit_batch(&mut conn, &batch).await {
        Ok(results) => {
            realtime.published();
            for (job, accepted) in batch.into_iter().zip(results) {
                let _ = job.reply.send(Ok(accepted));
            }
            Some(conn)
        }
        Err(err) => {
            // One bad item (or a rare deadlock) fails the whole transaction; store each item
            // on its own so the good ones land and the bad one gets its own error.
            tracing::warn!(error = %err, size = batch.len(), "ingest batch failed; storing items one by one");
            let mut healthy = true;
            for job in batch {
                let result = commit_one(&mut conn, &job).await;
                match &result {
                    Ok(_) => realtime.published(),
                    Err(IngestError::Database(e)) if !matches!(e, sqlx::Error::Database(_)) => healthy = false,
                    Err(_) => {}
                }
                let _ = job.reply.send(result);
            }
            healthy.then_some(conn)
        }
    }
}

async fn commit_one(conn: &mut PgConnection, job: &Job) -> Result<Accepted, IngestError> {
    match commit_batch(conn, std::slice::from_ref(job)).await {
        Ok(mut results) => Ok(results.remove(0)),
        // The same provider id arriving concurrently under another sender address: the
        // unique key caught it, so the first copy is stored. Report that copy.
        Err(IngestError::Database(sqlx::Error::Database(e))) if e.constraint() == Some("message_provider_key") => {
            let mut results = commit_batch(conn, std::slice::from_ref(job)).await?;
            Ok(results.remove(0))
        }
        Err(e) => Err(e),
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    ord: i32,
    contact_id: ContactId,
    conversation_id: ConversationId,
    message_id: MessageId,
    created: bool,
}

async fn commit_batch(conn: &mut PgConnection, batch: &[Job]) -> Result<Vec<Accepted>, IngestError> {
    let items: Vec<serde_json::Value> = batch.iter().map(|j| item_json(j.library, &j.inbound)).collect();
    let query = sqlx::query_as("SELECT * FROM accept_inbound_batch($1)").bind(serde_json::Value::Array(items));
    let with_files = batch.iter().any(|j| !j.inbound.attachments.is_empty());
    // Without attachments the batch is one statement, atomic by itself: one round trip.
    let rows: Vec<Row> = if with_files {
        let mut tx = conn.begin().await?;
        let rows: Vec<Row> = query.fetch_all(&mut *tx).await?;
        for row in &rows {
            let job = &batch[row.ord as usize];
            if row.created && !job.inbound.attachments.is_empty() {
                store_attachments(&mut tx, job.library, row.message_id, &job.inbound).await?;
            }
        }
        tx.commit().await?;
        rows
    } else {
        query.fetch_all(&mut *conn).await?
    };
    let mut results = vec![None; batch.len()];
    for row in rows {
        results[row.ord as usize] = Some(Accepted {
            contact_id: row.contact_id,
            conversation_id: row.conversation_id,
            message_id: row.message_id,
            created: row.created,
        });
    }
    Ok(results.into_iter().map(|r| r.expect("one result per item")).collect())
}

/// One item of `accept_inbound_batch` (migrations/0026): what the SQL needs of an inbound.
pub fn item_json(library: LibraryId, inbound: &Inbound) -> serde_json::Value {
    let (thread, continue_within) = match &inbound.thread {
        ThreadHint::Conversation { conversation } => (*conversation, None),
        ThreadHint::ContinueRecent { conversation, within } => (*conversation, Some(within.as_secs_f64())),
    };
    serde_json::json!({
        "library": library.0,
        "channel": inbound.channel.as_str(),
        "address": inbound.from.as_str(),
        "display_name": inbound.display_name,
        "provider_id": inbound.provider_id,
        "subject": inbound.subject,
        // Postgres text cannot hold NUL; a NUL in patron text is never meaningful.
        "body": inbound.text.replace('\0', ""),
        "body_html": inbound.sanitized_html.as_ref().map(|h| h.replace('\0', "")),
        "thread": thread,
        "continue_within_secs": continue_within,
        "team": serde_json::Value::Null,
        // Postgres keeps microseconds; truncate here rather than let it round.
        "received_at": inbound.received_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
    })
}

async fn store_attachments(
    tx: &mut sqlx::PgConnection,
    library: LibraryId,
    message: MessageId,
    inbound: &Inbound,
) -> Result<(), IngestError> {
    for a in &inbound.attachments {
        sqlx::query(
            "INSERT INTO attachment (library_id, message_id, filename, content_type, size_bytes, sha256, data)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(library)
        .bind(message)
        .bind(&a.filename)
        .bind(&a.content_type)
        .bind(a.data.len() as i32)
        .bind(Sha256::digest(&a.data).to_vec())
        .bind(&a.data)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
