//! Ingest while reports run: the hub's group-commit ingest into the dataset database, alone
//! and beside report queries on the reports' own pool (as `refdesk serve` opens it:
//! `reports.max_connections`, statement timeout, read-only), in interleaved rounds of the
//! same run so the machine's other work weighs on every kind alike.
//!
//! The target is measured as managers use reports: [`PACED_PER_SEC`] requests a second on a
//! fixed schedule (a busy morning: 20 managers each refreshing every 10 s), cycling through
//! the three timed queries of this part (full history per channel, the last 30 days, a
//! year by team and week). It passes when ingest beside them is within the spread of the
//! rounds alone. For transparency the run also gives ingest beside one report loop running
//! back to back (a manager clicking without pause, more than any desk does), which on a
//! 2-core machine takes a core whatever a report costs.

use crate::common::{self, Report};
use crate::load::{drive, histogram};
use crate::probe::{Cpu, CpuSplit};
use channels::{Address, Channel, Inbound, ThreadHint, E164};
use refdesk::domain::LibraryId;
use refdesk::inbox::ingest::Ingest;
use refdesk::realtime::Realtime;
use refdesk::reports::period::Period;
use refdesk::reports::response_times::{self, Filter, Group};
use sqlx::PgPool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PART: &str = "5 reports";
/// Concurrent producers, as in the ingest part.
const CLIENTS: usize = 32;
/// Messages per measured run: about ten seconds alone, so a round holds some twenty paced
/// reports rather than the few of a three-second round.
const COUNT: u64 = 24_000;
/// Rounds of each kind, interleaved (five, so the rounds alone show the noise).
const ROUNDS: u64 = 5;
const WARMUP: u64 = 640;
const LIMIT: Duration = Duration::from_secs(120);
/// Report requests a second in the paced kind: 20 managers refreshing every 10 s.
const PACED_PER_SEC: f64 = 2.0;
/// How long the reports run on their own, paced, to measure their CPU.
const REPORTS_ONLY: Duration = Duration::from_secs(15);
/// The library the messages go to (made once in the dataset database, kept for later runs).
const SLUG: &str = "bench-reports-ingest";

/// What runs beside the ingest.
#[derive(Clone, Copy, PartialEq)]
enum Beside {
    Nothing,
    /// Requests on a fixed schedule, each on its own task (a slow one delays no other).
    Paced(f64),
    /// One loop of requests back to back.
    BackToBack,
}

/// A kind of run and what its rounds measured.
struct Kind {
    beside: Beside,
    rates: Vec<f64>,
    messages: u64,
    secs: f64,
    p99_ms: Vec<f64>,
    reports: u64,
    report_ms: hdrhistogram::Histogram<u64>,
    cpu: CpuSplit,
}

/// What the reports run against: the reports pool, the library and the periods.
#[derive(Clone)]
struct Reports {
    db: PgPool,
    library: LibraryId,
    periods: Vec<Period>,
}

impl Reports {
    /// Request `k` of the mix: full history per channel, the last 30 days per channel, a
    /// year by team and week, in turn. Returns how long it took.
    async fn run(&self, k: usize) -> anyhow::Result<Duration> {
        let period = self.periods[k % self.periods.len()];
        let group = if k % self.periods.len() == 2 { Group::TeamWeek } else { Group::Channel };
        let f = Filter { channel: None, team: None, staff: None, business_hours: false, group };
        let started = Instant::now();
        response_times::figures(&self.db, self.library, chrono_tz::Tz::UTC, &period, &f, 2_000).await?;
        Ok(started.elapsed())
    }
}

/// Report requests beside something else, until `stop`; their latencies (µs) go to `took`.
async fn beside(
    reports: Reports,
    how: Beside,
    stop: Arc<AtomicBool>,
    took: Arc<Mutex<hdrhistogram::Histogram<u64>>>,
) -> anyhow::Result<()> {
    let record = |d: Duration| {
        let _ = took.lock().expect("histogram lock").record(d.as_micros().max(1) as u64);
    };
    match how {
        Beside::Nothing => Ok(()),
        Beside::BackToBack => {
            let mut k = 0;
            while !stop.load(Ordering::Relaxed) {
                record(reports.run(k).await?);
                k += 1;
            }
            Ok(())
        }
        Beside::Paced(per_sec) => {
            let mut every = tokio::time::interval(Duration::from_secs_f64(1.0 / per_sec));
            let mut running = tokio::task::JoinSet::new();
            let mut k = 0;
            while !stop.load(Ordering::Relaxed) {
                every.tick().await;
                let reports = reports.clone();
                running.spawn(async move { reports.run(k).await });
                k += 1;
                while let Some(done) = running.try_join_next() {
                    record(done??);
                }
            }
            while let Some(done) = running.join_next().await {
                record(done??);
            }
            Ok(())
        }
    }
}

pub async fn run(db: &str, reports_library: LibraryId, periods: &[Period], report: &mut Report) -> anyhow::Result<()> {
    let url = common::url_for(db);
    let config = common::app_config(&url);
    let pool = refdesk::app::connect(&config).await?;
    let library = match refdesk::store::library::Library::find_by_slug(&pool, SLUG).await? {
        Some(l) => l.id,
        None => refdesk::store::library::Library::create(&pool, SLUG, SLUG).await?.id,
    };
    // A run's own provider ids and patrons: earlier runs left theirs in the database.
    let nonce = chrono::Utc::now().timestamp() as u64 % 1_000_000;
    let reports =
        Reports { db: refdesk::reports::pool::connect(&config)?, library: reports_library, periods: periods.to_vec() };
    let pool_size = config.reports.max_connections.max(1);
    let load_before = load_average();

    // The reports on their own at the paced rate: the CPU they take.
    let stop = Arc::new(AtomicBool::new(false));
    let took = Arc::new(Mutex::new(histogram()));
    let cpu = Cpu::sample(db);
    let paced = tokio::spawn(beside(reports.clone(), Beside::Paced(PACED_PER_SEC), stop.clone(), took.clone()));
    tokio::time::sleep(REPORTS_ONLY).await;
    stop.store(true, Ordering::Relaxed);
    paced.await??;
    let cpu = cpu.since_now(db);
    let done = took.lock().expect("histogram lock").len();
    report.info(
        PART,
        format!("reports alone at {PACED_PER_SEC}/s (full history, 30 days, team x week in turn), CPU"),
        format!(
            "{done} reports in {:.1} s: {:.2} cores ({:.0} ms Postgres + {:.0} ms bench per report); load {}",
            cpu.wall,
            (cpu.pg_ours + cpu.bench) / cpu.wall,
            cpu.pg_ours * 1000.0 / done.max(1) as f64,
            cpu.bench * 1000.0 / done.max(1) as f64,
            load_average()
        ),
    );

    let mut kinds: Vec<Kind> = [Beside::Nothing, Beside::Paced(PACED_PER_SEC), Beside::BackToBack]
        .into_iter()
        .map(|beside| Kind {
            beside,
            rates: vec![],
            messages: 0,
            secs: 0.0,
            p99_ms: vec![],
            reports: 0,
            report_ms: histogram(),
            cpu: CpuSplit::default(),
        })
        .collect();
    let mut sequence = 0u64;
    for round in 0..ROUNDS {
        for kind in kinds.iter_mut() {
            eprintln!("[reports] ingest round {}/{ROUNDS}: {}", round + 1, name(kind.beside));
            let ingest = Ingest::start(pool.clone(), Realtime::new(), config.ingest.writers, config.ingest.max_batch);
            let base = sequence;
            sequence += WARMUP + COUNT;
            let accept = move |offset: u64| {
                move |ing: Ingest, i: u64| async move {
                    let r = ing.accept(library, message(nonce, offset + i)).await;
                    (ing, r.map(|_| ()).map_err(anyhow::Error::from))
                }
            };
            let (warm, producers) = drive(vec![ingest; CLIENTS], WARMUP, LIMIT, accept(base)).await;
            warm.check("ingest warm-up")?;
            let stop = Arc::new(AtomicBool::new(false));
            let took = Arc::new(Mutex::new(histogram()));
            let cpu = Cpu::sample(db);
            let side = tokio::spawn(beside(reports.clone(), kind.beside, stop.clone(), took.clone()));
            let (load, producers) = drive(producers, COUNT, LIMIT, accept(base + WARMUP)).await;
            stop.store(true, Ordering::Relaxed);
            side.await??;
            kind.cpu.add(&cpu.since_now(db));
            drop(producers);
            load.check("ingest beside reports")?;
            kind.rates.push(load.done as f64 / load.elapsed.as_secs_f64());
            kind.messages += load.done;
            kind.secs += load.elapsed.as_secs_f64();
            kind.p99_ms.push(load.hist.value_at_quantile(0.99) as f64 / 1000.0);
            let took = took.lock().expect("histogram lock");
            kind.reports += took.len();
            kind.report_ms.add(&*took)?;
        }
    }
    reports.db.close().await;
    pool.close().await;

    let alone = &kinds[0];
    let alone_rate = alone.messages as f64 / alone.secs;
    let alone_low = alone.rates.iter().copied().fold(f64::INFINITY, f64::min);
    let alone_high = alone.rates.iter().copied().fold(0.0, f64::max);
    let mut lines = vec![];
    for kind in &kinds {
        let rate = kind.messages as f64 / kind.secs;
        let rounds = kind.rates.iter().map(|r| common::thousands(*r)).collect::<Vec<_>>().join(" / ");
        let p99 = kind.p99_ms.iter().map(|p| format!("{p:.0}")).collect::<Vec<_>>().join(" / ");
        let reports = match kind.beside {
            Beside::Nothing => String::new(),
            _ => format!(
                "; {} reports ({:.1}/s), report p50 {:.0} ms, p99 {:.0} ms",
                kind.reports,
                kind.reports as f64 / kind.secs,
                kind.report_ms.value_at_quantile(0.5) as f64 / 1000.0,
                kind.report_ms.value_at_quantile(0.99) as f64 / 1000.0
            ),
        };
        let figure = format!(
            "{} msgs/s pooled ({:.0}% of alone); rounds {rounds}; ingest p99 {p99} ms{reports}; \
             CPU of Postgres + bench {:.2} cores",
            common::thousands(rate),
            rate / alone_rate * 100.0,
            (kind.cpu.pg_ours + kind.cpu.bench) / kind.cpu.wall.max(1e-9)
        );
        let what =
            format!("ingest {} ({CLIENTS} producers, group commit, reports pool {pool_size})", name(kind.beside));
        match kind.beside {
            Beside::Nothing => report.info(PART, what, figure),
            // "Unchanged within noise": no lower than the slowest round alone.
            Beside::Paced(_) => report.check(
                PART,
                what,
                figure,
                format!("≥ slowest round alone ({})", common::thousands(alone_low)),
                rate >= alone_low,
            ),
            Beside::BackToBack => report.info(PART, what, figure),
        }
        lines.push(format!("{}: {}", name(kind.beside), common::thousands(rate)));
    }
    report.note(format!(
        "Ingest beside reports, {ROUNDS} interleaved rounds of {COUNT} messages per kind; rounds alone spread {} - {} \
         msgs/s; pooled {}; machine load {load_before} before, {} after.",
        common::thousands(alone_low),
        common::thousands(alone_high),
        lines.join(", "),
        load_average()
    ));
    Ok(())
}

fn name(beside: Beside) -> String {
    match beside {
        Beside::Nothing => "alone".into(),
        Beside::Paced(per_sec) => format!("beside reports at {per_sec}/s (a busy morning)"),
        Beside::BackToBack => "beside one report loop back to back".into(),
    }
}

/// The 1-minute load average (the machine is shared with other builds).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

/// Message `i` of a run: one in three from a new patron, the rest continuing an earlier
/// patron's conversation (as in the ingest part).
fn message(nonce: u64, i: u64) -> Inbound {
    let patron = if i.is_multiple_of(3) { i / 3 } else { (i * 2_654_435_761) % (i / 3).max(1) };
    let phone = format!("+1557{:07}", (nonce * 7_919 + patron) % 10_000_000);
    Inbound {
        channel: Channel::Sms,
        from: Address::Phone(E164::parse(&phone).expect("valid bench phone number")),
        display_name: None,
        provider_id: format!("SMbenchreports{nonce}x{i:010}"),
        subject: None,
        text: crate::ingest::text(i),
        sanitized_html: None,
        thread: ThreadHint::ContinueRecent { conversation: None, within: Duration::from_secs(72 * 3600) },
        received_at: chrono::Utc::now(),
        attachments: vec![],
    }
}
