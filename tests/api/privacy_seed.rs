//! Canary patrons for the privacy tests: distinctive strings pushed through every channel
//! the hub has (email through the real email ingest, SMS, notes, replies, ratings,
//! attachments, quarantine, web chat through the widget socket, surveys through the public
//! form, FAQ searches), so a test can look for them anywhere afterwards.

use crate::helpers::*;
use channels::inbound::InboundAttachment;
use channels::{Address, Channel, Inbound, ThreadHint, E164};
use refdesk::domain::LibraryId;
use refdesk::email::inbound::{self, Context, Prepared};
use refdesk::email::mailbox::MailboxId;
use refdesk::email::quarantine::FoundAt;
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
        auto_ack: None,
        public_origin: app.addr.clone(),
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

/// A web chat through the real widget socket: a message, the contact frame (name, email,
/// phone), a transcript request and a message left through the offline form. Returns the
/// chat conversation (the left message is an email conversation of the same address).
pub async fn chat_in(app: &TestApp, c: &Canaries) -> i64 {
    use crate::chat::{conversation_of, is, new_patron, next, say, send};
    crate::chat::enable_chat(app).await;
    let (mut ws, _) = new_patron(&app.addr).await;
    let ack = say(&mut ws, "canary-chat", &format!("chat {} from {}", c.words, c.name)).await;
    let conversation = conversation_of(app, ack["message"]["id"].as_i64().unwrap()).await;
    send(&mut ws, json!({"type": "contact", "name": c.name, "email": c.email, "phone": c.phone})).await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "contact");
    send(&mut ws, json!({"type": "transcript", "email": c.email})).await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "transcript");
    send(
        &mut ws,
        json!({"type": "leave_message", "client_id": "canary-left", "text": format!("left {} for you", c.words),
               "name": c.name, "email": c.email}),
    )
    .await;
    assert_eq!(next(&mut ws, is("done")).await["what"], "left_message");
    conversation
}

/// Two responses through the public survey form: a comment with "contact me" by email
/// (opens a survey conversation, returned), and a comment with a phone number but no
/// consent (stored, tied to no conversation).
pub async fn survey_in(app: &TestApp, c: &Canaries) -> i64 {
    use crate::survey::{form_token, published_survey, submit};
    // Not from the canaries: the survey's own name and slug are no patron's data.
    let surveys: i64 = sqlx::query_scalar("SELECT count(*) FROM survey").fetch_one(&app.db).await.unwrap();
    let slug = format!("seed-survey-{surveys}");
    published_survey(app, &slug).await;
    let path = format!("/s/alpha/{slug}");
    let token = form_token(app, &path).await;
    let comment = format!("survey {} says {}", c.words, c.name);
    let fields = [
        ("token", token.as_str()),
        ("q.overall", "4"),
        ("q.patron_type", "senior"),
        ("q.comment", &comment),
        ("q.contact.consent", "yes"),
        ("q.contact.email", &c.email),
    ];
    assert_eq!(submit(app, &slug, &fields).await.0, reqwest::StatusCode::SEE_OTHER);
    let token = form_token(app, &path).await;
    let quiet = format!("quietly {}", c.words);
    let fields = [("token", token.as_str()), ("q.overall", "2"), ("q.comment", &quiet), ("q.contact.phone", &c.phone)];
    assert_eq!(submit(app, &slug, &fields).await.0, reqwest::StatusCode::SEE_OTHER);
    let responses: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM survey_response r JOIN survey s ON s.library_id = r.library_id AND s.id = r.survey_id
          WHERE s.slug = $1",
    )
    .bind(&slug)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(responses, 2, "both responses were stored");
    sqlx::query_scalar("SELECT conversation_id FROM survey_response WHERE comment = $1 AND conversation_id IS NOT NULL")
        .bind(&comment)
        .fetch_one(&app.db)
        .await
        .unwrap()
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
    // Web chat (merged into the patron), a survey, and a FAQ search that found nothing.
    let chat = chat_in(app, c).await;
    let chat_contact: i64 = sqlx::query_scalar("SELECT contact_id FROM conversation WHERE id = $1")
        .bind(chat)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let (status, b) = staff
        .post(&format!("/api/contacts/{}/merge", sms.contact_id.0), json!({"from_contact_id": chat_contact}))
        .await;
    assert!(status.is_success(), "{b}");
    survey_in(app, c).await;
    let r = reqwest::get(format!("{}/faq/alpha?q={}+zeppelin", app.addr, c.words)).await.unwrap();
    assert!(r.status().is_success());
    let misses: i64 = sqlx::query_scalar("SELECT count(*) FROM faq_search_miss WHERE query LIKE $1")
        .bind(format!("%{}%", c.words))
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(misses, 1, "the search miss was counted");
    app.dispatch_all_pending().await;
    // Every conversation of the patron resolved (the chat, the left message, the survey).
    let open: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM conversation WHERE library_id = $1 AND contact_id = $2 AND status <> 'resolved' ORDER BY id",
    )
    .bind(app.a.id)
    .bind(sms.contact_id.0)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(open.len(), 3, "chat, left message and survey conversations: {open:?}");
    for conv in open {
        let (s, b) = staff.put(&format!("/api/conversations/{conv}/status"), json!({"status": "resolved"})).await;
        assert!(s.is_success(), "{b}");
    }
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
            'contacts', (SELECT count(*) FROM contact),
            'facts', (SELECT jsonb_agg(to_jsonb(f) ORDER BY conversation_id) FROM conversation_fact f),
            'histograms', (SELECT jsonb_agg(to_jsonb(h) ORDER BY h) FROM report_histogram h),
            'packed_histograms', (SELECT jsonb_agg(to_jsonb(h) ORDER BY h) FROM report_histogram_packed h),
            'survey_rollups', (SELECT jsonb_agg(to_jsonb(r) ORDER BY r) FROM survey_rollup r),
            'survey_responses', (SELECT jsonb_agg(jsonb_build_object('id', id, 'survey', survey_id, 'version', version,
                  'source', source, 'language', language, 'at', submitted_at, 'measures', measure_keys,
                  'kinds', measure_kinds, 'scores', measure_scores, 'context', context_keys,
                  'options', context_options, 'contact_requested', contact_requested,
                  'conversation', conversation_id) ORDER BY id) FROM survey_response),
            'csat_requests', (SELECT jsonb_agg(jsonb_build_object('id', id, 'conversation', conversation_id,
                  'channel', channel, 'sent', sent_at, 'answered', answered_at) ORDER BY id) FROM csat_request))",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}
