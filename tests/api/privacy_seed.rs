//! Canary patrons for the privacy tests: distinctive strings pushed through every channel
//! the hub has (email through the real email ingest, SMS, notes, replies, ratings,
//! attachments, quarantine), so a test can look for them anywhere afterwards.

use crate::helpers::*;
use channels::inbound::InboundAttachment;
use channels::{Address, Channel, Inbound, ThreadHint, E164};
use refdesk::domain::LibraryId;
use refdesk::email::inbound::{self, Context, Prepared};
use refdesk::email::quarantine::FoundAt;
use refdesk::email::store::MailboxId;
use serde_json::json;
use std::time::Duration;

/// One patron's canaries. Every string is unique to the patron (the `tag`).
pub struct Canaries {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub words: String,
}

impl Canaries {
    pub fn new(tag: &str, phone: &str) -> Canaries {
        Canaries {
            name: format!("Canaryname{tag}"),
            email: format!("canarymail{tag}@patron.example"),
            phone: phone.to_owned(),
            words: format!("canaryword{tag}"),
        }
    }

    /// Everything that must never outlive retention or erasure.
    pub fn all(&self) -> Vec<String> {
        let digits = self.phone.trim_start_matches('+').to_owned();
        vec![self.name.clone(), self.email.clone(), digits, self.words.clone()]
    }
}

/// What seeding made.
pub struct Seeded {
    /// The patron's contact (the email contact merged into it).
    pub contact: i64,
}

/// A raw email from the canary patron, with a Cc, an HTML part and an attachment.
fn raw_email(c: &Canaries, n: u32) -> Vec<u8> {
    format!(
        "From: {name} <{email}>\r\nTo: desk@alpha.example\r\nCc: {words}cc{n}@friend.example\r\n\
Subject: {words} subject {n}\r\nMessage-ID: <{words}.{n}@patron.example>\r\nDate: {date}\r\n\
MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello, I am {name}, {words} in html, call {phone}</p>\r\n\
--b\r\nContent-Type: text/plain; name=\"{words}.txt\"\r\nContent-Disposition: attachment; filename=\"{words}.txt\"\r\n\r\n\
attached {words} file\r\n--b--\r\n",
        name = c.name,
        email = c.email,
        words = c.words,
        phone = c.phone,
        date = chrono::Utc::now().to_rfc2822(),
    )
    .into_bytes()
}

/// A mailbox that is never polled, and the context its poller would have.
pub async fn mail_context(app: &TestApp, library: LibraryId, admin: &Session) -> Context {
    let (status, mailbox) = admin
        .post(
            "/api/settings/email/mailboxes",
            json!({"address": "desk@alpha.example", "imap_host": "127.0.0.1", "imap_security": "plain",
                   "imap_password": "pw-pw-pw", "smtp_host": "127.0.0.1", "smtp_security": "plain", "enabled": false}),
        )
        .await;
    assert!(status.is_success(), "{mailbox}");
    Context {
        db: app.db.clone(),
        ingest: app.state.ingest.clone(),
        realtime: app.realtime.clone(),
        library,
        mailbox: MailboxId(mailbox["id"].as_i64().unwrap()),
        own_addresses: vec!["desk@alpha.example".into()],
        secret: refdesk::email::store::secret(&app.db, library).await.unwrap(),
        limits: Context::limits_for(10_000_000),
    }
}

/// An email from the patron through the real email ingest (threading, metadata, Cc).
pub async fn email_in(ctx: &Context, c: &Canaries, n: u32) -> i64 {
    let Prepared::Mail(mail) = inbound::prepare(ctx, raw_email(c, n), chrono::Utc::now()) else {
        panic!("the canary email is a patron's mail")
    };
    let at = FoundAt { mailbox: ctx.mailbox, uid_validity: 1, uid: n };
    inbound::ingest(ctx, at, *mail).await.unwrap();
    sqlx::query_scalar("SELECT conversation_id FROM message WHERE provider_id = $1")
        .bind(format!("{}.{n}@patron.example", c.words))
        .fetch_one(&ctx.db)
        .await
        .unwrap()
}

/// A text from the patron with an MMS attachment, through ingest.
pub async fn sms_in(app: &TestApp, library: LibraryId, c: &Canaries, sid: &str) -> refdesk::inbox::ingest::Accepted {
    let inbound = Inbound {
        channel: Channel::Sms,
        from: Address::Phone(E164::parse(&c.phone).unwrap()),
        display_name: Some(c.name.clone()),
        provider_id: sid.to_owned(),
        subject: None,
        text: format!("text {} from {}", c.words, c.email),
        sanitized_html: None,
        thread: ThreadHint::ContinueRecent { conversation: None, within: Duration::from_secs(72 * 3600) },
        received_at: chrono::Utc::now(),
        attachments: vec![InboundAttachment {
            filename: format!("{}.jpg", c.words),
            content_type: "image/jpeg".into(),
            data: format!("jpegbytes {}", c.words).into_bytes(),
        }],
    };
    app.state.ingest.accept(library, inbound).await.unwrap()
}

/// Seeds the canary patron in library alpha on every channel, answers and resolves both
/// conversations, rates one, and leaves a quarantined mail and a failed delivery.
pub async fn seed(app: &TestApp, c: &Canaries, ctx: &Context) -> Seeded {
    let staff = app.login(&app.a.staff).await;
    let email_conversation = email_in(ctx, c, 1).await;
    let sms = sms_in(app, app.a.id, c, &format!("SM{}", c.words)).await;
    let sms_conversation = sms.conversation_id.0;
    // Link the email to the same patron, so the contact has both identities.
    let email_contact: i64 = sqlx::query_scalar("SELECT contact_id FROM conversation WHERE id = $1")
        .bind(email_conversation)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let (status, _) = staff
        .post(&format!("/api/contacts/{}/merge", sms.contact_id.0), json!({"from_contact_id": email_contact}))
        .await;
    assert!(status.is_success());
    for conv in [email_conversation, sms_conversation] {
        let (s, b) =
            staff.post(&format!("/api/conversations/{conv}/notes"), json!({"body": format!("note {}", c.words)})).await;
        assert!(s.is_success(), "{b}");
        let (s, b) = staff
            .post(&format!("/api/conversations/{conv}/replies"), json!({"body": format!("reply to {}", c.name)}))
            .await;
        assert!(s.is_success(), "{b}");
    }
    // One delivery fails with a provider error quoting the address, one succeeds.
    app.adapter.then(Err(refdesk::outbox::DeliveryError::Permanent(format!("rejected {}", c.email))));
    app.dispatch_all_pending().await;
    sqlx::query("UPDATE conversation SET read_level = 3, tags = '{renewals}' WHERE id = ANY($1)")
        .bind(vec![email_conversation, sms_conversation])
        .execute(&app.db)
        .await
        .unwrap();
    for conv in [email_conversation, sms_conversation] {
        let (s, b) = staff.put(&format!("/api/conversations/{conv}/status"), json!({"status": "resolved"})).await;
        assert!(s.is_success(), "{b}");
    }
    sqlx::query(
        "INSERT INTO csat_rating (library_id, conversation_id, channel, score, comment, source)
         VALUES ($1, $2, 'sms', 4, $3, 'sms_reply')",
    )
    .bind(app.a.id)
    .bind(sms_conversation)
    .bind(format!("thanks from {}", c.name))
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO email_quarantine (library_id, mailbox_id, uid_validity, uid, reason, detail, sha256, size_bytes, raw)
         VALUES ($1, $2, 1, 99, 'unparseable', 'bad mime', $3, 10, $4)",
    )
    .bind(app.a.id)
    .bind(ctx.mailbox.0)
    .bind(format!("sha-{}", c.words))
    .bind(raw_email(c, 99))
    .execute(&app.db)
    .await
    .unwrap();
    Seeded { contact: sms.contact_id.0 }
}

/// Every place a canary is still found: `table` (row as text) or `table.column` (bytea).
pub async fn find_everywhere(app: &TestApp, needles: &[String]) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'
          ORDER BY 1",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut found = Vec::new();
    for table in tables {
        let columns: Vec<(String, String)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(&table)
        .fetch_all(&app.db)
        .await
        .unwrap();
        for needle in needles {
            // The whole row as text covers text, arrays, jsonb and tsvector columns alike.
            let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{table}\" t WHERE t::text ILIKE $1"))
                .bind(format!("%{needle}%"))
                .fetch_one(&app.db)
                .await
                .unwrap();
            if n > 0 {
                found.push(format!("{table} ({needle})"));
            }
            for (column, _) in columns.iter().filter(|(_, ty)| ty == "bytea") {
                let n: i64 = sqlx::query_scalar(&format!(
                    "SELECT count(*) FROM \"{table}\" WHERE position(convert_to($1, 'UTF8') IN \"{column}\") > 0"
                ))
                .bind(needle)
                .fetch_one(&app.db)
                .await
                .unwrap();
                if n > 0 {
                    found.push(format!("{table}.{column} ({needle})"));
                }
            }
        }
    }
    found
}

/// The anonymous facts reports read, in a stable order.
pub async fn report_facts(app: &TestApp) -> serde_json::Value {
    sqlx::query_scalar(
        "SELECT jsonb_build_object(
            'conversations', (SELECT jsonb_agg(jsonb_build_object('id', id, 'channel', channel, 'team', team_id,
                  'assignee', assignee_id, 'status', status, 'created', created_at, 'first_response', first_response_at,
                  'resolved', resolved_at, 'read', read_level, 'tags', tags, 'count', message_count) ORDER BY id)
               FROM conversation),
            'messages', (SELECT jsonb_agg(jsonb_build_object('id', id, 'conversation', conversation_id,
                  'direction', direction, 'channel', channel, 'author', author_staff_id, 'created', created_at,
                  'status', delivery_status) ORDER BY id) FROM message),
            'attachments', (SELECT jsonb_agg(jsonb_build_object('id', id, 'message', message_id,
                  'type', content_type, 'size', size_bytes) ORDER BY id) FROM attachment),
            'ratings', (SELECT jsonb_agg(jsonb_build_object('conversation', conversation_id, 'score', score,
                  'channel', channel, 'team', team_id, 'staff', staff_id, 'at', created_at) ORDER BY id) FROM csat_rating),
            'contacts', (SELECT count(*) FROM contact))",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}
