//! Ingest while reports run: the hub's group-commit ingest into the dataset database, alone
//! and with report queries looping on the reports' own pool (as `refdesk serve` opens it:
//! `reports.max_connections`, statement timeout, read-only), in interleaved rounds of the
//! same run so the machine's other work weighs on every kind alike.
//!
//! The reports loop the three timed queries of this part (full history per channel, the
//! last 30 days, a year by team and week) back to back: a manager clicking through the
//! reports screen without pause, which is more than any desk does.

use crate::common::{self, Report};
use crate::load::drive;
use channels::{Address, Channel, Inbound, ThreadHint, E164};
use refdesk::domain::LibraryId;
use refdesk::inbox::ingest::Ingest;
use refdesk::realtime::Realtime;
use refdesk::reports::period::Period;
use refdesk::reports::response_times::{self, Filter, Group};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

const PART: &str = "5 reports";
/// Concurrent producers, as in the ingest part.
const CLIENTS: usize = 32;
/// Messages per measured run.
const COUNT: u64 = 8_000;
/// Rounds of each kind, interleaved.
const ROUNDS: u64 = 3;
const WARMUP: u64 = 640;
const LIMIT: Duration = Duration::from_secs(120);
/// The library the messages go to (made once in the dataset database, kept for later runs).
const SLUG: &str = "bench-reports-ingest";

/// A kind of run: how many report loops run beside the ingest.
struct Kind {
    loops: usize,
    rates: Vec<f64>,
    messages: u64,
    secs: f64,
    p99_ms: Vec<f64>,
    reports: u64,
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
    let reports_pool = refdesk::reports::pool::connect(&config)?;
    let pool_size = config.reports.max_connections.max(1) as usize;
    let mut kinds: Vec<Kind> = [0, 1, pool_size]
        .into_iter()
        .map(|loops| Kind { loops, rates: vec![], messages: 0, secs: 0.0, p99_ms: vec![], reports: 0 })
        .collect();
    let mut sequence = 0u64;
    for round in 0..ROUNDS {
        for kind in kinds.iter_mut() {
            eprintln!("[reports] ingest round {}/{ROUNDS} with {} report loops", round + 1, kind.loops);
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
            let done = Arc::new(AtomicU64::new(0));
            let mut loops = tokio::task::JoinSet::new();
            for n in 0..kind.loops {
                let (db, stop, done, periods) = (reports_pool.clone(), stop.clone(), done.clone(), periods.to_vec());
                loops.spawn(async move {
                    let mut k = n;
                    while !stop.load(Ordering::Relaxed) {
                        let period = periods[k % periods.len()];
                        let group = if k % periods.len() == 2 { Group::TeamWeek } else { Group::Channel };
                        let f = Filter { channel: None, team: None, staff: None, business_hours: false, group };
                        response_times::figures(&db, reports_library, chrono_tz::Tz::UTC, &period, &f, 2_000).await?;
                        done.fetch_add(1, Ordering::Relaxed);
                        k += 1;
                    }
                    anyhow::Ok(())
                });
            }
            let (load, producers) = drive(producers, COUNT, LIMIT, accept(base + WARMUP)).await;
            stop.store(true, Ordering::Relaxed);
            while let Some(r) = loops.join_next().await {
                r??;
            }
            drop(producers);
            load.check("ingest beside reports")?;
            kind.rates.push(load.done as f64 / load.elapsed.as_secs_f64());
            kind.messages += load.done;
            kind.secs += load.elapsed.as_secs_f64();
            kind.p99_ms.push(load.hist.value_at_quantile(0.99) as f64 / 1000.0);
            kind.reports += done.load(Ordering::Relaxed);
        }
    }
    reports_pool.close().await;
    pool.close().await;
    let alone = kinds[0].messages as f64 / kinds[0].secs;
    for kind in &kinds {
        let rate = kind.messages as f64 / kind.secs;
        let rounds = kind.rates.iter().map(|r| common::thousands(*r)).collect::<Vec<_>>().join(" / ");
        let p99 = kind.p99_ms.iter().map(|p| format!("{p:.0}")).collect::<Vec<_>>().join(" / ");
        let what = match kind.loops {
            0 => format!("ingest alone ({CLIENTS} producers, group commit, into the 1M-conversation database)"),
            n => format!("ingest with {n} report loop(s) on the reports pool ({pool_size} connections)"),
        };
        let reports = match kind.loops {
            0 => String::new(),
            _ => format!(", {} reports done ({:.1}/s)", kind.reports, kind.reports as f64 / kind.secs),
        };
        let figure = format!(
            "{} msgs/s pooled ({:.0}% of alone); rounds {rounds}; p99 {p99} ms{reports}",
            common::thousands(rate),
            rate / alone * 100.0
        );
        if kind.loops == 0 {
            report.info(PART, what, figure);
        } else {
            // "Unchanged within noise": within 10% of the rate alone, pooled over the rounds.
            report.check(PART, what, figure, "≥ 90% of alone", rate >= 0.9 * alone);
        }
    }
    Ok(())
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
