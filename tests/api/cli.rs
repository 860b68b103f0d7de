//! The `refdesk` binary, as an administrator runs it.

use crate::helpers::*;
use std::process::Command;

fn refdesk(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_refdesk"))
        .args(args)
        .env("DATABASE_URL", url)
        .env_remove("REFDESK_CONFIG")
        .output()
        .unwrap()
}

#[tokio::test]
async fn demo_loads_a_library_whose_printed_logins_work() {
    let url = fresh_database().await;
    let out = refdesk(&url, &["demo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let manager = text.lines().find(|l| l.trim_start().starts_with("manager")).expect("a manager login");
    let fields: Vec<&str> = manager.split_whitespace().collect();
    let (email, password) = (fields[1], fields[2]);

    let db = sqlx::PgPool::connect(&url).await.unwrap();
    let (conversations, staff, teams): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM conversation), (SELECT count(*) FROM staff), (SELECT count(*) FROM team)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(conversations >= 300, "{conversations}");
    assert_eq!((staff, teams), (4, 3));
    let channels: i64 =
        sqlx::query_scalar("SELECT count(DISTINCT channel) FROM conversation").fetch_one(&db).await.unwrap();
    assert_eq!(channels, 4);

    let app = refdesk::App::build(test_config(&url)).await.unwrap();
    let addr = format!("http://{}", app.local_addr());
    let stop = app.shutdown_trigger();
    let running = tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let login = client
        .post(format!("{addr}/api/login"))
        .json(&serde_json::json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let page: serde_json::Value =
        client.get(format!("{addr}/api/conversations")).send().await.unwrap().json().await.unwrap();
    assert!(!page["conversations"].as_array().unwrap().is_empty(), "the queue has something to show");
    stop.trigger();
    running.await.unwrap().unwrap();

    // Running it again keeps the data and issues new passwords.
    let again = refdesk(&url, &["demo"]);
    assert!(again.status.success());
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM conversation").fetch_one(&db).await.unwrap();
    assert_eq!(count, conversations);
}

#[tokio::test]
async fn staff_add_creates_a_login_and_bad_settings_are_named() {
    let url = fresh_database().await;
    let out = refdesk(&url, &["staff", "add", "--email", "x@y.example"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("library add"));
    assert!(refdesk(&url, &["library", "add", "--slug", "springfield", "--name", "Springfield"]).status.success());
    let out = refdesk(&url, &["staff", "add", "--email", "Head@Springfield.example", "--role", "admin"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("admin account head@springfield.example created"), "{text}");
    assert!(text.contains("password: "));

    let bad = Command::new(env!("CARGO_BIN_EXE_refdesk"))
        .args(["migrate"])
        .env("DATABASE_URL", &url)
        .env("REFDESK_LISTEN", "not-an-address")
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("listen"), "{}", String::from_utf8_lossy(&bad.stderr));
    let missing =
        Command::new(env!("CARGO_BIN_EXE_refdesk")).args(["migrate"]).env_remove("DATABASE_URL").output().unwrap();
    assert!(String::from_utf8_lossy(&missing.stderr).contains("DATABASE_URL"));
}
