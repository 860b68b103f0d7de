//! Part 1: durable ingest throughput, beside the Postgres floor it is judged against.
//!
//! In a fresh database (`<name>_ingest`, dropped at the end, so figures do not depend on
//! earlier runs), with 32 concurrent clients, over the same count of messages:
//! - floor: bare single-row autocommit INSERTs, one connection per client;
//! - group commit: `Ingest::accept` as the hub runs it (the App's pool, writer count and
//!   batch size);
//! - naive: one transaction per message around `accept_inbound_batch` of that one message,
//!   one connection per client;
//! - ceiling: `accept_inbound_batch` with full batches from one client back to back — the
//!   cost of the SQL alone.
//!
//! The machine is shared (two cores, other builds and tests come and go), so the kinds run
//! interleaved for [`ROUNDS`] rounds and each figure pools its rounds; the per-round rates
//! are printed too. Each round connects afresh and disconnects at the end, because a
//! backend flushes its statistics (commits, WAL) when it exits.

use crate::common::{self, Report};
use crate::load::{drive, Load};
use crate::probe::{Cpu, CpuSplit, PgCounters, Probe, WaitProfile, WaitSampler};
use channels::{Address, Channel, Inbound, ThreadHint, E164};
use refdesk::domain::LibraryId;
use refdesk::inbox::ingest::{item_json, Ingest};
use refdesk::realtime::Realtime;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::future::Future;
use std::str::FromStr;
use std::time::Duration;

const PART: &str = "1 ingest";
/// Concurrent producers / clients in every run.
const CLIENTS: usize = 32;
/// Messages (or rows) per measured run.
const COUNT: u64 = 20_000;
/// Interleaved rounds of every kind of run.
const ROUNDS: u64 = 3;
/// Unmeasured operations before each run: connections open, caches and plans warm.
const WARMUP: u64 = 640;
/// No run takes longer than this, whatever the count.
const LIMIT: Duration = Duration::from_secs(120);
/// Messages per `accept_inbound_batch` call in the ceiling run.
const CEILING_BATCH: u64 = 64;
/// Batch sizes, and messages per size, of the batch-size sweep.
const SWEEP_SIZES: [u64; 4] = [1, 4, 16, 64];
const SWEEP_COUNT: u64 = 4_096;

/// One kind of run, pooled over its rounds.
struct Kind {
    name: &'static str,
    /// Messages (or rows) per operation.
    per_op: u64,
    load: Load,
    rates: Vec<f64>,
    cpu: CpuSplit,
    pg: PgCounters,
    waits: WaitProfile,
}

impl Kind {
    fn new(name: &'static str, per_op: u64) -> Kind {
        Kind {
            name,
            per_op,
            load: Load::empty(),
            rates: vec![],
            cpu: CpuSplit::default(),
            pg: PgCounters::default(),
            waits: WaitProfile::default(),
        }
    }

    fn messages(&self) -> u64 {
        self.load.done * self.per_op
    }

    /// Messages (or rows) per second, pooled over the rounds.
    fn rate(&self) -> f64 {
        self.messages() as f64 / self.load.elapsed.as_secs_f64()
    }

    /// Postgres and bench CPU per message.
    fn cpu_per_message(&self) -> String {
        let n = self.messages().max(1) as f64;
        format!(
            "{:.0} µs postgres + {:.0} µs bench",
            (self.cpu.pg_ours + self.cpu.pg_other) * 1e6 / n,
            self.cpu.bench * 1e6 / n
        )
    }
}

/// What one measured run needs to know about the database.
struct Ctx {
    db: String,
    url: String,
    stats: PgPool,
}

impl Ctx {
    /// Runs `states` through `op` for `total` operations, measuring CPU, waits and (after
    /// `close` has disconnected the clients) Postgres' counters, and pools it into `kind`.
    async fn measure<S, F, Fut, C, CF>(
        &self,
        kind: &mut Kind,
        states: Vec<S>,
        total: u64,
        op: F,
        close: C,
    ) -> anyhow::Result<()>
    where
        S: Send + 'static,
        F: Fn(S, u64) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = (S, anyhow::Result<()>)> + Send + 'static,
        C: FnOnce(Vec<S>) -> CF,
        CF: Future<Output = ()>,
    {
        let probe = Probe::start(&self.db, &self.stats).await?;
        let sampler = WaitSampler::start(&self.url).await?;
        let (load, states) = drive(states, total, LIMIT, op).await;
        let cpu = probe.cpu();
        let waits = sampler.finish().await?;
        close(states).await;
        let mut pg = probe.pg(&self.stats).await?;
        // The sampler's own statements are not the workload's commits.
        pg.xact_commit -= waits.queries as i64;
        load.check(kind.name)?;
        kind.rates.push(load.done as f64 * kind.per_op as f64 / load.elapsed.as_secs_f64());
        kind.load.absorb(load);
        kind.cpu.add(&cpu);
        kind.pg.add(&pg);
        kind.waits.add(waits);
        Ok(())
    }
}

pub async fn run(db_name: &str, report: &mut Report) -> anyhow::Result<()> {
    let db = format!("{db_name}_ingest");
    eprintln!("[ingest] fresh database {db}");
    common::recreate_database(&db).await?;
    let url = common::url_for(&db);
    let config = common::app_config(&url);
    let stats = PgPoolOptions::new().max_connections(1).connect(&url).await?;
    sqlx::query(
        "CREATE TABLE bench_floor (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
    )
    .execute(&stats)
    .await?;
    let group_library = create_library(&stats, "ingest-group").await?;
    let naive_library = create_library(&stats, "ingest-naive").await?;
    let ceiling_library = create_library(&stats, "ingest-ceiling").await?;
    let ctx = Ctx { db: db.clone(), url: url.clone(), stats: stats.clone() };

    let mut floor = Kind::new("bare INSERT", 1);
    let mut group = Kind::new("group commit", 1);
    let mut naive = Kind::new("naive", 1);
    let mut ceiling = Kind::new("ceiling", CEILING_BATCH);
    for round in 0..ROUNDS {
        // Every round stores new rows/messages: message numbers continue across rounds.
        let base = round * COUNT;
        eprintln!("[ingest] round {}/{ROUNDS}: {COUNT} each of floor, group commit, naive, ceiling", round + 1);

        // The floor: what Postgres on this machine commits when each commit is one row.
        let (warm, conns) = drive(connections(&url, CLIENTS).await?, WARMUP, LIMIT, floor_insert).await;
        warm.check("bare INSERT warm-up")?;
        ctx.measure(&mut floor, conns, COUNT, move |c, i| floor_insert(c, base + i), close).await?;

        // Ingest, wired as App::build_with wires it: the App's pool, writer count and batch.
        let pool = refdesk::app::connect(&config).await?;
        let ingest = Ingest::start(pool.clone(), Realtime::new(), config.ingest.writers, config.ingest.max_batch);
        let accept = move |run: &'static str, offset: u64| {
            move |ing: Ingest, i: u64| async move {
                let r = ing.accept(group_library, message(run, offset + i)).await;
                (ing, r.map(|_| ()).map_err(anyhow::Error::from))
            }
        };
        let (warm, producers) = drive(vec![ingest; CLIENTS], WARMUP, LIMIT, accept("warm", round * WARMUP)).await;
        warm.check("ingest warm-up")?;
        if round == 0 {
            // A live database has statistics; a fresh one gets them only when autovacuum
            // comes round, and until then every plan of accept_inbound_batch assumes empty tables
            // (measured: the first round at 156-286 msgs/s, the next ones at 1,200-1,800).
            // Analyse what the warm-up wrote, as autovacuum would in production (the SMS
            // part does the same).
            sqlx::query("ANALYZE").execute(&stats).await?;
        }
        let close_pool = move |producers: Vec<Ingest>| async move {
            drop(producers); // the writers stop once every handle is gone
            pool.close().await;
        };
        ctx.measure(&mut group, producers, COUNT, accept("run", base), close_pool).await?;

        // Naive: a transaction per message, to show what the group commit buys.
        let naive_op = move |run: &'static str, offset: u64| {
            move |c: PgConnection, i: u64| naive_accept(c, naive_library, run, offset + i)
        };
        let (warm, conns) =
            drive(connections(&url, CLIENTS).await?, WARMUP, LIMIT, naive_op("warm", round * WARMUP)).await;
        warm.check("naive warm-up")?;
        ctx.measure(&mut naive, conns, COUNT, naive_op("run", base), close).await?;

        // The ceiling of the SQL alone: full batches back to back, so neither waiting for
        // commits nor gathering a batch limits it — only the work per message.
        let batches = COUNT / CEILING_BATCH;
        let ceiling_op = move |run: &'static str, offset: u64| {
            move |c: PgConnection, j: u64| batch_accept(c, ceiling_library, run, CEILING_BATCH, offset + j)
        };
        let (warm, conns) = drive(
            connections(&url, 1).await?,
            WARMUP / CEILING_BATCH,
            LIMIT,
            ceiling_op("warm", round * WARMUP / CEILING_BATCH),
        )
        .await;
        warm.check("ceiling warm-up")?;
        ctx.measure(&mut ceiling, conns, batches, ceiling_op("run", round * batches), close).await?;
    }
    let conversations: i64 = sqlx::query_scalar("SELECT count(*) FROM conversation WHERE library_id = $1")
        .bind(group_library)
        .fetch_one(&stats)
        .await?;
    let batch_sizes = batch_sizes(&stats, group_library).await?;

    // What batch size does to the cost of a message: one backend, nothing else running.
    eprintln!("[ingest] batch-size sweep: {SWEEP_COUNT} messages per size from 1 client");
    let mut sweep = Vec::new();
    for size in SWEEP_SIZES {
        let library = create_library(&stats, &format!("ingest-sweep-{size}")).await?;
        let op = move |c: PgConnection, j: u64| batch_accept(c, library, "sweep", size, j);
        let cpu = Cpu::sample(&db);
        let (load, conns) = drive(connections(&url, 1).await?, SWEEP_COUNT / size, LIMIT, op).await;
        let cpu = cpu.since_now(&db);
        close(conns).await;
        load.check("batch-size sweep")?;
        let n = (load.done * size) as f64;
        sweep.push(format!(
            "{size} → {:.0} µs ({} msgs/s)",
            cpu.pg_ours * 1e6 / n,
            common::thousands(n / load.elapsed.as_secs_f64())
        ));
    }

    let of_floor = |k: &Kind| k.rate() / floor.rate() * 100.0;
    let summary = |k: &Kind, unit: &str| {
        let mut s = k.load.summary(unit);
        if k.per_op != 1 {
            // Latencies are per batch; the rate is per message.
            s = format!(
                "{} msgs/s; per batch of {}: {}",
                common::thousands(k.rate()),
                k.per_op,
                k.load.summary(" batches")
            );
        }
        s
    };
    report.info(
        PART,
        format!("Postgres floor: bare INSERT autocommit, {CLIENTS} clients"),
        summary(&floor, " commits"),
    );
    report.check(
        PART,
        format!(
            "`Ingest::accept` group commit ({} writers, max_batch {}), {CLIENTS} producers",
            config.ingest.writers, config.ingest.max_batch
        ),
        format!("{} = {:.0}% of floor", summary(&group, " msgs"), of_floor(&group)),
        "≥ 50% of floor rate",
        of_floor(&group) >= 50.0,
    );
    report.info(
        PART,
        format!("naive BEGIN; accept_inbound_batch(one message); COMMIT, {CLIENTS} clients"),
        format!("{} = {:.0}% of floor", summary(&naive, " msgs"), of_floor(&naive)),
    );
    report.info(PART, "group commit vs naive", format!("{:.2}× the naive rate", group.rate() / naive.rate()));
    report.info(
        PART,
        format!("ceiling: `accept_inbound_batch` of {CEILING_BATCH}, 1 client (one backend) back to back"),
        format!("{} = {:.0}% of floor", summary(&ceiling, ""), of_floor(&ceiling)),
    );
    let rounds = |k: &Kind| k.rates.iter().map(|r| common::thousands(*r)).collect::<Vec<_>>().join(" / ");
    report.info(
        PART,
        format!("rate in each of the {ROUNDS} rounds (floor; group; naive; ceiling)"),
        format!("{}; {}; {}; {}", rounds(&floor), rounds(&group), rounds(&naive), rounds(&ceiling)),
    );
    report.info(
        PART,
        "CPU per message (floor: per row)",
        format!(
            "floor {}; group commit {}; naive {}; ceiling {}",
            floor.cpu_per_message(),
            group.cpu_per_message(),
            naive.cpu_per_message(),
            ceiling.cpu_per_message()
        ),
    );
    report.info(PART, "postgres CPU per message by batch size (1 backend, batches back to back)", sweep.join("; "));
    report.note(format!(
        "Group-commit batch sizes in the measured rounds (messages per transaction, from the rows' xmin): {batch_sizes}."
    ));
    report.note(format!(
        "Ingest workload: {COUNT} distinct SMS messages per run and round (after {WARMUP} unmeasured), one in three \
         from a new patron, the rest from an earlier patron continuing their conversation; the group-commit runs \
         left {conversations} conversations. Database `{db}`, fresh, dropped afterwards (REFDESK_BENCH_KEEP=1 keeps it)."
    ));
    for k in [&floor, &group, &naive, &ceiling] {
        let (pg, n) = (&k.pg, k.messages());
        report.note(format!(
            "Ingest `{}`, {ROUNDS} rounds pooled: {n} rows/messages in {:.2} s; {} transactions committed in the \
             database ({:.2} per commit), {} rolled back, {} deadlocks; WAL (whole cluster): {} flushes, {:.1} MB, \
             {} records ({:.1} messages per flush). {}. Backends of this database, sampled every ~5 ms \
             (pg_stat_activity): {}.",
            k.name,
            k.load.elapsed.as_secs_f64(),
            pg.xact_commit,
            n as f64 / pg.xact_commit.max(1) as f64,
            pg.xact_rollback,
            pg.deadlocks,
            pg.wal_sync,
            pg.wal_bytes as f64 / 1e6,
            pg.wal_records,
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

/// "1: 812 tx (812 msgs), 2-3: ..., mean 4.6" — how many messages each transaction stored.
async fn batch_sizes(db: &PgPool, library: LibraryId) -> anyhow::Result<String> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "WITH per_tx AS (SELECT count(*) AS n FROM message
                          WHERE library_id = $1 AND provider_id LIKE 'SMbenchrun%' GROUP BY xmin::text)
         SELECT CASE WHEN n = 1 THEN 1 WHEN n <= 3 THEN 2 WHEN n <= 7 THEN 4 WHEN n <= 15 THEN 8
                     WHEN n <= 31 THEN 16 ELSE 32 END::bigint AS bucket, count(*), sum(n)::bigint
           FROM per_tx GROUP BY 1 ORDER BY 1",
    )
    .bind(library)
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

async fn close(conns: Vec<PgConnection>) {
    for c in conns {
        let _ = c.close().await;
    }
}

async fn create_library(db: &PgPool, slug: &str) -> anyhow::Result<LibraryId> {
    Ok(refdesk::store::library::Library::create(db, slug, slug).await?.id)
}

async fn connections(url: &str, n: usize) -> anyhow::Result<Vec<PgConnection>> {
    let options = PgConnectOptions::from_str(url)?.application_name("refdesk-bench");
    let mut conns = Vec::with_capacity(n);
    for _ in 0..n {
        conns.push(PgConnection::connect_with(&options).await?);
    }
    Ok(conns)
}

async fn floor_insert(mut conn: PgConnection, i: u64) -> (PgConnection, anyhow::Result<()>) {
    let r = sqlx::query("INSERT INTO bench_floor (body) VALUES ($1)").bind(text(i)).execute(&mut conn).await;
    (conn, r.map(|_| ()).map_err(Into::into))
}

/// What the hub did before group commit: one transaction per message.
async fn naive_accept(
    mut conn: PgConnection,
    library: LibraryId,
    run: &'static str,
    i: u64,
) -> (PgConnection, anyhow::Result<()>) {
    let item = item_json(library, &message(run, i));
    let r = async {
        let mut tx = conn.begin().await?;
        sqlx::query("SELECT * FROM accept_inbound_batch($1)")
            .bind(serde_json::Value::Array(vec![item]))
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        anyhow::Ok(())
    }
    .await;
    (conn, r)
}

/// Batch `j` of `size` messages (j*size..) in one `accept_inbound_batch`, items built as
/// src/inbox/ingest.rs builds them.
async fn batch_accept(
    mut conn: PgConnection,
    library: LibraryId,
    run: &'static str,
    size: u64,
    j: u64,
) -> (PgConnection, anyhow::Result<()>) {
    let items: Vec<Inbound> = (j * size..(j + 1) * size).map(|i| message(run, i)).collect();
    let items: Vec<serde_json::Value> = items.iter().map(|m| item_json(library, m)).collect();
    let r = async {
        let mut tx = conn.begin().await?;
        let rows = sqlx::query("SELECT * FROM accept_inbound_batch($1)")
            .bind(serde_json::Value::Array(items))
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        anyhow::ensure!(rows.len() as u64 == size, "expected {size} results, got {}", rows.len());
        anyhow::Ok(())
    }
    .await;
    (conn, r)
}

/// Message `i` of a run: distinct provider id; every third from a new patron, the others
/// from a patron who wrote before (so they continue that patron's conversation).
fn message(run: &str, i: u64) -> Inbound {
    let patron = if i.is_multiple_of(3) { i / 3 } else { mix(i) % (i / 3).max(1) };
    // A run's patrons are its own: +1 5xx then 7 digits, distinct per run.
    let prefix = if run == "warm" { 555 } else { 556 };
    let phone = format!("+1{prefix}{patron:07}");
    Inbound {
        channel: Channel::Sms,
        from: Address::Phone(E164::parse(&phone).expect("valid bench phone number")),
        display_name: None,
        provider_id: format!("SMbench{run}{i:010}"),
        subject: None,
        text: text(i),
        sanitized_html: None,
        thread: ThreadHint::ContinueRecent { conversation: None, within: Duration::from_secs(72 * 3600) },
        received_at: chrono::Utc::now(),
        attachments: vec![],
    }
}

/// A realistic patron text, different per `i` (shared with the SMS part).
pub(crate) fn text(i: u64) -> String {
    const TEXTS: [&str; 6] = [
        "Hi, can I renew my books online? My card number is on the back.",
        "Is the library open on Sunday afternoon?",
        "I'd like to place a hold on the new mystery novel please",
        "Do you have study rooms I can book for tomorrow morning?",
        "My card expired, what do I need to bring to renew it?",
        "Thanks! Picked up the book today.",
    ];
    format!("{} (#{i})", TEXTS[(mix(i) % TEXTS.len() as u64) as usize])
}

/// A cheap deterministic scramble (splitmix64's finaliser).
pub(crate) fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}
