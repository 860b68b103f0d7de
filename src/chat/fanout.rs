//! Live frames to this instance's patron sockets, keyed by conversation.
//!
//! The realtime listener hands every stored event (and every ephemeral NOTIFY) to
//! [`ChatFanout::on_event`] / [`ChatFanout::on_live`]; only conversations with a patron
//! socket here cost anything. Each frame is built once per event and shared by the sockets
//! of that conversation. A socket that cannot keep up loses its channel (its receiver
//! ends) and must reconnect and resume with `after`: nothing is silently skipped.

use super::history;
use crate::domain::{ConversationId, LibraryId, MessageId, StaffId};
use crate::store::event::EventRow;
use axum::extract::ws::Utf8Bytes;
use channels::chat::{EndedBy, HubFrame};
use futures::future::BoxFuture;
use sqlx::PgPool;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// Frames a patron socket may have waiting before it is dropped.
const SOCKET_QUEUE: usize = 64;

/// One frame for the patron sockets of one conversation.
#[derive(Debug)]
pub struct Live {
    /// For messages: their `seq` and id (a socket skips what it already sent).
    pub seq: Option<i64>,
    pub message_id: Option<i64>,
    pub text: Utf8Bytes,
    /// Not a frame: the socket's session now has this conversation (its first message came
    /// by upload, maybe through another instance). The socket catches up from the database.
    pub bound: Option<ConversationId>,
}

impl Live {
    pub fn frame(frame: &HubFrame) -> Arc<Live> {
        Arc::new(Live { seq: None, message_id: None, text: Utf8Bytes::from(frame.to_json()), bound: None })
    }
}

struct Entry {
    library: LibraryId,
    session: i64,
    conversation: Option<ConversationId>,
    tx: Option<mpsc::Sender<Arc<Live>>>,
    /// The socket has sent every message of its chat up to this seq (its cursor).
    sent_upto: Arc<AtomicI64>,
}

#[derive(Default)]
struct Inner {
    next: u64,
    sockets: HashMap<u64, Entry>,
    by_conversation: HashMap<(LibraryId, ConversationId), HashSet<u64>>,
    /// The librarian last announced as "joined" per watched conversation.
    joined: HashMap<(LibraryId, ConversationId), StaffId>,
}

/// A test seam: runs once, inside a resuming socket's welcome, after the socket watches its
/// chat and before it reads the chat's history (see `http::chat::socket`).
pub type ResumeHook = Box<dyn FnOnce(LibraryId, ConversationId) -> BoxFuture<'static, ()> + Send>;

#[derive(Clone, Default)]
pub struct ChatFanout {
    inner: Arc<Mutex<Inner>>,
    resume_hook: Arc<Mutex<Option<ResumeHook>>>,
    /// Events for watched chats, handled in order by one task of their own, so reading a
    /// chat's messages never delays the consoles' frames on the listener.
    work: Arc<std::sync::OnceLock<mpsc::Sender<EventRow>>>,
}

/// Events waiting for the chat dispatcher before the listener waits for it.
const DISPATCH_QUEUE: usize = 10_000;

/// A patron socket's place in the fanout; leaves it on drop.
pub struct Subscription {
    id: u64,
    fanout: ChatFanout,
    pub rx: mpsc::Receiver<Arc<Live>>,
    sent_upto: Arc<AtomicI64>,
}

impl Subscription {
    /// From now on this socket receives the frames of `conversation`.
    pub fn watch(&self, conversation: ConversationId) {
        let mut inner = self.fanout.lock();
        let Some(entry) = inner.sockets.get_mut(&self.id) else { return };
        let library = entry.library;
        let old = entry.conversation.replace(conversation);
        if let Some(old) = old.filter(|o| *o != conversation) {
            inner.unwatch(library, old, self.id);
        }
        inner.by_conversation.entry((library, conversation)).or_default().insert(self.id);
    }

    /// The socket's cursor moved: it has sent its chat's messages up to `seq`. A message
    /// every socket of its chat has sent already (a patron's own, acked) is not read back.
    pub fn sent_upto(&self, seq: i64) {
        self.sent_upto.fetch_max(seq, Ordering::Relaxed);
    }

    /// Remembers which librarian the patron already saw join (so it is not repeated).
    pub fn joined(&self, library: LibraryId, conversation: ConversationId, staff: StaffId) {
        self.fanout.lock().joined.insert((library, conversation), staff);
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut inner = self.fanout.lock();
        if let Some(entry) = inner.sockets.remove(&self.id) {
            if let Some(c) = entry.conversation {
                inner.unwatch(entry.library, c, self.id);
            }
        }
    }
}

impl Inner {
    fn unwatch(&mut self, library: LibraryId, conversation: ConversationId, socket: u64) {
        let key = (library, conversation);
        if let Some(set) = self.by_conversation.get_mut(&key) {
            set.remove(&socket);
            if set.is_empty() {
                self.by_conversation.remove(&key);
                self.joined.remove(&key);
            }
        }
    }
}

impl ChatFanout {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("chat fanout lock")
    }

    /// Registers a patron socket of `session`.
    pub fn subscribe(&self, library: LibraryId, session: i64) -> Subscription {
        let (tx, rx) = mpsc::channel(SOCKET_QUEUE);
        let sent_upto = Arc::new(AtomicI64::new(0));
        let mut inner = self.lock();
        inner.next += 1;
        let id = inner.next;
        let entry = Entry { library, session, conversation: None, tx: Some(tx), sent_upto: sent_upto.clone() };
        inner.sockets.insert(id, entry);
        Subscription { id, fanout: self.clone(), rx, sent_upto }
    }

    /// Sets the [`ResumeHook`] the next resuming socket runs (tests only).
    pub fn set_resume_hook(&self, hook: ResumeHook) {
        *self.resume_hook.lock().expect("resume hook lock") = Some(hook);
    }

    /// Runs the [`ResumeHook`], if one is set.
    pub async fn run_resume_hook(&self, library: LibraryId, conversation: ConversationId) {
        let hook = self.resume_hook.lock().expect("resume hook lock").take();
        if let Some(hook) = hook {
            hook(library, conversation).await;
        }
    }

    pub fn is_watched(&self, library: LibraryId, conversation: ConversationId) -> bool {
        self.lock().by_conversation.contains_key(&(library, conversation))
    }

    /// Every socket watching the chat has sent it up to `seq` (and would skip it).
    fn all_sent(&self, library: LibraryId, conversation: ConversationId, seq: i64) -> bool {
        let inner = self.lock();
        let Some(ids) = inner.by_conversation.get(&(library, conversation)) else { return true };
        ids.iter().all(|id| inner.sockets.get(id).is_none_or(|e| e.sent_upto.load(Ordering::Relaxed) >= seq))
    }

    /// Sessions with a socket on this instance (their `last_seen_at` is kept fresh).
    pub fn sessions(&self) -> Vec<(LibraryId, i64)> {
        self.lock().sockets.values().map(|e| (e.library, e.session)).collect()
    }

    /// Conversations with a patron socket on this instance.
    pub fn conversations(&self) -> Vec<(LibraryId, ConversationId)> {
        self.lock().by_conversation.keys().copied().collect()
    }

    pub fn socket_count(&self) -> usize {
        self.lock().sockets.len()
    }

    /// Sends a frame to every patron socket of a conversation here.
    pub fn send(&self, library: LibraryId, conversation: ConversationId, live: Arc<Live>) {
        let mut inner = self.lock();
        let Some(ids) = inner.by_conversation.get(&(library, conversation)).cloned() else { return };
        for id in ids {
            let Some(entry) = inner.sockets.get_mut(&id) else { continue };
            let full = match &entry.tx {
                Some(tx) => tx.try_send(live.clone()).is_err(),
                None => false,
            };
            if full {
                // Too slow (or gone): end its stream; it reconnects and resumes from its seq.
                entry.tx = None;
            }
        }
    }

    /// Sends a frame to every patron socket of a library here (availability).
    pub fn send_library(&self, library: LibraryId, live: Arc<Live>) {
        let mut inner = self.lock();
        for entry in inner.sockets.values_mut().filter(|e| e.library == library) {
            if let Some(tx) = &entry.tx {
                if tx.try_send(live.clone()).is_err() {
                    entry.tx = None;
                }
            }
        }
    }

    /// A stored event, in sequence order: staff replies, "joined", "ended". Handed to the
    /// chat dispatcher (in order) when a patron socket here watches its chat.
    pub async fn on_event(&self, db: &PgPool, row: &EventRow) {
        let Some(conversation) = row.conversation_id else { return };
        if !self.is_watched(row.library_id, conversation) {
            return;
        }
        let work = self.work.get_or_init(|| {
            let (tx, mut rx) = mpsc::channel::<EventRow>(DISPATCH_QUEUE);
            let (fanout, db) = (self.clone(), db.clone());
            tokio::spawn(async move {
                while let Some(row) = rx.recv().await {
                    let Some(conversation) = row.conversation_id else { continue };
                    if let Err(e) = fanout.dispatch(&db, &row, row.library_id, conversation).await {
                        tracing::warn!(error = %e, seq = row.seq, "chat fanout failed for an event");
                    }
                }
            });
            tx
        });
        let _ = work.send(row.clone()).await;
    }

    async fn dispatch(
        &self,
        db: &PgPool,
        row: &EventRow,
        library: LibraryId,
        conversation: ConversationId,
    ) -> sqlx::Result<()> {
        let payload = &row.payload;
        match row.kind.as_str() {
            "message_created" => {
                let direction = payload.get("direction").and_then(|v| v.as_str());
                if !matches!(direction, Some("in") | Some("out")) {
                    return Ok(()); // notes never reach a patron
                }
                let Some(id) = payload.get("message_id").and_then(|v| v.as_i64()) else { return Ok(()) };
                if let Some(author) = payload.get("author_staff_id").and_then(|v| v.as_i64()) {
                    self.announce_join(db, library, conversation, StaffId(author)).await?;
                }
                if self.all_sent(library, conversation, row.seq) {
                    return Ok(()); // e.g. the patron's own message, acked on its socket
                }
                let Some(mut message) = history::one(db, library, conversation, MessageId(id)).await? else {
                    return Ok(());
                };
                message.seq = row.seq;
                let text = Utf8Bytes::from(HubFrame::Message { message }.to_json());
                self.send(
                    library,
                    conversation,
                    Arc::new(Live { seq: Some(row.seq), message_id: Some(id), text, bound: None }),
                );
            }
            "conversation_changed" => {
                let change = payload.get("change");
                let status: Option<(String, Option<StaffId>)> =
                    sqlx::query_as("SELECT status, assignee_id FROM conversation WHERE library_id = $1 AND id = $2")
                        .bind(library)
                        .bind(conversation)
                        .fetch_optional(db)
                        .await?;
                let Some((status, assignee)) = status else { return Ok(()) };
                if let Some(staff) = assignee {
                    self.announce_join(db, library, conversation, staff).await?;
                }
                let resolved_now = change.and_then(|c| c.get("status")).and_then(|s| s.as_str()) == Some("resolved");
                if resolved_now && status == "resolved" {
                    self.send(library, conversation, Live::frame(&HubFrame::Ended { by: EndedBy::Staff }));
                }
                if change.and_then(|c| c.get("chat_ended_by")).and_then(|s| s.as_str()) == Some("patron") {
                    self.send(library, conversation, Live::frame(&HubFrame::Ended { by: EndedBy::Patron }));
                }
            }
            _ => {}
        }
        Ok(())
    }

    async fn announce_join(
        &self,
        db: &PgPool,
        library: LibraryId,
        conversation: ConversationId,
        staff: StaffId,
    ) -> sqlx::Result<()> {
        if self.lock().joined.get(&(library, conversation)) == Some(&staff) {
            return Ok(());
        }
        let name: Option<String> =
            sqlx::query_scalar("SELECT display_name FROM staff WHERE library_id = $1 AND id = $2")
                .bind(library)
                .bind(staff)
                .fetch_optional(db)
                .await?;
        let Some(name) = name else { return Ok(()) };
        self.lock().joined.insert((library, conversation), staff);
        let frame = HubFrame::Joined { name: history::first_name(&name) };
        self.send(library, conversation, Live::frame(&frame));
        Ok(())
    }

    /// An ephemeral signal: a librarian typing in, or opening, a watched chat; or a chat
    /// session bound to its conversation. True when the signal is for chat sockets only.
    pub async fn on_live(&self, db: &PgPool, library: LibraryId, frame: &serde_json::Value) -> bool {
        let kind = frame.get("type").and_then(|v| v.as_str());
        let Some(conversation) = frame.get("conversation_id").and_then(|v| v.as_i64()).map(ConversationId) else {
            return false;
        };
        if kind == Some(BOUND) {
            if let Some(session) = frame.get("session").and_then(|v| v.as_i64()) {
                self.bind(library, session, conversation);
            }
            return true;
        }
        if !self.is_watched(library, conversation) {
            return false;
        }
        match kind {
            Some("typing") => self.send(library, conversation, Live::frame(&HubFrame::Typing { active: true })),
            Some("viewing") => match read_upto(db, library, conversation).await {
                Ok(Some(seq)) => self.send(library, conversation, Live::frame(&HubFrame::Read { seq })),
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "reading a chat's last seq failed"),
            },
            _ => {}
        }
        false
    }

    /// Tells this instance's sockets of `session` that it now has `conversation`.
    fn bind(&self, library: LibraryId, session: i64, conversation: ConversationId) {
        let live =
            Arc::new(Live { seq: None, message_id: None, text: Utf8Bytes::from_static(""), bound: Some(conversation) });
        let mut inner = self.lock();
        for entry in inner.sockets.values_mut().filter(|e| e.library == library && e.session == session) {
            if entry.conversation == Some(conversation) {
                continue;
            }
            if let Some(tx) = &entry.tx {
                if tx.try_send(live.clone()).is_err() {
                    entry.tx = None;
                }
            }
        }
    }
}

/// The live signal of a session bound to its conversation.
const BOUND: &str = "chat_session_bound";

/// Announces to every instance that a chat session now has its conversation.
pub async fn announce_bound(
    db: impl sqlx::PgExecutor<'_>,
    library: LibraryId,
    session: i64,
    conversation: ConversationId,
) -> sqlx::Result<()> {
    let payload = serde_json::json!({
        "library_id": library,
        "frame": {"type": BOUND, "session": session, "conversation_id": conversation},
    });
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(crate::realtime::LIVE_CHANNEL)
        .bind(payload.to_string())
        .execute(db)
        .await?;
    Ok(())
}

/// The newest numbered patron message of a chat: opening it, staff have seen up to here.
async fn read_upto(db: &PgPool, library: LibraryId, conversation: ConversationId) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT max(seq) FROM event
          WHERE library_id = $1 AND conversation_id = $2 AND kind = 'message_created'
            AND payload->>'direction' = 'in' AND seq IS NOT NULL",
    )
    .bind(library)
    .bind(conversation)
    .fetch_one(db)
    .await
}
