//! Live events: written to the `event` table inside the writer's transaction, numbered by
//! the sequencer after commit, announced with Postgres NOTIFY, and fanned out to this
//! instance's subscribers by the listener. Every hub instance runs both tasks, so a patron
//! message stored by instance B reaches a console connected to instance A.
//!
//! The database is the source of truth: a subscriber that falls behind (or a listener that
//! lost its connection) re-reads from its last sequence number.

use crate::shutdown::Shutdown;
use crate::store::event::{self, EventRow};
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, Notify};

/// The NOTIFY channel; the payload is the highest newly published sequence number.
pub const NOTIFY_CHANNEL: &str = "refdesk_events";

/// How many events a slow in-process subscriber may fall behind before it is told to
/// resync (it then reads from the table).
const FANOUT_CAPACITY: usize = 4096;

/// Handle shared by everything that writes events or wants to hear them.
#[derive(Clone)]
pub struct Realtime {
    kick: Arc<Notify>,
    fanout: broadcast::Sender<Arc<EventRow>>,
}

impl Default for Realtime {
    fn default() -> Self {
        Self::new()
    }
}

impl Realtime {
    pub fn new() -> Self {
        Self { kick: Arc::new(Notify::new()), fanout: broadcast::channel(FANOUT_CAPACITY).0 }
    }

    /// Call after a transaction that appended events has COMMITTED: wakes the sequencer.
    pub fn published(&self) {
        self.kick.notify_one();
    }

    /// Events published from now on, from any instance, in sequence order.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<EventRow>> {
        self.fanout.subscribe()
    }

    /// Numbers committed events whenever a writer says it published (and once a second, for
    /// events whose writer died before it could say so).
    pub async fn run_sequencer(self, db: PgPool, shutdown: Shutdown) -> anyhow::Result<()> {
        let stop = shutdown.wait();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                _ = &mut stop => break,
                _ = self.kick.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            if let Err(e) = event::sequence_pending(&db, NOTIFY_CHANNEL).await {
                tracing::warn!(error = %e, "event sequencer pass failed; retrying");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        // Number what the last writes appended before this instance goes away.
        let _ = event::sequence_pending(&db, NOTIFY_CHANNEL).await;
        Ok(())
    }

    /// Listens for NOTIFY and forwards new events, in order, to this instance's subscribers.
    /// Missed notifications (a dropped connection) cost nothing: every wake-up reads all
    /// rows after the last sequence number forwarded.
    pub async fn run_listener(self, db: PgPool, shutdown: Shutdown) -> anyhow::Result<()> {
        let stop = shutdown.wait();
        tokio::pin!(stop);
        let mut cursor = event::head(&db).await?;
        let mut listener = PgListener::connect_with(&db).await?;
        listener.listen(NOTIFY_CHANNEL).await?;
        loop {
            tokio::select! {
                _ = &mut stop => return Ok(()),
                n = listener.try_recv() => match n {
                    Ok(Some(_)) => {}
                    // The connection dropped; try_recv reconnects on the next call.
                    Ok(None) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "event listener error; reconnecting");
                        tokio::time::sleep(Duration::from_millis(500)).await;
                    }
                },
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            }
            cursor = self.forward_after(&db, cursor).await;
        }
    }

    async fn forward_after(&self, db: &PgPool, mut cursor: i64) -> i64 {
        loop {
            match event::read_after(db, cursor, 1000).await {
                Ok(rows) => {
                    let full = rows.len() == 1000;
                    for row in rows {
                        cursor = row.seq;
                        // No subscribers is fine: nobody is watching.
                        let _ = self.fanout.send(Arc::new(row));
                    }
                    if !full {
                        return cursor;
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "reading events failed");
                    return cursor;
                }
            }
        }
    }
}
