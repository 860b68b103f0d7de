//! Staff password reset: the request that never tells whether an account exists, links
//! that work once, expire and are superseded, every session ended by a reset, the rate
//! limits, and (on the mail rig) the link mailed through the library's own mailbox.

use crate::console_socket::{connect, next_frame};
use crate::email::rig::{eventually, scalar};
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const NEW_PASSWORD: &str = "a brand new passphrase 7";

/// The token of a reset URL (`.../reset-password#token=...`).
fn token_of(url: &str) -> String {
    let (page, token) = url.split_once("#token=").expect("the token is in the fragment");
    assert!(page.ends_with("/reset-password") && !page.contains('?'), "{url}");
    token.to_owned()
}

async fn colleague_link(app: &TestApp, by: &str, staff: i64) -> (StatusCode, Value) {
    app.login(by).await.post(&format!("/api/staff/{staff}/password-reset-link"), json!({})).await
}

async fn complete(app: &TestApp, token: &str, password: &str) -> (StatusCode, Value) {
    app.anonymous().post("/api/auth/password-reset/complete", json!({"token": token, "password": password})).await
}

async fn login_status(app: &TestApp, email: &str, password: &str) -> StatusCode {
    app.anonymous().post("/api/login", json!({"email": email, "password": password})).await.0
}

#[tokio::test]
async fn a_reset_request_answers_alike_for_known_and_unknown_addresses_without_waiting_for_mail() {
    let app = spawn_app().await;
    // The library's SMTP server accepts the connection and then never says a word: if the
    // request waited for the mail, it would take the SMTP timeout (30 s).
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((conn, _)) = silent.accept().await {
            open.push(conn);
        }
    });
    let admin = app.login(&app.a.admin).await;
    let (status, body) = admin
        .post(
            "/api/settings/email/mailboxes",
            json!({"address": "desk@alpha.example", "imap_host": "127.0.0.1", "imap_security": "plain",
                   "imap_password": "x-password", "smtp_host": "127.0.0.1", "smtp_port": port,
                   "smtp_security": "plain", "enabled": false}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let mut answers = Vec::new();
    for email in [app.a.staff.as_str(), "nobody@alpha.example", "NoBody@Elsewhere.Example"] {
        let started = Instant::now();
        let (status, body) = app.anonymous().post("/api/auth/password-reset", json!({"email": email})).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{email}: {body}");
        assert!(started.elapsed() < Duration::from_secs(5), "{email}: answered only after {:?}", started.elapsed());
        answers.push(body);
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "the same answer for every address: {answers:?}");
    // The known account did get a link (stored as a hash), mailed after the answer.
    let db = app.db.clone();
    let hash: Vec<u8> = eventually("the link to be stored", || {
        let db = db.clone();
        async move {
            sqlx::query_scalar("SELECT token_hash FROM staff_password_reset WHERE issued_via = 'email'")
                .fetch_optional(&db)
                .await
                .unwrap()
        }
    })
    .await;
    assert_eq!(hash.len(), 32);
    assert_eq!(scalar(&app, "SELECT count(*) FROM staff_password_reset").await, 1, "none for unknown addresses");
    held.abort();
}

#[tokio::test]
async fn a_colleagues_link_works_once_sets_the_password_and_ends_every_session() {
    let app = spawn_app().await;
    let staff_id = app.a.staff_id.0;
    // The account is logged in twice, one of them with the console open.
    let first = app.login(&app.a.staff).await;
    let second = app.login(&app.a.staff).await;
    let mut ws = connect(&app.addr, &second).await;
    next_frame(&mut ws, |f| f["type"] == "hello").await;

    let (status, link) = colleague_link(&app, &app.a.admin, staff_id).await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    let url = link["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/reset-password#token=", app.addr)), "{url}");
    let token = token_of(url);
    // Only a hash is stored: the secret appears nowhere in the table.
    let secret = token.split_once('.').unwrap().1;
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT row_to_json(r)::text FROM staff_password_reset r").fetch_all(&app.db).await.unwrap();
    assert!(rows.len() == 1 && !rows[0].contains(secret), "{rows:?}");

    let (status, body) = complete(&app, &token, NEW_PASSWORD).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(first.get("/api/session").await.0, StatusCode::UNAUTHORIZED, "sessions end");
    assert_eq!(second.get("/api/session").await.0, StatusCode::UNAUTHORIZED);
    let closing = next_frame(&mut ws, |f| f["type"] == "closing").await;
    assert_eq!(closing["reason"], "session ended", "the open console closes as on logout");
    assert_eq!(login_status(&app, &app.a.staff, PASSWORD).await, StatusCode::UNAUTHORIZED);
    assert_eq!(login_status(&app, &app.a.staff, NEW_PASSWORD).await, StatusCode::OK);

    let (status, again) = complete(&app, &token, "yet another passphrase 8").await;
    assert_eq!((status, again["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reset_link_used")));
    assert_eq!(login_status(&app, &app.a.staff, NEW_PASSWORD).await, StatusCode::OK, "a used link changes nothing");

    let audit: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT action, staff_id FROM audit_log WHERE subject_type = 'staff' AND subject_id = $1
            AND action LIKE 'password_reset%' ORDER BY id",
    )
    .bind(staff_id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
        .bind(&app.a.admin)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        audit,
        [("password_reset_issued".to_owned(), Some(admin_id)), ("password_reset".to_owned(), Some(staff_id))]
    );
}

#[tokio::test]
async fn expired_superseded_unknown_and_foreign_links_are_refused_with_a_clear_code() {
    let app = spawn_app().await;
    let staff_id = app.a.staff_id.0;
    let code = |body: &Value| body["code"].as_str().unwrap_or_default().to_owned();

    let older = token_of(colleague_link(&app, &app.a.admin, staff_id).await.1["url"].as_str().unwrap());
    let newer = token_of(colleague_link(&app, &app.a.admin, staff_id).await.1["url"].as_str().unwrap());
    let (status, body) = complete(&app, &older, NEW_PASSWORD).await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "reset_link_superseded".into()));
    assert!(body["message"].as_str().unwrap().contains("newer"), "{body}");

    sqlx::query("UPDATE staff_password_reset SET expires_at = now() - interval '1 minute' WHERE superseded_at IS NULL")
        .execute(&app.db)
        .await
        .unwrap();
    let (status, body) = complete(&app, &newer, NEW_PASSWORD).await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "reset_link_expired".into()));

    // The library part of a token cannot point a secret at another library's rows.
    let fresh = token_of(colleague_link(&app, &app.a.admin, staff_id).await.1["url"].as_str().unwrap());
    let (_, secret) = fresh.split_once('.').unwrap();
    let foreign = format!("{}.{secret}", app.b.id.0);
    for bad in [foreign.as_str(), "1.not-a-token", "", "garbage", &format!("{}.{}", app.a.id.0, "A".repeat(43))] {
        let (status, body) = complete(&app, bad, NEW_PASSWORD).await;
        assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "reset_link_invalid".into()), "{bad:?}");
    }
    // A weak password is refused and the link still works afterwards.
    let (status, body) = complete(&app, &fresh, "short").await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "weak_password".into()));
    assert_eq!(complete(&app, &fresh, NEW_PASSWORD).await.0, StatusCode::NO_CONTENT);

    // A link of an account disabled meanwhile no longer works.
    let victim = app.a.staff_id.0;
    let late = token_of(colleague_link(&app, &app.a.admin, victim).await.1["url"].as_str().unwrap());
    let admin = app.login(&app.a.admin).await;
    assert_eq!(admin.put(&format!("/api/staff/{victim}"), json!({"disabled": true})).await.0, StatusCode::OK);
    let (status, body) = complete(&app, &late, "another passphrase 99").await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "reset_link_invalid".into()));
}

#[tokio::test]
async fn managers_make_links_only_for_staff_and_nobody_for_themselves() {
    let app = spawn_app().await;
    let id_of = |email: String| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM staff WHERE email = $1")
                .bind(email)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    let admin = id_of(app.a.admin.clone()).await;
    let manager = id_of(app.a.manager.clone()).await;
    assert_eq!(colleague_link(&app, &app.a.manager, admin).await.0, StatusCode::FORBIDDEN, "no takeover of an admin");
    assert_eq!(colleague_link(&app, &app.a.manager, app.a.staff_id.0).await.0, StatusCode::CREATED);
    assert_eq!(colleague_link(&app, &app.a.admin, manager).await.0, StatusCode::CREATED);
    let (status, body) = colleague_link(&app, &app.a.admin, admin).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("cannot_reset_self")));
    assert_eq!(colleague_link(&app, &app.a.staff, manager).await.0, StatusCode::FORBIDDEN);
    assert_eq!(colleague_link(&app, &app.b.admin, app.a.staff_id.0).await.0, StatusCode::NOT_FOUND);
}

/// POSTs raw JSON (for the status and Retry-After of a refusal).
async fn raw_post(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    reqwest::Client::new().post(format!("{}{path}", app.addr)).json(&body).send().await.unwrap()
}

#[tokio::test]
async fn reset_requests_are_limited_per_account_and_per_address_with_retry_after() {
    let app = spawn_app_with(|mut c| {
        c.auth.reset_requests_per_account_per_window = 2;
        c.auth.reset_requests_per_address_per_window = 4;
        c
    })
    .await;
    let ask = |email: &'static str| raw_post(&app, "/api/auth/password-reset", json!({"email": email}));
    for _ in 0..2 {
        assert_eq!(ask("ann@alpha.example").await.status(), StatusCode::ACCEPTED);
    }
    let refused = ask("ann@alpha.example").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "a third request for one account");
    let retry: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // Other accounts from the same address, until the address's budget is spent.
    assert_eq!(ask("bob@alpha.example").await.status(), StatusCode::ACCEPTED);
    assert_eq!(ask("cy@alpha.example").await.status(), StatusCode::ACCEPTED);
    let refused = ask("dee@alpha.example").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "the fifth request from one address");
    assert!(refused.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn reset_completions_are_limited_per_address_with_retry_after() {
    let app = spawn_app_with(|mut c| {
        c.auth.reset_completions_per_address_per_window = 3;
        c
    })
    .await;
    let body = json!({"token": "1.guess", "password": NEW_PASSWORD});
    for _ in 0..3 {
        let r = raw_post(&app, "/api/auth/password-reset/complete", body.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused = raw_post(&app, "/api/auth/password-reset/complete", body).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn reset_routes_refuse_a_foreign_origin() {
    let app = spawn_app().await;
    for (path, body) in [
        ("/api/auth/password-reset", json!({"email": app.a.staff})),
        ("/api/auth/password-reset/complete", json!({"token": "1.x", "password": NEW_PASSWORD})),
    ] {
        let r = reqwest::Client::new()
            .post(format!("{}{path}", app.addr))
            .header("origin", "https://evil.example")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
}

#[tokio::test]
async fn the_cli_prints_a_link_that_works_once_for_the_named_account() {
    use secrecy::ExposeSecret;
    let app = spawn_app().await;
    let url = app.state.config.database_url.expose_secret().to_owned();
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_refdesk"))
            .args(args)
            .env("DATABASE_URL", &url)
            .env("REFDESK_PUBLIC_URL", &app.addr)
            .env_remove("REFDESK_CONFIG")
            .output()
            .unwrap()
    };
    let several = cli(&["staff", "reset-password", "--email", &app.a.staff]);
    assert!(!several.status.success(), "two libraries: --library is needed");
    assert!(String::from_utf8_lossy(&several.stderr).contains("--library"));
    let unknown = cli(&["staff", "reset-password", "--library", "beta", "--email", &app.a.staff]);
    assert!(!unknown.status.success(), "no such account in beta");

    let out = cli(&["staff", "reset-password", "--library", "alpha", "--email", &app.a.staff]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8(out.stdout).unwrap();
    let link = printed.split_whitespace().find(|w| w.contains("#token=")).expect("a link is printed");
    assert!(link.starts_with(&format!("{}/reset-password#token=", app.addr)), "{printed}");
    assert_eq!(complete(&app, &token_of(link), NEW_PASSWORD).await.0, StatusCode::NO_CONTENT);
    assert_eq!(login_status(&app, &app.a.staff, NEW_PASSWORD).await, StatusCode::OK);
    assert_eq!(complete(&app, &token_of(link), NEW_PASSWORD).await.1["code"], "reset_link_used");
    let via: String =
        sqlx::query_scalar("SELECT issued_via FROM staff_password_reset").fetch_one(&app.db).await.unwrap();
    assert_eq!(via, "cli");
}

mod mailed {
    //! The whole "forgot password" path on the real mail rig: Postfix delivers the link
    //! the library's mailbox sent into the staff member's Dovecot mailbox.

    use super::*;
    use crate::email::rig::{add_mailbox, rig};
    use channels::email::parse;

    const DESK: &str = "desk-reset@library.test";
    const LIBRARIAN: &str = "librarian-reset@library.test";
    const SUBJECT: &str = "Reset your Refdesk password";

    /// Waits (IMAP IDLE, with a deadline) until `count` reset mails are in the librarian's
    /// INBOX; returns the newest one's link and the mail.
    async fn link_in_mail(count: usize) -> (String, channels::email::ParsedEmail) {
        let mut imap = rig().imap(LIBRARIAN).await;
        imap.select("INBOX").await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let found = imap.uid_search(&format!("SUBJECT \"{SUBJECT}\"")).await.unwrap();
            if found.len() >= count {
                let raw = imap.fetch_raw(&[*found.last().unwrap()]).await.unwrap().remove(0).1;
                let _ = imap.logout().await;
                let mail = parse(&raw).unwrap();
                let url =
                    mail.text.split_whitespace().find(|w| w.contains("/reset-password#token=")).unwrap().to_owned();
                let raw_text = String::from_utf8_lossy(&raw).to_string();
                assert!(raw_text.contains("Auto-Submitted: auto-generated"), "{raw_text}");
                return (url, mail);
            }
            assert!(Instant::now() < deadline, "{count} reset mail(s) did not arrive");
            imap = imap.idle(Duration::from_secs(2)).await.unwrap().0;
        }
    }

    #[tokio::test]
    async fn a_forgotten_password_is_reset_with_the_link_the_librarys_mailbox_sent() {
        let rig = rig();
        rig.clear(LIBRARIAN);
        let app = spawn_app().await;
        let mut desk = rig.mailbox(DESK);
        desk["enabled"] = json!(false); // sends only; nothing to poll
        add_mailbox(&app, desk).await;
        let admin = app.login(&app.a.admin).await;
        let (status, body) = admin
            .post(
                "/api/staff",
                json!({"email": LIBRARIAN, "display_name": "Lee Librarian", "role": "staff", "password": PASSWORD}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let session = app.login(LIBRARIAN).await;

        let (status, _) =
            app.anonymous().post("/api/auth/password-reset", json!({"email": "Librarian-Reset@Library.Test"})).await;
        assert_eq!(status, StatusCode::ACCEPTED);
        let (first_url, mail) = link_in_mail(1).await;
        assert_eq!(mail.from.as_ref().unwrap().address.as_str(), DESK, "sent from the library's mailbox");
        assert_eq!(mail.subject.as_deref(), Some(SUBJECT));
        assert!(mail.text.contains("within 30 minutes") && mail.text.contains("alpha library"), "{}", mail.text);
        assert!(first_url.starts_with(&format!("{}/reset-password#token=", app.addr)), "{first_url}");

        // Asking again supersedes the first link.
        app.anonymous().post("/api/auth/password-reset", json!({"email": LIBRARIAN})).await;
        let (second_url, _) = link_in_mail(2).await;
        assert_ne!(first_url, second_url);
        let (status, body) = complete(&app, &token_of(&first_url), NEW_PASSWORD).await;
        assert_eq!(body["code"], "reset_link_superseded", "{status} {body}");

        let (status, body) = complete(&app, &token_of(&second_url), NEW_PASSWORD).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        assert_eq!(session.get("/api/session").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(login_status(&app, LIBRARIAN, NEW_PASSWORD).await, StatusCode::OK);
    }
}
