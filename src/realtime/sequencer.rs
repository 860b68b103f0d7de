//! The event sequencer: numbers committed events after their writers say they published.
//!
//! A pass is one statement (`sequence_events`, one round trip, one commit) on a connection
//! the sequencer keeps, so a pass never waits for the pool. The rows a pass numbered wake
//! this instance's listener directly (it need not wait for its own NOTIFY) and answer the
//! writers waiting for a message's number.

use super::{Realtime, EVENTS_CHANNEL};
use crate::domain::{ConversationId, LibraryId, MessageId};
use crate::shutdown::Shutdown;
use crate::store::event::{self, EventRow, PASS_LIMIT};
use sqlx::pool::PoolConnection;
use sqlx::{PgPool, Postgres};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long [`Realtime::sequenced`] waits for the sequencer before numbering by itself.
const SEQUENCED_WAIT: Duration = Duration::from_millis(500);

impl Realtime {
    /// Call after a transaction that appended events has COMMITTED: wakes the sequencer.
    pub fn published(&self) {
        self.kicks.fetch_add(1, Ordering::SeqCst);
        self.kick.notify_one();
    }

    /// Call after a transaction that appended events has COMMITTED, when the caller needs
    /// them numbered before it goes on. Waits for the sequencer's next pass instead of
    /// running a pass of its own: concurrent callers share one pass (one advisory lock, one
    /// UPDATE, one NOTIFY) instead of queueing on the lock one by one. Falls back to a pass
    /// of its own if the sequencer is not running or does not answer in time.
    pub async fn sequenced(&self, db: &PgPool) -> sqlx::Result<()> {
        let mut numbered = self.numbered.subscribe();
        let mine = self.kicks.fetch_add(1, Ordering::SeqCst) + 1;
        self.kick.notify_one();
        let done = tokio::time::timeout(SEQUENCED_WAIT, async { numbered.wait_for(|n| *n >= mine).await.is_ok() })
            .await
            .unwrap_or(false);
        if !done {
            let mut conn = db.acquire().await?;
            let rows = event::sequence_pass(&mut conn, EVENTS_CHANNEL).await?;
            self.numbered_here(&rows);
        }
        Ok(())
    }

    /// [`Realtime::sequenced`] for the `message_created` event of one committed message,
    /// returning its sequence number: from the pass that numbered it when that pass was
    /// this instance's (no round trip), else read back.
    pub async fn sequenced_message(
        &self,
        db: &PgPool,
        library: LibraryId,
        conversation: ConversationId,
        message: MessageId,
    ) -> sqlx::Result<i64> {
        let slot = AwaitedSlot::new(self, library, message);
        self.sequenced(db).await?;
        if let Some(seq) = slot.take() {
            return Ok(seq);
        }
        // Numbered by another instance's pass, or by one that began before we asked.
        match event::message_seq(db, library, conversation, message).await? {
            Some(seq) => Ok(seq),
            None => {
                event::sequence_pending(db, EVENTS_CHANNEL).await?;
                event::message_seq(db, library, conversation, message).await?.ok_or(sqlx::Error::RowNotFound)
            }
        }
    }

    /// Numbers committed events whenever a writer says it published (and once a second, for
    /// events whose writer died before it could say so).
    pub async fn run_sequencer(self, db: PgPool, shutdown: Shutdown) -> anyhow::Result<()> {
        let stop = shutdown.wait();
        tokio::pin!(stop);
        let mut conn: Option<PoolConnection<Postgres>> = None;
        loop {
            tokio::select! {
                _ = &mut stop => break,
                _ = self.kick.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            // Every kick counted so far came after its writer's commit: this pass sees it.
            let covered = self.kicks.load(Ordering::SeqCst);
            match self.drain(&db, &mut conn).await {
                Ok(()) => {
                    self.numbered.send_if_modified(|n| std::mem::replace(n, covered.max(*n)) < covered);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "event sequencer pass failed; retrying");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        // Number what the last writes appended before this instance goes away.
        let _ = self.drain(&db, &mut conn).await;
        Ok(())
    }

    /// Passes until nothing committed is left unnumbered.
    async fn drain(&self, db: &PgPool, conn: &mut Option<PoolConnection<Postgres>>) -> sqlx::Result<()> {
        loop {
            if conn.is_none() {
                *conn = Some(db.acquire().await?);
            }
            let c = conn.as_mut().expect("connected above");
            let started = Instant::now();
            let rows = match event::sequence_pass(c, EVENTS_CHANNEL).await {
                Ok(rows) => rows,
                Err(e) => {
                    *conn = None; // a fresh connection next time
                    return Err(e);
                }
            };
            tracing::debug!(numbered = rows.len(), pass_us = started.elapsed().as_micros() as u64, "sequencer pass");
            self.numbered_here(&rows);
            if rows.len() < PASS_LIMIT as usize {
                return Ok(());
            }
        }
    }

    /// What a pass of this instance numbered: wake the listener, answer waiting writers.
    fn numbered_here(&self, rows: &[EventRow]) {
        let Some(top) = rows.last().map(|r| r.seq) else { return };
        let mut awaited = self.awaited.lock().expect("awaited lock");
        if !awaited.is_empty() {
            for row in rows.iter().filter(|r| r.kind == "message_created") {
                let Some(id) = row.payload.get("message_id").and_then(|v| v.as_i64()) else { continue };
                if let Some(slot) = awaited.get_mut(&(row.library_id, MessageId(id))) {
                    *slot = Some(row.seq);
                }
            }
        }
        drop(awaited);
        self.local_top.send_if_modified(|t| std::mem::replace(t, top.max(*t)) < top);
    }
}

/// A writer's wish to learn a message's sequence number; withdrawn on drop.
struct AwaitedSlot<'a> {
    realtime: &'a Realtime,
    key: (LibraryId, MessageId),
}

impl<'a> AwaitedSlot<'a> {
    fn new(realtime: &'a Realtime, library: LibraryId, message: MessageId) -> Self {
        let key = (library, message);
        realtime.awaited.lock().expect("awaited lock").insert(key, None);
        Self { realtime, key }
    }

    fn take(self) -> Option<i64> {
        self.realtime.awaited.lock().expect("awaited lock").get(&self.key).copied().flatten()
    }
}

impl Drop for AwaitedSlot<'_> {
    fn drop(&mut self) {
        self.realtime.awaited.lock().expect("awaited lock").remove(&self.key);
    }
}
