//! Where the time went: CPU of this process, of Postgres and of everything else (from
//! /proc), and Postgres' own commit and WAL counters.

use sqlx::PgPool;
use std::time::{Duration, Instant};

/// Clock ticks per second in /proc (USER_HZ is 100 on every Linux build that matters).
const TICKS: f64 = 100.0;

/// CPU time so far: this process, the Postgres backends serving `db`, the rest of
/// Postgres (background writers, other databases, and — through the postmaster's
/// children totals — backends that have exited), and the whole machine.
#[derive(Clone, Copy, Default)]
pub struct Cpu {
    at: Option<Instant>,
    bench: u64,
    pg_ours: u64,
    pg_other: u64,
    machine_busy: u64,
    machine_iowait: u64,
}

/// The difference of two [`Cpu`] samples, in CPU-seconds.
#[derive(Clone, Copy, Default)]
pub struct CpuSplit {
    pub wall: f64,
    pub bench: f64,
    pub pg_ours: f64,
    pub pg_other: f64,
    pub machine_busy: f64,
    pub machine_iowait: f64,
}

impl Cpu {
    pub fn sample(db: &str) -> Cpu {
        let mut cpu = Cpu { at: Some(Instant::now()), ..Cpu::default() };
        let me = std::process::id();
        let tag = format!(" {db} ");
        if let Ok(dir) = std::fs::read_dir("/proc") {
            for entry in dir.flatten() {
                let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
                let Some(stat) = proc_stat(pid) else { continue };
                if pid == me {
                    cpu.bench = stat.own;
                } else if stat.comm == "postgres" {
                    let title = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
                    let title = String::from_utf8_lossy(&title);
                    if title.contains(&tag) {
                        cpu.pg_ours += stat.own;
                    } else {
                        cpu.pg_other += stat.own + stat.children;
                    }
                }
            }
        }
        if let Ok(text) = std::fs::read_to_string("/proc/stat") {
            if let Some(line) = text.lines().find(|l| l.starts_with("cpu ")) {
                let v: Vec<u64> = line.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
                // user nice system idle iowait irq softirq steal
                if v.len() >= 8 {
                    cpu.machine_busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
                    cpu.machine_iowait = v[4];
                }
            }
        }
        cpu
    }

    /// CPU from this sample until now.
    pub fn since_now(self, db: &str) -> CpuSplit {
        Cpu::sample(db).since(self)
    }

    pub fn since(self, earlier: Cpu) -> CpuSplit {
        let s = |a: u64, b: u64| a.saturating_sub(b) as f64 / TICKS;
        CpuSplit {
            wall: match (self.at, earlier.at) {
                (Some(a), Some(b)) => a.duration_since(b).as_secs_f64(),
                _ => 0.0,
            },
            bench: s(self.bench, earlier.bench),
            pg_ours: s(self.pg_ours, earlier.pg_ours),
            pg_other: s(self.pg_other, earlier.pg_other),
            machine_busy: s(self.machine_busy, earlier.machine_busy),
            machine_iowait: s(self.machine_iowait, earlier.machine_iowait),
        }
    }
}

impl CpuSplit {
    pub fn add(&mut self, o: &CpuSplit) {
        self.wall += o.wall;
        self.bench += o.bench;
        self.pg_ours += o.pg_ours;
        self.pg_other += o.pg_other;
        self.machine_busy += o.machine_busy;
        self.machine_iowait += o.machine_iowait;
    }

    /// CPU-seconds of everything else on the machine (compilers, other tests).
    pub fn others(&self) -> f64 {
        (self.machine_busy - self.bench - self.pg_ours - self.pg_other).max(0.0)
    }

    /// "wall 2.1 s; CPU-seconds: bench process 0.5, postgres backends of this db 1.5, ...".
    pub fn describe(&self) -> String {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        format!(
            "wall {:.1} s; CPU-seconds: bench process {:.1}, postgres backends of this db {:.1}, \
             other postgres {:.1}, other processes {:.1}; whole machine {:.1} of {:.1} available, iowait {:.1}",
            self.wall,
            self.bench,
            self.pg_ours,
            self.pg_other,
            self.others(),
            self.machine_busy,
            self.wall * cores as f64,
            self.machine_iowait
        )
    }
}

struct ProcStat {
    comm: String,
    own: u64,
    children: u64,
}

fn proc_stat(pid: u32) -> Option<ProcStat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let comm = text[open + 1..close].to_owned();
    // Fields after the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    let f: Vec<&str> = text[close + 1..].split_whitespace().collect();
    let n = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
    Some(ProcStat { comm, own: n(11) + n(12), children: n(13) + n(14) })
}

/// Postgres' own counters for one database and the WAL, to reason about commits.
#[derive(Clone, Copy, Default)]
pub struct PgCounters {
    pub xact_commit: i64,
    pub xact_rollback: i64,
    pub deadlocks: i64,
    pub wal_records: i64,
    pub wal_bytes: i64,
    pub wal_write: i64,
    pub wal_sync: i64,
}

impl PgCounters {
    pub async fn sample(pool: &PgPool) -> anyhow::Result<PgCounters> {
        // Statistics are snapshotted per transaction; clear so each call sees fresh values.
        let mut conn = pool.acquire().await?;
        sqlx::query("SELECT pg_stat_clear_snapshot()").execute(&mut *conn).await?;
        let (xact_commit, xact_rollback, deadlocks): (i64, i64, i64) = sqlx::query_as(
            "SELECT xact_commit, xact_rollback, deadlocks FROM pg_stat_database WHERE datname = current_database()",
        )
        .fetch_one(&mut *conn)
        .await?;
        let (wal_records, wal_bytes, wal_write, wal_sync): (i64, i64, i64, i64) =
            sqlx::query_as("SELECT wal_records, wal_bytes::bigint, wal_write, wal_sync FROM pg_stat_wal")
                .fetch_one(&mut *conn)
                .await?;
        Ok(PgCounters { xact_commit, xact_rollback, deadlocks, wal_records, wal_bytes, wal_write, wal_sync })
    }

    pub fn add(&mut self, o: &PgCounters) {
        self.xact_commit += o.xact_commit;
        self.xact_rollback += o.xact_rollback;
        self.deadlocks += o.deadlocks;
        self.wal_records += o.wal_records;
        self.wal_bytes += o.wal_bytes;
        self.wal_write += o.wal_write;
        self.wal_sync += o.wal_sync;
    }

    pub fn since(self, e: PgCounters) -> PgCounters {
        PgCounters {
            xact_commit: self.xact_commit - e.xact_commit,
            xact_rollback: self.xact_rollback - e.xact_rollback,
            deadlocks: self.deadlocks - e.deadlocks,
            wal_records: self.wal_records - e.wal_records,
            wal_bytes: self.wal_bytes - e.wal_bytes,
            wal_write: self.wal_write - e.wal_write,
            wal_sync: self.wal_sync - e.wal_sync,
        }
    }
}

/// Counters taken before a run, to difference against after it.
pub struct Probe {
    db: String,
    cpu: Cpu,
    pg: PgCounters,
}

impl Probe {
    pub async fn start(db: &str, stats: &PgPool) -> anyhow::Result<Probe> {
        Ok(Probe { db: db.to_owned(), pg: PgCounters::sample(stats).await?, cpu: Cpu::sample(db) })
    }

    /// CPU since the start; call before the run's connections close, while their backends
    /// still count as this database's.
    pub fn cpu(&self) -> CpuSplit {
        Cpu::sample(&self.db).since(self.cpu)
    }

    /// Postgres' counters since the start; call after the run's connections closed (a
    /// backend flushes its statistics when it exits, and otherwise up to seconds later).
    pub async fn pg(&self, stats: &PgPool) -> anyhow::Result<PgCounters> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let others: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .fetch_one(stats)
            .await?;
            if others == 0 || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(PgCounters::sample(stats).await?.since(self.pg))
    }
}

/// What the backends of one database were doing, by pg_stat_activity sample.
#[derive(Default)]
pub struct WaitProfile {
    pub samples: std::collections::HashMap<String, u64>,
    /// Statements the sampler itself ran (each one a transaction in the database's counters).
    pub queries: u64,
}

impl WaitProfile {
    pub fn add(&mut self, o: WaitProfile) {
        for (what, n) in o.samples {
            *self.samples.entry(what).or_insert(0) += n;
        }
        self.queries += o.queries;
    }

    /// "running (CPU) 41%, LWLock:WALWrite 22%, ... (of 5123 backend samples)".
    pub fn describe(&self) -> String {
        let total: u64 = self.samples.values().sum();
        let mut seen: Vec<(&String, &u64)> = self.samples.iter().collect();
        seen.sort_by(|a, b| b.1.cmp(a.1));
        let parts: Vec<String> = seen
            .iter()
            .take(8)
            .map(|(what, n)| format!("{what} {:.0}%", **n as f64 * 100.0 / total.max(1) as f64))
            .collect();
        format!("{} (of {total} backend samples)", parts.join(", "))
    }
}

/// Samples what the backends of one database are doing (pg_stat_activity) every few
/// milliseconds until stopped: a poor man's wait-event profile.
pub struct WaitSampler {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<WaitProfile>>,
}

/// Never sample longer than this, whatever happens to the run.
const SAMPLER_LIMIT: Duration = Duration::from_secs(300);

impl WaitSampler {
    pub async fn start(url: &str) -> anyhow::Result<WaitSampler> {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(url).await?;
        let (stop, mut stopped) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(async move {
            let mut profile = WaitProfile::default();
            let started = Instant::now();
            while stopped.try_recv().is_err() && started.elapsed() < SAMPLER_LIMIT {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT CASE WHEN state = 'idle in transaction' THEN 'idle in transaction (client round trip)'
                                 WHEN wait_event IS NULL THEN 'running (CPU)'
                                 ELSE wait_event_type || ':' || wait_event END, count(*)
                       FROM pg_stat_activity
                      WHERE datname = current_database() AND pid <> pg_backend_pid()
                        AND state IN ('active', 'idle in transaction')
                      GROUP BY 1",
                )
                .fetch_all(&mut conn)
                .await?;
                profile.queries += 1;
                for (what, n) in rows {
                    *profile.samples.entry(what).or_insert(0) += n as u64;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            conn.close().await?;
            Ok(profile)
        });
        Ok(WaitSampler { stop, task })
    }

    pub async fn finish(self) -> anyhow::Result<WaitProfile> {
        let _ = self.stop.send(());
        self.task.await?
    }
}
