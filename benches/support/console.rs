//! Part `console`: live event delivery to staff consoles on the release `refdesk serve`
//! binary, beside a bare axum broadcast server (the floor) measured in the same run.
//!
//! What is timed: an SMS patron message stored by ingest (the bench process is the writer,
//! as a second hub instance would be; the clock starts when `Ingest::accept` returns, i.e.
//! right after its COMMIT) until each console socket has received the `message_created`
//! frame. The path is the production one: the sequencer numbers the event and NOTIFYs,
//! every `serve` instance's listener reads and hydrates it, and its sockets get the frame.
//! The floor server timestamps a frame and hands it to a `tokio::sync::broadcast` that feeds
//! the same number of axum websockets; the same clients read it.
//!
//! Runs: 200 consoles at 100 events/s; 1,000 consoles at 10 events/s; two `serve`
//! instances on one database (consoles split between them); and the extra resident memory
//! of 1,000 idle console sockets. Every run checks delivered = consoles × events.

use crate::common::{self, Report};
use crate::load::histogram;
use axum::extract::ws::{Message as AxumMessage, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::routing::get;
use channels::{Address, Channel, Inbound, ThreadHint, E164};
use futures::StreamExt;
use hdrhistogram::Histogram;
use refdesk::domain::Role;
use refdesk::inbox::ingest::Ingest;
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

const PART: &str = "console";
const PASSWORD: &str = "bench staff password 1";
const IDLE_SOCKETS: usize = 1_000;
/// How long a run sends events.
const RUN_SECS: u64 = 10;
/// How long the clients wait for stragglers after the last event.
const DRAIN: Duration = Duration::from_secs(15);

type Ws = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

struct Run {
    name: &'static str,
    consoles: usize,
    rate: u64,
}

pub async fn run(db: &str, report: &mut Report) -> anyhow::Result<()> {
    let name = format!("{db}_console");
    common::recreate_database(&name).await?;
    let url = common::url_for(&name);
    let result = measure(&url, report).await;
    if std::env::var("REFDESK_BENCH_KEEP").is_err() {
        common::drop_database(&name).await?;
    }
    result
}

async fn seed(pool: &sqlx::PgPool) -> anyhow::Result<refdesk::domain::LibraryId> {
    refdesk::app::migrate(pool).await?;
    let lib = refdesk::store::library::Library::create(pool, "bench", "Bench Library").await?;
    let hash = refdesk::auth::password::hash(PASSWORD.into()).await?;
    refdesk::store::staff::Staff::insert(pool, lib.id, "staff@bench.example", "Bench Staff", Role::Staff, &hash)
        .await?;
    Ok(lib.id)
}

/// A running `refdesk serve` on its own port.
struct Serve {
    child: Child,
    pid: u32,
    port: u16,
    origin: String,
}

async fn serve(url: &str) -> anyhow::Result<Serve> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let origin = format!("http://127.0.0.1:{port}");
    let child = traced(
        Command::new(crate::serve::binary())
            .env_clear()
            .env("DATABASE_URL", url)
            .env("REFDESK_LISTEN", format!("127.0.0.1:{port}"))
            .env("REFDESK_PUBLIC_URL", &origin)
            .arg("serve")
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
        "console",
    )?
    .kill_on_drop(true)
    .spawn()?;
    let pid = child.id().expect("running child");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = reqwest::get(format!("{origin}/readyz")).await {
            if r.status() == 200 {
                break;
            }
        }
        anyhow::ensure!(Instant::now() < deadline, "refdesk serve not ready in 30 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(Serve { child, pid, port, origin })
}

/// `REFDESK_BENCH_TRACE=<dir>`: the hub logs each sequencer pass, each batch its listener
/// forwards (how old the newest event is by then) and each chat message's store and
/// numbering times — ids and durations only — to `<dir>/<name>-<n>.log`. Without it the
/// hub's output is discarded.
pub fn traced<'a>(cmd: &'a mut Command, name: &str) -> anyhow::Result<&'a mut Command> {
    static RUN: AtomicU64 = AtomicU64::new(0);
    let Ok(dir) = std::env::var("REFDESK_BENCH_TRACE") else { return Ok(cmd.stderr(Stdio::null())) };
    let path = std::path::Path::new(&dir).join(format!("{name}-{}.log", RUN.fetch_add(1, Ordering::Relaxed)));
    eprintln!("[{name}] hub trace: {}", path.display());
    let file = std::fs::File::create(path)?;
    let filter = "info,sqlx=warn,refdesk::realtime=debug,refdesk::chat=debug";
    // The hub logs to stdout.
    Ok(cmd.env("REFDESK_LOG", filter).stdout(file.try_clone()?).stderr(file))
}

/// The machine's load averages (`/proc/loadavg`), to print beside a latency.
pub fn uptime() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

impl Serve {
    async fn stop(mut self) {
        let _ = std::process::Command::new("kill").args(["-TERM", &self.pid.to_string()]).status();
        let _ = tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await;
    }
}

/// Logs in once; every console socket of the run uses that session (tabs of one librarian).
async fn login(s: &Serve) -> anyhow::Result<String> {
    let r = reqwest::Client::new()
        .post(format!("{}/api/login", s.origin))
        .json(&serde_json::json!({"email": "staff@bench.example", "password": PASSWORD}))
        .send()
        .await?;
    anyhow::ensure!(r.status() == 200, "login failed: {}", r.status());
    Ok(r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .collect::<Vec<_>>()
        .join("; "))
}

/// Opens `n` console sockets to `s` and waits for each one's `hello`.
async fn consoles(s: &Serve, cookie: &str, n: usize) -> anyhow::Result<Vec<Ws>> {
    let mut out = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(50) {
        let mut set = tokio::task::JoinSet::new();
        for _ in chunk {
            let (port, origin, cookie) = (s.port, s.origin.clone(), cookie.to_owned());
            set.spawn(async move {
                let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
                let mut req = format!("ws://127.0.0.1:{port}/ws/console").into_client_request()?;
                req.headers_mut().insert("origin", origin.parse()?);
                req.headers_mut().insert("cookie", cookie.parse()?);
                let (mut ws, _) = tokio_tungstenite::client_async(req, stream).await?;
                loop {
                    match tokio::time::timeout(Duration::from_secs(30), ws.next()).await? {
                        Some(Ok(Message::Text(t))) if t.contains("\"hello\"") => return anyhow::Ok(ws),
                        Some(Ok(_)) => {}
                        other => anyhow::bail!("console closed before its hello: {other:?}"),
                    }
                }
            });
        }
        while let Some(ws) = set.join_next().await {
            out.push(ws??);
        }
    }
    Ok(out)
}

/// When event `n` was committed (ns since `epoch`; 0: not yet).
struct Clock {
    epoch: Instant,
    sent: Vec<AtomicU64>,
}

impl Clock {
    fn new(events: usize) -> Arc<Clock> {
        Arc::new(Clock { epoch: Instant::now(), sent: (0..events).map(|_| AtomicU64::new(0)).collect() })
    }
    fn mark(&self, n: usize) {
        self.sent[n].store(self.epoch.elapsed().as_nanos().max(1) as u64, Ordering::Release);
    }
    /// Nanoseconds since the epoch.
    fn now(&self) -> u64 {
        self.epoch.elapsed().as_nanos() as u64
    }
    /// Microseconds from event `n`'s mark to `at` (ns since the epoch); None while event
    /// `n` is not marked yet (or unknown). A frame can beat its mark: the writer wakes the
    /// sequencer before it answers the `accept` call that marks.
    fn between(&self, n: usize, at: u64) -> Option<u64> {
        let mark = self.sent.get(n)?.load(Ordering::Acquire);
        (mark > 0).then(|| at.saturating_sub(mark) / 1000)
    }
}

/// One task per socket: records each wanted frame's latency until `expected` arrived or
/// the deadline. `number` finds the event number in a frame.
fn readers(
    sockets: Vec<Ws>,
    clock: Arc<Clock>,
    expected: usize,
    deadline: Arc<std::sync::Mutex<Option<Instant>>>,
    number: fn(&str) -> Option<usize>,
) -> tokio::task::JoinSet<Tally> {
    let mut set = tokio::task::JoinSet::new();
    for mut ws in sockets {
        let (clock, deadline) = (clock.clone(), deadline.clone());
        set.spawn(async move {
            let mut tally = Tally { got: 0, resyncs: 0, early: 0, hist: histogram() };
            let mut seen = vec![false; expected];
            // Frames that arrived before `accept` returned to the bench (not marked yet).
            let mut unmarked: Vec<(usize, u64)> = Vec::new();
            let record = |tally: &mut Tally, us: u64| {
                tally.hist.record(us.max(1)).ok();
                tally.got += 1;
            };
            while (tally.got as usize) < expected {
                unmarked.retain(|&(n, at)| match clock.between(n, at) {
                    Some(us) => {
                        tally.early += 1;
                        record(&mut tally, us);
                        false
                    }
                    None => true,
                });
                // Wakes at least every 200 ms to notice the deadline once the sender set it.
                let set = *deadline.lock().unwrap();
                let until = (Instant::now() + Duration::from_millis(200)).min(set.unwrap_or(Instant::now() + DRAIN));
                let msg = match tokio::time::timeout_at(until.into(), ws.next()).await {
                    Ok(Some(Ok(Message::Close(frame)))) => {
                        eprintln!("[console] a console socket was closed after {} frames: {frame:?}", tally.got);
                        break;
                    }
                    Ok(Some(Ok(msg))) => msg,
                    Ok(other) => {
                        eprintln!("[console] a console socket ended after {} frames: {other:?}", tally.got);
                        break;
                    }
                    Err(_) if set.is_some_and(|d| Instant::now() >= d) => break,
                    Err(_) => continue,
                };
                let at = clock.now();
                let Message::Text(t) = msg else { continue };
                if t.starts_with("{\"type\":\"resync\"") {
                    tally.resyncs += 1;
                }
                let Some(n) = number(&t) else { continue };
                if n >= expected || seen[n] {
                    continue;
                }
                seen[n] = true;
                match clock.between(n, at) {
                    Some(us) => record(&mut tally, us),
                    None => unmarked.push((n, at)),
                }
            }
            for (n, at) in unmarked {
                if let Some(us) = clock.between(n, at) {
                    tally.early += 1;
                    record(&mut tally, us);
                }
            }
            tally
        });
    }
    set
}

/// What one console socket received.
struct Tally {
    got: u64,
    /// `resync` frames: the hub told this console it fell behind (it would refetch).
    resyncs: u64,
    /// Frames that arrived before the bench's `accept` call returned (counted as 1 µs).
    early: u64,
    hist: Histogram<u64>,
}

async fn collect(mut set: tokio::task::JoinSet<Tally>) -> anyhow::Result<Tally> {
    let mut all = Tally { got: 0, resyncs: 0, early: 0, hist: histogram() };
    let mut each = Vec::new();
    while let Some(t) = set.join_next().await {
        let t = t?;
        all.got += t.got;
        all.resyncs += t.resyncs;
        all.early += t.early;
        each.push(t.got);
        all.hist.add(&t.hist)?;
    }
    let most = each.iter().copied().max().unwrap_or(0);
    let short: Vec<u64> = each.iter().copied().filter(|n| *n < most).collect();
    if !short.is_empty() {
        eprintln!(
            "[console] {} of {} sockets got fewer frames than the most any got ({most}): {short:?}",
            short.len(),
            each.len()
        );
    }
    Ok(all)
}

fn refdesk_number(t: &str) -> Option<usize> {
    let i = t.find("bench event ")?;
    let rest = &t[i + "bench event ".len()..];
    let end = rest.find(|c: char| !c.is_ascii_digit())?;
    rest[..end].parse().ok()
}

fn floor_number(t: &str) -> Option<usize> {
    t.strip_prefix("{\"floor\":")?.strip_suffix('}')?.parse().ok()
}

fn sms(n: usize, run: &str) -> Inbound {
    let phone = format!("+1557{:07}", n + run.len() * 100_000);
    Inbound {
        channel: Channel::Sms,
        from: Address::Phone(E164::parse(&phone).expect("valid bench phone number")),
        display_name: None,
        provider_id: format!("SMconsole{run}{n:08}"),
        subject: None,
        text: format!("bench event {n} for the console part"),
        sanitized_html: None,
        thread: ThreadHint::ContinueRecent { conversation: None, within: Duration::from_secs(72 * 3600) },
        received_at: chrono::Utc::now(),
        attachments: vec![],
    }
}

/// Drives `events` ingests at `rate` a second, marking each one's commit.
async fn drive_ingest(
    ingest: &Ingest,
    library: refdesk::domain::LibraryId,
    run: &str,
    clock: &Arc<Clock>,
    events: usize,
    rate: u64,
) -> anyhow::Result<()> {
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / rate));
    let mut pending = tokio::task::JoinSet::new();
    for n in 0..events {
        tick.tick().await;
        let (ingest, clock, inbound) = (ingest.clone(), clock.clone(), sms(n, run));
        pending.spawn(async move {
            ingest.accept(library, inbound).await?;
            clock.mark(n);
            anyhow::Ok(())
        });
    }
    while let Some(r) = pending.join_next().await {
        r??;
    }
    Ok(())
}

struct Measured {
    got: u64,
    resyncs: u64,
    early: u64,
    expected: u64,
    hist: Histogram<u64>,
}

impl Measured {
    fn p(&self, q: f64) -> f64 {
        self.hist.value_at_quantile(q) as f64 / 1000.0
    }
    fn summary(&self) -> String {
        format!(
            "p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; delivered {}/{}{}{}",
            self.p(0.5),
            self.p(0.99),
            self.hist.max() as f64 / 1000.0,
            self.got,
            self.expected,
            if self.resyncs > 0 {
                format!(" ({} resync frames: consoles told they fell behind)", self.resyncs)
            } else {
                String::new()
            },
            if self.early > 0 {
                format!(" ({} frames arrived before `accept` returned to the bench, counted as 1 µs)", self.early)
            } else {
                String::new()
            }
        )
    }
}

async fn refdesk_run(
    serves: &[&Serve],
    cookies: &[String],
    ingest: &Ingest,
    library: refdesk::domain::LibraryId,
    run: &Run,
) -> anyhow::Result<Measured> {
    let events = (run.rate * RUN_SECS) as usize;
    let mut sockets = Vec::new();
    for (i, s) in serves.iter().enumerate() {
        let share = run.consoles / serves.len() + usize::from(i < run.consoles % serves.len());
        sockets.extend(consoles(s, &cookies[i], share).await?);
    }
    let clock = Clock::new(events);
    let deadline = Arc::new(std::sync::Mutex::new(None));
    let set = readers(sockets, clock.clone(), events, deadline.clone(), refdesk_number);
    drive_ingest(ingest, library, run.name, &clock, events, run.rate).await?;
    *deadline.lock().unwrap() = Some(Instant::now() + DRAIN);
    let Tally { got, resyncs, early, hist } = collect(set).await?;
    Ok(Measured { got, resyncs, early, expected: (events * run.consoles) as u64, hist })
}

/// The floor: a bare axum server whose websockets forward a broadcast channel.
async fn floor_run(run: &Run) -> anyhow::Result<Measured> {
    let (tx, _) = broadcast::channel::<Utf8Bytes>(4096);
    let app = axum::Router::new().route("/ws", get(floor_upgrade)).with_state(tx.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let mut sockets = Vec::with_capacity(run.consoles);
    for _ in 0..run.consoles {
        let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        let (mut ws, _) = tokio_tungstenite::client_async(format!("ws://127.0.0.1:{port}/ws"), stream).await?;
        // The server says hello once it is subscribed.
        match tokio::time::timeout(Duration::from_secs(30), ws.next()).await? {
            Some(Ok(Message::Text(t))) if t.as_str() == "hello" => {}
            other => anyhow::bail!("floor socket without hello: {other:?}"),
        }
        sockets.push(ws);
    }
    let events = (run.rate * RUN_SECS) as usize;
    let clock = Clock::new(events);
    let deadline = Arc::new(std::sync::Mutex::new(None));
    let set = readers(sockets, clock.clone(), events, deadline.clone(), floor_number);
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / run.rate));
    for n in 0..events {
        tick.tick().await;
        clock.mark(n);
        let _ = tx.send(Utf8Bytes::from(format!("{{\"floor\":{n}}}")));
    }
    *deadline.lock().unwrap() = Some(Instant::now() + DRAIN);
    let Tally { got, resyncs, early, hist } = collect(set).await?;
    server.abort();
    Ok(Measured { got, resyncs, early, expected: (events * run.consoles) as u64, hist })
}

async fn floor_upgrade(
    State(tx): State<broadcast::Sender<Utf8Bytes>>,
    ws: WebSocketUpgrade,
) -> axum::response::Response {
    // The same buffer sizes as the console socket.
    ws.read_buffer_size(4 * 1024).write_buffer_size(4 * 1024).on_upgrade(move |socket| floor_socket(socket, tx))
}

async fn floor_socket(mut socket: WebSocket, tx: broadcast::Sender<Utf8Bytes>) {
    let mut rx = tx.subscribe();
    if socket.send(AxumMessage::Text(Utf8Bytes::from_static("hello"))).await.is_err() {
        return;
    }
    while let Ok(text) = rx.recv().await {
        if socket.send(AxumMessage::Text(text)).await.is_err() {
            return;
        }
    }
}

async fn measure(url: &str, report: &mut Report) -> anyhow::Result<()> {
    let pool = sqlx::PgPool::connect(url).await?;
    let library = seed(&pool).await?;
    // The bench process writes like a hub instance: its own ingest and sequencer.
    let realtime = refdesk::realtime::Realtime::new();
    let (stop, shutdown) = refdesk::shutdown::channel();
    let sequencer = tokio::spawn(realtime.clone().run_sequencer(pool.clone(), shutdown));
    let ingest = Ingest::start(pool.clone(), realtime.clone(), 2, 64);

    let a = serve(url).await?;
    let cookie_a = login(&a).await?;

    // Idle memory first, on a fresh instance.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let base_kb = crate::serve::vm_rss_kb(a.pid)?;
    let idle = consoles(&a, &cookie_a, IDLE_SOCKETS).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle_kb = crate::serve::vm_rss_kb(a.pid)?;
    let extra_mb = idle_kb.saturating_sub(base_kb) as f64 / 1024.0;
    eprintln!("[console] {IDLE_SOCKETS} idle consoles: RSS {base_kb} kB -> {idle_kb} kB");
    report.check(
        PART,
        format!("{IDLE_SOCKETS} idle console sockets (hello each): extra RSS of serve"),
        format!("{extra_mb:.1} MB ({:.1} kB per socket)", idle_kb.saturating_sub(base_kb) as f64 / IDLE_SOCKETS as f64),
        "< 15 MB",
        extra_mb < 15.0,
    );
    drop(idle);

    let runs = [
        (Run { name: "a", consoles: 200, rate: 100 }, 5.0, 1.0),
        (Run { name: "bb", consoles: 1_000, rate: 10 }, 0.0, 1.5),
    ];
    for (run, plus_ms, times) in runs {
        eprintln!("[console] load before the {}-console run: {}", run.consoles, uptime());
        let floor = floor_run(&run).await?;
        let hub = refdesk_run(&[&a], std::slice::from_ref(&cookie_a), &ingest, library, &run).await?;
        let target = floor.p(0.99) * times + plus_ms;
        eprintln!(
            "[console] {} consoles at {}/s: floor {}; refdesk {}",
            run.consoles,
            run.rate,
            floor.summary(),
            hub.summary()
        );
        report.info(
            PART,
            format!("floor: bare axum broadcast, {} sockets at {} events/s", run.consoles, run.rate),
            floor.summary(),
        );
        let want = if plus_ms > 0.0 {
            format!("p99 ≤ floor p99 + {plus_ms:.0} ms")
        } else {
            format!("p99 ≤ {times}× floor p99")
        };
        report.check(
            PART,
            format!("ingest COMMIT → console frame, {} consoles at {} events/s", run.consoles, run.rate),
            hub.summary(),
            format!("{want} = {target:.1} ms; all delivered"),
            hub.got == hub.expected && hub.p(0.99) <= target,
        );
    }

    // Two instances on one database: consoles on both, events reach both via NOTIFY.
    let b = serve(url).await?;
    let cookie_b = login(&b).await?;
    let run = Run { name: "ccc", consoles: 200, rate: 100 };
    let hub = refdesk_run(&[&a, &b], &[cookie_a.clone(), cookie_b], &ingest, library, &run).await?;
    eprintln!("[console] two instances: {}", hub.summary());
    report.check(
        PART,
        format!(
            "two serve instances on one database, {} consoles split between them, {} events/s: COMMIT → frame",
            run.consoles, run.rate
        ),
        hub.summary(),
        "p99 < 100 ms; all delivered",
        hub.got == hub.expected && hub.p(0.99) < 100.0,
    );

    a.stop().await;
    b.stop().await;
    stop.trigger();
    let _ = sequencer.await;
    drop(ingest);
    pool.close().await;
    Ok(())
}
