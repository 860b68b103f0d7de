//! Part 4: signed inbound SMS webhooks through the real app, beside the Postgres floor
//! measured in the same run.
//!
//! In a fresh database (`<name>_sms`, dropped at the end), one library with an SMS account
//! (`SmsAccount::upsert`). Each round:
//! - floor: bare single-row autocommit INSERTs from [`CLIENTS`] connections (the same
//!   statement, table and texts as the ingest part's floor);
//! - webhooks: the app built with `App::build` (its webhook rate limit raised through the
//!   configuration), then [`count`] inbound texts, signed beforehand as the provider signs
//!   them (`X-Twilio-Signature` over the exact URL and every form parameter), posted by
//!   [`CLIENTS`] concurrent senders. The hub answers 200 only after the text's COMMIT.
//!
//! The senders run on a runtime of their own (one thread), so the bench process's CPU splits
//! into the hub's and the senders'. Afterwards the message table must hold exactly one
//! inbound message per request sent: nothing lost, nothing doubled.

use crate::common::{self, Report};
use crate::ingest::{mix, text};
use crate::load::{drive, Load};
use crate::probe::{CpuSplit, PgCounters, Probe, WaitProfile, WaitSampler};
use refdesk::domain::LibraryId;
use refdesk::store::sms::SmsAccount;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

const PART: &str = "4 sms";
/// Concurrent senders (and floor clients).
const CLIENTS: usize = 32;
/// Webhooks (and floor rows) per measured run; `REFDESK_BENCH_SMS_COUNT` sets another
/// (a small one for a statement census).
fn count() -> u64 {
    std::env::var("REFDESK_BENCH_SMS_COUNT").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000)
}

/// `REFDESK_BENCH_CENSUS=1`: Postgres logs every statement of the bench database
/// (`log_statement = all`, in the server's log), to count statements per webhook; the
/// rates of such a run are not comparable.
fn census() -> bool {
    std::env::var("REFDESK_BENCH_CENSUS").is_ok()
}

/// Interleaved rounds of floor and webhooks.
const ROUNDS: u64 = 3;
/// Unmeasured operations before each run: connections open, caches and plans warm.
const WARMUP: u64 = 640;
/// No run takes longer than this, whatever the count.
const LIMIT: Duration = Duration::from_secs(120);
/// The targets from the issue.
const TARGET_RATE: f64 = 2_000.0;
const TARGET_P99_MS: f64 = 50.0;
/// Webhooks the hub accepts per library per minute in the bench: far above what one app
/// instance receives here (WARMUP + count() within a minute), so the limiter never refuses.
const RATE_LIMIT_PER_MINUTE: u32 = 10_000_000;

const SLUG: &str = "bench-sms";
const ACCOUNT_SID: &str = "AC5b1e0c0ffee0123456789abcdef01234";
const AUTH_TOKEN: &str = "9f3c2a7d41e85b06c1d2e3f4a5b6c7d8";
const LIBRARY_NUMBER: &str = "+15035550100";
/// Sender runtime threads carry this name, so their CPU can be told from the hub's.
const SENDER_THREAD: &str = "sms-sender";
/// MessageSid tags (the 8 hex digits after "SM"): measured runs and warm-ups.
const RUN_TAG: u32 = 0xb5e0_0001;
const WARM_TAG: u32 = 0xb5e0_0000;

/// One kind of run, pooled over its rounds.
struct Kind {
    load: Load,
    rates: Vec<f64>,
    cpu: CpuSplit,
    /// CPU-seconds of the sender threads (part of `cpu.bench`).
    senders: f64,
    pg: PgCounters,
    waits: WaitProfile,
}

impl Kind {
    fn new() -> Kind {
        Kind {
            load: Load::empty(),
            rates: vec![],
            cpu: CpuSplit::default(),
            senders: 0.0,
            pg: PgCounters::default(),
            waits: WaitProfile::default(),
        }
    }

    fn absorb(&mut self, load: Load, cpu: &CpuSplit, senders: f64, pg: &PgCounters, waits: WaitProfile) {
        self.rates.push(load.rate());
        self.load.absorb(load);
        self.cpu.add(cpu);
        self.senders += senders;
        self.pg.add(pg);
        self.waits.add(waits);
    }
}

/// A request signed ahead of the run: the form body and its `X-Twilio-Signature`.
struct Signed {
    body: String,
    signature: String,
}

/// The runtime the senders run on, shut down without blocking when the part ends (a
/// runtime may not be dropped from async code).
struct Senders(Option<tokio::runtime::Runtime>);

impl Senders {
    fn start() -> anyhow::Result<Senders> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name(SENDER_THREAD)
            .enable_all()
            .build()?;
        Ok(Senders(Some(rt)))
    }

    fn handle(&self) -> &tokio::runtime::Handle {
        self.0.as_ref().expect("sender runtime runs until dropped").handle()
    }
}

impl Drop for Senders {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

pub async fn run(db_name: &str, report: &mut Report) -> anyhow::Result<()> {
    let db = format!("{db_name}_sms");
    eprintln!("[sms] fresh database {db}");
    common::recreate_database(&db).await?;
    let url = common::url_for(&db);
    let config = refdesk::Config::load_from(
        None,
        [
            ("DATABASE_URL".to_owned(), url.clone()),
            ("REFDESK_LISTEN".to_owned(), "127.0.0.1:0".to_owned()),
            ("REFDESK_WEBHOOKS__PER_LIBRARY_PER_MINUTE".to_owned(), RATE_LIMIT_PER_MINUTE.to_string()),
        ],
    )?;
    let stats = PgPoolOptions::new().max_connections(1).connect(&url).await?;
    if census() {
        sqlx::query(&format!("ALTER DATABASE {db} SET log_statement = 'all'")).execute(&stats).await?;
        eprintln!("[sms] census: every statement of {db} goes to the Postgres log");
    }
    let count = count();
    sqlx::query(
        "CREATE TABLE bench_floor (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
    )
    .execute(&stats)
    .await?;
    let library = refdesk::store::library::Library::create(&stats, SLUG, "Bench SMS Library").await?.id;
    SmsAccount::upsert(
        &stats,
        &SmsAccount {
            library_id: library,
            account_sid: ACCOUNT_SID.into(),
            auth_token: AUTH_TOKEN.into(),
            previous_auth_token: None,
            previous_valid_until: None,
            from_number: Some(LIBRARY_NUMBER.into()),
            messaging_service_sid: None,
            // Never called: no text in the workload asks for a reply or media.
            api_base_url: "http://127.0.0.1:9".into(),
            media_hosts: vec![],
            help_text: None,
        },
        chrono::Duration::zero(),
    )
    .await?;
    let senders = Senders::start()?;

    let mut floor = Kind::new();
    let mut hooks = Kind::new();
    let non_200 = Arc::new(AtomicU64::new(0));
    let mut first_failure = None;
    let mut sent = 0;
    let mut warm_ok = 0;
    for round in 0..ROUNDS {
        eprintln!("[sms] round {}/{ROUNDS}: {count} floor INSERTs, then {count} signed webhooks", round + 1);
        let base = round * count;

        // The floor: what Postgres on this machine commits when each commit is one row.
        let (warm, conns) = drive(connections(&url, CLIENTS).await?, WARMUP, LIMIT, floor_insert).await;
        warm.check("bare INSERT warm-up")?;
        let probe = Probe::start(&db, &stats).await?;
        let sampler = WaitSampler::start(&url).await?;
        let (load, conns) = drive(conns, count, LIMIT, move |c, i| floor_insert(c, base + i)).await;
        let cpu = probe.cpu();
        let waits = sampler.finish().await?;
        close(conns).await;
        let mut pg = probe.pg(&stats).await?;
        pg.xact_commit -= waits.queries as i64; // the sampler's statements are not the workload's
        load.check("bare INSERT")?;
        floor.absorb(load, &cpu, 0.0, &pg, waits);

        // The webhooks, through the real app on a port of its own.
        let app = refdesk::App::build(config.clone()).await?;
        let hook_url = format!("http://{}/webhooks/sms/{SLUG}", app.local_addr());
        let trigger = app.shutdown_trigger();
        let server = tokio::spawn(app.run_until_stopped());
        let measured = async {
            let clients = (0..CLIENTS).map(|_| reqwest::Client::builder().build()).collect::<Result<Vec<_>, _>>()?;
            let warm_requests = sign(&hook_url, WARM_TAG, round * WARMUP, WARMUP);
            let post = post_each(hook_url.clone(), warm_requests, non_200.clone());
            let (warm, clients) = senders.handle().spawn(drive(clients, WARMUP, LIMIT, post)).await?;
            warm.check("webhook warm-up")?;
            // A live database has statistics; a fresh one gets them only when autovacuum
            // comes round, and until then every plan assumes empty tables (measured: one
            // accept 584-941 µs before ANALYZE, 245-260 µs after). Analyse what the warm-up
            // wrote, as autovacuum would in production.
            let mut analyse = <sqlx::PgConnection as sqlx::Connection>::connect(&url).await?;
            sqlx::query("ANALYZE").execute(&mut analyse).await?;
            drop(analyse);
            let requests = sign(&hook_url, RUN_TAG, base, count);
            let post = post_each(hook_url.clone(), requests, non_200.clone());
            let probe = Probe::start(&db, &stats).await?;
            let sampler = WaitSampler::start(&url).await?;
            let sender_cpu = sender_cpu_seconds();
            let (load, clients) = senders.handle().spawn(drive(clients, count, LIMIT, post)).await?;
            let cpu = probe.cpu();
            let sender_cpu = sender_cpu_seconds() - sender_cpu;
            let waits = sampler.finish().await?;
            drop(clients);
            anyhow::Ok((warm.done, load, cpu, sender_cpu, waits, probe))
        }
        .await;
        trigger.trigger();
        match tokio::time::timeout(Duration::from_secs(15), server).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => eprintln!("[sms] the app stopped with an error: {e:#}"),
            Ok(Err(e)) => eprintln!("[sms] the app task failed: {e}"),
            Err(_) => eprintln!("[sms] the app did not stop within 15 s"),
        }
        let (warm_done, load, cpu, sender_cpu, waits, probe) = measured?;
        // After the app stopped: its backends have exited and flushed their statistics.
        let mut pg = probe.pg(&stats).await?;
        pg.xact_commit -= waits.queries as i64;
        warm_ok += warm_done;
        sent += load.done + load.errors;
        if first_failure.is_none() {
            first_failure.clone_from(&load.first_error);
        }
        eprintln!(
            "[sms] round {}: {} webhooks/s, p99 {:.1} ms, {} errors",
            round + 1,
            common::thousands(load.rate()),
            load.p99_ms(),
            load.errors
        );
        hooks.absorb(load, &cpu, sender_cpu, &pg, waits);
    }
    drop(senders);

    // Nothing lost, nothing doubled.
    let (stored, distinct): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(DISTINCT provider_id) FROM message
          WHERE library_id = $1 AND direction = 'in' AND channel = 'sms' AND provider_id LIKE $2",
    )
    .bind(library)
    .bind(format!("SM{RUN_TAG:08x}%"))
    .fetch_one(&stats)
    .await?;
    let (all_in, all_out, conversations): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM message WHERE library_id = $1 AND direction = 'in'),
                (SELECT count(*) FROM message WHERE library_id = $1 AND direction = 'out'),
                (SELECT count(*) FROM conversation WHERE library_id = $1)",
    )
    .bind(library)
    .fetch_one(&stats)
    .await?;
    let batch_sizes = batch_sizes(&stats, library).await?;

    let non_200 = non_200.load(Ordering::Relaxed);
    let answered = hooks.load.done;
    let planned = ROUNDS * count;
    let intact = non_200 == 0
        && hooks.load.errors == 0
        && sent == planned
        && stored as u64 == sent
        && distinct == stored
        && all_in as u64 == sent + warm_ok;
    let rate = hooks.load.rate();
    let ratio = rate / floor.load.rate();
    report.info(
        PART,
        format!("Postgres floor: bare INSERT autocommit, {CLIENTS} clients"),
        floor.load.summary(" commits"),
    );
    report.check(
        PART,
        format!("signed `POST /webhooks/sms/{{library}}` (200 after COMMIT), {CLIENTS} senders: rate"),
        format!("{} = {:.0}% of floor ({ratio:.2}×)", hooks.load.summary(" webhooks"), ratio * 100.0),
        format!("≥ {} webhooks/s", common::thousands(TARGET_RATE)),
        rate >= TARGET_RATE,
    );
    report.check(
        PART,
        format!("same: latency at {CLIENTS} senders"),
        format!(
            "p99 {:.2} ms (p50 {:.2} ms, max {:.1} ms)",
            hooks.load.p99_ms(),
            hooks.load.p50_ms(),
            hooks.load.max_ms()
        ),
        format!("p99 < {TARGET_P99_MS:.0} ms"),
        hooks.load.p99_ms() < TARGET_P99_MS,
    );
    report.check(
        PART,
        "same: answers, and the message table afterwards",
        format!(
            "{answered} × 200, {non_200} non-200, {} failed of {sent} sent ({planned} planned); {stored} inbound \
             messages stored under {distinct} distinct MessageSids",
            hooks.load.errors
        ),
        "0 non-200; stored = sent, no doubles",
        intact,
    );
    let rounds = |k: &Kind| k.rates.iter().map(|r| common::thousands(*r)).collect::<Vec<_>>().join(" / ");
    report.info(
        PART,
        format!("rate in each of the {ROUNDS} rounds (floor commits/s; webhooks/s)"),
        format!("{}; {}", rounds(&floor), rounds(&hooks)),
    );
    report.info(PART, "CPU per webhook (postgres, then the bench process: hub + senders)", per_webhook(&hooks));
    report.info(
        PART,
        "CPU per floor row",
        format!(
            "{:.0} µs postgres (this database's backends {:.0}) + {:.0} µs bench",
            (floor.cpu.pg_ours + floor.cpu.pg_other) * 1e6 / floor.load.done.max(1) as f64,
            floor.cpu.pg_ours * 1e6 / floor.load.done.max(1) as f64,
            floor.cpu.bench * 1e6 / floor.load.done.max(1) as f64
        ),
    );
    if let Some(e) = first_failure {
        report.note(format!("First failed webhook: {e}"));
    }
    report.note(format!(
        "SMS workload: {count} distinct inbound texts per round (after {WARMUP} unmeasured), each signed before the \
         run with `channels::sms::compute_signature` over the exact URL and the provider's full form (MessageSid, \
         AccountSid, From, To, Body, NumMedia=0, NumSegments, the From*/To* location fields...); one in three from a \
         new patron, the rest from an earlier one continuing their conversation; bodies are ordinary questions (no \
         keyword, no media, so no reply and no provider call). {CLIENTS} senders, each its own reqwest client with \
         a keep-alive connection, on a one-thread runtime of their own; the hub on the bench's main runtime, \
         rebuilt each round (`App::build`, default pool, ingest writers {} and max_batch {}, webhook limit raised \
         to {RATE_LIMIT_PER_MINUTE}/min; no log subscriber). Afterwards the library holds {all_in} inbound \
         messages (measured and warm-up), {all_out} outbound, {conversations} conversations. Database `{db}`, \
         fresh, dropped afterwards (REFDESK_BENCH_KEEP=1 keeps it).",
        config.ingest.writers, config.ingest.max_batch
    ));
    report.note(format!(
        "SMS webhook group commit (inbound messages per transaction, from the rows' xmin): {batch_sizes}."
    ));
    for (name, k) in [("bare INSERT", &floor), ("webhooks", &hooks)] {
        let (pg, n) = (&k.pg, k.load.done);
        report.note(format!(
            "SMS `{name}`, {ROUNDS} rounds pooled: {n} in {:.2} s; {} transactions committed in the database \
             ({:.2} per commit; the hub's background tasks included), {} rolled back; WAL (whole cluster): {} \
             flushes, {:.1} MB ({:.2} per flush). {}. Backends of this database, sampled every ~5 ms \
             (pg_stat_activity): {}.",
            k.load.elapsed.as_secs_f64(),
            pg.xact_commit,
            n as f64 / pg.xact_commit.max(1) as f64,
            pg.xact_rollback,
            pg.wal_sync,
            pg.wal_bytes as f64 / 1e6,
            n as f64 / pg.wal_sync.max(1) as f64,
            k.cpu.describe(),
            k.waits.describe()
        ));
    }
    stats.close().await;
    if std::env::var_os("REFDESK_BENCH_KEEP").is_none() {
        common::drop_database(&db).await?;
    }
    Ok(())
}

/// "310 µs postgres (this database's backends 250, other postgres processes 60) + 420 µs
/// bench process (hub 350, senders 70) ⇒ at most ~2,700/s on 2 cores; other processes took
/// 12% of the machine meanwhile". The other postgres processes are the WAL writer,
/// checkpointer and autovacuum, and on a shared machine other databases' backends too: this
/// database's share is the figure that does not depend on the machine's other work.
fn per_webhook(k: &Kind) -> String {
    let n = k.load.done.max(1) as f64;
    let pg = (k.cpu.pg_ours + k.cpu.pg_other) / n;
    let bench = k.cpu.bench / n;
    let senders = k.senders / n;
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64;
    format!(
        "{:.0} µs postgres (this database's backends {:.0}, other postgres processes {:.0}) + {:.0} µs bench \
         process (hub {:.0}, senders {:.0}) ⇒ at most ~{} webhooks/s on {cores} cores; other processes took \
         {:.0}% of the machine meanwhile",
        pg * 1e6,
        k.cpu.pg_ours / n * 1e6,
        k.cpu.pg_other / n * 1e6,
        bench * 1e6,
        (bench - senders).max(0.0) * 1e6,
        senders * 1e6,
        common::thousands(cores / (pg + bench)),
        k.cpu.others() / (k.cpu.wall * cores) * 100.0
    )
}

/// CPU-seconds so far of this process's sender threads.
fn sender_cpu_seconds() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0.0 };
    let mut ticks = 0u64;
    for task in tasks.flatten() {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else { continue };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        if !stat[open + 1..close].starts_with(SENDER_THREAD) {
            continue;
        }
        // After the name: state is field 3, utime 14, stime 15.
        let f: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        let n = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
        ticks += n(11) + n(12);
    }
    ticks as f64 / 100.0
}

/// "1: 812 tx (812 msgs), 2-3: ..., mean 4.6" — inbound texts per ingest transaction.
async fn batch_sizes(db: &PgPool, library: LibraryId) -> anyhow::Result<String> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "WITH per_tx AS (SELECT count(*) AS n FROM message
                          WHERE library_id = $1 AND direction = 'in' AND provider_id LIKE $2 GROUP BY xmin::text)
         SELECT CASE WHEN n = 1 THEN 1 WHEN n <= 3 THEN 2 WHEN n <= 7 THEN 4 WHEN n <= 15 THEN 8
                     WHEN n <= 31 THEN 16 ELSE 32 END::bigint AS bucket, count(*), sum(n)::bigint
           FROM per_tx GROUP BY 1 ORDER BY 1",
    )
    .bind(library)
    .bind(format!("SM{RUN_TAG:08x}%"))
    .fetch_all(db)
    .await?;
    let label = |b: i64| match b {
        1 => "1".to_owned(),
        32 => "32+".to_owned(),
        b => format!("{b}-{}", b * 2 - 1),
    };
    let (txs, msgs) = rows.iter().fold((0, 0), |(t, m), r| (t + r.1, m + r.2));
    let parts: Vec<String> = rows.iter().map(|(b, t, m)| format!("{}: {t} tx ({m} msgs)", label(*b))).collect();
    Ok(format!("{}; {txs} transactions, mean {:.2}", parts.join(", "), msgs as f64 / txs.max(1) as f64))
}

/// Requests `start..start + count` of a run, signed for `url` with the account's token.
/// Every third comes from a new patron, the others from a patron who wrote before.
fn sign(url: &str, tag: u32, start: u64, count: u64) -> Arc<Vec<Signed>> {
    // A run's patrons are its own: +1 555 (warm-up) or 556 (measured), then 7 digits.
    let prefix = if tag == WARM_TAG { 555 } else { 556 };
    let requests = (start..start + count)
        .map(|i| {
            let patron = if i.is_multiple_of(3) { i / 3 } else { mix(i) % (i / 3).max(1) };
            let from = format!("+1{prefix}{patron:07}");
            let sid = format!("SM{tag:08x}{i:024x}");
            let body = text(i);
            let params: Vec<(&str, &str)> = vec![
                ("ToCountry", "US"),
                ("ToState", "OR"),
                ("SmsMessageSid", &sid),
                ("NumMedia", "0"),
                ("ToCity", "PORTLAND"),
                ("FromZip", "97214"),
                ("SmsSid", &sid),
                ("FromState", "OR"),
                ("SmsStatus", "received"),
                ("FromCity", "PORTLAND"),
                ("Body", &body),
                ("FromCountry", "US"),
                ("To", LIBRARY_NUMBER),
                ("ToZip", "97205"),
                ("NumSegments", "1"),
                ("MessageSid", &sid),
                ("AccountSid", ACCOUNT_SID),
                ("From", &from),
                ("ApiVersion", "2010-04-01"),
            ];
            Signed {
                signature: channels::sms::compute_signature(AUTH_TOKEN.as_bytes(), url, &params),
                body: url::form_urlencoded::Serializer::new(String::new()).extend_pairs(&params).finish(),
            }
        })
        .collect();
    Arc::new(requests)
}

/// What [`post_each`] returns for one request: the client back, and how it went.
type Post = Pin<Box<dyn Future<Output = (reqwest::Client, anyhow::Result<()>)> + Send>>;

/// An operation that posts request `i` of `requests` and reads the whole answer; anything
/// but 200 is an error (and counted in `non_200`).
fn post_each(
    url: String,
    requests: Arc<Vec<Signed>>,
    non_200: Arc<AtomicU64>,
) -> impl Fn(reqwest::Client, u64) -> Post + Send + Sync + 'static {
    move |client, i| {
        let (url, requests, non_200) = (url.clone(), requests.clone(), non_200.clone());
        Box::pin(async move {
            let r = async {
                let signed = &requests[i as usize];
                let response = client
                    .post(&url)
                    .header(channels::sms::SIGNATURE_HEADER, &signed.signature)
                    .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(signed.body.clone())
                    .send()
                    .await?;
                let status = response.status();
                let answer = response.bytes().await?;
                if status != reqwest::StatusCode::OK {
                    non_200.fetch_add(1, Ordering::Relaxed);
                    anyhow::bail!("{status}: {}", String::from_utf8_lossy(&answer));
                }
                anyhow::Ok(())
            }
            .await;
            (client, r)
        })
    }
}

async fn close(conns: Vec<PgConnection>) {
    for c in conns {
        let _ = c.close().await;
    }
}

async fn connections(url: &str, n: usize) -> anyhow::Result<Vec<PgConnection>> {
    let options = PgConnectOptions::from_str(url)?.application_name("refdesk-bench");
    let mut conns = Vec::with_capacity(n);
    for _ in 0..n {
        conns.push(PgConnection::connect_with(&options).await?);
    }
    Ok(conns)
}

/// The ingest part's floor statement: one row, one autocommit.
async fn floor_insert(mut conn: PgConnection, i: u64) -> (PgConnection, anyhow::Result<()>) {
    let r = sqlx::query("INSERT INTO bench_floor (body) VALUES ($1)").bind(text(i)).execute(&mut conn).await;
    (conn, r.map(|_| ()).map_err(Into::into))
}
