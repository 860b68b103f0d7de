//! Stored facts: first response, resolution and replies to resolve, written by the paths
//! that cause them (a staff reply, a resolve) inside their own transaction, with the
//! yearly, monthly and weekly histograms that make full-history percentiles cheap.
//! Definitions (notes, snoozes, reopened conversations): see migrations/0009_reports.sql;
//! the histogram layout: migrations/0014_report_rollups.sql (bucket rows, which these paths
//! add to) and 0024_packed_report_histograms.sql (ended periods packed into one row each).

use super::{calendar, histogram};
use crate::domain::{ConversationId, LibraryId, StaffId, TeamId};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use sqlx::PgConnection;

/// Histogram measures (column report_histogram.measure).
pub const FIRST_RESPONSE: i16 = 1;
pub const FIRST_RESPONSE_BUSINESS: i16 = 2;
pub const RESOLUTION: i16 = 3;
pub const RESOLUTION_BUSINESS: i16 = 4;
pub const REPLIES_TO_RESOLVE: i16 = 5;

#[derive(sqlx::FromRow)]
struct Current {
    channel: String,
    created_at: DateTime<Utc>,
    team_id: Option<TeamId>,
    assignee_id: Option<StaffId>,
    first_response_at: Option<DateTime<Utc>>,
    first_resolved_at: Option<DateTime<Utc>>,
    replies: Option<i32>,
}

async fn current(conn: &mut PgConnection, library: LibraryId, id: ConversationId) -> sqlx::Result<Option<Current>> {
    sqlx::query_as(
        "SELECT c.channel, c.created_at, c.team_id, c.assignee_id,
                f.first_response_at, f.first_resolved_at, f.replies
           FROM conversation c
           LEFT JOIN conversation_fact f ON f.library_id = c.library_id AND f.conversation_id = c.id
          WHERE c.library_id = $1 AND c.id = $2",
    )
    .bind(library)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A staff member replied to the patron at `at`. Call inside the reply's transaction, with
/// the conversation locked. Notes and automatic replies never come here.
pub async fn on_reply(
    conn: &mut PgConnection,
    library: LibraryId,
    id: ConversationId,
    staff: StaffId,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    let Some(c) = current(conn, library, id).await? else { return Ok(()) };
    if c.first_response_at.is_some() {
        // Later replies only count towards "replies to resolve", until the first resolution.
        sqlx::query(
            "UPDATE conversation_fact SET replies = replies + 1
              WHERE library_id = $1 AND conversation_id = $2 AND first_resolved_at IS NULL",
        )
        .bind(library)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        return Ok(());
    }
    let cal = calendar::load(conn, library, c.team_id, c.created_at, at).await?;
    let secs = (at - c.created_at).num_seconds().max(0);
    let bsecs = cal.business_seconds(c.created_at, at);
    sqlx::query(
        "INSERT INTO conversation_fact (library_id, conversation_id, channel, started_at, first_response_at,
                                        first_response_secs, first_response_bsecs, response_team_id, responder_id, replies)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)
         ON CONFLICT (library_id, conversation_id) DO UPDATE
            SET first_response_at = EXCLUDED.first_response_at, first_response_secs = EXCLUDED.first_response_secs,
                first_response_bsecs = EXCLUDED.first_response_bsecs, response_team_id = EXCLUDED.response_team_id,
                responder_id = EXCLUDED.responder_id,
                replies = conversation_fact.replies + CASE WHEN conversation_fact.first_resolved_at IS NULL THEN 1 ELSE 0 END",
    )
    .bind(library)
    .bind(id)
    .bind(&c.channel)
    .bind(c.created_at)
    .bind(at)
    .bind(secs)
    .bind(bsecs)
    .bind(c.team_id)
    .bind(staff)
    .execute(&mut *conn)
    .await?;
    let dims = Dims { channel: &c.channel, team: c.team_id, staff: Some(staff) };
    add(conn, library, cal.tz(), at, &dims, &[(FIRST_RESPONSE, secs), (FIRST_RESPONSE_BUSINESS, bsecs)]).await
}

/// The conversation was resolved at `at` (it was not resolved before). The first
/// resolution is the figure; a later one counts a reopen. Call inside the resolving
/// transaction, with the conversation locked.
pub async fn on_resolve(
    conn: &mut PgConnection,
    library: LibraryId,
    id: ConversationId,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    let Some(c) = current(conn, library, id).await? else { return Ok(()) };
    if c.first_resolved_at.is_some() {
        sqlx::query(
            "UPDATE conversation_fact SET reopen_count = reopen_count + 1, last_resolved_at = $3
              WHERE library_id = $1 AND conversation_id = $2",
        )
        .bind(library)
        .bind(id)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        return Ok(());
    }
    let cal = calendar::load(conn, library, c.team_id, c.created_at, at).await?;
    let secs = (at - c.created_at).num_seconds().max(0);
    let bsecs = cal.business_seconds(c.created_at, at);
    let replies = c.replies.unwrap_or(0);
    sqlx::query(
        "INSERT INTO conversation_fact (library_id, conversation_id, channel, started_at, first_resolved_at,
                                        resolution_secs, resolution_bsecs, replies_to_resolve, resolve_team_id,
                                        resolver_id, last_resolved_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $5)
         ON CONFLICT (library_id, conversation_id) DO UPDATE
            SET first_resolved_at = EXCLUDED.first_resolved_at, resolution_secs = EXCLUDED.resolution_secs,
                resolution_bsecs = EXCLUDED.resolution_bsecs, replies_to_resolve = EXCLUDED.replies_to_resolve,
                resolve_team_id = EXCLUDED.resolve_team_id, resolver_id = EXCLUDED.resolver_id,
                last_resolved_at = EXCLUDED.last_resolved_at",
    )
    .bind(library)
    .bind(id)
    .bind(&c.channel)
    .bind(c.created_at)
    .bind(at)
    .bind(secs)
    .bind(bsecs)
    .bind(replies)
    .bind(c.team_id)
    .bind(c.assignee_id)
    .execute(&mut *conn)
    .await?;
    let dims = Dims { channel: &c.channel, team: c.team_id, staff: c.assignee_id };
    let values = [(RESOLUTION, secs), (RESOLUTION_BUSINESS, bsecs), (REPLIES_TO_RESOLVE, replies as i64)];
    add(conn, library, cal.tz(), at, &dims, &values).await
}

struct Dims<'a> {
    channel: &'a str,
    team: Option<TeamId>,
    staff: Option<StaffId>,
}

/// The histogram bucket of a measure's value.
pub fn bucket_of(measure: i16, value: i64) -> i32 {
    match measure {
        REPLIES_TO_RESOLVE => value.clamp(0, i32::MAX as i64) as i32,
        _ => histogram::bucket(value),
    }
}

/// Histogram grains (column report_histogram.grain) and the first day of the period of
/// each that holds `at` (library time).
pub fn periods(tz: Tz, at: DateTime<Utc>) -> [(&'static str, NaiveDate); 3] {
    let day = at.with_timezone(&tz).date_naive();
    let month = day.with_day(1).expect("day 1 exists");
    let year = month.with_month(1).expect("January exists");
    [("y", year), ("m", month), ("w", super::response_times::week_of(day))]
}

/// Level 0 (channel x team x staff) is kept by month only: finer, it would hold about a
/// row per conversation. The other levels also keep years and weeks.
pub fn keeps(level: i16, grain: &str) -> bool {
    level != 0 || grain == "m"
}

/// The advisory lock that a histogram rebuild takes exclusively (report_rebuild_level)
/// and every writer of new counts shares, so a rebuild never loses or doubles a count.
const SHARE_REBUILD_LOCK: &str =
    "SELECT pg_advisory_xact_lock_shared(hashtextextended('refdesk/report-histogram/' || $1::bigint, 0))";

/// One histogram row to add a count to.
struct Row<'a> {
    level: i16,
    grain: &'static str,
    measure: i16,
    period: NaiveDate,
    channel: &'a str,
    team: i64,
    staff: i64,
    bucket: i32,
    value: i64,
}

impl Row<'_> {
    /// The primary-key order of report_histogram.
    fn key(&self) -> (i16, &str, i16, NaiveDate, &str, i64, i64, i32) {
        (self.level, self.grain, self.measure, self.period, self.channel, self.team, self.staff, self.bucket)
    }
}

/// Adds one count per measure to every level and grain it keeps, in primary-key order (so two
/// transactions never wait on each other in a cycle).
async fn add(
    conn: &mut PgConnection,
    library: LibraryId,
    tz: Tz,
    at: DateTime<Utc>,
    dims: &Dims<'_>,
    values: &[(i16, i64)],
) -> sqlx::Result<()> {
    let (team, staff) = (dims.team.map_or(0, |t| t.0), dims.staff.map_or(0, |s| s.0));
    let mut rows: Vec<Row> = Vec::new();
    for (grain, period) in periods(tz, at) {
        for &(measure, value) in values {
            let value = value.max(0);
            for level in (0..=4i16).filter(|&l| keeps(l, grain)) {
                rows.push(Row {
                    level,
                    grain,
                    measure,
                    period,
                    channel: if matches!(level, 0 | 1) { dims.channel } else { "" },
                    team: if matches!(level, 0 | 2) { team } else { 0 },
                    staff: if matches!(level, 0 | 3) { staff } else { 0 },
                    bucket: bucket_of(measure, value),
                    value,
                });
            }
        }
    }
    rows.sort_by(|a, b| a.key().cmp(&b.key()));
    sqlx::query(SHARE_REBUILD_LOCK).bind(library).execute(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO report_histogram (library_id, level, grain, measure, period, channel, team_id, staff_id, bucket, n, total)
         SELECT $1, l, g::\"char\", m, p, c, t, s, b, 1, v
           FROM unnest($2::smallint[], $3::text[], $4::smallint[], $5::date[], $6::text[], $7::bigint[],
                       $8::bigint[], $9::integer[], $10::bigint[]) AS x(l, g, m, p, c, t, s, b, v)
         ON CONFLICT (library_id, level, grain, measure, period, channel, team_id, staff_id, bucket)
         DO UPDATE SET n = report_histogram.n + 1, total = report_histogram.total + EXCLUDED.total",
    )
    .bind(library)
    .bind(rows.iter().map(|r| r.level).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.grain).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.measure).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.period).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.channel).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.team).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.staff).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.bucket).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.value).collect::<Vec<_>>())
    .execute(conn)
    .await?;
    Ok(())
}
