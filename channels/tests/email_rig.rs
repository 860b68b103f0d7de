//! The thin IMAP and SMTP clients against the real mail rig (scripts/rig/mail): Postfix on
//! 127.0.0.1:10025 delivering into Dovecot (IMAP 10143, IMAPS 10993). Each test starts the
//! rig if it is not running (the script is idempotent and installs what is missing).

use channels::email::imap::{IdleOutcome, ImapConfig, ImapError, ImapSession};
use channels::email::smtp::{self, SmtpConfig, SmtpError};
use channels::email::{
    compose_reply, conversation_from_references, outbound_message_id, parse, Mailbox, ReplyDraft, Security,
};
use channels::EmailAddress;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const SECRET: &[u8] = b"rig test secret with 32+ bytes in it";

/// The rig's settings, from `scripts/rig/mail env`, after making sure it runs.
fn rig() -> &'static HashMap<String, String> {
    static RIG: OnceLock<HashMap<String, String>> = OnceLock::new();
    RIG.get_or_init(|| {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/rig/mail");
        let started = Command::new(&script).arg("start").status().expect("run scripts/rig/mail start");
        assert!(started.success(), "scripts/rig/mail start failed");
        let out = Command::new(&script).arg("env").output().expect("run scripts/rig/mail env");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("export ")?.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    })
}

fn var(name: &str) -> String {
    rig().get(name).cloned().unwrap_or_else(|| panic!("{name} missing from scripts/rig/mail env"))
}

fn port(name: &str) -> u16 {
    var(name).parse().unwrap()
}

fn imap(user: &str, security: Security) -> ImapConfig {
    let (host, port) = match security {
        Security::Tls => ("localhost".to_owned(), port("MAIL_RIG_IMAPS_PORT")),
        Security::StartTls => ("localhost".to_owned(), port("MAIL_RIG_IMAP_PORT")),
        Security::Plain => (var("MAIL_RIG_HOST"), port("MAIL_RIG_IMAP_PORT")),
    };
    ImapConfig {
        host,
        port,
        security,
        username: user.to_owned(),
        password: var("MAIL_RIG_PASSWORD"),
        extra_roots_pem: Some(std::fs::read(var("MAIL_RIG_CA_CERT")).unwrap()),
        timeout: Duration::from_secs(10),
        local_address: None,
        connect_to: None,
    }
}

fn smtp_transport() -> lettre::AsyncSmtpTransport<lettre::Tokio1Executor> {
    smtp::transport(&SmtpConfig {
        host: var("MAIL_RIG_HOST"),
        port: port("MAIL_RIG_SMTP_PORT"),
        security: Security::Plain,
        credentials: None,
        extra_roots_pem: None,
        hello_name: Some("refdesk.library.test".into()),
        timeout: Duration::from_secs(10),
        connect_to: None,
    })
    .unwrap()
}

fn unique(label: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{label}-{}-{nanos}", std::process::id())
}

fn address(a: &str) -> EmailAddress {
    EmailAddress::parse(a).unwrap()
}

fn reply_to(patron: &str, subject: &str, message: i64) -> (ReplyDraft, Vec<u8>) {
    let draft = ReplyDraft {
        from: Mailbox { address: address(&var("MAIL_RIG_LIBRARY_USER")), name: Some("Reference Desk".into()) },
        to: vec![Mailbox { address: address(patron), name: None }],
        cc: vec![],
        subject: format!("Re: {subject}"),
        message_id: outbound_message_id(SECRET, 1, 500, message, "library.test"),
        in_reply_to: Some("<patron-question@patron.test>".into()),
        references: vec!["patron-question@patron.test".into()],
        text: "Your hold is ready.".into(),
        attachments: vec![],
        automatic: false,
        date: chrono::Utc::now(),
    };
    let raw = compose_reply(&draft).unwrap();
    (draft, raw)
}

/// Waits (IDLE between searches) until a message whose subject contains `tag` is in the
/// selected folder; returns its UID.
async fn wait_for(session: ImapSession, tag: &str) -> (ImapSession, u32) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut session = session;
    loop {
        let found = session.uid_search(&format!("SUBJECT \"{tag}\"")).await.unwrap();
        if let Some(&uid) = found.last() {
            return (session, uid);
        }
        assert!(Instant::now() < deadline, "mail {tag} did not arrive in time");
        session = session.idle(Duration::from_secs(2)).await.unwrap().0;
    }
}

#[tokio::test]
async fn imap_logs_in_over_plain_starttls_and_tls() {
    for security in [Security::Plain, Security::StartTls, Security::Tls] {
        let mut session = ImapSession::connect(&imap(&var("MAIL_RIG_LIBRARY_USER"), security))
            .await
            .unwrap_or_else(|e| panic!("{security:?}: {e}"));
        let selected = session.select("INBOX").await.unwrap();
        assert!(selected.uid_validity > 0, "{security:?}");
        assert!(session.supports_idle().await.unwrap());
        session.logout().await.unwrap();
    }
}

#[tokio::test]
async fn a_composed_reply_travels_through_postfix_into_the_patrons_mailbox() {
    let patron = var("MAIL_RIG_PATRON_USER");
    let tag = unique("hold");
    let (draft, raw) = reply_to(&patron, &tag, 1);
    let transport = smtp_transport();
    smtp::send(&transport, &draft.from.address, &[address(&patron)], &raw).await.unwrap();

    let mut session = ImapSession::connect(&imap(&patron, Security::Plain)).await.unwrap();
    session.select("INBOX").await.unwrap();
    let (mut session, uid) = wait_for(session, &tag).await;
    assert!(session.uid_sizes(&[uid]).await.unwrap()[0].1 as usize >= raw.len());
    let fetched = session.fetch_raw(&[uid]).await.unwrap();
    assert!(session.uid_search("UNSEEN").await.unwrap().contains(&uid), "BODY.PEEK leaves it unseen");

    let email = parse(&fetched[0].1).unwrap();
    assert_eq!(email.message_id, draft.message_id.trim_matches(['<', '>']));
    assert_eq!(email.subject.as_deref(), Some(format!("Re: {tag}").as_str()));
    assert_eq!(email.in_reply_to, ["patron-question@patron.test"]);
    assert_eq!(email.text, "Your hold is ready.");
    // The patron's answer would quote this id: it leads back to the conversation.
    assert_eq!(conversation_from_references(SECRET, std::slice::from_ref(&email.message_id)), Some((1, 500)));

    session.mark_seen(&[uid]).await.unwrap();
    assert!(!session.uid_search("UNSEEN").await.unwrap().contains(&uid));
    session.logout().await.unwrap();
}

#[tokio::test]
async fn idle_reports_new_mail_promptly() {
    let patron = var("MAIL_RIG_PATRON2_USER");
    let mut session = ImapSession::connect(&imap(&patron, Security::Tls)).await.unwrap();
    session.select("INBOX").await.unwrap();
    let tag = unique("idle");
    let sender = tokio::spawn({
        let patron = patron.clone();
        let tag = tag.clone();
        async move {
            // Give IDLE a head start; either order must work.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let (draft, raw) = reply_to(&patron, &tag, 2);
            smtp::send(&smtp_transport(), &draft.from.address, &[address(&patron)], &raw).await.unwrap();
            Instant::now()
        }
    });
    let (mut session, outcome) = session.idle(Duration::from_secs(20)).await.unwrap();
    let noticed = Instant::now();
    let sent = sender.await.unwrap();
    assert_eq!(outcome, IdleOutcome::Changed);
    assert!(noticed.duration_since(sent) < Duration::from_secs(5), "IDLE took {:?}", noticed - sent);
    let (session2, _uid) = wait_for(session, &tag).await;
    session = session2;
    session.logout().await.unwrap();
}

#[tokio::test]
async fn idle_times_out_when_nothing_happens() {
    // The library's own mailbox gets no mail from these tests.
    let mut session = ImapSession::connect(&imap(&var("MAIL_RIG_LIBRARY_USER"), Security::Plain)).await.unwrap();
    session.select("INBOX").await.unwrap();
    let started = Instant::now();
    let (session, outcome) = session.idle(Duration::from_millis(500)).await.unwrap();
    assert_eq!(outcome, IdleOutcome::TimedOut);
    assert!(started.elapsed() < Duration::from_secs(5));
    session.logout().await.unwrap();
}

#[tokio::test]
async fn a_wrong_password_is_a_login_error() {
    // From another loopback address: Dovecot delays logins from an IP after a failure.
    let config = ImapConfig {
        password: "not the password".into(),
        local_address: Some("127.0.0.66".parse().unwrap()),
        ..imap(&var("MAIL_RIG_LIBRARY_USER"), Security::Plain)
    };
    match ImapSession::connect(&config).await {
        Err(ImapError::Login(_)) => {}
        other => panic!("expected a login error, got {other:?}"),
    }
}

#[tokio::test]
async fn smtp_refusals_are_permanent() {
    let transport = smtp_transport();
    let (draft, raw) = reply_to("nobody@patron.test", &unique("unknown"), 3);
    let unknown_user = smtp::send(&transport, &draft.from.address, &[address("nobody@patron.test")], &raw).await;
    let elsewhere = smtp::send(&transport, &draft.from.address, &[address("someone@elsewhere.example")], &raw).await;
    for result in [unknown_user, elsewhere] {
        match result {
            Err(e @ SmtpError::Permanent(_)) => assert!(e.is_permanent()),
            other => panic!("expected a permanent refusal, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_closed_port_is_a_transient_failure() {
    let transport = smtp::transport(&SmtpConfig {
        host: "127.0.0.1".into(),
        port: 9, // discard: nothing listens here
        security: Security::Plain,
        credentials: None,
        extra_roots_pem: None,
        hello_name: None,
        timeout: Duration::from_secs(2),
        connect_to: None,
    })
    .unwrap();
    let (draft, raw) = reply_to("patron@patron.test", "x", 4);
    match smtp::send(&transport, &draft.from.address, &[address("patron@patron.test")], &raw).await {
        Err(e @ SmtpError::Transient(_)) => assert!(!e.is_permanent()),
        other => panic!("expected a transient failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_message_fetched_in_ranges_is_byte_for_byte_the_whole_message() {
    let patron = var("MAIL_RIG_PATRON_USER");
    let tag = unique("ranges");
    let mut raw = format!(
        "From: {patron}\r\nTo: {patron}\r\nSubject: {tag}\r\nMessage-ID: <{tag}@patron.test>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    );
    for n in 0..9_000 {
        raw.push_str(&format!("line {n:05} of a long letter about the library's local history archive\r\n"));
    }
    smtp::send(&smtp_transport(), &address(&patron), &[address(&patron)], raw.as_bytes()).await.unwrap();
    let mut session = ImapSession::connect(&imap(&patron, Security::Plain)).await.unwrap();
    session.select("INBOX").await.unwrap();
    let (mut session, uid) = wait_for(session, &tag).await;
    let size = session.uid_sizes(&[uid]).await.unwrap()[0].1;
    let whole = session.fetch_raw(&[uid]).await.unwrap().remove(0).1;
    assert!(whole.len() > 600_000, "{}", whole.len());
    // A range that does not divide the size, and one larger than the message.
    for range in [64 * 1024 + 7, 4 << 20] {
        let ranged = session.fetch_raw_ranged(uid, size, range, usize::MAX).await.unwrap().expect("present");
        assert!(ranged == whole, "range {range}: {} bytes, whole {}", ranged.len(), whole.len());
    }
    let capped = session.fetch_raw_ranged(uid, size, 64 * 1024, 100_000).await.unwrap().expect("present");
    assert!(capped[..] == whole[..100_000], "at most the cap, from the start");
    assert!(session.uid_search("UNSEEN").await.unwrap().contains(&uid), "ranges are fetched with PEEK");
    let missing = session.uid_search("ALL").await.unwrap().last().copied().unwrap_or(0) + 1_000;
    assert_eq!(session.fetch_raw_ranged(missing, 10, 1024, 1024).await.unwrap(), None, "a deleted message");
    session.logout().await.unwrap();
}
