//! `GET /ws/chat?library={slug}`: one patron's live chat. The Origin must be on the
//! library's allow-list (or the hub's own) before the upgrade; frames are at most 16 KiB.

use super::AppState;
use crate::chat::fanout::Subscription;
use crate::chat::session::{self, ChatSession};
use crate::chat::settings::ChatSettings;
use crate::chat::{availability, history, offline, Chat};
use crate::store::library::Library;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use channels::chat::{
    parse_patron_frame, validate, verify_identity, DoneWhat, ErrorCode, HubFrame, PatronFrame, MAX_FRAME_BYTES,
    PROTOCOL_VERSION,
};
use futures::future::BoxFuture;
use futures::{SinkExt, StreamExt};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// Socket buffers, sized for chat frames (a few hundred bytes; larger ones grow the read
/// buffer while they are read). axum's default read buffer is 128 KiB per socket, and
/// 10,000 idle patrons must fit in 100 MB.
const READ_BUFFER_BYTES: usize = 1024;
const WRITE_BUFFER_BYTES: usize = 4 * 1024;
/// The widget pings every 25 s; a socket silent for this long is gone.
const IDLE_TIMEOUT: Duration = Duration::from_secs(75);
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Frames of any kind per second before the socket is closed (typing floods).
const MAX_FRAMES_PER_SEC: u32 = 20;

pub fn router() -> axum::Router<AppState> {
    Router::new().route("/ws/chat", get(upgrade))
}

#[derive(serde::Deserialize)]
struct Params {
    library: String,
}

async fn upgrade(
    State(state): State<AppState>,
    Query(params): Query<Params>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    let found = match Library::find_by_slug(&state.db, &params.library).await {
        Ok(Some(library)) => ChatSettings::find(&state.db, library.id).await.map(|s| s.filter(|s| s.enabled)),
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    let settings = match found {
        Ok(Some(s)) => s,
        Ok(None) => return (StatusCode::NOT_FOUND, "no chat for this library").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "loading chat settings failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !settings.origin_allowed(origin, &state.public_origin) {
        return (StatusCode::FORBIDDEN, "origin not allowed").into_response();
    }
    let key = format!("chat-connect/{}/{}", settings.library_id, peer.ip());
    let max = state.library_limits.of(&state.db, settings.library_id).await.chat_connects_per_minute;
    if let Err(retry_after) = state.chat_limits.connect.take(&key, max) {
        let retry_after = [(header::RETRY_AFTER, retry_after.as_secs().max(1).to_string())];
        return (StatusCode::TOO_MANY_REQUESTS, retry_after, "too many connections").into_response();
    }
    ws.read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .max_write_buffer_size(256 * 1024)
        .max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| async move {
            let library = settings.library_id;
            // Boxed: a task's memory is its future's largest state, and an idle socket
            // should not pay for the setup's database calls.
            if let Err(e) = Box::pin(run(state, settings, socket)).await {
                tracing::debug!(library.id = %library, error = %e, "chat socket ended");
            }
        })
}

type Sink = futures::stream::SplitSink<WebSocket, Message>;

async fn send(sink: &mut Sink, frame: &HubFrame) -> anyhow::Result<()> {
    send_text(sink, Utf8Bytes::from(frame.to_json())).await
}

async fn send_text(sink: &mut Sink, text: Utf8Bytes) -> anyhow::Result<()> {
    tokio::time::timeout(SEND_TIMEOUT, sink.send(Message::Text(text)))
        .await
        .map_err(|_| anyhow::anyhow!("send timed out"))??;
    Ok(())
}

/// Tells the widget why, then closes. Boxed, like every rare step of a socket.
fn refuse(sink: &mut Sink, code: ErrorCode, close: u16) -> BoxFuture<'_, anyhow::Result<()>> {
    Box::pin(async move {
        let _ = send(sink, &HubFrame::error(code)).await;
        let reason = Utf8Bytes::from(serde_json::to_string(&code).unwrap_or_default().trim_matches('"').to_owned());
        let close = Message::Close(Some(CloseFrame { code: close, reason }));
        let _ = tokio::time::timeout(SEND_TIMEOUT, sink.send(close)).await;
        Ok(())
    })
}

/// The socket's state: who, where it is in the chat's stream.
struct Patron {
    chat: Chat,
    settings: ChatSettings,
    session: ChatSession,
    sub: Subscription,
    limits: std::sync::Arc<super::ChatLimits>,
    /// The library's own limits (looked up per message: an admin's change applies to open
    /// sockets too).
    library_limits: std::sync::Arc<crate::http::rate_limit::LibraryLimitsCache>,
    /// Patron typing reaches the console at most once a second.
    last_typing: Instant,
    /// Every message of the chat up to this seq has been sent on this socket.
    cursor: i64,
}

async fn run(state: AppState, settings: ChatSettings, socket: WebSocket) -> anyhow::Result<()> {
    let (mut sink, mut stream) = socket.split();
    let library = settings.library_id;
    // The setup and each rare step are boxed (see `upgrade`): while the socket idles, only
    // the loop's small state is kept.
    let Some((mut patron, token, after)) = Box::pin(start(&state, settings, &mut sink, &mut stream)).await? else {
        return Ok(());
    };
    let result = patron.serve(&mut sink, &mut stream, token, after).await;
    Box::pin(ChatSession::disconnected(&state.db, library, patron.session.id)).await?;
    result
}

type Stream = futures::stream::SplitStream<WebSocket>;

/// Hello, session, welcome state. None when the socket was refused (and told why).
async fn start(
    state: &AppState,
    settings: ChatSettings,
    sink: &mut Sink,
    stream: &mut Stream,
) -> anyhow::Result<Option<(Patron, String, Option<i64>)>> {
    let first = match tokio::time::timeout(state.config.http.chat_hello_timeout(), stream.next()).await {
        Ok(Some(Ok(Message::Text(t)))) => parse_patron_frame(&t),
        Ok(Some(Err(_))) => Err(ErrorCode::TooLarge),
        _ => return Ok(None),
    };
    let (token, after, identity, lang) = match first {
        Ok(PatronFrame::Hello { v: _, token, after, identity, lang }) => (token, after, identity, lang),
        Ok(_) => return refuse(sink, ErrorCode::BadFrame, 1008).await.map(|_| None),
        Err(code) => {
            let close = if code == ErrorCode::TooLarge { 1009 } else { 1008 };
            return refuse(sink, code, close).await.map(|_| None);
        }
    };
    let library = settings.library_id;
    let now = chrono::Utc::now().timestamp();
    if let Some(id) = &identity {
        if verify_identity(&settings.widget_secret, id, now).is_err() {
            return refuse(sink, ErrorCode::IdentityInvalid, 1008).await.map(|_| None);
        }
    }
    let lang = validate::lang(lang.as_deref());
    let started = match &token {
        Some(t) => ChatSession::resume(&state.db, library, t).await?,
        None => {
            let address = match &identity {
                Some(id) => session::identity_address(&id.id),
                None => session::anonymous_address(),
            };
            Some(
                ChatSession::create(&state.db, library, &address, lang.as_deref(), crate::chat::CONTINUE_WITHIN)
                    .await?,
            )
        }
    };
    let Some((session, token)) = started else {
        return refuse(sink, ErrorCode::SessionUnknown, 1008).await.map(|_| None);
    };
    let chat = super::chat(state);
    let sub = state.realtime.chat.subscribe(library, session.id);
    let limits = state.chat_limits.clone();
    let library_limits = state.library_limits.clone();
    let last_typing = Instant::now() - Duration::from_secs(10);
    let cursor = after.unwrap_or(0).max(0);
    let mut patron = Patron { chat, settings, session, sub, limits, library_limits, last_typing, cursor };
    if let Some(id) = &identity {
        // What the site vouches for; ignored when not well-formed.
        let name = validate::name(id.name.as_deref()).ok().flatten();
        let email = validate::email(id.email.as_deref()).ok().flatten();
        if name.is_some() || email.is_some() {
            let _ = patron
                .chat
                .contact(&mut patron.session, name.as_deref(), email.as_ref().map(|e| e.as_str()), None)
                .await;
        }
    }
    Ok(Some((patron, token, after)))
}

impl Patron {
    async fn serve(
        &mut self,
        sink: &mut Sink,
        stream: &mut Stream,
        token: String,
        after: Option<i64>,
    ) -> anyhow::Result<()> {
        Box::pin(self.welcome(sink, token, after)).await?;
        let mut window = (Instant::now(), 0u32);
        let mut last_heard = Instant::now();
        loop {
            tokio::select! {
                incoming = stream.next() => {
                    let text = match incoming {
                        Some(Ok(Message::Text(t))) => t,
                        Some(Ok(Message::Close(_))) | None => return Ok(()),
                        Some(Ok(Message::Binary(_))) => return refuse(sink, ErrorCode::BadFrame, 1003).await,
                        Some(Ok(_)) => { last_heard = Instant::now(); continue }
                        Some(Err(e)) => {
                            let too_large = e.to_string().contains("too long") || e.to_string().contains("Space limit");
                            if too_large {
                                return refuse(sink, ErrorCode::TooLarge, 1009).await;
                            }
                            return Ok(());
                        }
                    };
                    last_heard = Instant::now();
                    if window.0.elapsed() >= Duration::from_secs(1) {
                        window = (Instant::now(), 0);
                    }
                    window.1 += 1;
                    if window.1 > MAX_FRAMES_PER_SEC {
                        return refuse(sink, ErrorCode::RateLimited, 1008).await;
                    }
                    match parse_patron_frame(&text) {
                        Ok(frame) => {
                            if !Box::pin(self.handle(sink, frame)).await? {
                                return Ok(());
                            }
                        }
                        Err(code) => send(sink, &HubFrame::error(code)).await?,
                    }
                }
                live = self.sub.rx.recv() => match live {
                    Some(live) => {
                        if let Some(conversation) = live.bound {
                            Box::pin(self.follow(sink, conversation)).await?;
                            continue;
                        }
                        if let Some(seq) = live.seq {
                            if seq <= self.cursor {
                                continue; // sent already (welcome, or before an ack)
                            }
                            self.cursor = seq;
                            self.sub.sent_upto(seq);
                        }
                        send_text(sink, live.text.clone()).await?;
                    }
                    // Fell behind: reconnect and resume from the last seq.
                    None => {
                        let _ = sink.send(Message::Close(Some(CloseFrame { code: 1013, reason: Utf8Bytes::from_static("resume") }))).await;
                        return Ok(());
                    }
                },
                _ = tokio::time::sleep_until((last_heard + IDLE_TIMEOUT).into()) => {
                    let _ = sink.send(Message::Close(Some(CloseFrame { code: 1001, reason: Utf8Bytes::from_static("idle") }))).await;
                    return Ok(());
                }
            }
        }
    }

    async fn welcome(&mut self, sink: &mut Sink, token: String, after: Option<i64>) -> anyhow::Result<()> {
        let db = &self.chat.db;
        let library = self.session.library_id;
        let mut messages = Vec::new();
        let mut queue_position = None;
        let mut assignee = None;
        if let Some(c) = self.session.conversation_id {
            // Watch before reading, so nothing numbered in between is missed. A message
            // numbered in between may then come both in the history and live: the cursor
            // (the highest seq of the history) makes the socket skip the live copy.
            self.sub.watch(c);
            self.chat.realtime.chat.run_resume_hook(library, c).await;
            messages = history::after(db, library, c, after).await?;
            queue_position = availability::queue_position(db, library, c).await?;
            assignee = sqlx::query_as::<_, (crate::domain::StaffId, String)>(
                "SELECT s.id, s.display_name FROM conversation c JOIN staff s ON s.library_id = c.library_id AND s.id = c.assignee_id
                  WHERE c.library_id = $1 AND c.id = $2",
            )
            .bind(library)
            .bind(c)
            .fetch_optional(db)
            .await?;
        }
        if let Some(last) = messages.iter().map(|m| m.seq).max() {
            self.cursor = self.cursor.max(last);
        }
        let availability = availability::now(db, library, self.settings.team_id).await?;
        let welcome = HubFrame::Welcome {
            v: PROTOCOL_VERSION,
            token,
            conversation_id: self.session.conversation_id.map(|c| c.0),
            cursor: self.cursor,
            availability,
            queue_position,
            messages,
        };
        send(sink, &welcome).await?;
        if let (Some((staff, name)), Some(c)) = (assignee, self.session.conversation_id) {
            self.sub.joined(library, c, staff);
            send(sink, &HubFrame::Joined { name: history::first_name(&name) }).await?;
        }
        Ok(())
    }

    /// One patron frame. False when the socket must close.
    async fn handle(&mut self, sink: &mut Sink, frame: PatronFrame) -> anyhow::Result<bool> {
        let library = self.session.library_id;
        let done = |what| HubFrame::Done { what };
        let reply = match frame {
            PatronFrame::Hello { .. } => HubFrame::error(ErrorCode::BadFrame),
            PatronFrame::Ping => HubFrame::Pong,
            PatronFrame::Send { client_id, text } => {
                let key = format!("chat-send/{library}/{}", self.session.id);
                if self.chat_limits_exceeded(&key).await {
                    refuse(sink, ErrorCode::RateLimited, 1008).await?;
                    return Ok(false);
                }
                return self.send_message(sink, &client_id, &text).await.map(|_| true);
            }
            PatronFrame::Typing { active } => {
                if let (true, Some(c)) = (active, self.session.conversation_id) {
                    if self.last_typing.elapsed() >= Duration::from_secs(1) {
                        self.last_typing = Instant::now();
                        let frame = crate::realtime::protocol::ServerFrame::PatronTyping { conversation_id: c };
                        crate::realtime::presence::announce(&self.chat.db, library, &frame).await?;
                    }
                }
                return Ok(true);
            }
            PatronFrame::Read { seq } => {
                ChatSession::set_read(&self.chat.db, library, self.session.id, seq).await?;
                return Ok(true);
            }
            PatronFrame::Contact { name, email, phone } => {
                match self.chat.contact(&mut self.session, name.as_deref(), email.as_deref(), phone.as_deref()).await {
                    Ok(()) => done(DoneWhat::Contact),
                    Err(code) => HubFrame::error(code),
                }
            }
            PatronFrame::LeaveMessage { client_id, text, name, email, phone } => {
                let form = offline::LeftMessage {
                    client_id: &client_id,
                    text: &text,
                    name: name.as_deref(),
                    email: email.as_deref(),
                    phone: phone.as_deref(),
                };
                match self.chat.leave_message(&mut self.session, &self.settings, form).await {
                    Ok(()) => done(DoneWhat::LeftMessage),
                    Err(code) => HubFrame::error(code),
                }
            }
            PatronFrame::End => match self.chat.end(&self.session).await {
                Ok(()) => return Ok(true), // `ended` arrives through the stream
                Err(code) => HubFrame::error(code),
            },
            PatronFrame::Transcript { email } => match self.chat.transcript(&self.session, &email).await {
                Ok(()) => done(DoneWhat::Transcript),
                Err(code) => HubFrame::error(code),
            },
            PatronFrame::Rate { score, comment } => {
                match self.chat.rate(&self.session, score, comment.as_deref()).await {
                    Ok(()) => done(DoneWhat::Rating),
                    Err(code) => HubFrame::error(code),
                }
            }
        };
        send(sink, &reply).await?;
        Ok(true)
    }

    async fn chat_limits_exceeded(&self, key: &str) -> bool {
        let max = self.library_limits.of(&self.chat.db, self.session.library_id).await.chat_messages_per_minute;
        self.limits.send.take(key, max).is_err()
    }

    /// The session got its conversation elsewhere (an upload): watch it and send what this
    /// socket has not had yet.
    async fn follow(&mut self, sink: &mut Sink, conversation: crate::domain::ConversationId) -> anyhow::Result<()> {
        if self.session.conversation_id == Some(conversation) && self.cursor > 0 {
            return Ok(());
        }
        self.session.conversation_id = Some(conversation);
        self.sub.watch(conversation);
        let missed = history::after(&self.chat.db, self.session.library_id, conversation, Some(self.cursor)).await?;
        for m in missed {
            self.cursor = self.cursor.max(m.seq);
            send(sink, &HubFrame::Message { message: m }).await?;
        }
        Ok(())
    }

    /// Stores the message, then sends (in seq order) anything of the chat numbered before
    /// it, then the ack: the widget's cursor never passes a message it has not seen.
    async fn send_message(&mut self, sink: &mut Sink, client_id: &str, text: &str) -> anyhow::Result<()> {
        let sent = match self.chat.send(&mut self.session, &self.settings, client_id, text).await {
            Ok(sent) => sent,
            Err(code) => return send(sink, &HubFrame::error(code)).await,
        };
        let message = sent.message;
        let conversation = self.session.conversation_id.expect("bound by send");
        self.sub.watch(conversation);
        if sent.alone {
            self.cursor = self.cursor.max(message.seq);
        } else if message.seq > self.cursor {
            let missed =
                history::after(&self.chat.db, self.session.library_id, conversation, Some(self.cursor)).await?;
            for m in missed.into_iter().filter(|m| m.seq < message.seq && m.id != message.id) {
                send(sink, &HubFrame::Message { message: m }).await?;
            }
            self.cursor = message.seq;
        }
        self.sub.sent_upto(self.cursor);
        send(sink, &HubFrame::Ack { client_id: client_id.to_owned(), message }).await
    }
}
