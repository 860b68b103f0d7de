//! The listener: forwards numbered events (and ephemeral NOTIFY frames) to this instance's
//! sockets, in sequence order.
//!
//! It wakes on NOTIFY (a pass by any instance) or directly when this instance's sequencer
//! numbered something, and then reads every event after the last one it forwarded, already
//! hydrated, in one statement. A NOTIFY for numbers already forwarded costs nothing, and a
//! missed one costs nothing either: every wake-up reads all rows after the cursor.
//!
//! FAQ change notifications ([`FAQ_CHANNEL`]) make this instance forget the library's kept
//! public search results (`faq::cache`); a lost connection forgets them all.
//!
//! Queue counters are recomputed beside it (at most once a second per library), never in
//! the way of the next event.

use super::cache_signal::CACHE_CHANNEL;
use super::{hydrate, protocol::ServerFrame, Outgoing, Realtime, EVENTS_CHANNEL, FAQ_CHANNEL, LIVE_CHANNEL};
use crate::domain::{ConversationId, LibraryId, TeamId};
use crate::inbox::list_cache::Change;
use crate::shutdown::Shutdown;
use crate::sms::accounts::CHANGED_CHANNEL as SMS_ACCOUNT_CHANNEL;
use crate::store::conversation::Conversation;
use crate::store::event::{self, EventRow};
use axum::extract::ws::Utf8Bytes;
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// Events read per statement; a longer backlog takes several.
const READ_BATCH: i64 = 1000;
/// Queue counters are recomputed at most this often per library.
const COUNTS_INTERVAL: Duration = Duration::from_millis(1000);

impl Realtime {
    /// Listens for NOTIFY and for this instance's own passes, and forwards frames to this
    /// instance's sockets until shutdown.
    pub async fn run_listener(self, db: PgPool, shutdown: Shutdown) -> anyhow::Result<()> {
        let dirty = Dirty::default();
        let stop = shutdown.clone().wait();
        tokio::select! {
            result = self.listen(&db, &dirty, shutdown) => result,
            () = self.counts(&db, &dirty) => Ok(()),
            () = stop => Ok(()),
        }
    }

    async fn listen(&self, db: &PgPool, dirty: &Dirty, shutdown: Shutdown) -> anyhow::Result<()> {
        let stop = shutdown.wait();
        tokio::pin!(stop);
        let mut local = self.local_top.subscribe();
        let mut cursor = event::head(db).await?;
        let mut listener = PgListener::connect_with(db).await?;
        listener.listen_all([EVENTS_CHANNEL, LIVE_CHANNEL, FAQ_CHANNEL, CACHE_CHANNEL, SMS_ACCOUNT_CHANNEL]).await?;
        // Changes before LISTEN took effect were heard by nobody here.
        self.forget_cached();
        loop {
            tokio::select! {
                _ = &mut stop => return Ok(()),
                n = listener.try_recv() => match n {
                    Ok(Some(n)) if n.channel() == LIVE_CHANNEL => {
                        self.forward_live(db, n.payload()).await;
                        continue;
                    }
                    Ok(Some(n)) if n.channel() == SMS_ACCOUNT_CHANNEL => {
                        match n.payload().parse::<i64>() {
                            Ok(id) => self.sms_accounts.forget(LibraryId(id)),
                            Err(_) => self.sms_accounts.forget_all(),
                        }
                        continue;
                    }
                    Ok(Some(n)) if n.channel() == FAQ_CHANNEL => {
                        self.faq_searches.on_notification(n.payload());
                        continue;
                    }
                    Ok(Some(n)) if n.channel() == CACHE_CHANNEL => {
                        self.on_cache_signal(n.payload());
                        continue;
                    }
                    // Numbers this listener forwarded already (its own instance's pass).
                    Ok(Some(n)) if n.payload().parse::<i64>().is_ok_and(|top| top <= cursor) => continue,
                    Ok(Some(_)) => {}
                    // The connection dropped and was made again: cache notifications sent
                    // meanwhile are lost (events are not: they are read from the cursor).
                    Ok(None) => self.forget_cached(),
                    Err(e) => {
                        self.forget_cached();
                        tracing::warn!(error = %e, "event listener error; reconnecting");
                        tokio::time::sleep(Duration::from_millis(500)).await;
                    }
                },
                changed = local.changed() => {
                    if changed.is_ok() && *local.borrow_and_update() <= cursor {
                        continue;
                    }
                }
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            }
            cursor = self.forward_events_after(db, cursor, dirty).await;
        }
    }

    /// Forwards every event after `cursor`; returns the new cursor.
    async fn forward_events_after(&self, db: &PgPool, mut cursor: i64, dirty: &Dirty) -> i64 {
        loop {
            let started = Instant::now();
            let Some(batch) = self.frames_after(db, cursor).await else { return cursor };
            let read_us = started.elapsed().as_micros() as u64;
            let full = batch.len() as i64 == READ_BATCH;
            for (row, _) in &batch {
                self.chat.on_event(db, row).await;
            }
            if let Some((last, _)) = batch.last() {
                cursor = last.seq;
                // How old the newest event is when its frame goes out (writer's transaction
                // start to now): the whole path up to the sockets' queues.
                let age_ms = (chrono::Utc::now() - last.created_at).num_microseconds().unwrap_or(0) as f64 / 1000.0;
                tracing::debug!(events = batch.len(), read_us, age_ms, seq = cursor, "events forwarded");
            }
            // Before the frames go out: a console that re-lists on a frame sees the change.
            self.drop_changed_lists(db, batch.iter().map(|(row, _)| row)).await;
            let libraries: Vec<LibraryId> = batch.iter().map(|(row, _)| row.library_id).collect();
            for frame in batch.into_iter().filter_map(|(_, frame)| frame) {
                let _ = self.fanout.send(Arc::new(frame));
            }
            // After the frames: the counters a console receives follow the events they count.
            dirty.mark(libraries);
            if !full {
                return cursor;
            }
        }
    }

    /// The events after `cursor` with their frames (None where nothing is to be sent, and
    /// always None when no console is connected here). None when the database failed.
    async fn frames_after(&self, db: &PgPool, cursor: i64) -> Option<Vec<(EventRow, Option<Outgoing>)>> {
        if self.fanout.receiver_count() == 0 {
            // Nobody connected here: nothing to hydrate (patron sockets read their own).
            return match event::read_after(db, cursor, READ_BATCH).await {
                Ok(rows) => Some(rows.into_iter().map(|row| (row, None)).collect()),
                Err(e) => {
                    tracing::warn!(error = %e, "reading events failed");
                    None
                }
            };
        }
        match super::frames_after(db, cursor, READ_BATCH, None).await {
            Ok(batch) => Some(batch),
            Err(e) => {
                tracing::warn!(error = %e, "reading events failed");
                None
            }
        }
    }

    /// Drops the list pages these events may have changed (`inbox::list_cache`): by the
    /// conversations' current teams, or the whole library's for an event about none.
    async fn drop_changed_lists(&self, db: &PgPool, rows: impl Iterator<Item = &EventRow>) {
        let mut whole: HashSet<LibraryId> = HashSet::new();
        let mut conversations: HashSet<(LibraryId, ConversationId)> = HashSet::new();
        for row in rows {
            match row.conversation_id {
                Some(id) => conversations.insert((row.library_id, id)),
                None => whole.insert(row.library_id),
            };
        }
        let asked: Vec<(LibraryId, ConversationId)> =
            conversations.into_iter().filter(|(library, _)| !whole.contains(library)).collect();
        let mut by_library: HashMap<LibraryId, Vec<(ConversationId, Option<TeamId>)>> = HashMap::new();
        if !asked.is_empty() {
            match Conversation::teams_of(db, &asked).await {
                Ok(teams) => {
                    for (library, id, team) in teams {
                        by_library.entry(library).or_default().push((id, team));
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "reading the teams of changed conversations failed");
                    whole.extend(asked.iter().map(|(library, _)| *library));
                }
            }
        }
        for library in whole {
            self.lists.invalidate(library);
        }
        for (library, changed) in by_library {
            self.lists.changed(library, Change::Conversations(changed));
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

    /// Recomputes the counters of libraries with new events, at most once per
    /// [`COUNTS_INTERVAL`] each. Runs until the listener ends.
    async fn counts(&self, db: &PgPool, dirty: &Dirty) {
        let mut last: HashMap<LibraryId, Instant> = HashMap::new();
        let mut waiting: HashSet<LibraryId> = HashSet::new();
        loop {
            tokio::select! {
                _ = dirty.wake.notified() => {}
                _ = tokio::time::sleep(COUNTS_INTERVAL) => {}
            }
            waiting.extend(dirty.take());
            if self.fanout.receiver_count() == 0 {
                waiting.clear();
                continue;
            }
            let now = Instant::now();
            let due: Vec<LibraryId> = waiting
                .iter()
                .copied()
                .filter(|l| last.get(l).is_none_or(|t| now.duration_since(*t) >= COUNTS_INTERVAL))
                .collect();
            for library in due {
                waiting.remove(&library);
                last.insert(library, now);
                match hydrate::queue_counts(db, library).await {
                    Ok(counts) => self.send_local(library, &ServerFrame::Counts { counts }),
                    Err(e) => tracing::warn!(error = %e, "computing queue counts failed"),
                }
            }
        }
    }
}

/// Libraries whose counters changed, handed from the listener to the counts loop.
#[derive(Default)]
struct Dirty {
    libraries: Mutex<HashSet<LibraryId>>,
    wake: Notify,
}

impl Dirty {
    fn mark(&self, libraries: impl IntoIterator<Item = LibraryId>) {
        let mut set = self.libraries.lock().expect("dirty lock");
        let before = set.len();
        set.extend(libraries);
        if set.len() > before {
            self.wake.notify_one();
        }
    }

    fn take(&self) -> HashSet<LibraryId> {
        std::mem::take(&mut *self.libraries.lock().expect("dirty lock"))
    }
}
