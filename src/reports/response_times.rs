//! First response, resolution and replies to resolve: count, mean and percentiles per
//! channel, team, staff member, week, team and week, or tag over any period of local days.
//!
//! Read from the histograms (whole years, months or weeks from their rows — one packed row per
//! ended period, bucket rows for the rest — the loose days at the ends from the facts — or,
//! when fewer, the month or week an end falls in without its days outside the period), so
//! the full history costs a few hundred rows; when the period
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

/// A row of the histogram read: key (text, id, day), measure, buckets in ascending order,
/// their counts, and the sum of the values.
type ReadRow = (String, i64, Option<NaiveDate>, i16, Vec<i32>, Vec<i64>, i64);

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
    let rows: Vec<ReadRow> = histogram_query(library, tz, filter, &plan, "").build_query_as().fetch_all(db).await?;
    // A (key, measure) comes from several rows (packed periods, the open periods' bucket
    // rows, loose days added or taken away): add their cells and totals up.
    let mut merged: BTreeMap<(String, i16), histogram::Cells> = BTreeMap::new();
    for (text, id, day, measure, buckets, counts, total) in rows {
        merged.entry((key_text(filter.group, text, id, day), measure)).or_default().add(&buckets, &counts, total);
    }
    let first = measures(filter.business_hours)[0];
    let sorted: Vec<((String, i16), histogram::Sorted)> = merged.into_iter().map(|(k, c)| (k, c.sorted())).collect();
    let first_responses: i64 = sorted.iter().filter(|((_, m), _)| *m == first).map(|(_, h)| h.count).sum();
    if first_responses <= exact_below {
        return Ok((exact(db, library, tz, period, filter).await?, true));
    }
    let mut table = Table::new();
    // A histogram whose counts were all taken away again (days outside the period) is no row.
    for ((key, measure), h) in sorted.into_iter().filter(|(_, h)| h.count > 0) {
        // Reply counts are stored as their own buckets: read them exactly.
        let value: fn(i32) -> f64 =
            if measure == REPLIES_TO_RESOLVE { |b| b as f64 } else { histogram::representative };
        let pct = |p| h.percentile(p, value);
        let mean = (h.count > 0).then(|| h.total as f64 / h.count as f64);
        *slot(table.entry(key).or_default(), measure) = Stats::rounded(h.count, mean, [pct(0.5), pct(0.9), pct(0.99)]);
    }
    Ok((table, false))
}

/// A group's key as the API shows it, from the key columns of the histogram read.
fn key_text(group: Group, text: String, id: i64, day: Option<NaiveDate>) -> String {
    let day = || day.map_or_else(String::new, |d| d.to_string());
    match group {
        Group::Channel | Group::Tag | Group::None => text,
        Group::Team | Group::Staff => id.to_string(),
        Group::Week => day(),
        Group::TeamWeek => format!("{id}/{}", day()),
    }
}

/// How a histogram read covers a period: the stored level and the pieces.
pub struct Plan {
    level: i16,
    pieces: Vec<Piece>,
}

/// None when the histograms cannot answer: tags (not a histogram dimension), a period with
/// no whole year, month or week in it (the facts are as cheap and exact), weeks at the
/// channel x team x staff level (kept by month only), or a level still being built.
async fn plan(db: &PgPool, library: LibraryId, tz: Tz, period: &Period, filter: &Filter) -> sqlx::Result<Option<Plan>> {
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

/// The histogram read, as [`ReadRow`]s: the packed rows of ended years/months/weeks as they
/// are (one row per histogram: a year by team and week is ~1,000 rows), and, added up per
/// key, measure and bucket, the bucket rows of periods not packed yet with the loose days'
/// facts bucketed on the fly the way the histograms bucket them — added, or taken away for
/// the days outside the period that a month or week row also counts. The hub adds the
/// arrays up (a key's pieces may be several rows) and reads the percentiles.
fn histogram_query<'a>(
    library: LibraryId,
    tz: Tz,
    filter: &'a Filter,
    plan: &Plan,
    prefix: &str,
) -> QueryBuilder<'a, Postgres> {
    let mut q: QueryBuilder<Postgres> =
        QueryBuilder::new(format!("{prefix}WITH loose(kt, ki, kd, measure, bucket, n, total) AS ("));
    let mut first = true;
    for piece in &plan.pieces {
        match *piece {
            Piece::Rows { .. } => {
                if !std::mem::take(&mut first) {
                    q.push(" UNION ALL ");
                }
                q.push(format!("SELECT {}, measure, bucket, n, total FROM report_histogram", row_key(filter.group)));
                rows_where(&mut q, library, filter, plan.level, piece);
            }
            Piece::Days { from, to } | Piece::Without { from, to } => {
                let sign = if matches!(piece, Piece::Without { .. }) { -1 } else { 1 };
                let (from, to) = Period { from, to }.instants(tz);
                for measure in measures(filter.business_hours) {
                    if !std::mem::take(&mut first) {
                        q.push(" UNION ALL ");
                    }
                    let (at, value, team, staff) = columns(measure);
                    let key = fact_key_columns(filter.group, tz, at, team, staff);
                    let bucket = match measure {
                        REPLIES_TO_RESOLVE => format!("greatest(f.{value}, 0)::integer"),
                        _ => format!("report_bucket(greatest(f.{value}, 0))"),
                    };
                    q.push(format!(
                        "SELECT {key}, {measure}::smallint, {bucket}, {sign}::bigint, {sign} * greatest(f.{value}, 0)::bigint
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
    q.push(
        "),
         cells AS (SELECT kt, ki, kd, measure, bucket, sum(n)::bigint AS n, sum(total)::bigint AS total
                     FROM loose GROUP BY kt, ki, kd, measure, bucket)
         SELECT kt, ki, kd, measure, array_agg(bucket ORDER BY bucket), array_agg(n ORDER BY bucket), sum(total)::bigint
           FROM cells GROUP BY kt, ki, kd, measure",
    );
    for piece in plan.pieces.iter().filter(|p| matches!(p, Piece::Rows { .. })) {
        q.push(format!(
            " UNION ALL SELECT {}, measure, buckets, counts::bigint[], total FROM report_histogram_packed",
            row_key(filter.group)
        ));
        rows_where(&mut q, library, filter, plan.level, piece);
    }
    q
}

/// A histogram row's key columns (text, id, day) for a grouping.
fn row_key(group: Group) -> &'static str {
    match group {
        Group::Channel => "channel, 0::bigint, NULL::date",
        Group::Team => "'', team_id, NULL::date",
        Group::Staff => "'', staff_id, NULL::date",
        Group::Week => "'', 0::bigint, period",
        Group::TeamWeek => "'', team_id, period",
        Group::None | Group::Tag => "'', 0::bigint, NULL::date",
    }
}

/// The WHERE clause of a `Rows` piece over either histogram table (one index range each:
/// library, level, grain, measure, periods).
fn rows_where(q: &mut QueryBuilder<'_, Postgres>, library: LibraryId, filter: &Filter, level: i16, piece: &Piece) {
    let Piece::Rows { grain, from, to } = *piece else { return };
    q.push(" WHERE library_id = ").push_bind(library).push(" AND level = ").push_bind(level);
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

/// A fact's key columns (text, id, day), as the histogram rows key theirs.
fn fact_key_columns(group: Group, tz: Tz, at: &str, team: &str, staff: &str) -> String {
    let week = || format!("date_trunc('week', (f.{at} AT TIME ZONE '{}'))::date", tz.name());
    match group {
        Group::Channel => "f.channel, 0::bigint, NULL::date".to_owned(),
        Group::Team => format!("'', coalesce(f.{team}, 0), NULL::date"),
        Group::Staff => format!("'', coalesce(f.{staff}, 0), NULL::date"),
        Group::Week => format!("'', 0::bigint, {}", week()),
        Group::TeamWeek => format!("'', coalesce(f.{team}, 0), {}", week()),
        Group::None | Group::Tag => "'', 0::bigint, NULL::date".to_owned(),
    }
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
