//! Live events: written to the `event` table inside the writer's transaction, numbered by
//! the sequencer after commit, announced with Postgres NOTIFY, and fanned out to this
//! instance's sockets by the listener. Every hub instance runs both tasks, so a patron
//! message stored by instance B reaches a console connected to instance A.
//!
//! Ephemeral signals (presence, viewing, typing) are not stored: they travel as NOTIFY
//! payloads on their own channel.
//!
//! The database is the source of truth: a socket that falls behind (or a listener that lost
//! its connection) re-reads from its last sequence number.

pub mod hydrate;
pub mod presence;
pub mod protocol;
pub mod sockets;

use crate::domain::LibraryId;
use crate::shutdown::Shutdown;
use crate::store::event::{self, EventRow};
use axum::extract::ws::Utf8Bytes;
use protocol::ServerFrame;
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch, Notify};

/// NOTIFY channel of stored events; the payload is the highest newly published sequence.
pub const EVENTS_CHANNEL: &str = "refdesk_events";
/// NOTIFY channel of ephemeral frames; the payload is `{"library_id":..,"frame":{..}}`.
pub const LIVE_CHANNEL: &str = "refdesk_live";

/// How many frames a slow socket may fall behind before it is told to resync.
const FANOUT_CAPACITY: usize = 4096;
/// How long [`Realtime::sequenced`] waits for the sequencer before numbering by itself.
const SEQUENCED_WAIT: Duration = Duration::from_millis(500);
/// Queue counters are recomputed at most this often per library.
const COUNTS_INTERVAL: Duration = Duration::from_millis(1000);

/// One frame for the sockets of one library, serialised once for all of them.
#[derive(Debug)]
pub struct Outgoing {
    pub library: LibraryId,
    /// Set for stored events: the socket's resume cursor advances to it.
    pub seq: Option<i64>,
    /// The event kind, for stored events.
    pub kind: Option<String>,
    pub text: Utf8Bytes,
}

/// Handle shared by everything that writes events or wants to hear them.
#[derive(Clone)]
pub struct Realtime {
    kick: Arc<Notify>,
    /// How many times writers said they published; a sequencer pass that starts after the
    /// n-th time numbers everything committed before it.
    kicks: Arc<AtomicU64>,
    /// The highest kick count a finished sequencer pass of this instance covered.
    numbered: Arc<watch::Sender<u64>>,
    fanout: broadcast::Sender<Arc<Outgoing>>,
    /// Patron chat sockets on this instance, fed from the same stream.
    pub chat: crate::chat::fanout::ChatFanout,
}

impl Default for Realtime {
    fn default() -> Self {
        Self::new()
    }
}

impl Realtime {
    pub fn new() -> Self {
        Self {
            kick: Arc::new(Notify::new()),
            kicks: Arc::new(AtomicU64::new(0)),
            numbered: Arc::new(watch::channel(0).0),
            fanout: broadcast::channel(FANOUT_CAPACITY).0,
            chat: Default::default(),
        }
    }

    /// Call after a transaction that appended events has COMMITTED: wakes the sequencer.
    pub fn published(&self) {
        self.kicks.fetch_add(1, Ordering::SeqCst);
        self.kick.notify_one();
    }

    /// Call after a transaction that appended events has COMMITTED, when the caller needs
    /// them numbered before it goes on (a chat ack carries its message's `seq`). Waits for
    /// the sequencer's next pass instead of running a pass of its own: concurrent callers
    /// share one pass (one advisory lock, one UPDATE, one NOTIFY) instead of queueing on
    /// the lock one by one. Falls back to a pass of its own if the sequencer is not running
    /// or does not answer in time.
    pub async fn sequenced(&self, db: &PgPool) -> sqlx::Result<()> {
        let mut numbered = self.numbered.subscribe();
        let mine = self.kicks.fetch_add(1, Ordering::SeqCst) + 1;
        self.kick.notify_one();
        let done = tokio::time::timeout(SEQUENCED_WAIT, async { numbered.wait_for(|n| *n >= mine).await.is_ok() })
            .await
            .unwrap_or(false);
        if !done {
            event::sequence_pending(db, EVENTS_CHANNEL).await?;
        }
        Ok(())
    }

    /// Frames published from now on, from any instance; stored events in sequence order.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Outgoing>> {
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
            // Every kick counted so far came after its writer's commit: this pass sees it.
            let covered = self.kicks.load(Ordering::SeqCst);
            match event::sequence_pending(&db, EVENTS_CHANNEL).await {
                Ok(_) => {
                    self.numbered.send_if_modified(|n| std::mem::replace(n, covered.max(*n)) < covered);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "event sequencer pass failed; retrying");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        // Number what the last writes appended before this instance goes away.
        let _ = event::sequence_pending(&db, EVENTS_CHANNEL).await;
        Ok(())
    }

    /// Listens for NOTIFY and forwards frames to this instance's sockets. Missed
    /// notifications cost nothing: every wake-up reads all rows after the last sequence
    /// number forwarded.
    pub async fn run_listener(self, db: PgPool, shutdown: Shutdown) -> anyhow::Result<()> {
        let stop = shutdown.wait();
        tokio::pin!(stop);
        let mut cursor = event::head(&db).await?;
        let mut listener = PgListener::connect_with(&db).await?;
        listener.listen_all([EVENTS_CHANNEL, LIVE_CHANNEL]).await?;
        let mut counts = CountsThrottle::default();
        loop {
            tokio::select! {
                _ = &mut stop => return Ok(()),
                n = listener.try_recv() => match n {
                    Ok(Some(n)) if n.channel() == LIVE_CHANNEL => {
                        self.forward_live(&db, n.payload()).await;
                        continue;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "event listener error; reconnecting");
                        tokio::time::sleep(Duration::from_millis(500)).await;
                    }
                },
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            }
            let touched;
            (cursor, touched) = self.forward_events_after(&db, cursor).await;
            counts.mark(touched);
            if self.fanout.receiver_count() > 0 {
                for library in counts.due() {
                    self.send_counts(&db, library).await;
                }
            }
        }
    }

    async fn forward_events_after(&self, db: &PgPool, mut cursor: i64) -> (i64, HashSet<LibraryId>) {
        let mut touched = HashSet::new();
        loop {
            let rows = match event::read_after(db, cursor, 1000).await {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::warn!(error = %e, "reading events failed");
                    return (cursor, touched);
                }
            };
            let full = rows.len() == 1000;
            for row in &rows {
                touched.insert(row.library_id);
                self.chat.on_event(db, row).await;
            }
            // Nobody connected here: nothing to hydrate.
            if self.fanout.receiver_count() > 0 {
                for out in frames_for(db, &rows).await.into_iter().flatten() {
                    let _ = self.fanout.send(Arc::new(out));
                }
            }
            if let Some(last) = rows.last() {
                cursor = last.seq;
            }
            if !full {
                return (cursor, touched);
            }
        }
    }

    async fn forward_live(&self, db: &PgPool, payload: &str) {
        #[derive(serde::Deserialize)]
        struct Live {
            library_id: LibraryId,
            frame: serde_json::Value,
        }
        match serde_json::from_str::<Live>(payload) {
            Ok(live) => {
                if self.chat.on_live(db, live.library_id, &live.frame).await {
                    return; // for patron sockets only
                }
                let text = Utf8Bytes::from(live.frame.to_string());
                let _ = self.fanout.send(Arc::new(Outgoing { library: live.library_id, seq: None, kind: None, text }));
            }
            Err(e) => tracing::warn!(error = %e, "malformed live notification ignored"),
        }
    }

    async fn send_counts(&self, db: &PgPool, library: LibraryId) {
        match hydrate::queue_counts(db, library).await {
            Ok(counts) => self.send_local(library, &ServerFrame::Counts { counts }),
            Err(e) => tracing::warn!(error = %e, "computing queue counts failed"),
        }
    }

    /// Sends a frame to this instance's sockets of one library only.
    pub fn send_local(&self, library: LibraryId, frame: &ServerFrame) {
        let text = Utf8Bytes::from(serde_json::to_string(frame).expect("frames serialise"));
        let _ = self.fanout.send(Arc::new(Outgoing { library, seq: None, kind: None, text }));
    }
}

/// The frames for a batch of stored events (None where one no longer concerns anything),
/// hydrated together. If that fails, each is tried on its own (see [`frame_for`]).
pub async fn frames_for(db: &PgPool, rows: &[EventRow]) -> Vec<Option<Outgoing>> {
    match hydrate::hydrate_batch(db, rows).await {
        Ok(events) => rows.iter().zip(events).map(|(row, event)| event.map(|e| outgoing(row, e))).collect(),
        Err(e) => {
            tracing::warn!(error = %e, events = rows.len(), "hydrating a batch of events failed; one by one");
            let mut frames = Vec::with_capacity(rows.len());
            for row in rows {
                frames.push(frame_for(db, row).await);
            }
            frames
        }
    }
}

fn outgoing(row: &EventRow, event: protocol::LiveEvent) -> Outgoing {
    let frame = ServerFrame::Event { seq: row.seq, event: Box::new(event) };
    Outgoing {
        library: row.library_id,
        seq: Some(row.seq),
        kind: Some(row.kind.clone()),
        text: Utf8Bytes::from(serde_json::to_string(&frame).expect("frames serialise")),
    }
}

/// The frame for one stored event, or None if it no longer concerns anything.
pub async fn frame_for(db: &PgPool, row: &EventRow) -> Option<Outgoing> {
    match hydrate::hydrate(db, row).await {
        Ok(event) => event.map(|e| outgoing(row, e)),
        Err(e) => {
            tracing::warn!(error = %e, seq = row.seq, "hydrating an event failed");
            None
        }
    }
}

/// Remembers which libraries changed and lets their counters be recomputed at most once
/// per [`COUNTS_INTERVAL`].
#[derive(Default)]
struct CountsThrottle {
    dirty: HashSet<LibraryId>,
    last: HashMap<LibraryId, Instant>,
}

impl CountsThrottle {
    fn mark(&mut self, libraries: HashSet<LibraryId>) {
        self.dirty.extend(libraries);
    }

    fn due(&mut self) -> Vec<LibraryId> {
        let now = Instant::now();
        let due: Vec<LibraryId> = self
            .dirty
            .iter()
            .copied()
            .filter(|l| self.last.get(l).is_none_or(|t| now.duration_since(*t) >= COUNTS_INTERVAL))
            .collect();
        for l in &due {
            self.dirty.remove(l);
            self.last.insert(*l, now);
        }
        due
    }
}
