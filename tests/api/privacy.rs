//! Privacy: retention at N+1 days leaves no canary anywhere and the report facts unchanged,
//! erasure keeps the SMS opt-out, export holds exactly one patron, every access is audited.

use crate::helpers::*;
use crate::privacy_seed::*;
use chrono::{Duration, Utc};
use refdesk::housekeeping::privacy_chores;
use refdesk::privacy::retention;
use reqwest::StatusCode;
use serde_json::json;
use sha2::{Digest, Sha256};

fn hmac_sha256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut k = key.to_vec();
    k.resize(64, 0);
    let inner: Vec<u8> = k.iter().map(|b| b ^ 0x36).chain(msg.iter().copied()).collect();
    let inner = Sha256::digest(&inner);
    let outer: Vec<u8> = k.iter().map(|b| b ^ 0x5c).chain(inner.iter().copied()).collect();
    Sha256::digest(&outer).to_vec()
}

#[tokio::test]
async fn the_sql_phone_hash_is_hmac_sha256_with_the_librarys_key() {
    let app = spawn_app().await;
    let (key, hash): (Vec<u8>, Vec<u8>) =
        sqlx::query_as("SELECT privacy_key_for($1), privacy_phone_hash(privacy_key_for($1), '+15551234567')")
            .bind(app.a.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(key.len(), 32);
    assert_eq!(hash, hmac_sha256(&key, b"+15551234567"));
    let other: Vec<u8> =
        sqlx::query_scalar("SELECT privacy_key_for($1)").bind(app.b.id).fetch_one(&app.db).await.unwrap();
    assert_ne!(key, other, "each library has its own key");
}

#[tokio::test]
async fn retention_at_n_plus_one_days_removes_every_canary_and_keeps_the_report_facts() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let ctx = mail_context(&app, app.a.id, &admin).await;
    let c = Canaries::new("ret", "+15559990001");
    seed(&app, &c, &ctx).await;
    // The patron texted STOP: the opt-out must survive, as a hash.
    let staff = app.login(&app.a.staff).await;
    let contact: i64 = sqlx::query_scalar("SELECT contact_id FROM contact_identity WHERE address = $1")
        .bind(&c.phone)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let (s, _) = staff.put(&format!("/api/contacts/{contact}/sms-consent"), json!({"opted_out": true})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let found = find_everywhere(&app, &c.all()).await;
    for table in [
        "contact",
        "contact_identity",
        "message",
        "attachment",
        "email_message",
        "email_conversation",
        "outbox",
        "csat_rating",
        "conversation",
        "email_quarantine",
        "chat_session",
        "chat_transcript",
        "survey_response",
        "faq_search_miss",
    ] {
        assert!(found.iter().any(|f| f.starts_with(table)), "the seed reached {table}: {found:?}");
    }
    let facts = report_facts(&app).await;

    // A day before the limit nothing happens.
    let now = Utc::now();
    privacy_chores(&app.db, now + Duration::days(364)).await.unwrap();
    assert_eq!(find_everywhere(&app, &c.all()).await.len(), found.len());

    privacy_chores(&app.db, now + Duration::days(366)).await.unwrap();
    assert_eq!(find_everywhere(&app, &c.all()).await, Vec::<String>::new(), "canaries left after retention");
    assert_eq!(report_facts(&app).await, facts, "report inputs changed");
    let search: i64 =
        sqlx::query_scalar("SELECT count(*) FROM message WHERE search @@ to_tsquery('simple', 'canarywordret')")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(search, 0, "the search index forgot the text");
    // Idempotent: a rerun does nothing.
    let again = retention::run(&app.db, now + Duration::days(366)).await.unwrap();
    assert_eq!(again, retention::Report::default());
    // The opt-out is still honoured for the same number.
    let back = sms_in(&app, app.a.id, &c, "SMagain").await;
    let (status, err) =
        staff.post(&format!("/api/conversations/{}/replies", back.conversation_id.0), json!({"body": "hi"})).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sms_opted_out")));
}

#[tokio::test]
async fn per_field_limits_remove_identities_and_bodies_at_their_own_time() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let (s, b) = admin
        .put(
            "/api/settings/privacy",
            json!({"retention_days": 365, "body_days": 90, "identity_days": 30, "lapsed_after_days": 180}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let c = Canaries::new("field", "+15559990002");
    let accepted = sms_in(&app, app.a.id, &c, "SMfield").await;
    let staff = app.login(&app.a.staff).await;
    staff
        .put(&format!("/api/conversations/{}/status", accepted.conversation_id.0), json!({"status": "resolved"}))
        .await;
    let now = Utc::now();
    let r = retention::run(&app.db, now + Duration::days(31)).await.unwrap();
    assert_eq!((r.bodies, r.identities, r.contacts), (0, 1, 1));
    let left = find_everywhere(&app, &c.all()).await;
    assert!(left.iter().all(|f| f.starts_with("message") || f.starts_with("attachment")), "{left:?}");
    assert!(left.iter().any(|f| f.contains(&c.words)), "bodies are kept until day 90: {left:?}");
    assert!(!left.iter().any(|f| f.contains(&c.name)), "names are gone at day 30... except inside bodies: {left:?}");
    retention::run(&app.db, now + Duration::days(91)).await.unwrap();
    assert_eq!(find_everywhere(&app, &c.all()).await, Vec::<String>::new());
    // Bad settings are refused with the setting's name.
    let (s, b) = admin.put("/api/settings/privacy", json!({"retention_days": 0, "lapsed_after_days": 10})).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_policy")));
    assert!(b["message"].as_str().unwrap().contains("retention_days"));
}

#[tokio::test]
async fn erasure_removes_a_patron_everywhere_but_keeps_the_opt_out_and_the_reports() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let ctx = mail_context(&app, app.a.id, &admin).await;
    let c = Canaries::new("erase", "+15559990003");
    let other = Canaries::new("keep", "+15559990004");
    let seeded = seed(&app, &c, &ctx).await;
    let kept = sms_in(&app, app.a.id, &other, "SMkeep").await;
    let staff = app.login(&app.a.staff).await;
    staff.put(&format!("/api/contacts/{}/sms-consent", seeded.contact), json!({"opted_out": true})).await;
    let (s, b) =
        admin.post("/api/settings/csat/optouts", json!({"channel": "email", "address": c.email.clone()})).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
    let facts = report_facts(&app).await;

    let manager = app.login(&app.a.manager).await;
    assert_eq!(
        manager.send(reqwest::Method::DELETE, &format!("/api/contacts/{}", seeded.contact), json!(null)).await.0,
        StatusCode::FORBIDDEN,
        "erasure is for admins"
    );
    let (s, erased) =
        admin.send(reqwest::Method::DELETE, &format!("/api/contacts/{}", seeded.contact), json!(null)).await;
    assert_eq!(s, StatusCode::OK, "{erased}");
    assert_eq!(erased["conversations"], 5, "email, SMS, chat, the left message and the survey");
    let left: Vec<String> = find_everywhere(&app, &c.all())
        .await
        .into_iter()
        // Tied to no patron, so erasure cannot find them: they only expire (a quarantined
        // mail at the retention limit, a FAQ search miss after 30 days).
        .filter(|f| !f.starts_with("email_quarantine") && !f.starts_with("faq_search_miss"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "canaries left after erasure");
    assert_eq!(report_facts(&app).await, facts, "erasure must not change the reports");
    assert!(!find_everywhere(&app, &other.all()).await.is_empty(), "another patron is untouched");
    let _ = kept;
    // The number writes again: a new contact, still opted out.
    let back = sms_in(&app, app.a.id, &c, "SMback").await;
    assert_ne!(back.contact_id.0, seeded.contact);
    let (status, err) =
        staff.post(&format!("/api/conversations/{}/replies", back.conversation_id.0), json!({"body": "hi"})).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sms_opted_out")));
    // The email writes again with ratings on: not asked, the CSAT opt-out held.
    let (s, b) = admin
        .put(
            "/api/settings/csat",
            json!({"enabled": true, "sample_percent": 100, "min_days_between": 0, "reply_window_hours": 72}),
        )
        .await;
    assert!(s.is_success(), "{b}");
    let again = email_in(&ctx, &c, 2).await;
    staff.post(&format!("/api/conversations/{again}/replies"), json!({"body": "answered"})).await;
    let (s, _) = staff.put(&format!("/api/conversations/{again}/status"), json!({"status": "resolved"})).await;
    assert!(s.is_success());
    let asked: i64 = sqlx::query_scalar("SELECT count(*) FROM csat_request WHERE conversation_id = $1")
        .bind(again)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(asked, 0, "an erased patron's rating opt-out is still honoured");
    let hashed: i64 = sqlx::query_scalar("SELECT count(*) FROM csat_optout").fetch_one(&app.db).await.unwrap();
    assert_eq!(hashed, 1);
}

#[tokio::test]
async fn an_export_holds_exactly_one_patron_on_every_channel() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let ctx = mail_context(&app, app.a.id, &admin).await;
    let c = Canaries::new("mine", "+15559990005");
    let other = Canaries::new("theirs", "+15559990006");
    let seeded = seed(&app, &c, &ctx).await;
    sms_in(&app, app.a.id, &other, "SMtheirs").await;
    email_in(&ctx, &other, 7).await;
    chat_in(&app, &other).await;
    survey_in(&app, &other).await;

    let staff = app.login(&app.a.staff).await;
    assert_eq!(staff.get(&format!("/api/contacts/{}/export", seeded.contact)).await.0, StatusCode::FORBIDDEN);
    let manager = app.login(&app.a.manager).await;
    let (s, export) = manager.get(&format!("/api/contacts/{}/export", seeded.contact)).await;
    assert_eq!(s, StatusCode::OK);
    let text = export.to_string();
    for needle in [&c.name, &c.email, &c.phone, &c.words] {
        assert!(text.contains(needle.as_str()), "export lacks {needle}");
    }
    for needle in other.all() {
        assert!(!text.contains(&needle), "export leaks another patron's {needle}");
    }
    assert!(!text.contains(&format!("{}cc", c.words)), "export leaks a Cc'd person's address");
    let data = &export["data"];
    assert_eq!(data["conversation"].as_array().unwrap().len(), 5, "email, SMS, chat, left message, survey");
    let channels: std::collections::BTreeSet<&str> =
        data["contact_identity"].as_array().unwrap().iter().map(|i| i["channel"].as_str().unwrap()).collect();
    assert_eq!(channels.into_iter().collect::<Vec<_>>(), ["chat", "email", "sms", "survey"]);
    for (table, needle) in [
        ("chat_session", &c.name),
        ("chat_session", &c.phone),
        ("chat_transcript", &c.email),
        ("survey_response", &c.words),
        ("survey_response", &c.phone),
    ] {
        assert!(data[table].to_string().contains(needle.as_str()), "export's {table} lacks {needle}: {}", data[table]);
    }
    assert_eq!(
        data["survey_response"].as_array().unwrap().len(),
        2,
        "the contact-me response and the one with a number"
    );
    assert!(data["attachment"].as_array().unwrap().len() >= 2);
    assert_eq!(data["sms_consent"].as_array().unwrap().len(), 0);

    let r =
        manager.client.get(format!("{}/api/contacts/{}/export/html", app.addr, seeded.contact)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = r.text().await.unwrap();
    assert!(html.contains("<h2>Messages</h2>") && html.contains(&c.words) && html.contains("lang=\"en\""));
    assert!(!html.contains(&other.words) && !html.contains("<script"));
    // Another library's manager sees no such patron.
    let b = app.login(&app.b.admin).await;
    assert_eq!(b.get(&format!("/api/contacts/{}/export", seeded.contact)).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_audit_log_records_every_access_without_content() {
    let app = spawn_app().await;
    let c = Canaries::new("audit", "+15559990007");
    let one = sms_in(&app, app.a.id, &c, "SMa1").await;
    let two = sms_in(&app, app.a.id, &Canaries::new("audit2", "+15559990008"), "SMa2").await;
    let staff = app.login(&app.a.staff).await;
    let admin = app.login(&app.a.admin).await;
    staff.get(&format!("/api/conversations/{}", one.conversation_id.0)).await;
    staff.get(&format!("/api/contacts/{}", one.contact_id.0)).await;
    let (_, merge) = staff
        .post(&format!("/api/contacts/{}/merge", one.contact_id.0), json!({"from_contact_id": two.contact_id.0}))
        .await;
    staff.post(&format!("/api/contacts/{}/split", one.contact_id.0), json!({"merge_id": merge["id"]})).await;
    admin.get(&format!("/api/contacts/{}/export", one.contact_id.0)).await;
    admin.send(reqwest::Method::DELETE, &format!("/api/contacts/{}", one.contact_id.0), json!(null)).await;

    assert_eq!(staff.get("/api/audit").await.0, StatusCode::FORBIDDEN, "admins only");
    let (s, page) = admin.get(&format!("/api/audit?subject_type=contact&subject_id={}", one.contact_id.0)).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let actions: Vec<&str> =
        page["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["erase", "export", "split", "merge", "open"], "newest first");
    let entry = &page["entries"][0];
    assert_eq!(entry["staff_name"], "alpha admin");
    let (_, all) = admin.get("/api/audit?limit=200").await;
    assert!(all["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["subject_type"] == "conversation" && e["action"] == "open"));
    for needle in c.all() {
        assert!(!all.to_string().contains(&needle), "audit log holds {needle}");
    }
    let (_, paged) = admin.get("/api/audit?limit=2").await;
    let before = paged["next_before"].as_i64().unwrap();
    let (_, next) = admin.get(&format!("/api/audit?limit=2&before={before}")).await;
    assert!(next["entries"][0]["id"].as_i64().unwrap() < before);
}

#[tokio::test]
async fn the_privacy_page_is_generated_from_the_policy_and_sets_no_cookie() {
    let app = spawn_app().await;
    let admin = app.login(&app.a.admin).await;
    let r = reqwest::get(format!("{}/privacy/alpha", app.addr)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("set-cookie").is_none());
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.starts_with("default-src 'none'; style-src 'sha256-"), "{csp}");
    let html = r.text().await.unwrap();
    assert!(html.contains("one year") && html.contains("alpha library") && html.contains("lang=\"en\""));
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<script"),
        "nothing third-party"
    );
    admin
        .put(
            "/api/settings/privacy",
            json!({"retention_days": 180, "body_days": 90, "lapsed_after_days": 365,
                                              "contact_email": "privacy@alpha.example"}),
        )
        .await;
    let html = reqwest::get(format!("{}/privacy/alpha", app.addr)).await.unwrap().text().await.unwrap();
    assert!(
        html.contains("90 days") && html.contains("180 days") && html.contains("mailto:privacy@alpha.example"),
        "{html}"
    );
    assert_eq!(reqwest::get(format!("{}/privacy/nowhere", app.addr)).await.unwrap().status(), StatusCode::NOT_FOUND);
    assert!(html.contains("In the chat") && html.contains("In a survey") && html.contains("IP"), "{html}");
    // The chat widget and the survey pages link to it.
    crate::chat::enable_chat(&app).await;
    let config: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/chat/alpha/config", app.addr))
        .header("origin", crate::chat::SITE)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = config["privacy_url"].as_str().unwrap();
    assert!(url.starts_with("http") && url.ends_with("/privacy/alpha"), "{config}");
    crate::survey::published_survey(&app, "linked").await;
    let form = reqwest::get(format!("{}/s/alpha/linked", app.addr)).await.unwrap().text().await.unwrap();
    assert!(form.contains("href=\"/privacy/alpha\""), "the survey form links to the privacy page");
}

#[tokio::test]
async fn every_table_with_patron_rows_has_a_privacy_step() {
    let app = spawn_app().await;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT c.table_name::text FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            AND c.column_name IN ('contact_id', 'conversation_id', 'message_id', 'from_contact_id')
          ORDER BY 1",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let covered: Vec<&str> = refdesk::privacy::steps::ALL.iter().map(|s| s.table).collect();
    for table in tables {
        assert!(
            covered.contains(&table.as_str()) || refdesk::privacy::steps::EXEMPT.contains(&table.as_str()),
            "{table} holds patron rows but has no step in src/privacy/steps (retention, erasure, export)"
        );
    }
}

#[tokio::test]
async fn retention_interrupted_after_one_batch_leaves_whole_conversations_and_a_rerun_finishes() {
    let app = spawn_app().await;
    let staff = app.login(&app.a.staff).await;
    let mut conversations = Vec::new();
    for i in 0..3 {
        let c = Canaries::new(&format!("batch{i}"), &format!("+1555999020{i}"));
        let a = sms_in(&app, app.a.id, &c, &format!("SMb{i}")).await;
        staff.put(&format!("/api/conversations/{}/status", a.conversation_id.0), json!({"status": "resolved"})).await;
        conversations.push((a.conversation_id.0, c));
    }
    let later = Utc::now() + Duration::days(366);
    let one = retention::Budget { batch: 1, max_batches: 1 };
    let r = retention::run_library(&app.db, app.a.id, later, one).await.unwrap();
    assert_eq!((r.bodies, r.identities), (1, 0), "stopped after one batch");
    let done: Vec<(i64, bool, i64)> = sqlx::query_as(
        "SELECT c.id, c.bodies_removed_at IS NOT NULL,
                (SELECT count(*) FROM message m WHERE m.conversation_id = c.id AND m.body <> '')
           FROM conversation c ORDER BY c.id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    // Each conversation is either wholly done (marker set, no text) or untouched.
    assert_eq!(done.iter().filter(|(_, marked, _)| *marked).count(), 1);
    for (_, marked, texts) in &done {
        assert_eq!(*texts == 0, *marked, "{done:?}");
    }
    let rest = retention::run_library(&app.db, app.a.id, later, retention::Budget::default()).await.unwrap();
    assert_eq!((rest.bodies, rest.identities, rest.contacts), (2, 3, 3));
    for (_, c) in &conversations {
        assert_eq!(find_everywhere(&app, &c.all()).await, Vec::<String>::new());
    }
}

/// The console's preview of a policy counts exactly what the next run removes, per channel,
/// and changes nothing itself; managers may look, only admins save.
#[tokio::test]
async fn the_retention_preview_counts_what_the_next_run_removes() {
    let app = spawn_app().await;
    let c = Canaries::new("preview", "+15559990003");
    let accepted = sms_in(&app, app.a.id, &c, "SMpreview").await;
    let staff = app.login(&app.a.staff).await;
    staff
        .put(&format!("/api/conversations/{}/status", accepted.conversation_id.0), json!({"status": "resolved"}))
        .await;
    // Resolved 40 days ago: past a 30-day identity limit, within a 90-day body limit.
    sqlx::query("UPDATE conversation SET resolved_at = now() - interval '40 days' WHERE id = $1")
        .bind(accepted.conversation_id.0)
        .execute(&app.db)
        .await
        .unwrap();
    let manager = app.login(&app.a.manager).await;
    let policy = json!({"retention_days": 365, "body_days": 90, "identity_days": 30, "lapsed_after_days": 180});
    let (s, p) = manager.post("/api/settings/privacy/preview", policy.clone()).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["channels"], json!([{"channel": "sms", "bodies": 0, "identities": 1}]));
    let (s, p) =
        manager.post("/api/settings/privacy/preview", json!({"retention_days": 20, "lapsed_after_days": 180})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["channels"], json!([{"channel": "sms", "bodies": 1, "identities": 1}]));
    let (s, _) = manager.put("/api/settings/privacy", policy.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "managers preview, admins save");
    // The preview removed nothing; the run under that policy removes what it counted.
    assert!(!find_everywhere(&app, &c.all()).await.is_empty());
    let admin = app.login(&app.a.admin).await;
    assert_eq!(admin.put("/api/settings/privacy", policy).await.0, StatusCode::OK);
    let r = retention::run(&app.db, Utc::now()).await.unwrap();
    assert_eq!((r.bodies, r.identities), (0, 1));
    let (s, b) =
        manager.post("/api/settings/privacy/preview", json!({"retention_days": 0, "lapsed_after_days": 1})).await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_policy")));
}
