//! The main listener's accept loop.
//!
//! Our own rather than `axum::serve`: axum gives hyper no timer, and without one hyper never
//! enforces its header read timeout, so a client that sends half a request line and waits
//! (slowloris) holds a connection and a task forever. Here every connection's hyper gets a
//! timer and `http.header_read_timeout_ms`; a request whose headers are complete but whose
//! body trickles is cut by the router's whole-request timeout (`http.request_timeout_ms`,
//! see `http::router`). A websocket upgrade is an ordinary request until its headers are in,
//! so the same limit drops a handshake that never completes.
//!
//! HTTP/1 only (axum is built without HTTP/2), through hyper's own HTTP/1 connection rather
//! than hyper-util's auto-detecting one: that one first waits, with no time limit, for the
//! bytes that tell HTTP/1 from HTTP/2, so a client that connects and sends nothing would
//! never meet the header timeout.
//!
//! Shutdown is graceful like axum's: stop accepting, let every connection finish the request
//! in flight, then return. Upgraded sockets have left hyper by then and obey the hub's
//! shutdown signal themselves.

use crate::shutdown::Shutdown;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::pin::pin;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// Serves `router` on `listener` until `shutdown`, then waits for open requests to finish.
pub async fn serve(listener: TcpListener, router: Router, header_read_timeout: Duration, shutdown: Shutdown) {
    // Connections hold a clone of `stop_tx` and wait for its receiver to go (= shut down).
    let (stop_tx, stop_rx) = watch::channel(());
    // Connections hold a clone of `done_rx`; all dropped = every connection has finished.
    let (done_tx, done_rx) = watch::channel(());
    let mut stopping = pin!(shutdown.wait());
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            _ = &mut stopping => break,
        };
        let _ = stream.set_nodelay(true);
        // What `into_make_service_with_connect_info` would add: handlers read the client
        // address for rate limits.
        let service = router.clone().map_request(move |mut req: axum::http::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(remote));
            req
        });
        let (stop_tx, done_rx) = (stop_tx.clone(), done_rx.clone());
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(header_read_timeout);
            let mut conn =
                pin!(builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)).with_upgrades());
            let mut stop = pin!(stop_tx.closed());
            // The stop signal is taken once: a finished future must not be polled again.
            let mut draining = false;
            loop {
                tokio::select! {
                    result = conn.as_mut() => {
                        if let Err(e) = result {
                            tracing::trace!(error = %e, "connection ended with an error");
                        }
                        break;
                    }
                    _ = &mut stop, if !draining => {
                        draining = true;
                        conn.as_mut().graceful_shutdown();
                    }
                }
            }
            drop(done_rx);
        });
    }
    drop(stop_rx);
    drop(done_rx);
    done_tx.closed().await;
}

/// Connection-level errors concern one client; others (out of file descriptors) pause
/// accepting briefly instead of spinning.
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind::*;
    if matches!(e.kind(), ConnectionRefused | ConnectionAborted | ConnectionReset) {
        return;
    }
    tracing::error!(error = %e, "accepting a connection failed");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
