//! `GET /ws/console`: the staff console's live socket. See `realtime::protocol` for frames.

use super::auth::StaffSession;
use super::AppState;
use crate::domain::{ConversationId, LibraryId, StaffId};
use crate::realtime::presence;
use crate::realtime::protocol::{ClientFrame, PresenceState, ResyncReason, ServerFrame, PROTOCOL_VERSION};
use crate::store::event;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures::{SinkExt, StreamExt};
use std::time::{Duration, Instant};
use tokio::sync::broadcast::error::RecvError;

/// Largest frame a console may send; frames are small JSON objects.
pub const MAX_CLIENT_FRAME: usize = 16 * 1024;
/// Buffers sized for small frames: the default 128 KiB read buffer per socket would cost
/// 128 MB for a thousand idle consoles.
const BUFFER_BYTES: usize = 4 * 1024;
/// A reconnecting console is replayed at most this many events; beyond, it reloads.
const MAX_REPLAY: i64 = 1000;
/// A socket whose writes stall this long is dropped; it can reconnect and resume.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Most frames a console may send per second (typing, viewing, pings) before it is closed.
const MAX_FRAMES_PER_SEC: u32 = 20;

pub fn router() -> Router<AppState> {
    Router::new().route("/ws/console", get(console))
}

/// `?after=N`: the last sequence number this console saw before it reconnected. The
/// events after it are sent first, in order, and only then live ones.
#[derive(serde::Deserialize)]
struct Resume {
    after: Option<i64>,
}

async fn console(
    State(state): State<AppState>,
    axum::extract::Query(resume): axum::extract::Query<Resume>,
    headers: HeaderMap,
    session: Result<StaffSession, super::error::ApiError>,
    ws: WebSocketUpgrade,
) -> Response {
    // Browsers always send Origin on a websocket; a missing or foreign one is refused
    // before the upgrade (cross-site websocket hijacking).
    let origin_ok = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) == Some(state.public_origin.as_str());
    let Ok(session) = session else {
        return (StatusCode::FORBIDDEN, "log in first").into_response();
    };
    if !origin_ok {
        return (StatusCode::FORBIDDEN, "origin not allowed").into_response();
    }
    ws.read_buffer_size(BUFFER_BYTES)
        .write_buffer_size(BUFFER_BYTES)
        .max_write_buffer_size(1024 * 1024)
        .max_message_size(MAX_CLIENT_FRAME)
        .max_frame_size(MAX_CLIENT_FRAME)
        .on_upgrade(move |socket| async move {
            let library = session.actor.library;
            let staff = session.actor.staff;
            if let Err(e) = run(state, session, socket, resume.after).await {
                tracing::debug!(library.id = %library, staff.id = %staff, error = %e, "console socket ended");
            }
        })
}

fn text(frame: &ServerFrame) -> Message {
    Message::Text(Utf8Bytes::from(serde_json::to_string(frame).expect("frames serialise")))
}

async fn run(state: AppState, session: StaffSession, socket: WebSocket, after: Option<i64>) -> anyhow::Result<()> {
    let (library, staff) = (session.actor.library, session.actor.staff);
    // Subscribe before reading the head, so nothing published in between is missed.
    let mut live = state.realtime.subscribe();
    let mut registration = state.sockets.register(library, staff, session.token_hash.clone());
    let (mut sink, mut stream) = socket.split();
    let head = event::head(&state.db).await?;
    let mut cursor = head;

    presence::set(&state.db, library, staff, PresenceState::Online).await?;
    presence::announce(&state.db, library, &ServerFrame::Presence { staff_id: staff, state: PresenceState::Online })
        .await?;
    let online = presence::list(&state.db, library).await?;
    let hello = ServerFrame::Hello { version: PROTOCOL_VERSION, seq: head, staff_id: staff, presence: online };
    send(&mut sink, text(&hello)).await?;
    // The queue counters now, not only after the next change.
    let counts = crate::realtime::hydrate::queue_counts(&state.db, library).await?;
    send(&mut sink, text(&ServerFrame::Counts { counts })).await?;
    // Missed events before any live one, so the console applies them in order.
    if let Some(after) = after {
        cursor = replay(&state, &mut sink, library, after, cursor, i64::MAX).await?;
    }
    let connect_head = cursor;

    let mut window = (Instant::now(), 0u32);
    let mut last_typing = Instant::now() - Duration::from_secs(10);
    let result: anyhow::Result<()> = loop {
        tokio::select! {
            incoming = stream.next() => {
                let msg = match incoming {
                    Some(Ok(msg)) => msg,
                    Some(Err(e)) => break Err(e.into()),
                    None => break Ok(()),
                };
                if window.0.elapsed() >= Duration::from_secs(1) {
                    window = (Instant::now(), 0);
                }
                window.1 += 1;
                if window.1 > MAX_FRAMES_PER_SEC {
                    break close(&mut sink, 1008, "too many frames").await;
                }
                let frame = match msg {
                    Message::Text(t) => match serde_json::from_str::<ClientFrame>(&t) {
                        Ok(f) => f,
                        Err(_) => break close(&mut sink, 1008, "unknown frame").await,
                    },
                    Message::Binary(_) => break close(&mut sink, 1003, "text frames only").await,
                    Message::Close(_) => break Ok(()),
                    Message::Ping(_) | Message::Pong(_) => continue,
                };
                match frame {
                    ClientFrame::Resume { after } => {
                        // Live events may already have been sent on this socket: replay only
                        // what precedes them (reconnect with ?after= to get strict order).
                        cursor = replay(&state, &mut sink, library, after, cursor, connect_head).await?;
                    }
                    ClientFrame::Viewing { conversation_id } => {
                        presence::announce(&state.db, library, &ServerFrame::Viewing { staff_id: staff, conversation_id }).await?;
                    }
                    ClientFrame::Typing { conversation_id } => {
                        if last_typing.elapsed() >= Duration::from_secs(1) {
                            last_typing = Instant::now();
                            announce_typing(&state, library, staff, conversation_id).await?;
                        }
                    }
                    ClientFrame::Presence { state: wanted } => {
                        presence::set(&state.db, library, staff, wanted).await?;
                        presence::announce(&state.db, library, &ServerFrame::Presence { staff_id: staff, state: wanted }).await?;
                    }
                    ClientFrame::Ping => send(&mut sink, text(&ServerFrame::Pong)).await?,
                }
            }
            out = live.recv() => match out {
                Ok(out) if out.library == library => {
                    if let Some(seq) = out.seq {
                        if seq <= cursor {
                            continue; // already sent during a replay
                        }
                        cursor = seq;
                    }
                    send(&mut sink, Message::Text(out.text.clone())).await?;
                }
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => {
                    // This socket fell behind; the others did not wait for it.
                    cursor = event::head(&state.db).await?;
                    send(&mut sink, text(&ServerFrame::Resync { reason: ResyncReason::Lagged, seq: cursor })).await?;
                }
                Err(RecvError::Closed) => break Ok(()),
            },
            _ = registration.closed.changed() => {
                let reason = registration.closed.borrow().unwrap_or("session ended");
                let _ = send(&mut sink, text(&ServerFrame::Closing { reason: reason.into() })).await;
                // 1012 "service restart" asks the client to reconnect; 1008 says it may not.
                let code = if reason == "server restarting" { 1012 } else { 1008 };
                break close(&mut sink, code, reason).await;
            }
        }
    };
    drop(registration);
    if state.sockets.count_for(library, staff) == 0 {
        // Gone from every tab here: no longer viewing anything, and offline.
        presence::announce(&state.db, library, &ServerFrame::Viewing { staff_id: staff, conversation_id: None })
            .await?;
        presence::set(&state.db, library, staff, PresenceState::Offline).await?;
        presence::announce(
            &state.db,
            library,
            &ServerFrame::Presence { staff_id: staff, state: PresenceState::Offline },
        )
        .await?;
    }
    result
}

type Sink = futures::stream::SplitSink<WebSocket, Message>;

async fn send(sink: &mut Sink, msg: Message) -> anyhow::Result<()> {
    tokio::time::timeout(SEND_TIMEOUT, sink.send(msg)).await.map_err(|_| anyhow::anyhow!("send timed out"))??;
    Ok(())
}

async fn close(sink: &mut Sink, code: u16, reason: &'static str) -> anyhow::Result<()> {
    let _ = send(sink, Message::Close(Some(CloseFrame { code, reason: Utf8Bytes::from_static(reason) }))).await;
    Ok(())
}

/// Sends the library's events after `after` and returns the new cursor; asks the client to
/// reload when there are more than it is worth replaying.
async fn replay(
    state: &AppState,
    sink: &mut Sink,
    library: LibraryId,
    after: i64,
    cursor: i64,
    upto: i64,
) -> anyhow::Result<i64> {
    // Events after `after` were pruned (what is left would not be the whole story), or the
    // client saw numbers the database no longer has (numbering redone after a crash).
    let pruned = after + 1 < event::oldest(&state.db).await?;
    let head = event::head(&state.db).await?;
    let ahead = after > head;
    let rows = if pruned || ahead {
        Vec::new()
    } else {
        // Read and hydrated in one statement, however many events.
        crate::realtime::frames_after(&state.db, after, MAX_REPLAY + 1, Some(library)).await?
    };
    if rows.len() as i64 > MAX_REPLAY || pruned || ahead {
        send(sink, text(&ServerFrame::Resync { reason: ResyncReason::TooOld, seq: head })).await?;
        return Ok(head.max(cursor));
    }
    let mut last = after;
    for (row, frame) in rows.into_iter().filter(|(r, _)| r.seq <= upto) {
        if let Some(frame) = frame {
            send(sink, Message::Text(frame.text)).await?;
        }
        last = row.seq;
    }
    Ok(last.max(cursor))
}

async fn announce_typing(
    state: &AppState,
    library: LibraryId,
    staff: StaffId,
    conversation_id: ConversationId,
) -> anyhow::Result<()> {
    presence::announce(&state.db, library, &ServerFrame::Typing { staff_id: staff, conversation_id }).await?;
    Ok(())
}
