//! Slow clients on the main listener are cut: headers that never finish, a body that
//! trickles, a websocket handshake (HTTP upgrade or the chat's `hello`) that never completes.
//! A real TCP client sends part of a request; the test reads until the server closes, with a
//! deadline far above the configured (short) timeouts, and checks the close came no sooner
//! than the timeout (so it was the timeout that fired).

use crate::chat::{enable_chat, open};
use crate::helpers::*;
use futures::StreamExt;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEADER_READ_MS: u64 = 400;
const REQUEST_MS: u64 = 600;
const HELLO_MS: u64 = 400;
/// Far beyond every timeout above: reaching it means the server never closed.
const DEADLINE: Duration = Duration::from_secs(10);

async fn slow_app() -> TestApp {
    spawn_app_with(|mut c| {
        c.http.header_read_timeout_ms = HEADER_READ_MS;
        c.http.request_timeout_ms = REQUEST_MS;
        c.http.chat_hello_timeout_ms = HELLO_MS;
        c
    })
    .await
}

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.addr.trim_start_matches("http://")).await.unwrap()
}

/// Reads until the server closes the connection (EOF or reset); returns what it sent and
/// how long after `since` it closed. Panics at [`DEADLINE`].
async fn read_until_closed(stream: &mut TcpStream, since: Instant) -> (String, Duration) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let read_all = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(DEADLINE, read_all).await.expect("the server never closed the slow connection");
    (String::from_utf8_lossy(&got).into_owned(), since.elapsed())
}

fn at_least(elapsed: Duration, ms: u64) {
    // A little under, for timer granularity.
    assert!(elapsed >= Duration::from_millis(ms * 9 / 10), "closed after {elapsed:?}, before the {ms} ms timeout");
}

#[tokio::test]
async fn a_request_whose_headers_never_finish_is_cut_after_the_header_timeout() {
    let app = slow_app().await;
    let mut stream = connect(&app).await;
    let start = Instant::now();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ").await.unwrap();
    let (_, elapsed) = read_until_closed(&mut stream, start).await;
    at_least(elapsed, HEADER_READ_MS);
}

#[tokio::test]
async fn a_connection_that_sends_nothing_or_almost_nothing_is_cut_too() {
    let app = slow_app().await;
    for first_bytes in [&b""[..], b"GET /"] {
        let mut stream = connect(&app).await;
        let start = Instant::now();
        stream.write_all(first_bytes).await.unwrap();
        let (_, elapsed) = read_until_closed(&mut stream, start).await;
        at_least(elapsed, HEADER_READ_MS);
    }
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_cut_after_the_header_timeout() {
    let app = slow_app().await;
    let mut stream = connect(&app).await;
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !String::from_utf8_lossy(&answer).contains("\r\n\r\n") {
        let n = tokio::time::timeout(DEADLINE, stream.read(&mut buf)).await.expect("an answer").unwrap();
        assert!(n > 0, "closed before answering");
        answer.extend_from_slice(&buf[..n]);
    }
    assert!(answer.starts_with(b"HTTP/1.1 200"));
    // The answer is in; the connection now waits for a next request that never comes.
    let start = Instant::now();
    let (_, elapsed) = read_until_closed(&mut stream, start).await;
    at_least(elapsed, HEADER_READ_MS);
}

#[tokio::test]
async fn headers_trickled_a_byte_at_a_time_do_not_keep_the_connection() {
    let app = slow_app().await;
    let stream = connect(&app).await;
    let (mut read, mut write) = stream.into_split();
    let start = Instant::now();
    // One byte every 50 ms: each read makes "progress", the headers never end.
    let trickle = tokio::spawn(async move {
        write.write_all(b"GET /healthz HTTP/1.1\r\nX-Slow: ").await.unwrap();
        let mut pace = tokio::time::interval(Duration::from_millis(50));
        loop {
            pace.tick().await;
            if write.write_all(b"a").await.is_err() {
                break;
            }
        }
    });
    let closed = tokio::time::timeout(DEADLINE, async {
        let mut buf = [0u8; 1024];
        while !matches!(read.read(&mut buf).await, Ok(0) | Err(_)) {}
    })
    .await;
    trickle.abort();
    closed.expect("a trickling client kept its connection");
    at_least(start.elapsed(), HEADER_READ_MS);
}

#[tokio::test]
async fn a_body_that_never_arrives_is_answered_408_and_the_connection_closed() {
    let app = slow_app().await;
    let mut stream = connect(&app).await;
    let start = Instant::now();
    stream
        .write_all(
            b"POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
              Content-Length: 1000\r\n\r\n{\"email\": \"a",
        )
        .await
        .unwrap();
    let (answer, elapsed) = read_until_closed(&mut stream, start).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    at_least(elapsed, REQUEST_MS);
}

#[tokio::test]
async fn a_websocket_upgrade_that_never_finishes_its_headers_is_dropped() {
    let app = slow_app().await;
    enable_chat(&app).await;
    let mut stream = connect(&app).await;
    let start = Instant::now();
    stream
        .write_all(
            b"GET /ws/chat?library=alpha HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n\
              Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n",
        )
        .await
        .unwrap();
    let (_, elapsed) = read_until_closed(&mut stream, start).await;
    at_least(elapsed, HEADER_READ_MS);
}

#[tokio::test]
async fn a_chat_socket_that_never_says_hello_is_closed() {
    let app = slow_app().await;
    enable_chat(&app).await;
    let mut ws = open(&app.addr).await;
    let start = Instant::now();
    let ended = tokio::time::timeout(DEADLINE, async {
        // Only a close frame or the end of the stream may come: no hello, no welcome.
        while let Some(Ok(frame)) = ws.next().await {
            assert!(frame.is_close(), "unexpected frame before hello: {frame:?}");
        }
    })
    .await;
    ended.expect("a socket without hello stayed open");
    at_least(start.elapsed(), HELLO_MS);
}

#[tokio::test]
async fn prompt_clients_are_served_normally_with_short_timeouts() {
    let app = slow_app().await;
    let mut stream = connect(&app).await;
    let start = Instant::now();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await.unwrap();
    let (answer, _) = read_until_closed(&mut stream, start).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // And through an ordinary client, with keep-alive.
    let s = app.anonymous();
    for _ in 0..2 {
        let (status, _) = s.get("/healthz").await;
        assert_eq!(status, reqwest::StatusCode::OK);
    }
}

#[tokio::test]
async fn a_request_in_flight_when_the_hub_stops_still_gets_its_answer() {
    let app = slow_app().await;
    let mut stream = connect(&app).await;
    let body = br#"{"email":"nobody@example.org","password":"not this one"}"#;
    // `Expect: 100-continue`: hyper says "100 Continue" once the handler reads the body, so
    // the test knows the request is in flight before it stops the hub.
    let head = format!(
        "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Expect: 100-continue\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    while !String::from_utf8_lossy(&got).contains("100 Continue\r\n\r\n") {
        let n = tokio::time::timeout(DEADLINE, stream.read(&mut buf)).await.expect("no 100 Continue").unwrap();
        assert!(n > 0, "closed before the request was read: {:?}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
    }
    // The hub starts to stop while the body is still on its way: the request is finished and
    // answered, and only then is the connection closed.
    app.trigger.trigger();
    stream.write_all(body).await.unwrap();
    let (answer, _) = read_until_closed(&mut stream, Instant::now()).await;
    assert!(answer.starts_with("HTTP/1.1 "), "no answer to the request in flight: {answer:?}");
    assert!(
        answer.to_ascii_lowercase().contains("connection: close"),
        "the answer says the connection closes: {answer}"
    );
}
