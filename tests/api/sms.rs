//! The SMS channel end to end: signed webhooks in, the real adapter out to a local stand-in
//! of the provider, status callbacks back.

use crate::console_socket::{connect, next_frame};
use crate::helpers::*;
use crate::sms_fake::{field, FakeProvider, ACCOUNT_SID, AUTH_TOKEN, FROM};
use refdesk::outbox::Outcome;
use reqwest::StatusCode;
use serde_json::json;

pub(crate) const PATRON: &str = "+15551230000";

pub(crate) struct Sms {
    pub(crate) app: TestApp,
    pub(crate) fake: FakeProvider,
    worker: refdesk::outbox::Worker,
    pub(crate) admin: Session,
}

/// An app with the real SMS adapter and library alpha's account pointing at the fake.
pub(crate) async fn setup() -> Sms {
    setup_with(spawn_app().await).await
}

async fn setup_with(app: TestApp) -> Sms {
    let fake = FakeProvider::start().await;
    let admin = app.login(&app.a.admin).await;
    let (status, body) = admin
        .put(
            "/api/settings/sms",
            json!({"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "from_number": FROM,
                   "api_base_url": fake.base, "media_hosts": [fake.base], "help_text": "Alpha Library: text us your question."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["webhook_url"], format!("{}/webhooks/sms/alpha", app.addr));
    let adapters = refdesk::app::channel_adapters(&app.db, &app.addr, app.state.config.outbound.private_nets());
    let worker = refdesk::outbox::Worker::new(
        app.db.clone(),
        adapters,
        app.state.config.outbox.clone(),
        app.realtime.clone(),
        Default::default(),
    );
    Sms { app, fake, worker, admin }
}

pub(crate) fn form(sid: &str, from: &str, body: &str) -> Vec<(String, String)> {
    [
        ("MessageSid", sid),
        ("SmsSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", from),
        ("To", FROM),
        ("Body", body),
        ("NumMedia", "0"),
        ("NumSegments", "1"),
        ("ApiVersion", "2010-04-01"),
        ("FromCountry", "US"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Posts a form signed as the provider signs it, with `token`, to `path` (which may carry a
/// query string).
async fn post_signed(app: &TestApp, path: &str, params: &[(String, String)], token: &str) -> (StatusCode, String) {
    post_signed_at(&app.addr, path, params, token).await
}

/// [`post_signed`] to the hub instance at `addr` (its public URL in the tests).
pub(crate) async fn post_signed_at(
    addr: &str,
    path: &str,
    params: &[(String, String)],
    token: &str,
) -> (StatusCode, String) {
    let url = format!("{addr}{path}");
    let signature = channels::sms::compute_signature(token.as_bytes(), &url, params);
    let r =
        reqwest::Client::new().post(&url).header("X-Twilio-Signature", signature).form(params).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn text_in(s: &Sms, sid: &str, body: &str) -> (StatusCode, String) {
    post_signed(&s.app, "/webhooks/sms/alpha", &form(sid, PATRON, body), AUTH_TOKEN).await
}

pub(crate) async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_signed_text_is_stored_once_however_often_the_provider_retries() {
    let s = setup().await;
    let (status, body) = text_in(&s, "SM1", "Do you have the new Octavia Butler biography?").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#);
    let retries: Vec<_> = (0..8)
        .map(|_| {
            let (app_addr, params) =
                (s.app.addr.clone(), form("SM1", PATRON, "Do you have the new Octavia Butler biography?"));
            tokio::spawn(async move {
                let url = format!("{app_addr}/webhooks/sms/alpha");
                let sig = channels::sms::compute_signature(AUTH_TOKEN.as_bytes(), &url, &params);
                reqwest::Client::new()
                    .post(&url)
                    .header("X-Twilio-Signature", sig)
                    .form(&params)
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    for r in futures::future::join_all(retries).await {
        assert_eq!(r.unwrap(), StatusCode::OK);
    }
    assert_eq!(count(&s.app, "SELECT count(*) FROM message WHERE direction = 'in'").await, 1);
    let staff = s.app.login(&s.app.a.staff).await;
    let (_, list) = staff.get("/api/conversations").await;
    assert_eq!(list["conversations"][0]["contact_label"], PATRON);
    assert_eq!(list["conversations"][0]["channel"], "sms");
}

#[tokio::test]
async fn concurrent_first_copies_of_a_text_are_all_answered_and_stored_once() {
    let s = setup().await;
    // The provider may send a retry while the first delivery is still in flight: none of
    // these has been stored when they arrive, and they reach the group commit together.
    let copies: Vec<_> = (0..16)
        .map(|_| {
            let addr = s.app.addr.clone();
            tokio::spawn(async move {
                post_signed_at(&addr, "/webhooks/sms/alpha", &form("SMdup", PATRON, "Is the lab open?"), AUTH_TOKEN)
                    .await
                    .0
            })
        })
        .collect();
    for r in futures::future::join_all(copies).await {
        assert_eq!(r.unwrap(), StatusCode::OK, "every copy is answered 2xx");
    }
    assert_eq!(count(&s.app, "SELECT count(*) FROM message WHERE provider_id = 'SMdup'").await, 1);
    assert_eq!(count(&s.app, "SELECT count(*) FROM conversation").await, 1);
}

#[tokio::test]
async fn webhooks_without_a_valid_signature_are_refused_and_store_nothing() {
    let s = setup().await;
    let params = form("SM1", PATRON, "hello");
    let url = format!("{}/webhooks/sms/alpha", s.app.addr);
    let client = reqwest::Client::new();
    let missing = client.post(&url).form(&params).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    let wrong = post_signed(&s.app, "/webhooks/sms/alpha", &params, "not-the-token-at-all").await;
    assert_eq!(wrong.0, StatusCode::FORBIDDEN);
    // Signed, then a parameter changed in transit.
    let signature = channels::sms::compute_signature(AUTH_TOKEN.as_bytes(), &url, &params);
    let mut tampered = params.clone();
    tampered[5].1 = "hello, changed".into();
    let r = client.post(&url).header("X-Twilio-Signature", &signature).form(&tampered).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // An added parameter the signature did not cover.
    let mut added = params.clone();
    added.push(("Extra".into(), "x".into()));
    let r = client.post(&url).header("X-Twilio-Signature", &signature).form(&added).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Correctly signed, but for another account.
    let mut other = params.clone();
    other[2].1 = "AC99999999999999999999999999999999".into();
    assert_eq!(post_signed(&s.app, "/webhooks/sms/alpha", &other, AUTH_TOKEN).await.0, StatusCode::FORBIDDEN);
    // A library without SMS, and one that does not exist.
    assert_eq!(post_signed(&s.app, "/webhooks/sms/beta", &params, AUTH_TOKEN).await.0, StatusCode::NOT_FOUND);
    assert_eq!(post_signed(&s.app, "/webhooks/sms/nope", &params, AUTH_TOKEN).await.0, StatusCode::NOT_FOUND);
    assert_eq!(count(&s.app, "SELECT count(*) FROM message").await, 0);
}

#[tokio::test]
async fn the_signature_covers_the_query_string_and_port_of_the_configured_url() {
    let s = setup().await;
    let path = "/webhooks/sms/alpha?source=main-number&v=2";
    assert!(s.app.addr.contains(':'), "the URL has a port");
    assert_eq!(post_signed(&s.app, path, &form("SM1", PATRON, "hi"), AUTH_TOKEN).await.0, StatusCode::OK);
    // The same signature over the URL without its query string does not verify.
    let params = form("SM2", PATRON, "hi");
    let signature =
        channels::sms::compute_signature(AUTH_TOKEN.as_bytes(), &format!("{}/webhooks/sms/alpha", s.app.addr), &params);
    let r = reqwest::Client::new()
        .post(format!("{}{path}", s.app.addr))
        .header("X-Twilio-Signature", signature)
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn after_a_token_rotation_the_previous_token_still_verifies_for_a_while() {
    let s = setup().await;
    // The hub now remembers the account: the change below must still apply at once.
    assert_eq!(text_in(&s, "SM0", "before").await.0, StatusCode::OK);
    let new_token = "0123456789abcdef0123456789abcdef";
    let (status, _) = s
        .admin
        .put("/api/settings/sms", json!({"account_sid": ACCOUNT_SID, "auth_token": new_token, "from_number": FROM, "api_base_url": s.fake.base}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        post_signed(&s.app, "/webhooks/sms/alpha", &form("SM1", PATRON, "old"), AUTH_TOKEN).await.0,
        StatusCode::OK
    );
    assert_eq!(
        post_signed(&s.app, "/webhooks/sms/alpha", &form("SM2", PATRON, "new"), new_token).await.0,
        StatusCode::OK
    );
    // An operator ends the grace period in SQL: Postgres tells the hub, which forgets the
    // account it remembered (well before the cache's own expiry).
    sqlx::query("UPDATE sms_account SET previous_valid_until = now() - interval '1 second'")
        .execute(&s.app.db)
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    for i in 3.. {
        let sid = format!("SM{i}");
        if post_signed(&s.app, "/webhooks/sms/alpha", &form(&sid, PATRON, "old"), AUTH_TOKEN).await.0
            == StatusCode::FORBIDDEN
        {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the old token still verifies after the grace period ended");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (_, settings) = s.admin.get("/api/settings/sms").await;
    assert!(!settings.to_string().contains(new_token), "the token is never shown");
}

#[tokio::test]
async fn stop_start_and_help_are_honoured_with_at_most_one_confirmation() {
    let s = setup().await;
    let conv = {
        text_in(&s, "SM0", "When do you open?").await;
        let staff = s.app.login(&s.app.a.staff).await;
        staff.get("/api/conversations").await.1["conversations"][0]["id"].as_i64().unwrap()
    };
    let (status, body) = text_in(&s, "SM1", "  stop ").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains(
            "<Message>You will no longer get texts from alpha library. Reply START to get them again.</Message>"
        ),
        "{body}"
    );
    let (_, again) = text_in(&s, "SM2", "STOP").await;
    assert!(!again.contains("<Message>"), "no second confirmation: {again}");
    let (_, retry) = text_in(&s, "SM1", "  stop ").await;
    assert!(!retry.contains("<Message>"), "a provider retry is not answered twice");

    // Staff see why they cannot text, and nothing is sent.
    let staff = s.app.login(&s.app.a.staff).await;
    let (status, err) =
        staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "We open at 9"})).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sms_opted_out")));
    assert_eq!(staff.get(&format!("/api/conversations/{conv}")).await.1["sms_opted_out"], true);

    let (_, help) = text_in(&s, "SM3", "help").await;
    assert!(help.contains("Alpha Library: text us your question."), "{help}");
    let (_, start) = text_in(&s, "SM4", "Start").await;
    assert!(start.contains("Texts from alpha library are back on"), "{start}");
    let (status, _) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "We open at 9"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let confirmations =
        count(&s.app, "SELECT count(*) FROM message WHERE direction = 'out' AND author_staff_id IS NULL").await;
    assert_eq!(confirmations, 3, "stop, help and start confirmations are in the thread");
}

#[tokio::test]
async fn a_free_text_request_to_stop_is_flagged_to_staff_and_keywords_auto_reply() {
    let s = setup().await;
    text_in(&s, "SM1", "please stop texting me").await;
    let staff = s.app.login(&s.app.a.staff).await;
    let (_, list) = staff.get("/api/conversations?tag=opt-out-request").await;
    assert_eq!(list["conversations"].as_array().unwrap().len(), 1);
    let conv = list["conversations"][0]["id"].as_i64().unwrap();
    let (_, detail) = staff.get(&format!("/api/conversations/{conv}")).await;
    assert!(detail["messages"].as_array().unwrap().iter().any(|m| m["direction"] == "note"));
    assert_eq!(count(&s.app, "SELECT count(*) FROM sms_consent").await, 0, "not an opt-out by itself");

    let manager = s.app.login(&s.app.a.manager).await;
    let (status, kw) = manager.put("/api/sms/keywords/hours", json!({"reply": "Open today 9-8."})).await;
    assert_eq!((status, kw["keyword"].as_str()), (StatusCode::OK, Some("HOURS")));
    let (status, err) = manager.put("/api/sms/keywords/STOP", json!({"reply": "nope"})).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reserved_keyword")));
    let (_, body) = post_signed(&s.app, "/webhooks/sms/alpha", &form("SM2", "+15551239999", "hours"), AUTH_TOKEN).await;
    assert!(body.contains("<Message>Open today 9-8.</Message>"), "{body}");
}

#[tokio::test]
async fn a_reply_travels_to_the_provider_and_its_delivery_shows_live_in_order() {
    let s = setup().await;
    text_in(&s, "SMin", "Is my hold ready?").await;
    let staff = s.app.login(&s.app.a.staff).await;
    let conv = staff.get("/api/conversations").await.1["conversations"][0]["id"].as_i64().unwrap();
    let mut ws = connect(&s.app.addr, &staff).await;
    next_frame(&mut ws, |v| v["type"] == "hello").await;
    let (_, reply) = staff
        .post(&format!("/api/conversations/{conv}/replies"), json!({"body": "Yes, it's at the front desk."}))
        .await;
    let id = reply["id"].as_i64().unwrap();

    assert_eq!(s.worker.step().await.unwrap(), Outcome::Worked { claimed: 1 });
    let sent = s.fake.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(field(&sent[0], "To"), Some(PATRON));
    assert_eq!(field(&sent[0], "From"), Some(FROM));
    assert_eq!(field(&sent[0], "Body"), Some("Yes, it's at the front desk."));
    let callback_path = "/webhooks/sms/alpha/status".to_owned();
    assert_eq!(field(&sent[0], "StatusCallback"), Some(format!("{}{callback_path}", s.app.addr).as_str()));
    let sid = format!("SM{:032}", 1);
    let f = next_frame(&mut ws, |v| v["event"]["kind"] == "delivery_status_changed").await;
    assert_eq!(f["event"]["status"], "sent");

    let status_form = |status: &str| -> Vec<(String, String)> {
        [
            ("MessageSid", sid.as_str()),
            ("AccountSid", ACCOUNT_SID),
            ("MessageStatus", status),
            ("To", PATRON),
            ("From", FROM),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    for status in ["sending", "delivered", "sent", "delivered"] {
        let (code, _) = post_signed(&s.app, &callback_path, &status_form(status), AUTH_TOKEN).await;
        assert_eq!(code, StatusCode::NO_CONTENT, "{status}");
    }
    let f = next_frame(&mut ws, |v| v["event"]["kind"] == "delivery_status_changed").await;
    assert_eq!(f["event"]["status"], "delivered");
    let (status,): (String,) = sqlx::query_as("SELECT delivery_status FROM message WHERE id = $1")
        .bind(id)
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    assert_eq!(status, "delivered", "a late 'sent' never moves it back");
    let (code, _) = post_signed(&s.app, &callback_path, &status_form("delivered"), "wrong-token-wrong-token").await;
    assert_eq!(code, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_status_callback_that_overtakes_the_outbox_is_applied_once_the_sid_is_known() {
    let s = setup().await;
    text_in(&s, "SMin", "question").await;
    let staff = s.app.login(&s.app.a.staff).await;
    let conv = staff.get("/api/conversations").await.1["conversations"][0]["id"].as_i64().unwrap();
    let (_, reply) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "answer"})).await;
    let sid = format!("SM{:032}", 1);
    let early: Vec<(String, String)> =
        [("MessageSid", sid.as_str()), ("AccountSid", ACCOUNT_SID), ("MessageStatus", "delivered")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    assert_eq!(post_signed(&s.app, "/webhooks/sms/alpha/status", &early, AUTH_TOKEN).await.0, StatusCode::NO_CONTENT);
    s.worker.step().await.unwrap();
    let status: String = sqlx::query_scalar("SELECT delivery_status FROM message WHERE id = $1")
        .bind(reply["id"].as_i64())
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    assert_eq!(status, "delivered");
}

#[tokio::test]
async fn the_providers_opt_out_error_is_permanent_and_blocks_further_texts() {
    let s = setup().await;
    text_in(&s, "SMin", "question").await;
    let staff = s.app.login(&s.app.a.staff).await;
    let conv = staff.get("/api/conversations").await.1["conversations"][0]["id"].as_i64().unwrap();
    s.fake.then(400, json!({"code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400}));
    let (_, reply) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "answer"})).await;
    while s.worker.step().await.unwrap() != Outcome::Idle {}
    let (status, error): (String, String) =
        sqlx::query_as("SELECT delivery_status, delivery_error FROM message WHERE id = $1")
            .bind(reply["id"].as_i64())
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    assert_eq!(status, "failed");
    assert!(error.contains("21610"), "{error}");
    assert_eq!(*s.fake.state.requests.lock().unwrap(), 1, "never retried");
    let (code, body) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "again"})).await;
    assert_eq!((code, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sms_opted_out")));
}

#[tokio::test]
async fn provider_errors_worth_retrying_are_retried() {
    let s = setup().await;
    text_in(&s, "SMin", "question").await;
    let staff = s.app.login(&s.app.a.staff).await;
    let conv = staff.get("/api/conversations").await.1["conversations"][0]["id"].as_i64().unwrap();
    s.fake.then(503, json!({"code": 20500, "message": "Internal Server Error", "status": 503}));
    s.fake.then(429, json!({"code": 20429, "message": "Too Many Requests", "status": 429}));
    let (_, reply) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "answer"})).await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        s.worker.step().await.unwrap();
        let status: String = sqlx::query_scalar("SELECT delivery_status FROM message WHERE id = $1")
            .bind(reply["id"].as_i64())
            .fetch_one(&s.app.db)
            .await
            .unwrap();
        if status == "sent" {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "still {status}");
        tokio::task::yield_now().await;
    }
    assert_eq!(*s.fake.state.requests.lock().unwrap(), 3);
    // A bad request is not retried and says why.
    s.fake.then(400, json!({"code": 21211, "message": "The 'To' number is not a valid phone number.", "status": 400}));
    let (_, bad) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "again"})).await;
    s.worker.step().await.unwrap();
    let error: String = sqlx::query_scalar("SELECT delivery_error FROM message WHERE id = $1")
        .bind(bad["id"].as_i64())
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    assert_eq!(error, "21211: The 'To' number is not a valid phone number.");
}

#[tokio::test]
async fn mms_media_is_fetched_only_from_allowed_origins() {
    let s = setup().await;
    let mut params = form("MM1", PATRON, "photo of the damaged book");
    params.retain(|(k, _)| k != "NumMedia");
    params.push(("NumMedia".into(), "2".into()));
    params.push(("MediaUrl0".into(), format!("{}/media/1", s.fake.base)));
    params.push(("MediaContentType0".into(), "image/jpeg".into()));
    params.push(("MediaUrl1".into(), "http://169.254.169.254/latest/meta-data".into()));
    params.push(("MediaContentType1".into(), "image/png".into()));
    let (status, _) = post_signed(&s.app, "/webhooks/sms/alpha", &params, AUTH_TOKEN).await;
    assert_eq!(status, StatusCode::OK);
    let stored: Vec<(String, Vec<u8>)> =
        sqlx::query_as("SELECT content_type, data FROM attachment").fetch_all(&s.app.db).await.unwrap();
    assert_eq!(stored, vec![("image/jpeg".to_owned(), b"jpeg-bytes-1".to_vec())]);
    let body: String = sqlx::query_scalar("SELECT body FROM message").fetch_one(&s.app.db).await.unwrap();
    assert!(body.contains("1 attachment(s) could not be fetched"), "{body}");
}

#[tokio::test]
async fn the_composer_can_count_segments() {
    let s = setup().await;
    let staff = s.app.login(&s.app.a.staff).await;
    let (_, gsm) = staff.get("/api/sms/segments?text=Your%20hold%20is%20ready").await;
    assert_eq!(
        (gsm["encoding"].as_str(), gsm["segments"].as_u64(), gsm["remaining_in_segment"].as_u64()),
        (Some("gsm7"), Some(1), Some(142))
    );
    let (_, ucs) = staff.get("/api/sms/segments?text=%C2%A1Hola!%20%F0%9F%93%9A").await;
    assert_eq!(ucs["encoding"], "ucs2");
}

#[tokio::test]
async fn a_json_body_is_verified_through_its_body_hash() {
    let s = setup().await;
    let body = json!({"MessageSid": "SMjson", "AccountSid": ACCOUNT_SID, "From": PATRON, "To": FROM, "Body": "json hello", "NumMedia": "0"}).to_string();
    let url =
        format!("{}/webhooks/sms/alpha?bodySHA256={}", s.app.addr, channels::sms::body_sha256_hex(body.as_bytes()));
    let signature = channels::sms::compute_signature(AUTH_TOKEN.as_bytes(), &url, &Vec::<(String, String)>::new());
    let send = |body: String, sig: String| {
        let url = url.clone();
        async move {
            reqwest::Client::new()
                .post(&url)
                .header("content-type", "application/json")
                .header("X-Twilio-Signature", sig)
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(send(body.replace("json hello", "json changed"), signature.clone()).await, StatusCode::FORBIDDEN);
    assert_eq!(send(body.clone(), signature).await, StatusCode::OK);
    let stored: String = sqlx::query_scalar("SELECT body FROM message").fetch_one(&s.app.db).await.unwrap();
    assert_eq!(stored, "json hello");
}

#[tokio::test]
async fn an_accepted_send_is_never_repeated_even_if_the_answer_is_unreadable() {
    let s = setup().await;
    text_in(&s, "SMin", "question").await;
    let staff = s.app.login(&s.app.a.staff).await;
    let conv = staff.get("/api/conversations").await.1["conversations"][0]["id"].as_i64().unwrap();
    s.fake.then(201, json!({"unexpected": "shape"}));
    let (_, reply) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "answer"})).await;
    while s.worker.step().await.unwrap() != Outcome::Idle {}
    let status: String = sqlx::query_scalar("SELECT delivery_status FROM message WHERE id = $1")
        .bind(reply["id"].as_i64())
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    assert_eq!(status, "sent");
    assert_eq!(*s.fake.state.requests.lock().unwrap(), 1);
}

/// A library admin points the provider URL and the media hosts at the hub's own network
/// (here the fake on loopback). Without the operator's allowance, neither a send nor a media
/// fetch leaves the hub: the send fails for good, the media is not fetched, the fake sees
/// no request at all.
#[tokio::test]
async fn library_settings_cannot_aim_server_side_requests_at_private_addresses() {
    let s = setup_with(
        spawn_app_with(|mut c| {
            c.outbound.allow_private_networks = String::new();
            c
        })
        .await,
    )
    .await;
    let mut params = form("MMpriv", PATRON, "photo");
    params.retain(|(k, _)| k != "NumMedia");
    params.push(("NumMedia".into(), "1".into()));
    params.push(("MediaUrl0".into(), format!("{}/media/1", s.fake.base)));
    params.push(("MediaContentType0".into(), "image/jpeg".into()));
    let (status, _) = post_signed(&s.app, "/webhooks/sms/alpha", &params, AUTH_TOKEN).await;
    assert_eq!(status, StatusCode::OK, "the text itself is still taken");
    assert_eq!(count(&s.app, "SELECT count(*) FROM attachment").await, 0);

    let staff = s.app.login(&s.app.a.staff).await;
    let conv = staff.get("/api/conversations").await.1["conversations"][0]["id"].as_i64().unwrap();
    let (_, reply) = staff.post(&format!("/api/conversations/{conv}/replies"), json!({"body": "answer"})).await;
    while s.worker.step().await.unwrap() != Outcome::Idle {}
    let (status, error): (String, String) =
        sqlx::query_as("SELECT delivery_status, delivery_error FROM message WHERE id = $1")
            .bind(reply["id"].as_i64())
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    assert_eq!(status, "failed");
    assert!(error.contains("private or local address"), "{error}");
    assert_eq!(*s.fake.state.requests.lock().unwrap(), 0, "the fake on loopback was contacted");
}
