//! The email channel end to end against the real mail rig (scripts/rig/mail: Postfix on
//! 127.0.0.1:10025 delivering into Dovecot, IMAP 10143 / IMAPS 10993). Patrons send mail
//! through Postfix; the app's own poller reads the library's mailbox over IMAP; replies
//! leave through the real SMTP adapter and are read back from the patron's mailbox.
//!
//! Each test polls a library mailbox of its own (the rig's desk-*@library.test users) and
//! empties it first, so tests run in parallel without seeing each other's mail. Mail to the
//! shared patron mailboxes is told apart by a unique tag in the subject.

mod attachments;
mod auto_ack;
mod kill;
mod memory;
mod processed_folder;
pub(crate) mod rig;

use crate::helpers::*;
use channels::email::{outbound_message_id, parse};
use channels::EmailAddress;
use reqwest::StatusCode;
use rig::*;
use serde_json::json;

#[tokio::test]
async fn a_patrons_email_is_answered_and_their_reply_lands_in_the_same_conversation() {
    let rig = rig();
    let desk = "desk-e2e@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    let tag = unique("hold");
    let question = format!("q-{tag}@patron.test");
    // Sent before the mailbox is configured: the first read backfills it.
    let raw = mail(
        "Ann Patron <patron@patron.test>",
        desk,
        &format!("Hold question {tag}"),
        &question,
        &[("Cc", PATRON2)],
        "Is my hold on Parable of the Sower ready?\n\n-- \nAnn\nSent from my phone",
    );
    rig.send(PATRON, &[desk, PATRON2], &raw).await;
    // Over IMAPS, trusting the rig's CA.
    let mut settings = rig.mailbox(desk);
    settings["imap_host"] = json!("localhost");
    settings["imap_port"] = json!(rig.port("MAIL_RIG_IMAPS_PORT"));
    settings["imap_security"] = json!("tls");
    settings["tls_ca_pem"] = json!(std::fs::read_to_string(rig.var("MAIL_RIG_CA_CERT")).unwrap());
    add_mailbox(&app, settings).await;

    let first = stored(&app, &question).await;
    assert_eq!(first.body, "Is my hold on Parable of the Sower ready?", "the thread view shows the new part");
    let full: String = sqlx::query_scalar("SELECT full_text FROM email_message WHERE message_id = $1")
        .bind(first.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(full.contains("Sent from my phone"), "the full text is kept");
    let staff = app.login(&app.a.staff).await;
    let (_, email) = staff.get(&format!("/api/conversations/{}/email", first.conversation_id)).await;
    assert_eq!(email["cc"], json!([PATRON2]), "{email}");
    assert_eq!(email["mailbox_address"], desk);

    // Staff answer; the outbox sends through Postfix.
    let (status, reply) = staff
        .post(
            &format!("/api/conversations/{}/replies", first.conversation_id),
            json!({"body": "Yes, it is waiting for you at the front desk."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    deliver_replies(&app).await;
    let (status_, our_id): (String, String) =
        sqlx::query_as("SELECT delivery_status, provider_id FROM message WHERE id = $1")
            .bind(reply["id"].as_i64().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(status_, "sent");

    let answer = rig.receive(PATRON, &tag).await;
    assert_eq!(answer.message_id, our_id, "the receipt is our Message-ID, so bounces find the reply");
    assert!(our_id.starts_with("rd.") && our_id.ends_with("@library.test"), "{our_id}");
    assert_eq!(answer.in_reply_to, std::slice::from_ref(&question));
    assert_eq!(answer.references, std::slice::from_ref(&question));
    assert_eq!(answer.subject.as_deref(), Some(format!("Re: Hold question {tag}").as_str()));
    let from = answer.from.as_ref().unwrap();
    assert_eq!(from.address.as_str(), desk);
    assert_eq!(from.name.as_deref(), Some("alpha staff (Alpha Library)"));
    assert_eq!(answer.cc.iter().map(|m| m.address.as_str()).collect::<Vec<_>>(), [PATRON2], "Cc is carried");
    assert_eq!(answer.text, "Yes, it is waiting for you at the front desk.");

    // The patron answers, quoting us: same conversation, and only the new part shows.
    let answer_id = format!("a-{tag}@patron.test");
    let raw = mail(
        PATRON,
        desk,
        &format!("Re: Hold question {tag}"),
        &answer_id,
        &[("In-Reply-To", &format!("<{our_id}>")), ("References", &format!("<{question}> <{our_id}>"))],
        "Thank you! I will come by tomorrow.\n\nOn Mon, Alpha Library wrote:\n> Yes, it is waiting for you at the front desk.",
    );
    rig.send(PATRON, &[desk], &raw).await;
    let second = stored(&app, &answer_id).await;
    assert_eq!(second.conversation_id, first.conversation_id, "the reply joins its conversation");
    assert_eq!(second.body, "Thank you! I will come by tomorrow.");
    assert_eq!(scalar(&app, "SELECT count(*) FROM conversation").await, 1);

    let admin = app.login(&app.a.admin).await;
    let (_, list) = admin.get("/api/settings/email/mailboxes").await;
    let mailbox = &list["mailboxes"][0];
    assert_eq!(mailbox["health"]["state"], "ok", "{mailbox}");
    assert!(mailbox.get("imap_password").is_none() && !list.to_string().contains("rig-password"));
}

#[tokio::test]
async fn a_forged_reference_from_another_sender_never_joins_a_patrons_conversation() {
    let rig = rig();
    let desk = "desk-forged@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    add_mailbox(&app, rig.mailbox(desk)).await;
    let tag = unique("forged");
    let question = format!("q-{tag}@patron.test");
    rig.send(
        PATRON,
        &[desk],
        &mail(PATRON, desk, &format!("Card renewal {tag}"), &question, &[], "Please renew my card."),
    )
    .await;
    let first = stored(&app, &question).await;

    // patron2 quotes a correctly signed id of the patron's conversation (as if our reply
    // had been forwarded to them) and the patron's Message-ID, under the same subject.
    let signed = outbound_message_id(&secret(&app).await, app.a.id.0, first.conversation_id, 1, "library.test");
    let forged_id = format!("f-{tag}@patron.test");
    let refs = format!("<{question}> {signed}");
    let raw = mail(
        PATRON2,
        desk,
        &format!("Re: Card renewal {tag}"),
        &forged_id,
        &[("In-Reply-To", &signed), ("References", &refs)],
        "Renew mine too and tell me their address.",
    );
    rig.send(PATRON2, &[desk], &raw).await;
    let forged = stored(&app, &forged_id).await;
    assert_ne!(forged.conversation_id, first.conversation_id, "a forged reference opened its own conversation");
    let count: i32 = sqlx::query_scalar("SELECT message_count FROM conversation WHERE id = $1")
        .bind(first.conversation_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1);

    // The patron's own reply by subject alone (no thread headers) does join.
    let by_subject = format!("s-{tag}@patron.test");
    let raw = mail(PATRON, desk, &format!("RE: Card renewal {tag}"), &by_subject, &[], "Also my son's card, please.");
    rig.send(PATRON, &[desk], &raw).await;
    assert_eq!(stored(&app, &by_subject).await.conversation_id, first.conversation_id);
}

#[tokio::test]
async fn the_same_email_read_twice_is_stored_once() {
    let rig = rig();
    let desk = "desk-dedupe@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    let mailbox = add_mailbox(&app, rig.mailbox(desk)).await;
    let tag = unique("twice");
    let first_id = format!("1-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("Study rooms {tag}"), &first_id, &[], "Can I book one?"))
        .await;
    let first = stored(&app, &first_id).await;
    settled(&app, first.id).await;

    // Forget that it was read: its email metadata, and the cursor (as after a UIDVALIDITY
    // change). The next read takes the whole backfill window again, seen mail included.
    let forget = |db: sqlx::PgPool, message: i64| async move {
        sqlx::query("DELETE FROM email_message WHERE message_id = $1").bind(message).execute(&db).await.unwrap();
    };
    forget(app.db.clone(), first.id).await;
    sqlx::query("UPDATE email_mailbox SET uid_validity = uid_validity + 1").execute(&app.db).await.unwrap();
    let second_id = format!("2-{tag}@patron.test");
    rig.send(
        PATRON,
        &[desk],
        &mail(PATRON, desk, &format!("Printing {tag}"), &second_id, &[], "Is the printer fixed?"),
    )
    .await;
    stored(&app, &second_id).await;
    let reread = |db: sqlx::PgPool, message: i64| async move {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM email_message WHERE message_id = $1")
            .bind(message)
            .fetch_one(&db)
            .await
            .unwrap();
        (n == 1).then_some(())
    };
    let db = app.db.clone();
    eventually("the first email to be read again", || reread(db.clone(), first.id)).await;

    // An admin's re-read request does the same, through the API.
    forget(app.db.clone(), first.id).await;
    let admin = app.login(&app.a.admin).await;
    let (status, body) = admin.post(&format!("/api/settings/email/mailboxes/{mailbox}/resync"), json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    eventually("the re-read requested by an admin", || reread(db.clone(), first.id)).await;

    let stored_once: i64 = sqlx::query_scalar("SELECT count(*) FROM message WHERE provider_id = ANY($1)")
        .bind(vec![first_id, second_id])
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored_once, 2, "each email is one message however often it is read");
    assert_eq!(scalar(&app, "SELECT count(*) FROM message").await, 2);
}

#[tokio::test]
async fn mail_that_cannot_be_ingested_is_quarantined_and_the_next_one_still_arrives() {
    let rig = rig();
    let desk = "desk-quarantine@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    let mut settings = rig.mailbox(desk);
    settings["max_message_bytes"] = json!(65_536);
    add_mailbox(&app, settings).await;
    let tag = unique("quarantine");

    let big = "All work and no play. ".repeat(5_000);
    rig.send(
        PATRON,
        &[desk],
        &mail(PATRON, desk, &format!("Huge {tag}"), &format!("big-{tag}@patron.test"), &[], &big),
    )
    .await;
    let nobody = mail("undisclosed-recipients:;", desk, &format!("Nobody {tag}"), &format!("n-{tag}@x.test"), &[], "?");
    rig.send(PATRON, &[desk], &nobody).await;
    let db = app.db.clone();
    let quarantined = |n: usize| {
        let db = db.clone();
        eventually("quarantined messages", move || {
            let db = db.clone();
            async move {
                let r: Vec<String> = sqlx::query_scalar("SELECT reason FROM email_quarantine ORDER BY reason")
                    .fetch_all(&db)
                    .await
                    .unwrap();
                (r.len() == n).then_some(r)
            }
        })
    };
    quarantined(2).await;
    // Bytes no mail server would pass on, put straight into the (now existing) mailbox.
    rig.inject(desk, format!("\u{1}\u{2} no header section at all {tag}\n").as_bytes());
    let reasons = quarantined(3).await;
    assert_eq!(reasons, ["no_sender", "too_large", "unparseable"]);

    let good = format!("ok-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("Fine {tag}"), &good, &[], "Just a question.")).await;
    stored(&app, &good).await;
    assert_eq!(scalar(&app, "SELECT count(*) FROM message").await, 1);

    let admin = app.login(&app.a.admin).await;
    let (status, list) = admin.get("/api/settings/email/quarantine").await;
    assert_eq!(status, StatusCode::OK);
    let big_one = list["messages"].as_array().unwrap().iter().find(|m| m["reason"] == "too_large").unwrap();
    assert!(big_one["size_bytes"].as_i64().unwrap() > 100_000, "{big_one}");
    let (status, shown) = admin.get(&format!("/api/settings/email/quarantine/{}", big_one["id"])).await;
    assert_eq!(status, StatusCode::OK);
    use base64::Engine;
    let raw = base64::engine::general_purpose::STANDARD.decode(shown["raw_base64"].as_str().unwrap()).unwrap();
    assert!(String::from_utf8_lossy(&raw).contains(&format!("Huge {tag}")), "the raw bytes are kept");
    let staff = app.login(&app.a.staff).await;
    assert_eq!(staff.get("/api/settings/email/quarantine").await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_delivery_report_for_a_reply_marks_it_failed_and_opens_no_conversation() {
    let rig = rig();
    let desk = "desk-bounce@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    add_mailbox(&app, rig.mailbox(desk)).await;
    let tag = unique("bounce");
    let question = format!("q-{tag}@patron.test");
    rig.send(
        PATRON,
        &[desk],
        &mail(PATRON, desk, &format!("Opening hours {tag}"), &question, &[], "When do you open?"),
    )
    .await;
    let first = stored(&app, &question).await;
    let staff = app.login(&app.a.staff).await;
    let (status, reply) =
        staff.post(&format!("/api/conversations/{}/replies", first.conversation_id), json!({"body": "At nine."})).await;
    assert_eq!(status, StatusCode::CREATED);
    deliver_replies(&app).await;
    let reply_id = reply["id"].as_i64().unwrap();
    let original = rig.receive_raw(PATRON, &tag).await;
    let sent_id: String = sqlx::query_scalar("SELECT provider_id FROM message WHERE id = $1")
        .bind(reply_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(parse(&original).unwrap().message_id, sent_id);

    // First the patron's server is still trying: noted, not failed.
    rig.send("mailer-daemon@patron.test", &[desk], &dsn(desk, PATRON, "delayed", "4.2.2", &original, &tag)).await;
    let db = app.db.clone();
    eventually("the delay to be noted on the reply", || {
        let db = db.clone();
        async move {
            let e: Option<String> = sqlx::query_scalar("SELECT delivery_error FROM message WHERE id = $1")
                .bind(reply_id)
                .fetch_one(&db)
                .await
                .unwrap();
            e.filter(|e| e.starts_with("delayed"))
        }
    })
    .await;
    assert_eq!(delivery(&app, reply_id).await.0.as_deref(), Some("sent"));

    // Then it gives up: the reply is failed, which staff see.
    rig.send("mailer-daemon@patron.test", &[desk], &dsn(desk, PATRON, "failed", "5.2.1", &original, &tag)).await;
    eventually("the reply to be marked failed", || {
        let db = db.clone();
        async move {
            let s: Option<String> = sqlx::query_scalar("SELECT delivery_status FROM message WHERE id = $1")
                .bind(reply_id)
                .fetch_one(&db)
                .await
                .unwrap();
            (s.as_deref() == Some("failed")).then_some(())
        }
    })
    .await;
    let (_, error) = delivery(&app, reply_id).await;
    assert_eq!(error.as_deref(), Some("bounced: the patron's mail server refused it (5.2.1)"));
    assert_eq!(scalar(&app, "SELECT count(*) FROM conversation").await, 1, "a bounce opens no conversation");
    assert_eq!(scalar(&app, "SELECT count(*) FROM message WHERE direction = 'in'").await, 1);
    let (_, detail) = staff.get(&format!("/api/conversations/{}", first.conversation_id)).await;
    assert!(detail.to_string().contains("\"failed\""), "staff see the failure: {detail}");
}

#[tokio::test]
async fn a_reply_the_mail_server_refuses_fails_at_once_without_retrying() {
    let rig = rig();
    let app = spawn_app().await;
    // Sending only: nothing to poll.
    let mut settings = rig.mailbox("desk-bounce@library.test");
    settings["enabled"] = json!(false);
    add_mailbox(&app, settings).await;
    // A patron on a domain the rig does not deliver to: Postfix refuses the recipient (550).
    let inbound = channels::Inbound {
        channel: channels::Channel::Email,
        from: channels::Address::Email(EmailAddress::parse("reader@elsewhere.test").unwrap()),
        display_name: None,
        provider_id: unique("q") + "@elsewhere.test",
        subject: Some("Opening hours".into()),
        text: "When do you open?".into(),
        sanitized_html: None,
        thread: channels::ThreadHint::new_conversation(),
        received_at: chrono::Utc::now(),
        attachments: vec![],
    };
    let accepted = app.state.ingest.accept(app.a.id, inbound).await.unwrap();
    let staff = app.login(&app.a.staff).await;
    let (_, reply) = staff
        .post(&format!("/api/conversations/{}/replies", accepted.conversation_id), json!({"body": "At nine."}))
        .await;
    deliver_replies(&app).await;
    let (status, error) = delivery(&app, reply["id"].as_i64().unwrap()).await;
    assert_eq!(status.as_deref(), Some("failed"));
    assert_eq!(error.as_deref(), Some("the mail server refused the reply (550 5.1.1)"));
    let attempts: i32 = sqlx::query_scalar("SELECT attempts FROM outbox").fetch_one(&app.db).await.unwrap();
    assert_eq!(attempts, 1, "a permanent refusal is not retried");
}

#[tokio::test]
async fn the_poller_reconnects_after_dovecot_restarts_while_it_idles() {
    // A private rig: restarting the shared one would break the tests running beside us.
    // Its ports are the shared rig's plus 500, so checkouts with their own ports (several
    // rigs on one machine) never collide.
    let port = |name: &str, default: u16| {
        let base = std::env::var(name).ok().and_then(|p| p.parse::<u16>().ok()).unwrap_or(default);
        (base + 500).to_string()
    };
    let rig = Rig::start(vec![
        ("MAIL_RIG_DIR", format!("{}/.rig/mail-restart", env!("CARGO_MANIFEST_DIR"))),
        ("MAIL_RIG_IMAP_PORT", port("MAIL_RIG_IMAP_PORT", 10143)),
        ("MAIL_RIG_IMAPS_PORT", port("MAIL_RIG_IMAPS_PORT", 10993)),
        ("MAIL_RIG_SMTP_PORT", port("MAIL_RIG_SMTP_PORT", 10025)),
        ("MAIL_RIG_LMTP_PORT", port("MAIL_RIG_LMTP_PORT", 10024)),
    ]);
    let desk = "desk-restart@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    add_mailbox(&app, rig.mailbox(desk)).await;
    let tag = unique("restart");
    let before = format!("b-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("Before {tag}"), &before, &[], "One.")).await;
    stored(&app, &before).await;

    let session = rig.last_imap_process(desk);
    assert!(rig.command("stop").status().unwrap().success());
    // Dovecot's master leaves a running IMAP session's process behind when it stops (the
    // poller's IDLE would carry on through the restart); end it, as a crash or a host
    // restart would.
    rig.end_process(session);
    assert!(rig.command("start").status().unwrap().success());
    let after = format!("a-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("After {tag}"), &after, &[], "Two.")).await;
    stored(&app, &after).await;

    let error: Option<String> =
        sqlx::query_scalar("SELECT last_error FROM email_mailbox").fetch_one(&app.db).await.unwrap();
    assert!(error.is_some(), "the lost connection was recorded");
    let db = app.db.clone();
    eventually("the mailbox to be healthy again", || {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, bool>("SELECT last_ok_at > last_error_at FROM email_mailbox")
                .fetch_one(&db)
                .await
                .unwrap()
                .then_some(())
        }
    })
    .await;
    drop(app);
    assert!(rig.command("stop").status().unwrap().success(), "stopping the private rig");
}

#[tokio::test]
async fn one_instance_polls_a_mailbox_and_another_takes_over_when_it_stops() {
    let rig = rig();
    let desk = "desk-lock@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    let url = app.state.config.database_url.clone();
    let instance = || async {
        let config = test_config(secrecy::ExposeSecret::expose_secret(&url));
        let built = refdesk::App::build(config).await.unwrap();
        let trigger = built.shutdown_trigger();
        (trigger, tokio::spawn(built.run_until_stopped()))
    };
    let (second, second_done) = instance().await;
    add_mailbox(&app, rig.mailbox(desk)).await;
    let holders = |db: sqlx::PgPool| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'refdesk email poller'
                AND a.datname = current_database()",
        )
        .fetch_one(&db)
        .await
        .unwrap()
    };
    let db = app.db.clone();
    eventually("one poller to hold the mailbox", || {
        let db = db.clone();
        async move { (holders(db).await == 1).then_some(()) }
    })
    .await;
    let tag = unique("lock");
    let one = format!("1-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("One {tag}"), &one, &[], "One.")).await;
    stored(&app, &one).await;
    assert_eq!(holders(app.db.clone()).await, 1, "never two pollers");

    // Stop the test app's instance: the second one is then the only poller. Start a third,
    // stop the second: the third must take over.
    app.trigger.trigger();
    let (third, third_done) = instance().await;
    second.trigger();
    second_done.await.unwrap().unwrap();
    let two = format!("2-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("Two {tag}"), &two, &[], "Two.")).await;
    stored(&app, &two).await;
    assert_eq!(holders(app.db.clone()).await, 1);
    third.trigger();
    third_done.await.unwrap().unwrap();
}

#[tokio::test]
async fn mailbox_settings_validate_input_and_never_return_passwords() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let settings = json!({
        "address": "Ask@Alpha.Example", "imap_host": "imap.alpha.example", "imap_security": "tls",
        "imap_password": "imap-secret-1", "smtp_host": "smtp.alpha.example", "smtp_security": "starttls",
        "smtp_username": "ask@alpha.example", "smtp_password": "smtp-secret-1", "enabled": false,
    });
    let (status, created) = admin.post("/api/settings/email/mailboxes", settings.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["address"], "ask@alpha.example");
    assert_eq!((created["imap_port"].as_i64(), created["smtp_port"].as_i64()), (Some(993), Some(587)));
    assert_eq!(created["health"]["state"], "disabled");
    assert!(!created.to_string().contains("secret"), "{created}");
    let (status, _) = admin.post("/api/settings/email/mailboxes", settings.clone()).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // An update without passwords keeps them.
    let id = created["id"].as_i64().unwrap();
    let mut changed = settings.clone();
    changed.as_object_mut().unwrap().remove("imap_password");
    changed.as_object_mut().unwrap().remove("smtp_password");
    changed["from_name"] = json!("Alpha Library");
    let (status, updated) = admin.put(&format!("/api/settings/email/mailboxes/{id}"), changed).await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["from_name"], "Alpha Library");
    let stored: (String, Option<String>) =
        sqlx::query_as("SELECT imap_password, smtp_password FROM email_mailbox WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored, ("imap-secret-1".to_owned(), Some("smtp-secret-1".to_owned())));

    for (field, value) in [
        ("address", json!("not an address")),
        ("imap_host", json!("imap.example/evil")),
        ("imap_folder", json!("INBOX\r\nA1 LOGOUT")),
        ("backfill_days", json!(-1)),
        ("tls_ca_pem", json!("not a certificate")),
    ] {
        let mut bad = settings.clone();
        bad["address"] = json!("other@alpha.example");
        bad[field] = value;
        let (status, body) = admin.post("/api/settings/email/mailboxes", bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
    }
    let mut no_password = settings.clone();
    no_password["address"] = json!("other@alpha.example");
    no_password.as_object_mut().unwrap().remove("imap_password");
    assert_eq!(admin.post("/api/settings/email/mailboxes", no_password).await.0, StatusCode::UNPROCESSABLE_ENTITY);

    // Another library sees none of it.
    let other = app.login(&app.b.admin).await;
    let (_, list) = other.get("/api/settings/email/mailboxes").await;
    assert_eq!(list["mailboxes"], json!([]));
    assert_eq!(other.put(&format!("/api/settings/email/mailboxes/{id}"), settings).await.0, StatusCode::NOT_FOUND);
}
