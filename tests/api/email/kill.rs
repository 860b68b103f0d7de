//! Killing the hub mid-read loses nothing and duplicates nothing. A real `refdesk serve`
//! process polls the mailbox and is killed (SIGKILL) at a controlled point, held there by a
//! lock the test takes in Postgres:
//! - after FETCH, before the commit: its threading query waits on a lock of `message`;
//! - after the commit, before \Seen and the move: its email metadata insert waits on a lock
//!   of `email_conversation`.
//!
//! Either way the mail is still unseen in the INBOX while the hub is down, and a restarted
//! hub stores it exactly once and only then files it away.

use super::rig::*;
use crate::helpers::*;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::process::{Child, Command, Stdio};
use std::str::FromStr;

/// A hub process on `url`, its log thrown away (it is the hub under test, not a witness).
fn serve(url: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_refdesk"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("REFDESK_LISTEN", "127.0.0.1:0")
        // The mail rig is on loopback: the operator's allowance for it.
        .env("REFDESK_OUTBOUND__ALLOW_PRIVATE_NETWORKS", "127.0.0.1/32, ::1")
        .env_remove("REFDESK_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start refdesk serve")
}

fn kill(mut hub: Child) {
    hub.kill().expect("SIGKILL the hub");
    hub.wait().unwrap();
}

/// Waits until a statement of the hub starting with `sql` waits on a lock.
async fn blocked_on(db: &PgPool, sql: &str) {
    let db = db.clone();
    eventually(&format!("the hub to wait at `{sql}`"), || {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1",
            )
            .bind(format!("{sql}%"))
            .fetch_one(&db)
            .await
            .unwrap()
            .gt(&0)
            .then_some(())
        }
    })
    .await;
}

/// Waits until the killed hub's database sessions are gone (the blocked one ends once the
/// lock is released and it finds its client gone).
async fn hub_sessions_gone(db: &PgPool) {
    let db = db.clone();
    eventually("the killed hub's database sessions to end", || {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM pg_stat_activity
                  WHERE datname = current_database() AND application_name LIKE 'refdesk%'",
            )
            .fetch_one(&db)
            .await
            .unwrap()
            .eq(&0)
            .then_some(())
        }
    })
    .await;
}

async fn messages_with(db: &PgPool, id: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM message WHERE channel = 'email' AND direction = 'in' AND provider_id = $1")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

/// Waits until the email is stored with its metadata, and filed away seen.
async fn stored_and_filed(db: &PgPool, rig: &Rig, desk: &str, id: &str, subject: &str) {
    let db2 = db.clone();
    eventually(&format!("{id} to be stored"), || {
        let db = db2.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM email_message WHERE rfc_message_id = $1")
                .bind(id)
                .fetch_one(&db)
                .await
                .unwrap()
                .eq(&1)
                .then_some(())
        }
    })
    .await;
    let query = format!("SEEN SUBJECT \"{subject}\"");
    eventually("the email to be filed away, seen", || async {
        (rig.search(desk, "Processed", &query).await.len() == 1).then_some(())
    })
    .await;
    assert!(rig.search(desk, "INBOX", &format!("SUBJECT \"{subject}\"")).await.is_empty());
    assert_eq!(messages_with(db, id).await, 1, "stored exactly once");
}

#[tokio::test]
async fn killing_the_hub_between_fetch_and_commit_or_commit_and_flag_loses_and_duplicates_nothing() {
    let rig = rig();
    let desk = "desk-kill@library.test";
    rig.clear(desk);
    let url = fresh_database().await;
    // The test's own sessions are named apart from the hub's (which all start with "refdesk").
    let options = PgConnectOptions::from_str(&url).unwrap().application_name("kill-test");
    let db = PgPoolOptions::new().connect_with(options.clone()).await.unwrap();
    let library = seed_library(&db, "alpha").await;
    sqlx::query(
        "INSERT INTO email_mailbox (library_id, address, imap_host, imap_port, imap_security, imap_username,
                                    imap_password, smtp_host, smtp_port, smtp_security, backfill_days, idle_seconds,
                                    processed_folder)
         VALUES ($1, $2, $3, $4, 'plain', $2, $5, $3, $6, 'plain', 2, 60, 'Processed')",
    )
    .bind(library.id)
    .bind(desk)
    .bind(rig.var("MAIL_RIG_HOST"))
    .bind(i32::from(rig.port("MAIL_RIG_IMAP_PORT")))
    .bind(rig.var("MAIL_RIG_PASSWORD"))
    .bind(i32::from(rig.port("MAIL_RIG_SMTP_PORT")))
    .execute(&db)
    .await
    .unwrap();
    let tag = unique("kill");

    // 1. Killed after FETCH, before the commit. The mail answers something we never saw, so
    // threading looks it up in `message`, which the test holds locked.
    let first = format!("k1-{tag}@patron.test");
    let subject1 = format!("Fetched {tag}");
    let raw = mail(PATRON, desk, &subject1, &first, &[("In-Reply-To", "<elsewhere@patron.test>")], "One.");
    rig.send(PATRON, &[desk], &raw).await;
    let mut holder = PgConnection::connect_with(&options).await.unwrap();
    let mut lock = holder.begin().await.unwrap();
    sqlx::query("LOCK TABLE message IN ACCESS EXCLUSIVE MODE").execute(&mut *lock).await.unwrap();
    let hub = serve(&url);
    // The threading look-up by stored Message-IDs (src/email/thread.rs, `by_stored_ids`).
    blocked_on(&db, "SELECT h.conversation_id").await;
    let unseen = format!("UNSEEN SUBJECT \"{subject1}\"");
    assert_eq!(rig.search(desk, "INBOX", &unseen).await.len(), 1, "fetched with PEEK: still unseen, not moved");
    kill(hub);
    lock.rollback().await.unwrap();
    hub_sessions_gone(&db).await;
    assert_eq!(messages_with(&db, &first).await, 0, "nothing was committed");
    assert_eq!(rig.search(desk, "INBOX", &unseen).await.len(), 1, "the mail waits, unseen");

    let hub = serve(&url);
    stored_and_filed(&db, rig, desk, &first, &subject1).await;

    // 2. Killed after the commit, before \Seen and the move: the message is stored, its
    // email metadata waits on a lock of `email_conversation`.
    kill(hub);
    hub_sessions_gone(&db).await;
    let second = format!("k2-{tag}@patron.test");
    let subject2 = format!("Committed {tag}");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &subject2, &second, &[], "Two.")).await;
    let mut lock = holder.begin().await.unwrap();
    sqlx::query("LOCK TABLE email_conversation IN SHARE MODE").execute(&mut *lock).await.unwrap();
    let hub = serve(&url);
    // The statement writing a wave's metadata (src/email/store.rs, `record_batch`).
    blocked_on(&db, "WITH conv AS").await;
    assert_eq!(messages_with(&db, &second).await, 1, "the message is committed");
    let unseen = format!("UNSEEN SUBJECT \"{subject2}\"");
    assert_eq!(rig.search(desk, "INBOX", &unseen).await.len(), 1, "not flagged before its metadata is stored");
    kill(hub);
    lock.rollback().await.unwrap();
    hub_sessions_gone(&db).await;
    assert_eq!(rig.search(desk, "INBOX", &unseen).await.len(), 1, "the mail waits, unseen");

    let hub = serve(&url);
    stored_and_filed(&db, rig, desk, &second, &subject2).await;
    kill(hub);
    let conversations: i64 = sqlx::query_scalar("SELECT count(*) FROM conversation").fetch_one(&db).await.unwrap();
    assert_eq!(conversations, 2, "one conversation per email, none twice");
}
