use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn wrong_password_and_unknown_email_answer_alike() {
    let app = spawn_app().await;
    let s = app.anonymous();
    let wrong = s.post("/api/login", json!({"email": app.a.staff, "password": "not the password"})).await;
    let unknown = s.post("/api/login", json!({"email": "nobody@alpha.example", "password": "not the password"})).await;
    assert_eq!(wrong.0, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.1["code"], "invalid_credentials");
}

#[tokio::test]
async fn login_sets_a_strict_http_only_cookie_and_returns_a_csrf_token() {
    let app = spawn_app().await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/login", app.addr))
        .json(&json!({"email": app.a.staff.to_uppercase(), "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("refdesk_session="), "{cookie}");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    assert!(!cookie.contains("Secure"), "plain http in tests: no Secure flag");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["csrf_token"].as_str().unwrap().len(), 43);
    assert_eq!(body["role"], "staff");
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_with_owasp_parameters() {
    let app = spawn_app().await;
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM staff LIMIT 1").fetch_one(&app.db).await.unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_with_retry_after() {
    let app = spawn_app_with(|mut c| {
        c.auth.login_failures_per_window = 3;
        c
    })
    .await;
    let client = reqwest::Client::new();
    let mut last = None;
    for _ in 0..4 {
        let r = client
            .post(format!("{}/api/login", app.addr))
            .json(&json!({"email": app.a.staff, "password": "guess guess guess"}))
            .send()
            .await
            .unwrap();
        last = Some(r);
    }
    let r = last.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry));
    // Even the right password waits now: the limit is on the account, not the guess.
    let s = app.anonymous();
    let (status, _) = s.post("/api/login", json!({"email": app.a.staff, "password": PASSWORD})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn staff_routes_need_a_session() {
    let app = spawn_app().await;
    let s = app.anonymous();
    for path in [
        "/api/conversations",
        "/api/conversations/1",
        "/api/contacts/1",
        "/api/teams",
        "/api/staff",
        "/api/search?q=x",
        "/api/session",
    ] {
        let (status, body) = s.get(path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(body["code"], "unauthenticated");
    }
}

#[tokio::test]
async fn state_changing_requests_need_the_csrf_token_and_our_origin() {
    let app = spawn_app().await;
    let conv = app.sms(app.a.id, "+15551110000", "hello", "SM1").await.conversation_id;
    let s = app.login(&app.a.staff).await;
    let path = format!("/api/conversations/{conv}/notes");

    let no_token = Session { csrf: String::new(), ..s.clone() };
    let (status, body) = no_token.post(&path, json!({"body": "x"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("csrf")));

    let wrong = Session { csrf: "A".repeat(43), ..s.clone() };
    assert_eq!(wrong.post(&path, json!({"body": "x"})).await.0, StatusCode::FORBIDDEN);

    let foreign = s
        .client
        .post(format!("{}{path}", app.addr))
        .header("x-csrf-token", &s.csrf)
        .header("origin", "https://evil.example")
        .json(&json!({"body": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);

    let (status, _) = s.post(&path, json!({"body": "x"})).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn logout_ends_the_session_even_for_a_copied_cookie() {
    use reqwest::cookie::CookieStore;
    let app = spawn_app().await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder().cookie_provider(jar.clone()).build().unwrap();
    let login: serde_json::Value = client
        .post(format!("{}/api/login", app.addr))
        .json(&json!({"email": app.a.staff, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let copied = jar.cookies(&app.addr.parse().unwrap()).unwrap().to_str().unwrap().to_owned();
    let out = client
        .post(format!("{}/api/logout", app.addr))
        .header("x-csrf-token", login["csrf_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let replay =
        reqwest::Client::new().get(format!("{}/api/session", app.addr)).header("cookie", copied).send().await.unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn idle_and_absolute_expiry_end_sessions() {
    let app = spawn_app().await;
    // No request before the clock is turned back: a session verified seconds ago is
    // trusted from memory for a few seconds (auth::session_cache), which real idleness
    // (hours without a request) never meets. The cached copy's own idle limit is tested
    // with the cache.
    let s = app.login(&app.a.staff).await;
    sqlx::query("UPDATE staff_session SET last_seen_at = now() - interval '3 hours'").execute(&app.db).await.unwrap();
    assert_eq!(s.get("/api/session").await.0, StatusCode::UNAUTHORIZED, "idle past 120 minutes");

    let s = app.login(&app.a.staff).await;
    sqlx::query("UPDATE staff_session SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL AND last_seen_at > now() - interval '1 minute'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(s.get("/api/session").await.0, StatusCode::UNAUTHORIZED, "past the absolute lifetime");
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_at_once() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let admin = app.login(&app.a.admin).await;
    let (status, body) = admin.put(&format!("/api/staff/{}", app.a.staff_id), json!({"disabled": true})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(staff.get("/api/conversations").await.0, StatusCode::UNAUTHORIZED);
    let (status, _) = app.anonymous().post("/api/login", json!({"email": app.a.staff, "password": PASSWORD})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/healthz", "/api/session", "/api/no/such/route"] {
        let r = reqwest::get(format!("{}{path}", app.addr)).await.unwrap();
        let h = r.headers();
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert_eq!(h["cache-control"], "no-store");
    }
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    assert_eq!(reqwest::get(format!("{}/healthz", app.addr)).await.unwrap().status(), StatusCode::OK);
    assert_eq!(reqwest::get(format!("{}/readyz", app.addr)).await.unwrap().status(), StatusCode::OK);
}
