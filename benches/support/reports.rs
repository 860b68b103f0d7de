//! Part 5: manager reports over the full history of the generated library (the facts and
//! histograms the dataset carries, as the reply and resolve paths write them), beside the
//! brute-force `percentile_cont` over the conversations themselves.

#[path = "reports_ingest.rs"]
mod beside_ingest;

use crate::common::{self, Report};
use crate::dataset::{self, LIBRARY_SLUGS};
use crate::probe::{Cpu, CpuSplit};
use chrono::{Duration as Days, NaiveDate, Utc};
use refdesk::domain::{LibraryId, TeamId};
use refdesk::reports::period::Period;
use refdesk::reports::response_times::{self, Filter, Group};
use sqlx::PgPool;
use std::time::{Duration, Instant};

const PART: &str = "5 reports";
/// Timed runs per query (after one warm-up); the median and the worst are reported.
const RUNS: usize = 15;
/// The hub's default: exact percentiles only for periods this small.
const EXACT_BELOW: i64 = 2_000;

pub async fn run(db: &str, report: &mut Report) -> anyhow::Result<()> {
    let data = dataset::ensure(db).await?;
    report.info(
        PART,
        "dataset",
        format!(
            "{} conversations, {} messages",
            common::thousands(data.conversations as f64),
            common::thousands(data.messages as f64)
        ),
    );
    // The hub's own reports pool (its connections, statement timeout and settings).
    let pool = refdesk::reports::pool::connect(&common::app_config(&common::url_for(db)))?;
    let library: LibraryId =
        sqlx::query_scalar("SELECT id FROM library WHERE slug = $1").bind(LIBRARY_SLUGS[0]).fetch_one(&pool).await?;
    let (facts, rows, packed, by_grain): (i64, i64, i64, String) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM conversation_fact WHERE library_id = $1),
                (SELECT count(*) FROM report_histogram WHERE library_id = $1),
                (SELECT count(*) FROM report_histogram_packed WHERE library_id = $1),
                (SELECT string_agg(format('level %s/%s: %s', level, grain, n), ', ' ORDER BY level, grain)
                   FROM (SELECT level, grain, count(*) AS n FROM report_histogram_packed WHERE library_id = $1
                          GROUP BY 1, 2) g)",
    )
    .bind(library)
    .fetch_one(&pool)
    .await?;
    report.note(format!(
        "Reports run in library `{}`: {} conversation facts; histograms of ended periods packed into {} rows, one per \
         histogram ({by_grain}; levels: 0 channel x team x staff, 1 channel, 2 team, 3 staff, 4 library; grains \
         y/m/w), and {} bucket rows of the periods still open.",
        LIBRARY_SLUGS[0],
        common::thousands(facts as f64),
        common::thousands(packed as f64),
        common::thousands(rows as f64)
    ));
    let tz = chrono_tz::Tz::UTC;
    let today = Utc::now().date_naive();
    let tomorrow = today + Days::days(1);
    let first: NaiveDate = sqlx::query_scalar("SELECT min(created_at)::date FROM conversation WHERE library_id = $1")
        .bind(library)
        .fetch_one(&pool)
        .await?;
    let full = Period::new(first, tomorrow).expect("history");
    let month = Period::new(tomorrow - Days::days(30), tomorrow).expect("30 days");
    let year = Period::new(tomorrow - Days::days(365), tomorrow).expect("a year");
    let teams: Vec<TeamId> = sqlx::query_scalar("SELECT id FROM team WHERE library_id = $1 ORDER BY id")
        .bind(library)
        .fetch_all(&pool)
        .await?;

    let by_channel = Filter { channel: None, team: None, staff: None, business_hours: false, group: Group::Channel };
    let (figures, _) = response_times::figures(&pool, library, tz, &full, &by_channel, EXACT_BELOW).await?;
    let brute = brute_per_channel(&pool, library, None).await?;
    for (channel, f) in &figures {
        let b = brute.iter().find(|r| &r.0 == channel);
        report.note(format!(
            "Full history, {channel}: first response p50/p90/p99 {} / {} / {} s from histograms, {} from percentile_cont; \
             resolution p50/p90 {} / {} s.",
            show(f.first_response.p50),
            show(f.first_response.p90),
            show(f.first_response.p99),
            b.map_or("—".into(), |b| format!("{:.0} / {:.0} / {:.0} s", b.1, b.2, b.3)),
            show(f.resolution.p50),
            show(f.resolution.p90),
        ));
    }

    explain(&pool, library, tz, &full, &by_channel, "full history per channel", report).await?;
    let cpu = Cpu::sample(db);
    let (p50, worst) = time(|| async {
        response_times::figures(&pool, library, tz, &full, &by_channel, EXACT_BELOW).await.map(|_| ())
    })
    .await?;
    let cpu = per_run(cpu.since_now(db));
    report.check(
        PART,
        "full history, p50/p90/p99 per channel (first response + resolution), histograms",
        format!("median {}, worst {}; {cpu}", ms(p50), ms(worst)),
        "< 200 ms",
        p50 < Duration::from_millis(200),
    );
    let (b50, bworst) = time_n(3, || async { brute_per_channel(&pool, library, None).await.map(|_| ()) }).await?;
    report.info(
        PART,
        "same, brute-force percentile_cont over conversations",
        format!("median {}, worst {}", ms(b50), ms(bworst)),
    );

    let (p50, worst) = time(|| async {
        response_times::figures(&pool, library, tz, &month, &by_channel, EXACT_BELOW).await.map(|_| ())
    })
    .await?;
    report.check(
        PART,
        "last 30 days, per channel",
        format!("median {}, worst {}", ms(p50), ms(worst)),
        "< 30 ms",
        p50 < Duration::from_millis(30),
    );
    let since = Utc::now() - Days::days(30);
    let (b50, _) = time_n(3, || async { brute_per_channel(&pool, library, Some(since)).await.map(|_| ()) }).await?;
    report.info(PART, "same, brute force", format!("median {}", ms(b50)));

    let team_weeks = Filter { channel: None, team: None, staff: None, business_hours: false, group: Group::TeamWeek };
    explain(&pool, library, tz, &year, &team_weeks, "a year by team and week", report).await?;
    let (table, _) = response_times::figures(&pool, library, tz, &year, &team_weeks, EXACT_BELOW).await?;
    same_as_one_team_at_a_time(&pool, library, tz, &year, &teams, &table).await?;
    let cpu = Cpu::sample(db);
    let (p50, worst) = time(|| async {
        response_times::figures(&pool, library, tz, &year, &team_weeks, EXACT_BELOW).await.map(|_| ())
    })
    .await?;
    let cpu = per_run(cpu.since_now(db));
    report.check(
        PART,
        format!("a year by team and week ({} teams + none x 53 weeks, {} rows), one query", teams.len(), table.len()),
        format!("median {}, worst {}; {cpu}", ms(p50), ms(worst)),
        "< 500 ms",
        p50 < Duration::from_millis(500),
    );
    let (p50, worst) = time(|| async {
        for team in &teams {
            let f = Filter { channel: None, team: Some(*team), staff: None, business_hours: false, group: Group::Week };
            response_times::figures(&pool, library, tz, &year, &f, EXACT_BELOW).await?;
        }
        Ok(())
    })
    .await?;
    report.info(
        PART,
        "same, one query per team (the shape before)",
        format!("median {}, worst {}", ms(p50), ms(worst)),
    );
    let (b50, _) = time_n(3, || async { brute_team_week(&pool, library).await.map(|_| ()) }).await?;
    report.info(PART, "same, brute force", format!("median {}", ms(b50)));
    pool.close().await;
    beside_ingest::run(db, library, &[full, month, year], report).await
}

/// The team x week table holds, for every team, exactly what the one-team weekly report
/// gives (counts, means and percentiles).
async fn same_as_one_team_at_a_time(
    pool: &PgPool,
    library: LibraryId,
    tz: chrono_tz::Tz,
    year: &Period,
    teams: &[TeamId],
    table: &response_times::Table,
) -> anyhow::Result<()> {
    for team in teams {
        let f = Filter { channel: None, team: Some(*team), staff: None, business_hours: false, group: Group::Week };
        let (one, _) = response_times::figures(pool, library, tz, year, &f, EXACT_BELOW).await?;
        for (week, figures) in &one {
            let key = format!("{}/{week}", team.0);
            anyhow::ensure!(table.get(&key) == Some(figures), "team x week {key} differs from the team's own weeks");
        }
    }
    Ok(())
}

/// EXPLAIN (ANALYZE, BUFFERS) of the histogram read behind a figure: rows the scans
/// return, buffers touched and Postgres' own time, which do not depend on the machine's load.
async fn explain(
    pool: &PgPool,
    library: LibraryId,
    tz: chrono_tz::Tz,
    period: &Period,
    filter: &Filter,
    what: &str,
    report: &mut Report,
) -> anyhow::Result<()> {
    let Some(json) = response_times::explain(pool, library, tz, period, filter).await? else {
        report.info(PART, format!("{what}: rows read"), "computed from the facts (no whole grain in the period)");
        return Ok(());
    };
    let plan = &json[0];
    let (rows, scans) = scanned(&plan["Plan"]);
    let buffers = plan["Plan"]["Shared Hit Blocks"].as_f64().unwrap_or(0.0)
        + plan["Plan"]["Shared Read Blocks"].as_f64().unwrap_or(0.0);
    report.info(
        PART,
        format!("{what}: EXPLAIN (ANALYZE, BUFFERS)"),
        format!(
            "{} rows read by {scans} index scans, {} buffers, {:.1} ms in Postgres",
            common::thousands(rows),
            common::thousands(buffers),
            plan["Execution Time"].as_f64().unwrap_or(0.0)
        ),
    );
    Ok(())
}

/// (rows returned by every scan node, scan nodes) of a plan tree, loops included.
fn scanned(node: &serde_json::Value) -> (f64, usize) {
    let mut here = (0.0, 0);
    if node["Node Type"].as_str().is_some_and(|t| t.contains("Scan") && !t.contains("Subquery")) {
        let loops = node["Actual Loops"].as_f64().unwrap_or(1.0);
        let removed = node["Rows Removed by Filter"].as_f64().unwrap_or(0.0);
        here = ((node["Actual Rows"].as_f64().unwrap_or(0.0) + removed) * loops, 1);
    }
    for child in node["Plans"].as_array().into_iter().flatten() {
        let (r, n) = scanned(child);
        here = (here.0 + r, here.1 + n);
    }
    here
}

/// CPU per timed run (one warm-up and [`RUNS`] runs were sampled): what the wall time comes
/// down to on a machine with nothing else to do, since a report runs on one core.
fn per_run(cpu: CpuSplit) -> String {
    let runs = (RUNS + 1) as f64;
    format!(
        "CPU per report {:.0} ms Postgres + {:.0} ms bench (machine load {})",
        cpu.pg_ours * 1000.0 / runs,
        cpu.bench * 1000.0 / runs,
        load_average()
    )
}

/// The 1-minute load average (the machine is shared with other builds).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

fn show(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v:.0}"))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn time<F, Fut>(f: F) -> anyhow::Result<(Duration, Duration)>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = sqlx::Result<()>>,
{
    time_n(RUNS, f).await
}

/// One warm-up, then `n` timed runs: (median, worst).
async fn time_n<F, Fut>(n: usize, f: F) -> anyhow::Result<(Duration, Duration)>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = sqlx::Result<()>>,
{
    f().await?;
    let mut took = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f().await?;
        took.push(t.elapsed());
    }
    took.sort();
    Ok((took[n / 2], took[n - 1]))
}

/// (channel, first response p50, p90, p99) straight from the conversations.
async fn brute_per_channel(
    pool: &PgPool,
    library: LibraryId,
    since: Option<chrono::DateTime<Utc>>,
) -> sqlx::Result<Vec<(String, f64, f64, f64)>> {
    let rows: Vec<(String, Vec<f64>, Vec<Option<f64>>)> = sqlx::query_as(
        "SELECT channel,
                percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)),
                ARRAY[percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at)),
                      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))]
           FROM conversation
          WHERE library_id = $1 AND first_response_at IS NOT NULL AND ($2::timestamptz IS NULL OR first_response_at >= $2)
          GROUP BY channel",
    )
    .bind(library)
    .bind(since)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(c, p, _)| (c, p[0], p[1], p[2])).collect())
}

async fn brute_team_week(pool: &PgPool, library: LibraryId) -> sqlx::Result<i64> {
    let rows: Vec<(Option<i64>, Option<chrono::NaiveDateTime>, Vec<f64>)> = sqlx::query_as(
        "SELECT team_id, date_trunc('week', first_response_at AT TIME ZONE 'UTC'),
                percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at))
           FROM conversation
          WHERE library_id = $1 AND first_response_at >= now() - interval '365 days'
          GROUP BY 1, 2",
    )
    .bind(library)
    .fetch_all(pool)
    .await?;
    Ok(rows.len() as i64)
}
