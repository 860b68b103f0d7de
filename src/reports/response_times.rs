//! First response, resolution and replies to resolve: count, mean and percentiles per
//! channel, team, staff member, week, team and week, or tag over any period of local days.
//!
//! Read from the histograms (whole years, months or weeks from their rows, the loose days at
//! the ends from the facts — or, when fewer, the month or week an end falls in without its
//! days outside the period), so the full history costs a few thousand rows; when the period
//! holds few conversations (`exact_below`), has no whole month or week, or its histogram
//! level is still being built, the percentiles are computed exactly from the facts.

use super::facts::{FIRST_RESPONSE, FIRST_RESPONSE_BUSINESS, REPLIES_TO_RESOLVE, RESOLUTION, RESOLUTION_BUSINESS};
use super::histogram;
use super::period::{Period, Piece};
use crate::domain::{LibraryId, StaffId, TeamId};
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;
use sqlx::{PgPool, Postgres, QueryBuilder};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// How rows are split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    None,
    Channel,
    Team,
    Staff,
    Week,
    /// Team and week together (key `<team id>/<Monday>`): every team's weekly figures in
    /// one read.
    TeamWeek,
    Tag,
}

impl Group {
    pub fn parse(s: &str) -> Option<Group> {
        Some(match s {
            "none" => Group::None,
            "channel" => Group::Channel,
            "team" => Group::Team,
            "staff" => Group::Staff,
            "week" => Group::Week,
            "team_week" => Group::TeamWeek,
            "tag" => Group::Tag,
            _ => return None,
        })
    }
}

/// What to measure and for whom.
#[derive(Debug, Clone)]
pub struct Filter {
    pub channel: Option<String>,
    /// `Some(TeamId(0))`: conversations without a team.
    pub team: Option<TeamId>,
    pub staff: Option<StaffId>,
    pub business_hours: bool,
    pub group: Group,
}

/// Count, mean and percentiles of one measure (seconds, or replies), rounded to 1/1000.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct Stats {
    pub count: i64,
    pub mean: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    pub p99: Option<f64>,
}

impl Stats {
    /// Rounds to thousandths, so both ways of computing agree on plain numbers.
    fn rounded(count: i64, mean: Option<f64>, [p50, p90, p99]: [Option<f64>; 3]) -> Stats {
        let r = |v: Option<f64>| v.map(|v| (v * 1000.0).round() / 1000.0);
        Stats { count, mean: r(mean), p50: r(p50), p90: r(p90), p99: r(p99) }
    }
}

/// The three measures of one row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct Figures {
    pub first_response: Stats,
    pub resolution: Stats,
    pub replies_to_resolve: Stats,
}

/// Figures per group key (channel name, team id, staff id, week start, `team/week`, tag;
/// "" for all).
pub type Table = BTreeMap<String, Figures>;

fn measures(business: bool) -> [i16; 3] {
    match business {
        true => [FIRST_RESPONSE_BUSINESS, RESOLUTION_BUSINESS, REPLIES_TO_RESOLVE],
        false => [FIRST_RESPONSE, RESOLUTION, REPLIES_TO_RESOLVE],
    }
}

fn slot(f: &mut Figures, measure: i16) -> &mut Stats {
    match measure {
        FIRST_RESPONSE | FIRST_RESPONSE_BUSINESS => &mut f.first_response,
        RESOLUTION | RESOLUTION_BUSINESS => &mut f.resolution,
        _ => &mut f.replies_to_resolve,
    }
}

/// A histogram's (bucket, count) pairs in bucket order, and the sum of its values.
type Buckets = (Vec<(i32, i64)>, i64);

/// The figures of `period`; `exact` says whether percentiles came from the facts.
pub async fn figures(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    period: &Period,
    filter: &Filter,
    exact_below: i64,
) -> sqlx::Result<(Table, bool)> {
    let Some(plan) = plan(db, library, tz, period, filter).await? else {
        return Ok((exact(db, library, tz, period, filter).await?, true));
    };
    let rows = histogram_query(library, tz, filter, &plan, "").build_query_as().fetch_all(db).await?;
    let rows: Vec<(String, i16, i32, i64, i64)> = rows;
    let first_responses: i64 = rows.iter().filter(|r| r.1 == measures(filter.business_hours)[0]).map(|r| r.3).sum();
    if first_responses <= exact_below {
        return Ok((exact(db, library, tz, period, filter).await?, true));
    }
    // (key, measure) -> sorted (bucket, n) and the total.
    let mut hist: BTreeMap<(String, i16), Buckets> = BTreeMap::new();
    for (key, measure, bucket, n, total) in rows {
        let e = hist.entry((key, measure)).or_default();
        e.0.push((bucket, n));
        e.1 += total;
    }
    let mut table = Table::new();
    for ((key, measure), (buckets, total)) in hist {
        let count: i64 = buckets.iter().map(|b| b.1).sum();
        let replies = measure == REPLIES_TO_RESOLVE;
        // Reply counts are stored as their own buckets: read them exactly.
        let pct = |p| match replies {
            true => exact_percentile(&buckets, p),
            false => histogram::percentile(&buckets, p),
        };
        *slot(table.entry(key).or_default(), measure) =
            Stats::rounded(count, (count > 0).then(|| total as f64 / count as f64), [pct(0.5), pct(0.9), pct(0.99)]);
    }
    Ok((table, false))
}

/// How a histogram read covers a period: the stored level and the pieces.
pub struct Plan {
    level: i16,
    pieces: Vec<Piece>,
}

/// None when the histograms cannot answer: tags (not a histogram dimension), a period with
/// no whole year, month or week in it (the facts are as cheap and exact), weeks at the
/// channel x team x staff level (kept by month only), or a level still being built.
async fn plan(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    period: &Period,
    filter: &Filter,
) -> sqlx::Result<Option<Plan>> {
    if filter.group == Group::Tag {
        return Ok(None);
    }
    let level = level(filter);
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let pieces = match filter.group {
        Group::Week | Group::TeamWeek if level == 0 => return Ok(None),
        Group::Week | Group::TeamWeek => period.week_pieces(today),
        _ => period.calendar_pieces(level != 0, today),
    };
    if !pieces.iter().any(|p| matches!(p, Piece::Rows { .. })) {
        return Ok(None);
    }
    let built: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM report_rollup WHERE library_id = $1 AND level = $2)")
            .bind(library)
            .bind(level)
            .fetch_one(db)
            .await?;
    Ok(built.then_some(Plan { level, pieces }))
}

/// EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of the histogram read `figures` would make, or
/// None when it would compute from the facts. For the benchmark's row and buffer counts.
pub async fn explain(
    db: &PgPool,
    library: LibraryId,
    tz: Tz,
    period: &Period,
    filter: &Filter,
) -> sqlx::Result<Option<serde_json::Value>> {
    let Some(plan) = plan(db, library, tz, period, filter).await? else { return Ok(None) };
    let mut q = histogram_query(library, tz, filter, &plan, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ");
    let (json,): (serde_json::Value,) = q.build_query_as().fetch_one(db).await?;
    Ok(Some(json))
}

/// percentile_cont over a histogram whose buckets are the values themselves.
fn exact_percentile(sorted: &[(i32, i64)], p: f64) -> Option<f64> {
    let total: i64 = sorted.iter().map(|b| b.1).sum();
    if total == 0 {
        return None;
    }
    let rank = p * (total - 1) as f64;
    let at = |k: i64| {
        let mut seen = 0;
        sorted.iter().find(|(_, n)| {
            seen += n;
            k < seen
        })
    };
    let lo = at(rank.floor() as i64).map_or(0.0, |b| b.0 as f64);
    let hi = at(rank.ceil() as i64).map_or(lo, |b| b.0 as f64);
    Some(lo + (rank - rank.floor()) * (hi - lo))
}

/// Which stored level answers a filter and grouping.
fn level(filter: &Filter) -> i16 {
    let c = filter.channel.is_some() || filter.group == Group::Channel;
    let t = filter.team.is_some() || matches!(filter.group, Group::Team | Group::TeamWeek);
    let s = filter.staff.is_some() || filter.group == Group::Staff;
    match (c, t, s) {
        (false, false, false) => 4,
        (true, false, false) => 1,
        (false, true, false) => 2,
        (false, false, true) => 3,
        _ => 0,
    }
}

/// Where a measure's facts keep its value, time, team and staff member.
fn columns(measure: i16) -> (&'static str, &'static str, &'static str, &'static str) {
    match measure {
        FIRST_RESPONSE => ("first_response_at", "first_response_secs", "response_team_id", "responder_id"),
        FIRST_RESPONSE_BUSINESS => ("first_response_at", "first_response_bsecs", "response_team_id", "responder_id"),
        RESOLUTION => ("first_resolved_at", "resolution_secs", "resolve_team_id", "resolver_id"),
        RESOLUTION_BUSINESS => ("first_resolved_at", "resolution_bsecs", "resolve_team_id", "resolver_id"),
        _ => ("first_resolved_at", "replies_to_resolve", "resolve_team_id", "resolver_id"),
    }
}

/// (key, measure, bucket, count, total) summed over the plan's pieces: histogram rows for
/// whole years/months/weeks (one index range each), and the loose days' facts bucketed on
/// the fly the way the histograms bucket them — added, or taken away for the days outside
/// the period that a month or week row also counts. Buckets that sum to nothing are dropped.
fn histogram_query<'a>(
    library: LibraryId,
    tz: Tz,
    filter: &'a Filter,
    plan: &Plan,
    prefix: &str,
) -> QueryBuilder<'a, Postgres> {
    let mut q: QueryBuilder<Postgres> =
        QueryBuilder::new(format!("{prefix}SELECT k, measure, bucket, sum(n)::bigint, sum(total)::bigint FROM ("));
    let mut first = true;
    for piece in &plan.pieces {
        match *piece {
            Piece::Rows { grain, from, to } => {
                if !std::mem::take(&mut first) {
                    q.push(" UNION ALL ");
                }
                let key = match filter.group {
                    Group::Channel => "channel",
                    Group::Team => "team_id::text",
                    Group::Staff => "staff_id::text",
                    Group::Week => "period::text",
                    Group::TeamWeek => "team_id::text || '/' || period::text",
                    Group::None | Group::Tag => "''",
                };
                q.push(format!(
                    "SELECT {key} AS k, measure, bucket, n, total FROM report_histogram WHERE library_id = "
                ));
                q.push_bind(library).push(" AND level = ").push_bind(plan.level);
                q.push(format!(" AND grain = '{grain}' AND measure = ANY("));
                q.push_bind(measures(filter.business_hours).to_vec());
                q.push(") AND period >= ").push_bind(from).push(" AND period < ").push_bind(to);
                if let Some(c) = &filter.channel {
                    q.push(" AND channel = ").push_bind(c.clone());
                }
                if let Some(t) = filter.team {
                    q.push(" AND team_id = ").push_bind(t);
                }
                if let Some(s) = filter.staff {
                    q.push(" AND staff_id = ").push_bind(s);
                }
            }
            Piece::Days { from, to } | Piece::Without { from, to } => {
                let sign = if matches!(piece, Piece::Without { .. }) { -1 } else { 1 };
                let (from, to) = Period { from, to }.instants(tz);
                for measure in measures(filter.business_hours) {
                    if !std::mem::take(&mut first) {
                        q.push(" UNION ALL ");
                    }
                    let (at, value, team, staff) = columns(measure);
                    let key = fact_key(filter.group, tz, at, team, staff);
                    let bucket = match measure {
                        REPLIES_TO_RESOLVE => format!("greatest(f.{value}, 0)::integer"),
                        _ => format!("report_bucket(greatest(f.{value}, 0))"),
                    };
                    q.push(format!(
                        "SELECT {key} AS k, {measure}::smallint, {bucket}, {sign}::bigint, {sign} * greatest(f.{value}, 0)::bigint
                           FROM conversation_fact f WHERE f.library_id = "
                    ));
                    q.push_bind(library);
                    q.push(format!(" AND f.{value} IS NOT NULL AND f.{at} >= ")).push_bind(from);
                    q.push(format!(" AND f.{at} < ")).push_bind(to);
                    fact_filters(&mut q, filter, team, staff);
                }
            }
        }
    }
    q.push(") AS piece(k, measure, bucket, n, total) GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3");
    q
}

/// A fact's group key, as the histogram rows key theirs.
fn fact_key(group: Group, tz: Tz, at: &str, team: &str, staff: &str) -> String {
    match group {
        Group::Channel => "f.channel".to_owned(),
        Group::Team => format!("coalesce(f.{team}, 0)::text"),
        Group::Staff => format!("coalesce(f.{staff}, 0)::text"),
        Group::Week => week_key(tz, at),
        Group::TeamWeek => format!("coalesce(f.{team}, 0)::text || '/' || {}", week_key(tz, at)),
        Group::Tag => "t.tag".to_owned(),
        Group::None => "''".to_owned(),
    }
}

/// The Monday of a fact's week (library time), as text.
fn week_key(tz: Tz, at: &str) -> String {
    format!("date_trunc('week', (f.{at} AT TIME ZONE '{}'))::date::text", tz.name())
}

fn fact_filters(q: &mut QueryBuilder<'_, Postgres>, filter: &Filter, team: &str, staff: &str) {
    if let Some(c) = &filter.channel {
        q.push(" AND f.channel = ").push_bind(c.clone());
    }
    if let Some(t) = filter.team {
        q.push(format!(" AND coalesce(f.{team}, 0) = ")).push_bind(t);
    }
    if let Some(s) = filter.staff {
        q.push(format!(" AND coalesce(f.{staff}, 0) = ")).push_bind(s);
    }
}

/// Exact figures from the facts (percentile_cont), for small periods and for tags.
async fn exact(db: &PgPool, library: LibraryId, tz: Tz, period: &Period, filter: &Filter) -> sqlx::Result<Table> {
    let (from, to) = period.instants(tz);
    let mut table = Table::new();
    for measure in measures(filter.business_hours) {
        let (at, value, team, staff) = columns(measure);
        let key = fact_key(filter.group, tz, at, team, staff);
        let mut q: QueryBuilder<Postgres> = QueryBuilder::new(format!(
            "SELECT {key}, count(*), avg(f.{value})::float8,
                    percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY f.{value})
               FROM conversation_fact f"
        ));
        if filter.group == Group::Tag {
            q.push(" JOIN conversation c ON c.library_id = f.library_id AND c.id = f.conversation_id, unnest(c.tags) AS t(tag)");
        }
        q.push(" WHERE f.library_id = ").push_bind(library);
        q.push(format!(" AND f.{value} IS NOT NULL AND f.{at} >= ")).push_bind(from);
        q.push(format!(" AND f.{at} < ")).push_bind(to);
        fact_filters(&mut q, filter, team, staff);
        q.push(" GROUP BY 1");
        let rows: Vec<(String, i64, Option<f64>, Vec<f64>)> = q.build_query_as().fetch_all(db).await?;
        for (k, count, mean, p) in rows {
            *slot(table.entry(k).or_default(), measure) =
                Stats::rounded(count, mean, [p.first().copied(), p.get(1).copied(), p.get(2).copied()]);
        }
    }
    Ok(table)
}

/// Monday of the week of `day` (weekly trends key their rows by it).
pub fn week_of(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    day - chrono::Duration::days(day.weekday().num_days_from_monday() as i64)
}
