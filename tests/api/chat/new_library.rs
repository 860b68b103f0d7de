//! A library created while the hub runs gets a working chat: nothing about libraries is
//! loaded only at start (the report was a staff reply staying "queued" in such a chat).

use super::*;
use std::io::Write;
use std::process::{Command, Stdio};

const ADMIN_PASSWORD: &str = "gamma admin password 1";

/// `refdesk <args>` against `url`, with `stdin` piped in.
fn refdesk(url: &str, args: &[&str], stdin: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_refdesk"))
        .args(args)
        .env("DATABASE_URL", url)
        .env_remove("REFDESK_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "refdesk {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn a_library_created_while_the_hub_runs_chats_and_its_replies_are_delivered() {
    let url = fresh_database().await;
    let mut config = test_config(&url);
    config.outbox.workers = 1; // the hub's own outbox and real chat adapter, as `serve` runs them
    let app = refdesk::App::build(config).await.unwrap();
    let addr = format!("http://{}", app.local_addr());
    let stop = app.shutdown_trigger();
    let running = tokio::spawn(app.run_until_stopped());

    // The administrator adds a library and its first account while the hub runs.
    let cli_url = url.clone();
    tokio::task::spawn_blocking(move || {
        refdesk(&cli_url, &["library", "add", "--slug", "gamma", "--name", "Gamma Library"], "");
        let admin = ["staff", "add", "--email", "admin@gamma.example", "--role", "admin", "--library", "gamma"];
        refdesk(&cli_url, &[&admin[..], &["--password-stdin"]].concat(), &format!("{ADMIN_PASSWORD}\n"));
    })
    .await
    .unwrap();

    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let login: Value = client
        .post(format!("{addr}/api/login"))
        .json(&json!({"email": "admin@gamma.example", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = login["csrf_token"].as_str().expect("logged in").to_owned();
    let put = client
        .put(format!("{addr}/api/settings/chat"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"enabled": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);

    // A patron on the hub's own page (always an allowed origin) chats with the new library.
    let mut ws = open_from(&addr, "gamma", &addr).await.expect("the new library's chat is open");
    hello(&mut ws, None, None).await;
    let ack = say(&mut ws, "c1", "Hello, new library?").await;
    let db = sqlx::PgPool::connect(&url).await.unwrap();
    let conversation: i64 = sqlx::query_scalar("SELECT conversation_id FROM message WHERE id = $1")
        .bind(ack["message"]["id"].as_i64().unwrap())
        .fetch_one(&db)
        .await
        .unwrap();

    let reply: Value = client
        .post(format!("{addr}/api/conversations/{conversation}/replies"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"body": "Hello from Gamma!"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let m = next(&mut ws, is("message")).await;
    assert_eq!(m["message"]["text"], "Hello from Gamma!");

    // And the outbox's chat adapter marks it delivered (the patron's socket is open).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let status: String = sqlx::query_scalar("SELECT delivery_status FROM message WHERE id = $1")
            .bind(reply["id"].as_i64().expect("reply id"))
            .fetch_one(&db)
            .await
            .unwrap();
        if status == "sent" {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the reply stayed {status:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.trigger();
    running.await.unwrap().unwrap();
}
