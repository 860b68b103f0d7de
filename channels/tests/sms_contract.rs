//! The SMS client's outbound requests against the provider's real OpenAPI contract.
//!
//! `scripts/contract-sms` serves Twilio's own `twilio_api_v2010.json` (from the npm package
//! `@twilio/cli-core`) with Prism's validating mock and runs these tests with `PRISM_URL` set
//! (and `TWILIO_SPEC`, the patched spec it serves). Without `PRISM_URL` every test prints a
//! skip notice and passes, so a plain `cargo test` needs no Prism.
//!
//! Prism checks the path (the AccountSid pattern), the Basic auth, the content type and the
//! form body against the schema (`To` required, sid patterns, `uri` formats, `MediaUrl` an
//! array), and answers a valid request with the spec's 201 example. It does not refuse
//! unknown form fields, so each send also goes through a small recording relay and the
//! field names the client sent are checked against the schema's properties here.
//!
//! Limits of the mock, on purpose not asserted as features: Prism checks the *shape* of the
//! credentials (a `Basic` header whose decoded value holds a `:`), never their value, so a
//! wrong token in the right shape is accepted; the spec has no error responses, so Prism
//! never answers 400/429/5xx (the client's mapping of those is tested with the stateful fake
//! in `tests/api/sms.rs`); and with the `form`/`explode` encoding the script adds for
//! `MediaUrl`, Prism refuses a raw `*` or `+` in a media URL ("reserved characters"), which
//! the real API accepts, so the media URLs below avoid them.

use channels::sms::api::{Account, ApiError, OutboundSms, SmsApi};
use channels::sms::DeliveryStatus;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// `^AC[0-9a-fA-F]{32}$`, as the spec's path parameter demands.
const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
/// `^MG[0-9a-fA-F]{32}$`.
const SERVICE_SID: &str = "MGfedcba9876543210fedcba9876543210";
const AUTH_TOKEN: &str = "contract-test-token";
const MESSAGES: &str = "/2010-04-01/Accounts/{AccountSid}/Messages.json";
const FORM: &str = "application/x-www-form-urlencoded";

/// The Prism base URL, or `None` after printing why this test is skipped.
fn prism(test: &str) -> Option<String> {
    match std::env::var("PRISM_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().trim_end_matches('/').to_owned()),
        _ => {
            // Straight to stderr, past the test harness's capture, so a plain `cargo test` shows it.
            let _ = writeln!(
                std::io::stderr(),
                "skipped {test}: PRISM_URL is not set (scripts/contract-sms runs these against Prism)"
            );
            None
        }
    }
}

/// Prism and the relay run on this machine: the hub's operator would allow loopback for them.
fn loopback() -> channels::fetch::PrivateNets {
    channels::fetch::PrivateNets::parse("127.0.0.1/32, ::1").unwrap()
}

fn account_from_number() -> Account {
    Account {
        sid: ACCOUNT_SID.into(),
        auth_token: AUTH_TOKEN.into(),
        from: Some("+15005550006".into()),
        messaging_service_sid: None,
    }
}

fn sms(to: &str, body: &str) -> OutboundSms {
    OutboundSms { to: to.into(), body: body.into(), media_urls: vec![], status_callback: None }
}

fn messages_url(base: &str, account_sid: &str) -> String {
    format!("{base}/2010-04-01/Accounts/{account_sid}/Messages.json")
}

// ---------------------------------------------------------------------------------------
// A recording relay: the client talks to it, it passes each request on to Prism (optionally
// without the Authorization header) and keeps a copy of what the client sent.

#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    path: String,
    /// Header names in lower case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body).into_owned().collect()
    }

    fn values(&self, field: &str) -> Vec<String> {
        self.form().into_iter().filter(|(k, _)| k == field).map(|(_, v)| v).collect()
    }
}

struct Relay {
    base: String,
    seen: Arc<Mutex<Vec<Recorded>>>,
}

impl Relay {
    /// Listens on a free loopback port; `strip_auth` drops the client's Authorization header
    /// on the way, as if the credentials had been lost, so Prism's own 401 comes back.
    fn start(upstream: &str, strip_auth: bool) -> Relay {
        let target = url::Url::parse(upstream).expect("PRISM_URL is a URL");
        let target = format!(
            "{}:{}",
            target.host_str().expect("PRISM_URL has a host"),
            target.port_or_known_default().expect("PRISM_URL has a port")
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let (target, log) = (target.clone(), Arc::clone(&log));
                std::thread::spawn(move || {
                    if let Err(e) = relay_one(client, &target, strip_auth, &log) {
                        eprintln!("relay: {e}");
                    }
                });
            }
        });
        Relay { base, seen }
    }

    fn only_request(&self) -> Recorded {
        let seen = self.seen.lock().unwrap();
        assert_eq!(seen.len(), 1, "expected exactly one request, the relay saw {seen:?}");
        seen[0].clone()
    }
}

/// Relays one request (the relay asks Prism to close after it, so one is all there is).
fn relay_one(mut client: TcpStream, target: &str, strip_auth: bool, log: &Mutex<Vec<Recorded>>) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = client.read(&mut chunk)?;
        if n == 0 {
            return Ok(()); // an idle connection closed by the client
        }
        raw.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = raw[head_end + 4..].to_vec();
    while body.len() < length {
        let n = client.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let mut parts = request_line.split(' ');
    log.lock().unwrap().push(Recorded {
        method: parts.next().unwrap_or_default().to_owned(),
        path: parts.next().unwrap_or_default().to_owned(),
        headers: headers.clone(),
        body: body.clone(),
    });

    let mut out = format!("{request_line}\r\n");
    for (name, value) in &headers {
        if name == "connection" || (strip_auth && name == "authorization") {
            continue;
        }
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("connection: close\r\n\r\n");
    let mut upstream = TcpStream::connect(target)?;
    upstream.set_read_timeout(Some(Duration::from_secs(10)))?;
    upstream.write_all(out.as_bytes())?;
    upstream.write_all(&body)?;
    std::io::copy(&mut upstream, &mut client)?;
    client.shutdown(Shutdown::Both).ok();
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The spec itself, for what Prism does not check.

/// The form fields the spec's `CreateMessageRequest` defines, if `TWILIO_SPEC` names the spec.
fn spec_fields() -> Option<BTreeSet<String>> {
    let path = std::env::var("TWILIO_SPEC").ok().filter(|p| !p.is_empty())?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading TWILIO_SPEC {path}: {e}"));
    let spec: serde_json::Value = serde_json::from_str(&text).expect("TWILIO_SPEC is JSON");
    let properties = spec["paths"][MESSAGES]["post"]["requestBody"]["content"][FORM]["schema"]["properties"]
        .as_object()
        .expect("the spec defines the Message create form");
    Some(properties.keys().cloned().collect())
}

/// Every field name the client sent is one the contract knows (Prism lets unknown ones pass).
fn assert_fields_in_contract(request: &Recorded) {
    let Some(known) = spec_fields() else {
        eprintln!("TWILIO_SPEC is not set: field names not checked against the spec");
        return;
    };
    for (name, _) in request.form() {
        assert!(known.contains(&name), "the client sent {name:?}, which the spec's CreateMessageRequest lacks");
    }
}

/// Method, path, content type and credentials of a send, as the contract has them.
fn assert_send_shape(request: &Recorded, account: &Account) {
    use base64::Engine;
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, format!("/2010-04-01/Accounts/{}/Messages.json", account.sid));
    assert_eq!(request.header("content-type"), Some(FORM));
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", account.sid, account.auth_token));
    assert_eq!(request.header("authorization"), Some(format!("Basic {credentials}").as_str()));
    assert_fields_in_contract(request);
}

fn assert_spec_example(sent: &channels::sms::api::Sent) {
    assert!(sent.sid.as_deref().is_some_and(|s| !s.is_empty()), "{sent:?}");
    // The spec's `create` example, which Prism answers with.
    assert_eq!(sent.sid.as_deref(), Some("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    assert_eq!(sent.status, DeliveryStatus::Queued);
}

// ---------------------------------------------------------------------------------------
// Valid sends.

#[tokio::test]
async fn a_send_from_a_number_with_a_status_callback_is_accepted() {
    let Some(prism) = prism("a_send_from_a_number_with_a_status_callback_is_accepted") else { return };
    let relay = Relay::start(&prism, false);
    let account = account_from_number();
    let mut text = sms("+15558675310", "Your hold on \"Kindred\" is ready: pick up by Friday. Café 📚 & more");
    text.status_callback = Some("https://hub.example.org/webhooks/sms/status?tenant=main&x=1".into());

    let sent =
        SmsApi::new(&relay.base).allowing(loopback()).send(&account, &text).await.expect("Prism accepts a valid send");
    assert_spec_example(&sent);

    let request = relay.only_request();
    assert_send_shape(&request, &account);
    assert_eq!(request.values("To"), ["+15558675310"]);
    assert_eq!(request.values("From"), ["+15005550006"]);
    assert_eq!(request.values("Body"), [text.body.as_str()]);
    assert_eq!(request.values("StatusCallback"), ["https://hub.example.org/webhooks/sms/status?tenant=main&x=1"]);
    assert!(request.values("MessagingServiceSid").is_empty());
    assert!(request.values("MediaUrl").is_empty());
}

#[tokio::test]
async fn a_send_through_a_messaging_service_is_accepted() {
    let Some(prism) = prism("a_send_through_a_messaging_service_is_accepted") else { return };
    let relay = Relay::start(&prism, false);
    let account = Account { from: None, messaging_service_sid: Some(SERVICE_SID.into()), ..account_from_number() };

    let sent = SmsApi::new(&relay.base)
        .allowing(loopback())
        .send(&account, &sms("+15558675310", "Renewed."))
        .await
        .expect("accepted");
    assert_spec_example(&sent);

    let request = relay.only_request();
    assert_send_shape(&request, &account);
    assert_eq!(request.values("MessagingServiceSid"), [SERVICE_SID]);
    assert!(request.values("From").is_empty());
    assert!(request.values("StatusCallback").is_empty(), "no callback configured, none sent");
}

#[tokio::test]
async fn two_media_urls_go_as_a_repeated_field_and_are_accepted() {
    let Some(prism) = prism("two_media_urls_go_as_a_repeated_field_and_are_accepted") else { return };
    let relay = Relay::start(&prism, false);
    let account = account_from_number();
    let mut text = sms("+15558675310", "The covers you asked about");
    text.media_urls = vec![
        "https://cdn.example.org/covers/kindred.jpg".into(),
        "https://cdn.example.org/c/fledgling.png?w=640&h=480".into(),
    ];

    let sent = SmsApi::new(&relay.base)
        .allowing(loopback())
        .send(&account, &text)
        .await
        .expect("Prism accepts repeated MediaUrl");
    assert_spec_example(&sent);

    let request = relay.only_request();
    assert_send_shape(&request, &account);
    assert_eq!(request.values("MediaUrl"), text.media_urls, "one MediaUrl field per URL, in order");
    let body = String::from_utf8(request.body.clone()).unwrap();
    assert_eq!(body.matches("MediaUrl=").count(), 2, "repeated key, not MediaUrl[] or a list: {body}");
}

// ---------------------------------------------------------------------------------------
// Security: Prism enforces the spec's HTTP Basic scheme.

#[tokio::test]
async fn prism_refuses_a_send_without_or_with_malformed_credentials_with_401() {
    let Some(prism) = prism("prism_refuses_a_send_without_or_with_malformed_credentials_with_401") else { return };
    let url = messages_url(&prism, ACCOUNT_SID);
    let form = [("To", "+15558675310"), ("From", "+15005550006"), ("Body", "hi")];
    let http = reqwest::Client::new();
    // "Basic Zm9v" is "foo": no user:password pair.
    for authorization in [None, Some("Bearer abc"), Some("Basic Zm9v")] {
        let mut request = http.post(&url).form(&form);
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        let response = request.send().await.expect("Prism answers");
        assert_eq!(response.status().as_u16(), 401, "Authorization {authorization:?}");
        if authorization.is_none() {
            // Prism names the scheme only when no credentials came at all.
            let challenge = response.headers().get("www-authenticate").and_then(|v| v.to_str().ok());
            assert_eq!(challenge.map(|c| c.starts_with("Basic")), Some(true), "{:?}", response.headers());
        }
        let problem: serde_json::Value = response.json().await.expect("a problem+json body");
        assert_eq!(problem["status"], 401, "{problem}");
    }
    // The same request with Basic credentials passes: the refusals above are about auth.
    let response = http.post(&url).basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN)).form(&form).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 201);
}

#[tokio::test]
async fn the_client_maps_prisms_401_to_rejected() {
    let Some(prism) = prism("the_client_maps_prisms_401_to_rejected") else { return };
    // The client always sends Basic sid:token, which Prism cannot tell from the right one, so
    // the relay drops the header on the way and Prism's real 401 answer comes back.
    let relay = Relay::start(&prism, true);
    let account = account_from_number();
    let error =
        SmsApi::new(&relay.base).allowing(loopback()).send(&account, &sms("+15558675310", "hi")).await.unwrap_err();
    match &error {
        ApiError::Rejected { status: 401, code: None, message } => assert!(!message.is_empty()),
        other => panic!("expected Rejected 401, got {other:?}"),
    }
    assert!(!error.is_opt_out());
    assert!(relay.only_request().header("authorization").is_some(), "the client did send credentials");
}

// ---------------------------------------------------------------------------------------
// Validation: Prism checks the body and path against the schema with 422.

#[tokio::test]
async fn prism_rejects_a_send_without_to_with_422() {
    let Some(prism) = prism("prism_rejects_a_send_without_to_with_422") else { return };
    let response = reqwest::Client::new()
        .post(messages_url(&prism, ACCOUNT_SID))
        .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
        .form(&[("From", "+15005550006"), ("Body", "hi")])
        .send()
        .await
        .expect("Prism answers");
    assert_eq!(response.status().as_u16(), 422);
    let problem: serde_json::Value = response.json().await.expect("a problem+json body");
    let validation = problem["validation"].as_array().expect("Prism lists what is wrong");
    assert!(
        validation.iter().any(|v| v["code"] == "required" && v["message"].as_str().unwrap_or("").contains("'To'")),
        "{problem}"
    );
}

#[tokio::test]
async fn an_empty_to_passes_the_contract_so_callers_must_check_the_number() {
    let Some(prism) = prism("an_empty_to_passes_the_contract_so_callers_must_check_the_number") else { return };
    // The client always sends To. The spec only requires it to be present (its `phone-number`
    // format is not one Prism checks), so `To=` is accepted here; the real API refuses it
    // (21604). E.164 validation is the caller's job (channels::address::E164).
    let relay = Relay::start(&prism, false);
    let result = SmsApi::new(&relay.base).allowing(loopback()).send(&account_from_number(), &sms("", "hi")).await;
    eprintln!("empty To through Prism: {result:?}");
    assert!(result.is_ok(), "Prism 5.16.0 now refuses an empty To: {result:?}");
    assert_eq!(relay.only_request().values("To"), [""]);
}

#[tokio::test]
async fn the_client_maps_prisms_422_to_rejected() {
    let Some(prism) = prism("the_client_maps_prisms_422_to_rejected") else { return };
    let api = SmsApi::new(&prism).allowing(loopback());
    let text = sms("+15558675310", "hi");

    // An account sid outside `^AC[0-9a-fA-F]{32}$` fails the path parameter.
    let bad_account = Account { sid: "AC-not-a-sid".into(), ..account_from_number() };
    // A messaging service sid outside `^MG[0-9a-fA-F]{32}$` fails the body schema.
    let bad_service = Account { from: None, messaging_service_sid: Some("MG123".into()), ..account_from_number() };
    // A status callback that is not a `uri`.
    let mut bad_callback = text.clone();
    bad_callback.status_callback = Some("not a url".into());

    for (what, account, text) in [
        ("account sid", &bad_account, &text),
        ("messaging service sid", &bad_service, &text),
        ("status callback", &account_from_number(), &bad_callback),
    ] {
        match api.send(account, text).await {
            Err(ApiError::Rejected { status: 422, code: None, .. }) => {}
            other => panic!("bad {what}: expected Rejected 422, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn prism_only_takes_a_form_body() {
    let Some(prism) = prism("prism_only_takes_a_form_body") else { return };
    // What the client must not drift to: a JSON body is refused (415).
    let response = reqwest::Client::new()
        .post(messages_url(&prism, ACCOUNT_SID))
        .basic_auth(ACCOUNT_SID, Some(AUTH_TOKEN))
        .json(&serde_json::json!({"To": "+15558675310", "From": "+15005550006", "Body": "hi"}))
        .send()
        .await
        .expect("Prism answers");
    assert_eq!(response.status().as_u16(), 415);
}
