//! A library's IMAP and SMTP hosts pass the same address check as its SMS provider URL:
//! private, loopback and link-local addresses are refused unless the hub's operator allows
//! them (`outbound.allow_private_networks`; the test config allows 127.0.0.1 for the rig).

use crate::email::rig::eventually;
use crate::helpers::*;
use refdesk::email::mailbox::{notify_changed, MailboxId};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn mailbox(imap_host: &str, smtp_host: &str) -> Value {
    json!({"address": "desk@alpha.example", "imap_host": imap_host, "imap_security": "plain",
           "imap_password": "a-password", "smtp_host": smtp_host, "smtp_security": "plain"})
}

#[tokio::test]
async fn a_mailbox_on_a_private_network_is_refused_unless_the_operator_allows_it() {
    let app = spawn_app_with(|mut c| {
        c.outbound.allow_private_networks = String::new();
        c
    })
    .await;
    let admin = app.login(&app.a.admin).await;
    for (imap, smtp) in [
        ("127.0.0.1", "smtp.alpha.example"),
        ("imap.alpha.example", "localhost"),
        ("169.254.169.254", "smtp.alpha.example"),
        ("10.0.0.8", "smtp.alpha.example"),
        ("imap.alpha.example", "[::1]"),
    ] {
        let (status, body) = admin.post("/api/settings/email/mailboxes", mailbox(imap, smtp)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{imap} {smtp}: {body}");
        assert_eq!(body["code"], "private_address");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("private or local network"), "{message}");
        assert!(message.contains("outbound.allow_private_networks"), "says who can allow it: {message}");
    }
    // A name that does not resolve today is accepted (DNS may lag); the poller checks again.
    let (status, created) =
        admin.post("/api/settings/email/mailboxes", mailbox("imap.alpha.example", "smtp.alpha.example")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();

    // The name now points at loopback (as if its DNS changed after the settings were saved):
    // the poller refuses to connect and the mailbox's health says why.
    sqlx::query("UPDATE email_mailbox SET imap_host = '127.0.0.1', version = version + 1 WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
    notify_changed(&app.db, app.a.id, MailboxId(id)).await.unwrap();
    let error: String = eventually("the mailbox's health to show the refusal", || {
        let admin = admin.clone();
        async move {
            let (_, list) = admin.get("/api/settings/email/mailboxes").await;
            let error = list["mailboxes"][0]["health"]["last_error"].as_str().map(str::to_owned);
            error.filter(|e| e.contains("private or local network"))
        }
    })
    .await;
    assert!(error.contains("IMAP host 127.0.0.1"), "{error}");
}

#[tokio::test]
async fn the_operator_can_allow_a_private_mail_server() {
    // The default test config allows 127.0.0.1 and ::1 (the mail rig); nothing else private.
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let mut settings = mailbox("127.0.0.1", "127.0.0.1");
    settings["enabled"] = json!(false);
    assert_eq!(admin.post("/api/settings/email/mailboxes", settings).await.0, StatusCode::CREATED);
    let (status, body) = admin
        .post("/api/settings/email/mailboxes", {
            let mut other = mailbox("127.0.0.2", "127.0.0.1");
            other["address"] = json!("other@alpha.example");
            other
        })
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("private_address")));
}
