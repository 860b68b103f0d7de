//! Chores of the chat channel: keep this instance's patron sessions marked connected, push
//! availability and queue changes to its sockets, and (from housekeeping, any instance)
//! mark chats abandoned when the patron left before anyone answered.

use super::fanout::{ChatFanout, Live};
use super::settings::ChatSettings;
use super::{availability, session::ChatSession};
use crate::domain::{ConversationId, LibraryId};
use crate::shutdown::Shutdown;
use channels::chat::{Availability, HubFrame};
use sqlx::PgPool;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

const TICK: Duration = Duration::from_secs(5);
/// Sessions are refreshed every this many ticks (well inside the 60 s staleness).
const HEARTBEAT_TICKS: u32 = 3;
/// A chat whose patron has had no socket for this long, unanswered, is abandoned.
pub const ABANDON_AFTER_SECS: i64 = 10 * 60;

pub async fn run(db: PgPool, fanout: ChatFanout, shutdown: Shutdown) -> anyhow::Result<()> {
    let stop = shutdown.wait();
    tokio::pin!(stop);
    let mut tick = tokio::time::interval(TICK);
    let mut n = 0u32;
    let mut last_availability: HashMap<LibraryId, Availability> = HashMap::new();
    let mut last_position: HashMap<(LibraryId, ConversationId), i64> = HashMap::new();
    loop {
        tokio::select! {
            _ = &mut stop => return Ok(()),
            _ = tick.tick() => {}
        }
        n = n.wrapping_add(1);
        if n.is_multiple_of(HEARTBEAT_TICKS) {
            if let Err(e) = ChatSession::heartbeat(&db, &fanout.sessions()).await {
                tracing::warn!(error = %e, "refreshing chat sessions failed");
            }
        }
        if let Err(e) = push_changes(&db, &fanout, &mut last_availability, &mut last_position).await {
            tracing::warn!(error = %e, "pushing chat availability failed");
        }
    }
}

/// Sends `availability` and `queue` frames where they changed since the last pass.
async fn push_changes(
    db: &PgPool,
    fanout: &ChatFanout,
    last_availability: &mut HashMap<LibraryId, Availability>,
    last_position: &mut HashMap<(LibraryId, ConversationId), i64>,
) -> sqlx::Result<()> {
    let libraries: HashSet<LibraryId> = fanout.sessions().into_iter().map(|(l, _)| l).collect();
    last_availability.retain(|l, _| libraries.contains(l));
    for library in libraries {
        let team = ChatSettings::find(db, library).await?.and_then(|s| s.team_id);
        let now = availability::now(db, library, team).await?;
        if last_availability.get(&library) != Some(&now) {
            if last_availability.contains_key(&library) {
                fanout.send_library(library, Live::frame(&HubFrame::Availability { availability: now.clone() }));
            }
            last_availability.insert(library, now);
        }
    }
    let conversations = fanout.conversations();
    let watched: HashSet<_> = conversations.iter().copied().collect();
    last_position.retain(|k, _| watched.contains(k));
    let mut by_library: HashMap<LibraryId, Vec<ConversationId>> = HashMap::new();
    for (library, conversation) in conversations {
        by_library.entry(library).or_default().push(conversation);
    }
    for (library, conversations) in by_library {
        let positions: HashMap<ConversationId, i64> =
            availability::queue_positions(db, library, &conversations).await?.into_iter().collect();
        for conversation in conversations {
            match positions.get(&conversation) {
                Some(&p) if last_position.get(&(library, conversation)) != Some(&p) => {
                    last_position.insert((library, conversation), p);
                    fanout.send(library, conversation, Live::frame(&HubFrame::Queue { position: p }));
                }
                Some(_) => {}
                None => {
                    last_position.remove(&(library, conversation));
                }
            }
        }
    }
    Ok(())
}

/// Marks unanswered chats whose patron left [`ABANDON_AFTER_SECS`] ago (or ended the chat)
/// as abandoned, with their event. Safe on every instance at once (one statement).
pub async fn mark_abandoned(db: &PgPool) -> sqlx::Result<usize> {
    let marked: Vec<(LibraryId, ConversationId)> = sqlx::query_as(
        "WITH gone AS (
            SELECT s.library_id, s.conversation_id, max(s.last_seen_at) AS left_at
              FROM chat_session s
             WHERE s.conversation_id IS NOT NULL
             GROUP BY s.library_id, s.conversation_id
            HAVING NOT bool_or(s.socket_open AND s.last_seen_at > now() - interval '60 seconds')
               AND max(s.last_seen_at) < now() - make_interval(secs => $1)
         ), marked AS (
            UPDATE conversation c SET abandoned_at = gone.left_at
              FROM gone
             WHERE c.library_id = gone.library_id AND c.id = gone.conversation_id
               AND c.channel = 'chat' AND c.status = 'open'
               AND c.first_response_at IS NULL AND c.abandoned_at IS NULL
            RETURNING c.library_id, c.id
         ), events AS (
            INSERT INTO event (library_id, kind, conversation_id, payload)
            SELECT library_id, 'conversation_changed', id, '{\"change\": {\"abandoned\": true}}'::jsonb FROM marked
         )
         SELECT library_id, id FROM marked",
    )
    .bind(ABANDON_AFTER_SECS as f64)
    .fetch_all(db)
    .await?;
    Ok(marked.len())
}

/// Deletes sessions nobody can resume any more: a day old without a message, or a month
/// old. Their conversations stay; only the token (and the details typed into the widget,
/// which the contact keeps if they were added to it) go.
pub async fn purge_sessions(db: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM chat_session
          WHERE NOT (socket_open AND last_seen_at > now() - interval '60 seconds')
            AND ((conversation_id IS NULL AND last_seen_at < now() - interval '1 day')
                 OR last_seen_at < now() - interval '30 days')",
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
