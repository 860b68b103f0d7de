//! Volume, chat waits, reference statistics (READ scale, question types, tallies), patron
//! life cycle and satisfaction. Each reads an indexed range of one period (conversations
//! by creation time, tallies, ratings, contacts), never the messages.

use super::period::Period;
use crate::domain::{LibraryId, StaffId};
use chrono_tz::Tz;
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;

/// Conversations started in one hour of one weekday (library time) on one channel.
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct HeatCell {
    pub channel: String,
    /// ISO weekday: 1 = Monday .. 7 = Sunday.
    pub weekday: i32,
    /// 0..23, local time.
    pub hour: i32,
    pub conversations: i64,
}

/// Conversations started per week (Monday, library time) and channel.
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct WeekCount {
    pub week: String,
    pub channel: String,
    pub conversations: i64,
}

/// `staff`: only conversations assigned to this staff member (a staff member's own view).
pub async fn heatmap(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    p: &Period,
    staff: Option<StaffId>,
) -> sqlx::Result<Vec<HeatCell>> {
    let (from, to) = p.instants(tz);
    sqlx::query_as(
        "SELECT channel, extract(isodow FROM created_at AT TIME ZONE $4)::int AS weekday,
                extract(hour FROM created_at AT TIME ZONE $4)::int AS hour, count(*) AS conversations
           FROM conversation
          WHERE library_id = $1 AND created_at >= $2 AND created_at < $3 AND ($5::bigint IS NULL OR assignee_id = $5)
          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .bind(tz.name())
    .bind(staff)
    .fetch_all(db)
    .await
}

pub async fn weekly(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    p: &Period,
    staff: Option<StaffId>,
) -> sqlx::Result<Vec<WeekCount>> {
    let (from, to) = p.instants(tz);
    sqlx::query_as(
        "SELECT date_trunc('week', created_at AT TIME ZONE $4)::date::text AS week, channel, count(*) AS conversations
           FROM conversation
          WHERE library_id = $1 AND created_at >= $2 AND created_at < $3 AND ($5::bigint IS NULL OR assignee_id = $5)
          GROUP BY 1, 2 ORDER BY 1, 2",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .bind(tz.name())
    .bind(staff)
    .fetch_all(db)
    .await
}

/// Web chat in a period: how many started, how many the patron left unanswered, and
/// the waits (first responses) of the chats answered.
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct ChatFigures {
    pub chats: i64,
    pub abandoned: i64,
    /// abandoned / chats; null without chats.
    pub abandonment_rate: Option<f64>,
    pub answered: i64,
    pub wait_p50: Option<f64>,
    pub wait_p90: Option<f64>,
    pub wait_mean: Option<f64>,
}

pub async fn chat(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    p: &Period,
    staff: Option<StaffId>,
) -> sqlx::Result<ChatFigures> {
    let (from, to) = p.instants(tz);
    sqlx::query_as(
        "SELECT count(*) AS chats, count(c.abandoned_at) AS abandoned,
                (count(c.abandoned_at)::float8 / nullif(count(*), 0)) AS abandonment_rate,
                count(f.first_response_secs) AS answered,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY f.first_response_secs) AS wait_p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY f.first_response_secs) AS wait_p90,
                avg(f.first_response_secs)::float8 AS wait_mean
           FROM conversation c
           LEFT JOIN conversation_fact f ON f.library_id = c.library_id AND f.conversation_id = c.id
          WHERE c.library_id = $1 AND c.channel = 'chat' AND c.created_at >= $2 AND c.created_at < $3
            AND ($4::bigint IS NULL OR c.assignee_id = $4)",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .bind(staff)
    .fetch_one(db)
    .await
}

/// Reference questions by READ level (null: not rated), channel (in_person and phone
/// come from tallies), team and question type.
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct ReadCount {
    pub read_level: Option<i16>,
    pub channel: String,
    pub team_id: Option<i64>,
    pub question_type: Option<String>,
    pub questions: i64,
}

pub async fn reference(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    p: &Period,
    staff: Option<StaffId>,
) -> sqlx::Result<Vec<ReadCount>> {
    let (from, to) = p.instants(tz);
    sqlx::query_as(
        "SELECT read_level, channel, team_id, question_type, sum(n)::bigint AS questions FROM (
             SELECT read_level, channel, team_id, question_type, 1 AS n FROM conversation
              WHERE library_id = $1 AND created_at >= $2 AND created_at < $3 AND ($4::bigint IS NULL OR assignee_id = $4)
             UNION ALL
             SELECT read_level, mode, team_id, question_type, count FROM reference_tally
              WHERE library_id = $1 AND at >= $2 AND at < $3 AND ($4::bigint IS NULL OR staff_id = $4)
         ) q GROUP BY 1, 2, 3, 4 ORDER BY 1 NULLS LAST, 2, 3 NULLS FIRST, 4 NULLS FIRST",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .bind(staff)
    .fetch_all(db)
    .await
}

/// Patrons by life-cycle stage in a period, per preferred channel.
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Lifecycle {
    pub preferred_channel: Option<String>,
    /// First contact in the period.
    pub new: i64,
    /// Known before the period and in contact during it.
    pub returning: i64,
    /// Known before, and no contact in the `lapsed_after_days` before the period's end.
    pub lapsed: i64,
}

pub async fn lifecycle(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    p: &Period,
    lapsed_days: u32,
) -> sqlx::Result<Vec<Lifecycle>> {
    let (from, to) = p.instants(tz);
    sqlx::query_as(
        "SELECT preferred_channel,
                count(*) FILTER (WHERE created_at >= $2 AND created_at < $3) AS new,
                count(*) FILTER (WHERE created_at < $2 AND last_contact_at >= $2 AND last_contact_at < $3) AS returning,
                count(*) FILTER (WHERE created_at < $3 AND last_contact_at < $3 - $4 * interval '1 day') AS lapsed
           FROM contact WHERE library_id = $1 AND created_at < $3
          GROUP BY 1 ORDER BY 1 NULLS LAST",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .bind(lapsed_days as i32)
    .fetch_all(db)
    .await
}

/// Satisfaction ratings (1-5) per channel, team and staff member (`super::csat::ratings`).
#[derive(Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct CsatRow {
    pub channel: String,
    pub team_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub ratings: i64,
    pub mean_score: Option<f64>,
    /// Share of 4 and 5.
    pub satisfied_share: Option<f64>,
}
