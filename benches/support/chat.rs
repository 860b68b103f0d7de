//! Part 5: web chat on the release `refdesk serve` binary — resident memory of 10,000 idle
//! patron sockets (each said hello and got its welcome), and the latency from a patron's
//! `send` to the frame on a staff console at 200 messages/s.
//!
//! Clients connect from 200 loopback addresses (127.1.x.y), as patrons behind many
//! addresses do; the hub's per-address connect limit (60 a minute) then never bites.
//! Each patron sends at most one message (the per-session limit is 20 a minute).
//!
//! Where the time goes: `REFDESK_BENCH_TRACE=<dir>` makes the hub log its stages (see
//! `console::traced`); `REFDESK_BENCH_CENSUS=1` with small `REFDESK_BENCH_CHAT_SOCKETS` /
//! `REFDESK_BENCH_CHAT_SENDERS` logs every statement of the bench database in Postgres's
//! log, to count round trips and commits per message.

use crate::common::{self, Report};
use crate::load::histogram;
use futures::{SinkExt, StreamExt};
use refdesk::domain::Role;
use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::process::Command;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

const PART: &str = "5 chat";
const PER_ADDRESS: usize = 50;
const CONNECTING_AT_ONCE: usize = 100;
const RATE_PER_SEC: u64 = 200;

/// Idle patron sockets (`REFDESK_BENCH_CHAT_SOCKETS`, default 10,000) and how many of them
/// send one message each (`REFDESK_BENCH_CHAT_SENDERS`, default 2,000). Smaller numbers
/// serve a round-trip census (see [`census`]).
fn sizes() -> (usize, usize) {
    let var = |name: &str, default: usize| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let sockets = var("REFDESK_BENCH_CHAT_SOCKETS", 10_000);
    (sockets, var("REFDESK_BENCH_CHAT_SENDERS", 2_000).min(sockets))
}

/// `REFDESK_BENCH_CENSUS=1`: Postgres logs every statement of the bench database
/// (`log_statement = all`, in the server's log), to count round trips and commits per
/// message; the latencies of such a run are not comparable.
fn census() -> bool {
    std::env::var("REFDESK_BENCH_CENSUS").is_ok()
}
const PASSWORD: &str = "bench staff password 1";

type Ws = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

pub async fn run(db: &str, report: &mut Report) -> anyhow::Result<()> {
    let name = format!("{db}_chat");
    common::recreate_database(&name).await?;
    let url = common::url_for(&name);
    let result = measure(&url, report).await;
    if std::env::var("REFDESK_BENCH_KEEP").is_err() {
        common::drop_database(&name).await?;
    }
    result
}

async fn seed(url: &str) -> anyhow::Result<()> {
    let pool = sqlx::PgPool::connect(url).await?;
    refdesk::app::migrate(&pool).await?;
    if census() {
        let db: String = sqlx::query_scalar("SELECT current_database()").fetch_one(&pool).await?;
        sqlx::query(&format!("ALTER DATABASE {db} SET log_statement = 'all'")).execute(&pool).await?;
        eprintln!("[chat] census: every statement of {db} goes to the Postgres log");
    }
    let lib = refdesk::store::library::Library::create(&pool, "bench", "Bench Library").await?;
    let hash = refdesk::auth::password::hash(PASSWORD.into()).await?;
    refdesk::store::staff::Staff::insert(&pool, lib.id, "staff@bench.example", "Bench Staff", Role::Staff, &hash)
        .await?;
    sqlx::query("INSERT INTO chat_settings (library_id, enabled, widget_secret) VALUES ($1, true, $2)")
        .bind(lib.id)
        .bind(vec![7u8; 32])
        .execute(&pool)
        .await?;
    pool.close().await;
    Ok(())
}

async fn measure(url: &str, report: &mut Report) -> anyhow::Result<()> {
    seed(url).await?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let origin = format!("http://127.0.0.1:{port}");
    let mut child = crate::console::traced(
        Command::new(crate::serve::binary())
            .env_clear()
            .env("DATABASE_URL", url)
            .env("REFDESK_LISTEN", format!("127.0.0.1:{port}"))
            .env("REFDESK_PUBLIC_URL", &origin)
            .arg("serve")
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
        "chat",
    )?
    .kill_on_drop(true)
    .spawn()?;
    let pid = child.id().expect("running child");
    wait_ready(&origin).await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let base_kb = crate::serve::vm_rss_kb(pid)?;

    // 10,000 patrons open the widget and idle.
    let (sockets_n, senders) = sizes();
    let started = Instant::now();
    let sockets = open_sockets(port, &origin, sockets_n).await?;
    let connect_time = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle_kb = crate::serve::vm_rss_kb(pid)?;
    let open: i64 = {
        let pool = sqlx::PgPool::connect(url).await?;
        let n = sqlx::query_scalar("SELECT count(*) FROM chat_session WHERE socket_open").fetch_one(&pool).await?;
        pool.close().await;
        n
    };
    eprintln!("[chat] sessions marked open: {open}");
    let extra_mb = (idle_kb.saturating_sub(base_kb)) as f64 / 1024.0;
    eprintln!("[chat] {sockets_n} sockets in {connect_time:?}; RSS {base_kb} kB -> {idle_kb} kB");
    report.check(
        PART,
        format!("{sockets_n} idle patron sockets (hello + welcome each): extra RSS of serve"),
        format!(
            "{extra_mb:.1} MB ({:.1} → {:.1} MB; {:.1} kB per socket; connected in {:.1} s)",
            base_kb as f64 / 1024.0,
            idle_kb as f64 / 1024.0,
            (idle_kb.saturating_sub(base_kb)) as f64 / sockets_n as f64,
            connect_time.as_secs_f64()
        ),
        "≤ 100 MB",
        extra_mb <= 100.0,
    );

    let load = crate::console::uptime();
    let latency = console_latency(port, &origin, sockets, senders).await?;
    let (received, hist) = latency;
    let p = |q: f64| hist.value_at_quantile(q) as f64 / 1000.0;
    eprintln!("[chat] {received}/{senders} console frames; p50 {:.1} ms p99 {:.1} ms", p(0.5), p(0.99));
    report.check(
        PART,
        format!("patron send → staff console frame, {RATE_PER_SEC} messages/s over {senders} patrons"),
        format!(
            "p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({received}/{senders} frames; load before: {load})",
            p(0.5),
            p(0.99),
            hist.max() as f64 / 1000.0
        ),
        "p99 < 50 ms",
        received == senders as u64 && p(0.99) < 50.0,
    );
    let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    let _ = tokio::time::timeout(Duration::from_secs(10), child.wait()).await;
    Ok(())
}

async fn wait_ready(origin: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(r) = reqwest::get(format!("{origin}/readyz")).await {
            if r.status() == 200 {
                return Ok(());
            }
        }
        anyhow::ensure!(Instant::now() < deadline, "refdesk serve not ready in 20 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The loopback address patron `i` connects from.
fn source(i: usize) -> Ipv4Addr {
    let k = i / PER_ADDRESS;
    Ipv4Addr::new(127, 1, (k / 250) as u8, (k % 250 + 1) as u8)
}

async fn open_one(i: usize, port: u16, origin: &str) -> anyhow::Result<Ws> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source(i).into(), 0))?;
    let stream = socket.connect(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let mut req = format!("ws://127.0.0.1:{port}/ws/chat?library=bench").into_client_request()?;
    req.headers_mut().insert("origin", origin.parse()?);
    let (mut ws, _) = tokio_tungstenite::client_async(req, stream).await?;
    ws.send(Message::Text(r#"{"type":"hello","v":1}"#.into())).await?;
    loop {
        match tokio::time::timeout(Duration::from_secs(30), ws.next()).await? {
            Some(Ok(Message::Text(t))) if t.contains("\"welcome\"") => return Ok(ws),
            Some(Ok(_)) => {}
            other => anyhow::bail!("socket {i} closed before its welcome: {other:?}"),
        }
    }
}

/// Sends a `ping` on every open socket: the hub closes a socket silent for 75 s.
async fn keep_alive(sockets: &mut [Option<Ws>]) -> anyhow::Result<()> {
    for ws in sockets.iter_mut().flatten() {
        ws.send(Message::Text(r#"{"type":"ping"}"#.into())).await?;
    }
    Ok(())
}

async fn open_sockets(port: u16, origin: &str, n: usize) -> anyhow::Result<Vec<Ws>> {
    let mut sockets: Vec<Option<Ws>> = (0..n).map(|_| None).collect();
    let mut pinged = Instant::now();
    for chunk in (0..n).collect::<Vec<_>>().chunks(CONNECTING_AT_ONCE) {
        if pinged.elapsed() > Duration::from_secs(20) {
            keep_alive(&mut sockets).await?;
            pinged = Instant::now();
        }
        let mut set = tokio::task::JoinSet::new();
        for &i in chunk {
            let origin = origin.to_owned();
            set.spawn(async move { (i, open_one(i, port, &origin).await) });
        }
        while let Some(joined) = set.join_next().await {
            let (i, ws) = joined?;
            sockets[i] = Some(ws?);
        }
    }
    Ok(sockets.into_iter().map(|s| s.expect("every socket opened")).collect())
}

/// A logged-in console socket: (cookie, csrf) from the login, then the upgrade.
async fn console(port: u16, origin: &str) -> anyhow::Result<Ws> {
    let r = reqwest::Client::new()
        .post(format!("{origin}/api/login"))
        .json(&serde_json::json!({"email": "staff@bench.example", "password": PASSWORD}))
        .send()
        .await?;
    anyhow::ensure!(r.status() == 200, "login failed: {}", r.status());
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .collect::<Vec<_>>()
        .join("; ");
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let mut req = format!("ws://127.0.0.1:{port}/ws/console").into_client_request()?;
    req.headers_mut().insert("origin", origin.parse()?);
    req.headers_mut().insert("cookie", cookie.parse()?);
    let (ws, _) = tokio_tungstenite::client_async(req, stream).await?;
    Ok(ws)
}

async fn console_latency(
    port: u16,
    origin: &str,
    mut sockets: Vec<Ws>,
    senders: usize,
) -> anyhow::Result<(u64, hdrhistogram::Histogram<u64>)> {
    let mut console = console(port, origin).await?;
    let sent: Arc<Mutex<HashMap<u64, Instant>>> = Arc::default();
    let reader = {
        let sent = sent.clone();
        tokio::spawn(async move {
            let mut hist = histogram();
            let mut received = 0u64;
            // (message number, µs): where in the run the slow ones were.
            let mut each: Vec<(u64, u64)> = Vec::with_capacity(senders);
            let deadline = Instant::now() + Duration::from_secs(60);
            while received < senders as u64 {
                let Ok(Some(Ok(msg))) = tokio::time::timeout_at(deadline.into(), console.next()).await else { break };
                let Message::Text(t) = msg else { continue };
                let Ok(v) = serde_json::from_str::<serde_json::Value>(&t) else { continue };
                let body = v["event"]["message"]["body"].as_str().unwrap_or("");
                let Some(n) = body.strip_prefix("bench message ").and_then(|n| n.parse::<u64>().ok()) else { continue };
                if let Some(at) = sent.lock().unwrap().remove(&n) {
                    let us = at.elapsed().as_micros() as u64;
                    hist.record(us).ok();
                    each.push((n, us));
                    received += 1;
                }
            }
            each.sort_by_key(|(_, us)| std::cmp::Reverse(*us));
            let slowest: Vec<String> =
                each.iter().take(10).map(|(n, us)| format!("#{n} {:.1} ms", *us as f64 / 1000.0)).collect();
            eprintln!("[chat] slowest frames (message number, latency): {}", slowest.join(", "));
            (received, hist)
        })
    };
    // Keep the idle ones alive past the hub's 75 s silence limit while this runs, and let
    // the hub answer them before the clock starts: 10,000 widgets ping every 25 s at random
    // moments (400 a second), never all in the same instant as the first messages.
    for ws in sockets.iter_mut() {
        ws.send(Message::Text(r#"{"type":"ping"}"#.into())).await?;
    }
    for ws in sockets.iter_mut() {
        loop {
            match tokio::time::timeout(Duration::from_secs(30), ws.next()).await? {
                Some(Ok(Message::Text(t))) if t.contains("\"pong\"") => break,
                Some(Ok(_)) => {}
                other => anyhow::bail!("a patron socket closed before its pong: {other:?}"),
            }
        }
    }
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / RATE_PER_SEC));
    for (n, ws) in sockets.iter_mut().take(senders).enumerate() {
        tick.tick().await;
        let frame = format!(r#"{{"type":"send","client_id":"b{n}","text":"bench message {n}"}}"#);
        sent.lock().unwrap().insert(n as u64, Instant::now());
        ws.send(Message::Text(frame.into())).await?;
    }
    let result = reader.await?;
    drop(sockets);
    Ok(result)
}
