//! Satisfaction ratings after a conversation. One query serves both screens that show them:
//! the reports' table per channel x team x staff member (`GET /api/reports/csat`) and the
//! survey screen's breakdowns per channel, team and staff member beside the median first
//! response (`GET /api/surveys/csat`), so the two can never disagree.

use super::period::Period;
use super::workload::CsatRow;
use crate::domain::{LibraryId, StaffId};
use crate::survey::results::{CsatGroup, CsatReport};
use chrono_tz::Tz;
use sqlx::PgPool;

/// The ratings of a period, at every grouping both screens use.
pub struct Ratings {
    /// Per channel x team x staff member (the reports' table).
    pub cells: Vec<CsatRow>,
    pub by_channel: Vec<CsatGroup>,
    pub by_team: Vec<CsatGroup>,
    pub by_staff: Vec<CsatGroup>,
}

#[derive(sqlx::FromRow)]
struct Grouped {
    /// GROUPING(channel, team_id, staff_id): 0 all three, 3 channel, 5 team, 6 staff.
    grouping: i32,
    channel: Option<String>,
    team_id: Option<i64>,
    team_name: Option<String>,
    staff_id: Option<i64>,
    staff_name: Option<String>,
    ratings: i64,
    mean: Option<f64>,
    satisfied: Option<f64>,
    median_first_response_secs: Option<f64>,
}

/// Ratings given in `period` (library days); `staff`: only this staff member's (their own view).
pub async fn ratings(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    period: &Period,
    staff: Option<StaffId>,
) -> sqlx::Result<Ratings> {
    let (from, to) = period.instants(tz);
    let rows: Vec<Grouped> = sqlx::query_as(
        "SELECT GROUPING(r.channel, r.team_id, r.staff_id) AS grouping, r.channel, r.team_id, max(t.name) AS team_name,
                r.staff_id, max(s.display_name) AS staff_name, count(*) AS ratings, avg(r.score)::float8 AS mean,
                avg((r.score >= 4)::int)::float8 AS satisfied,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.created_at))::float8
                    AS median_first_response_secs
           FROM csat_rating r
           LEFT JOIN conversation c ON c.library_id = r.library_id AND c.id = r.conversation_id
           LEFT JOIN team t ON t.library_id = r.library_id AND t.id = r.team_id
           LEFT JOIN staff s ON s.library_id = r.library_id AND s.id = r.staff_id
          WHERE r.library_id = $1 AND r.created_at >= $2 AND r.created_at < $3 AND ($4::bigint IS NULL OR r.staff_id = $4)
          GROUP BY GROUPING SETS ((r.channel, r.team_id, r.staff_id), (r.channel), (r.team_id), (r.staff_id))
          ORDER BY 1, r.channel, r.team_id NULLS FIRST, r.staff_id NULLS FIRST",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .bind(staff)
    .fetch_all(db)
    .await?;
    let mut out = Ratings { cells: vec![], by_channel: vec![], by_team: vec![], by_staff: vec![] };
    for r in rows {
        let group = |key: Option<String>, name: Option<String>| CsatGroup {
            key,
            name,
            ratings: r.ratings,
            mean: r.mean,
            satisfied: r.satisfied,
            median_first_response_secs: r.median_first_response_secs,
        };
        match r.grouping {
            0 => out.cells.push(CsatRow {
                channel: r.channel.clone().unwrap_or_default(),
                team_id: r.team_id,
                staff_id: r.staff_id,
                ratings: r.ratings,
                mean_score: r.mean,
                satisfied_share: r.satisfied,
            }),
            3 => out.by_channel.push(group(r.channel.clone(), r.channel.clone())),
            5 => out.by_team.push(group(r.team_id.map(|t| t.to_string()), r.team_name.clone())),
            _ => out.by_staff.push(group(r.staff_id.map(|s| s.to_string()), r.staff_name.clone())),
        }
    }
    // The survey screen lists groups by their key as text, "none" last.
    for groups in [&mut out.by_channel, &mut out.by_team, &mut out.by_staff] {
        groups.sort_by(|a, b| (a.key.is_none(), &a.key).cmp(&(b.key.is_none(), &b.key)));
    }
    Ok(out)
}

/// The survey screen's report: the breakdowns, and rating requests sent and answered.
pub async fn survey_report(db: &PgPool, library: LibraryId, tz: Tz, period: &Period) -> sqlx::Result<CsatReport> {
    let Ratings { by_channel, by_team, by_staff, .. } = ratings(db, library, tz, period, None).await?;
    let (from, to) = period.instants(tz);
    let (requests_sent, requests_answered): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(answered_at) FROM csat_request WHERE library_id = $1 AND sent_at >= $2 AND sent_at < $3",
    )
    .bind(library)
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await?;
    Ok(CsatReport { requests_sent, requests_answered, by_channel, by_team, by_staff })
}
