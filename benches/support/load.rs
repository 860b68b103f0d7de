//! A bounded load driver: N clients sharing a count of operations and a time limit, with
//! each operation's latency in an HDR histogram.

use hdrhistogram::Histogram;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a bounded run of concurrent clients did.
pub struct Load {
    pub done: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    /// Latency of each successful operation, in microseconds.
    pub hist: Histogram<u64>,
}

/// Longest a single operation may take before it counts as an error.
const OP_TIMEOUT: Duration = Duration::from_secs(30);

pub fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 120_000_000, 3).expect("valid histogram bounds")
}

/// Runs one client per element of `states`, which together perform operations 0..`total`
/// (each client takes the next index), stopping early once `limit` has passed. Each
/// operation gets its client's state by value and hands it back, so a client can own a
/// connection without borrowing across an await. Returns the states for the next run (a
/// client whose operation timed out loses its state).
pub async fn drive<S, F, Fut>(states: Vec<S>, total: u64, limit: Duration, op: F) -> (Load, Vec<S>)
where
    S: Send + 'static,
    F: Fn(S, u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = (S, anyhow::Result<()>)> + Send + 'static,
{
    let next = Arc::new(AtomicU64::new(0));
    let op = Arc::new(op);
    let first_error = Arc::new(Mutex::new(None::<String>));
    let started = Instant::now();
    let mut clients = tokio::task::JoinSet::new();
    for mut state in states {
        let (next, op, first_error) = (next.clone(), op.clone(), first_error.clone());
        clients.spawn(async move {
            let mut hist = histogram();
            let mut errors = 0u64;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || started.elapsed() >= limit {
                    break;
                }
                let t = Instant::now();
                let result = match tokio::time::timeout(OP_TIMEOUT, op(state, i)).await {
                    Ok((s, r)) => {
                        state = s;
                        r
                    }
                    // The state went down with the future: this client is done.
                    Err(_) => {
                        errors += 1;
                        first_error
                            .lock()
                            .unwrap()
                            .get_or_insert_with(|| format!("operation timed out after {OP_TIMEOUT:?}"));
                        return (hist, errors, None);
                    }
                };
                match result {
                    Ok(()) => hist.record(t.elapsed().as_micros().max(1) as u64).expect("latency within bounds"),
                    Err(e) => {
                        errors += 1;
                        first_error.lock().unwrap().get_or_insert_with(|| format!("{e:#}"));
                    }
                }
            }
            (hist, errors, Some(state))
        });
    }
    let mut load = Load::empty();
    let mut states = Vec::new();
    while let Some(joined) = clients.join_next().await {
        let (hist, errors, state) = joined.expect("bench client panicked");
        load.hist.add(&hist).expect("compatible histograms");
        load.errors += errors;
        states.extend(state);
    }
    load.elapsed = started.elapsed();
    load.done = load.hist.len();
    load.first_error = first_error.lock().unwrap().take();
    (load, states)
}

impl Load {
    /// An empty result, to [`absorb`](Load::absorb) rounds into.
    pub fn empty() -> Load {
        Load { done: 0, errors: 0, first_error: None, elapsed: Duration::ZERO, hist: histogram() }
    }

    /// Pools another run into this one: counts and latencies add, and so do the times, so
    /// [`rate`](Load::rate) is the pooled rate.
    pub fn absorb(&mut self, other: Load) {
        self.done += other.done;
        self.errors += other.errors;
        self.elapsed += other.elapsed;
        self.hist.add(&other.hist).expect("compatible histograms");
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }

    pub fn rate(&self) -> f64 {
        self.done as f64 / self.elapsed.as_secs_f64()
    }

    pub fn p50_ms(&self) -> f64 {
        self.hist.value_at_quantile(0.50) as f64 / 1000.0
    }

    pub fn p99_ms(&self) -> f64 {
        self.hist.value_at_quantile(0.99) as f64 / 1000.0
    }

    pub fn max_ms(&self) -> f64 {
        self.hist.max() as f64 / 1000.0
    }

    /// "12,345/s, p50 1.23 ms, p99 4.56 ms (n=20000)".
    pub fn summary(&self, unit: &str) -> String {
        let mut s = format!(
            "{}{unit}/s; p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms (n={}",
            crate::common::thousands(self.rate()),
            self.p50_ms(),
            self.p99_ms(),
            self.max_ms(),
            self.done
        );
        if self.errors > 0 {
            s.push_str(&format!(", {} errors", self.errors));
        }
        s.push(')');
        s
    }

    /// Fails when anything went wrong: a benchmark of failing requests measures nothing.
    pub fn check(&self, what: &str) -> anyhow::Result<()> {
        match &self.first_error {
            Some(e) => {
                anyhow::bail!("{what}: {} of {} operations failed; first: {e}", self.errors, self.done + self.errors)
            }
            None => Ok(()),
        }
    }
}
