//! Whether a librarian can answer a chat now: the chat team within its opening hours
//! (`team_hours`, `library_holiday`, in the library's time zone) AND somebody of it online
//! at the console (`staff_presence`). Both, honestly: hours alone promise an answer nobody
//! is there to give.

use crate::domain::{ConversationId, LibraryId, TeamId};
use crate::realtime::presence::STALE_AFTER_SECS;
use channels::chat::{Availability, ClosedReason};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

#[derive(sqlx::FromRow)]
struct Row {
    in_hours: bool,
    staff_online: bool,
    next_open: Option<DateTime<Utc>>,
}

/// Availability of `team`'s chat (None: any team of the library) right now.
pub async fn now(db: &PgPool, library: LibraryId, team: Option<TeamId>) -> sqlx::Result<Availability> {
    let row: Row = sqlx::query_as(
        "WITH lib AS (SELECT timezone AS tz FROM library WHERE id = $1),
              loc AS (SELECT (now() AT TIME ZONE lib.tz) AS t, lib.tz FROM lib)
         SELECT
           (EXISTS (SELECT 1 FROM team_hours h, loc
                     WHERE h.library_id = $1 AND ($2::bigint IS NULL OR h.team_id = $2)
                       AND h.weekday = extract(isodow FROM loc.t)
                       AND loc.t::time >= h.opens AND loc.t::time < h.closes)
            AND NOT EXISTS (SELECT 1 FROM library_holiday d, loc
                     WHERE d.library_id = $1 AND (d.team_id IS NULL OR d.team_id = $2)
                       AND d.day = loc.t::date)) AS in_hours,
           EXISTS (SELECT 1 FROM staff_presence p JOIN staff s ON s.library_id = p.library_id AND s.id = p.staff_id
                    WHERE p.library_id = $1 AND p.state = 'online' AND s.disabled_at IS NULL
                      AND p.updated_at > now() - make_interval(secs => $3)
                      AND ($2::bigint IS NULL
                           OR EXISTS (SELECT 1 FROM team_member tm
                                       WHERE tm.library_id = $1 AND tm.team_id = $2 AND tm.staff_id = p.staff_id)
                           OR NOT EXISTS (SELECT 1 FROM team_member tm WHERE tm.library_id = $1 AND tm.team_id = $2))
           ) AS staff_online,
           (SELECT min(((loc.t::date + g.d) + h.opens) AT TIME ZONE loc.tz)
              FROM generate_series(0, 14) AS g(d), team_hours h, loc
             WHERE h.library_id = $1 AND ($2::bigint IS NULL OR h.team_id = $2)
               AND h.weekday = extract(isodow FROM loc.t::date + g.d)
               AND (loc.t::date + g.d) + h.opens > loc.t
               AND NOT EXISTS (SELECT 1 FROM library_holiday d
                                WHERE d.library_id = $1 AND (d.team_id IS NULL OR d.team_id = $2)
                                  AND d.day = loc.t::date + g.d)) AS next_open",
    )
    .bind(library)
    .bind(team)
    .bind(STALE_AFTER_SECS as f64)
    .fetch_one(db)
    .await?;
    Ok(describe(row.in_hours, row.staff_online, row.next_open))
}

/// The availability the widget shows, with its message.
pub fn describe(in_hours: bool, staff_online: bool, next_open: Option<DateTime<Utc>>) -> Availability {
    let (reason, message) = match (in_hours, staff_online) {
        (true, true) => (None, "A librarian is here to help. Ask us anything."),
        (false, _) => (
            Some(ClosedReason::Closed),
            "Chat is closed right now. Leave a message with your email or phone number and we will answer.",
        ),
        (true, false) => (
            Some(ClosedReason::NoStaff),
            "No librarian is free to chat right now. Leave a message with your email or phone number and we will answer.",
        ),
    };
    Availability {
        open: reason.is_none(),
        staff_online,
        reason,
        next_open: if in_hours { None } else { next_open },
        message: message.to_owned(),
    }
}

/// Place in the queue (1 = next) while nobody has answered or taken the chat; None after.
pub async fn queue_position(
    db: &PgPool,
    library: LibraryId,
    conversation: ConversationId,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT 1 + (SELECT count(*) FROM conversation o
                      WHERE o.library_id = c.library_id AND o.status = 'open' AND o.channel = 'chat'
                        AND o.team_id IS NOT DISTINCT FROM c.team_id
                        AND o.first_response_at IS NULL AND o.assignee_id IS NULL AND o.abandoned_at IS NULL
                        AND (coalesce(o.waiting_since, o.created_at), o.id) < (coalesce(c.waiting_since, c.created_at), c.id))
           FROM conversation c
          WHERE c.library_id = $1 AND c.id = $2 AND c.status = 'open'
            AND c.first_response_at IS NULL AND c.assignee_id IS NULL",
    )
    .bind(library)
    .bind(conversation)
    .fetch_optional(db)
    .await
}

/// [`queue_position`] of several chats of one library in one statement: the queue is read
/// once and ranked, instead of counted again for every chat (the sweep asks for every
/// watched chat every few seconds; one count each grew with the square of the queue).
pub async fn queue_positions(
    db: &PgPool,
    library: LibraryId,
    conversations: &[ConversationId],
) -> sqlx::Result<Vec<(ConversationId, i64)>> {
    let ids: Vec<i64> = conversations.iter().map(|c| c.0).collect();
    sqlx::query_as(
        "WITH queue AS MATERIALIZED (
            SELECT o.id, o.team_id, coalesce(o.waiting_since, o.created_at) AS since
              FROM conversation o
             WHERE o.library_id = $1 AND o.status = 'open' AND o.channel = 'chat'
               AND o.first_response_at IS NULL AND o.assignee_id IS NULL AND o.abandoned_at IS NULL
         ), ranked AS (
            -- NULL teams form one partition, as IS NOT DISTINCT FROM compares them.
            SELECT id, row_number() OVER (PARTITION BY team_id ORDER BY since, id) AS position FROM queue
         )
         SELECT c.id,
                coalesce(r.position,
                         -- A waiting chat outside the queue itself (abandoned): behind those ahead of it.
                         1 + (SELECT count(*) FROM queue q
                               WHERE q.team_id IS NOT DISTINCT FROM c.team_id
                                 AND (q.since, q.id) < (coalesce(c.waiting_since, c.created_at), c.id)))
           FROM conversation c
           LEFT JOIN ranked r ON r.id = c.id
          WHERE c.library_id = $1 AND c.id = ANY($2) AND c.status = 'open'
            AND c.first_response_at IS NULL AND c.assignee_id IS NULL",
    )
    .bind(library)
    .bind(ids)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_only_within_hours_and_with_staff_online() {
        let next: DateTime<Utc> = "2026-01-05T14:00:00Z".parse().unwrap();
        let cases = [
            (true, true, true, None),
            (true, false, false, Some(ClosedReason::NoStaff)),
            (false, true, false, Some(ClosedReason::Closed)),
            (false, false, false, Some(ClosedReason::Closed)),
        ];
        for (hours, online, open, reason) in cases {
            let a = describe(hours, online, Some(next));
            assert_eq!((a.open, a.reason), (open, reason), "{hours} {online}");
            assert_eq!(a.next_open.is_some(), !hours);
            assert!(!a.message.is_empty());
        }
    }
}
