//! Server-side fetches against real local HTTP servers: redirects are checked hop by hop,
//! credentials stay with the first origin, and a private address is reached only when the
//! hub's operator allowed its network (a library's allow-list is not enough).

use channels::fetch::{fetch, AllowList, FetchError, PrivateNets};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A local server answering every request with `response`; keeps the requests it saw.
struct Server {
    origin: String,
    seen: Arc<Mutex<Vec<String>>>,
}

async fn server(response: impl Fn(&str) -> String + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let own = origin.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            log.lock().unwrap().push(String::from_utf8_lossy(&request).into_owned());
            let _ = stream.write_all(response(&own).as_bytes()).await;
        }
    });
    Server { origin, seen }
}

fn redirect_to(location: String) -> impl Fn(&str) -> String {
    move |_| format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
}

fn ok(body: &'static str) -> impl Fn(&str) -> String {
    move |_| {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }
}

fn loopback() -> PrivateNets {
    PrivateNets::parse("127.0.0.1/32").unwrap()
}

#[tokio::test]
async fn a_redirect_to_an_origin_off_the_list_is_refused_before_connecting() {
    let target = server(ok("secret")).await;
    let first = server(redirect_to(format!("{}/latest/meta-data", target.origin))).await;
    let allow = AllowList::new(&[&first.origin]);
    let got = fetch(&allow, &loopback(), &format!("{}/media/1", first.origin), None, 1000).await;
    assert_eq!(got.unwrap_err(), FetchError::NotAllowed);
    assert_eq!(first.seen.lock().unwrap().len(), 1);
    assert!(target.seen.lock().unwrap().is_empty(), "the redirect target was contacted");
}

#[tokio::test]
async fn a_library_listing_a_loopback_origin_does_not_make_it_reachable() {
    let target = server(ok("secret")).await;
    let allow = AllowList::new(&[&target.origin]);
    let got = fetch(&allow, &PrivateNets::default(), &format!("{}/x", target.origin), None, 1000).await;
    assert_eq!(got.unwrap_err(), FetchError::PrivateAddress);
    assert!(target.seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_redirect_to_a_listed_but_private_address_is_refused() {
    // The operator allows 127.0.0.1 only; ::1 is listed by the library but not allowed.
    let first = server(redirect_to("http://[::1]:9/internal".into())).await;
    let allow = AllowList::new(&[first.origin.as_str(), "http://[::1]:9"]);
    let got = fetch(&allow, &loopback(), &format!("{}/media/1", first.origin), None, 1000).await;
    assert_eq!(got.unwrap_err(), FetchError::PrivateAddress);
}

#[tokio::test]
async fn an_allowed_redirect_is_followed_without_the_credentials() {
    let target = server(ok("png!")).await;
    let first = server(redirect_to(format!("{}/cdn/1", target.origin))).await;
    let allow = AllowList::new(&[&first.origin, &target.origin]);
    let got =
        fetch(&allow, &loopback(), &format!("{}/media/1", first.origin), Some(("AC1", "token")), 1000).await.unwrap();
    assert_eq!(got.data, b"png!");
    assert_eq!(got.content_type.as_deref(), Some("image/png"));
    let first_seen = first.seen.lock().unwrap()[0].to_ascii_lowercase();
    let target_seen = target.seen.lock().unwrap()[0].to_ascii_lowercase();
    assert!(first_seen.contains("authorization: basic"), "{first_seen}");
    assert!(!target_seen.contains("authorization"), "credentials followed the redirect: {target_seen}");
}

#[tokio::test]
async fn redirect_loops_end() {
    let looping = server(|own: &str| redirect_to(format!("{own}/again"))(own)).await;
    let allow = AllowList::new(&[&looping.origin]);
    let got = fetch(&allow, &loopback(), &format!("{}/x", looping.origin), None, 1000).await;
    assert_eq!(got.unwrap_err(), FetchError::TooManyRedirects);
    assert_eq!(looping.seen.lock().unwrap().len(), 4);
}
