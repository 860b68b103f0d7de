//! Live events: written to the `event` table inside the writer's transaction, numbered by
//! the sequencer after commit, announced with Postgres NOTIFY, and fanned out to this
//! instance's sockets by the listener. Every hub instance runs both tasks, so a patron
//! message stored by instance B reaches a console connected to instance A; the instance
//! whose sequencer numbered an event wakes its own listener at once (`sequencer`,
//! `listener`).
//!
//! Ephemeral signals (presence, viewing, typing) are not stored: they travel as NOTIFY
//! payloads on their own channel.
//!
//! The database is the source of truth: a socket that falls behind (or a listener that lost
//! its connection) re-reads from its last sequence number.

pub mod cache_signal;
pub mod hydrate;
mod listener;
pub mod presence;
pub mod protocol;
pub mod sequencer;
pub mod sockets;

use crate::domain::{LibraryId, MessageId};
use crate::store::event::EventRow;
use axum::extract::ws::Utf8Bytes;
use protocol::ServerFrame;
use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, watch, Notify};

/// NOTIFY channel of stored events; the payload is the highest newly published sequence.
pub const EVENTS_CHANNEL: &str = "refdesk_events";
/// NOTIFY channel of ephemeral frames; the payload is `{"library_id":..,"frame":{..}}`.
pub const LIVE_CHANNEL: &str = "refdesk_live";
/// NOTIFY channel of FAQ changes (triggers, migration 0023); the payload is the library id
/// whose public search results may have changed, or `*` for every library.
pub const FAQ_CHANNEL: &str = "refdesk_faq";

/// How many frames a slow socket may fall behind before it is told to resync.
const FANOUT_CAPACITY: usize = 4096;

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

/// Message -> its sequence number once a pass of this instance numbered it.
type Awaited = HashMap<(LibraryId, MessageId), Option<i64>>;

/// Handle shared by everything that writes events or wants to hear them.
#[derive(Clone)]
pub struct Realtime {
    kick: Arc<Notify>,
    /// How many times writers said they published; a sequencer pass that starts after the
    /// n-th time numbers everything committed before it.
    kicks: Arc<AtomicU64>,
    /// The highest kick count a finished sequencer pass of this instance covered.
    numbered: Arc<watch::Sender<u64>>,
    /// The highest sequence number this instance's own passes assigned: wakes this
    /// instance's listener at once, without waiting for its own NOTIFY to come back.
    local_top: Arc<watch::Sender<i64>>,
    /// Messages whose sequence number a writer waits for (a chat ack carries it), filled
    /// in by this instance's passes from the rows they numbered.
    awaited: Arc<Mutex<Awaited>>,
    fanout: broadcast::Sender<Arc<Outgoing>>,
    /// Patron chat sockets on this instance, fed from the same stream.
    pub chat: crate::chat::fanout::ChatFanout,
    /// This instance's recent public FAQ search results, forgotten on [`FAQ_CHANNEL`].
    pub faq_searches: crate::faq::SearchCache,
    /// Libraries' SMS accounts for the webhooks, forgotten on
    /// [`crate::sms::accounts::CHANGED_CHANNEL`].
    pub sms_accounts: Arc<crate::sms::accounts::SmsAccounts>,
    /// Verified staff sessions; ended sessions leave it through `cache_signal`.
    pub sessions: crate::auth::session_cache::SessionCache,
    /// Inbox list pages; every event of a library drops the library's pages.
    pub lists: crate::inbox::list_cache::ListCache,
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
            local_top: Arc::new(watch::channel(0).0),
            awaited: Arc::default(),
            fanout: broadcast::channel(FANOUT_CAPACITY).0,
            chat: Default::default(),
            faq_searches: Default::default(),
            sms_accounts: Default::default(),
            sessions: Default::default(),
            lists: Default::default(),
        }
    }

    /// The same handle keeping public FAQ search results in `cache` (set before the
    /// handle is cloned, so every clone shares it).
    pub fn with_faq_searches(mut self, cache: crate::faq::SearchCache) -> Self {
        self.faq_searches = cache;
        self
    }

    /// Frames published from now on, from any instance; stored events in sequence order.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Outgoing>> {
        self.fanout.subscribe()
    }

    /// Sends a frame to this instance's sockets of one library only.
    pub fn send_local(&self, library: LibraryId, frame: &ServerFrame) {
        let text = Utf8Bytes::from(serde_json::to_string(frame).expect("frames serialise"));
        let _ = self.fanout.send(Arc::new(Outgoing { library, seq: None, kind: None, text }));
    }
}

/// The frame of a stored event and its hydrated content.
fn outgoing(row: &EventRow, event: protocol::LiveEvent) -> Outgoing {
    let frame = ServerFrame::Event { seq: row.seq, event: Box::new(event) };
    Outgoing {
        library: row.library_id,
        seq: Some(row.seq),
        kind: Some(row.kind.clone()),
        text: Utf8Bytes::from(serde_json::to_string(&frame).expect("frames serialise")),
    }
}

/// Events after `after` (only `library`'s, when given), at most `limit`, each with its frame
/// (None where it no longer concerns anything), read and hydrated in one statement. If that
/// fails (a row it cannot decode), the rows are read alone and hydrated one by one, so one
/// bad row never stops the stream.
pub async fn frames_after(
    db: &sqlx::PgPool,
    after: i64,
    limit: i64,
    library: Option<LibraryId>,
) -> sqlx::Result<Vec<(EventRow, Option<Outgoing>)>> {
    match hydrate::read_hydrated_after(db, after, limit, library).await {
        Ok(batch) => Ok(batch
            .into_iter()
            .map(|(row, event)| {
                let frame = event.map(|e| outgoing(&row, e));
                (row, frame)
            })
            .collect()),
        Err(e) => {
            tracing::warn!(error = %e, "reading hydrated events failed; hydrating one by one");
            let rows = match library {
                Some(library) => crate::store::event::read_after_for_library(db, library, after, limit).await?,
                None => crate::store::event::read_after(db, after, limit).await?,
            };
            let frames = frames_for(db, &rows).await;
            Ok(rows.into_iter().zip(frames).collect())
        }
    }
}

/// The frames for a batch of stored events (None where one no longer concerns anything),
/// hydrated together. If that fails, each is tried on its own (see [`frame_for`]).
pub async fn frames_for(db: &sqlx::PgPool, rows: &[EventRow]) -> Vec<Option<Outgoing>> {
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

/// The frame for one stored event, or None if it no longer concerns anything.
pub async fn frame_for(db: &sqlx::PgPool, row: &EventRow) -> Option<Outgoing> {
    match hydrate::hydrate(db, row).await {
        Ok(event) => event.map(|e| outgoing(row, e)),
        Err(e) => {
            tracing::warn!(error = %e, seq = row.seq, "hydrating an event failed");
            None
        }
    }
}
