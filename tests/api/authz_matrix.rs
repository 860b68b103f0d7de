//! The authorization matrix, generated from the OpenAPI document: every documented route
//! must have an entry here, so a new route cannot ship without its access rules tested.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Who may call a route.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Access {
    /// Anyone (login, password reset, the API document).
    Public,
    /// Any logged-in staff member of the library.
    Staff,
    Manager,
    Admin,
}

fn matrix(method: &str, path: &str) -> Option<(Access, Value)> {
    use Access::*;
    Some(match (method, path) {
        ("post", "/api/login") => (Public, json!({"email": "x@y.example", "password": "wrong wrong wrong"})),
        ("post", "/api/logout") => (Staff, json!({})),
        ("get", "/api/session") => (Staff, json!(null)),
        ("post", "/api/auth/password-reset") => (Public, json!({"email": "x@y.example"})),
        // Anyone may try a token; a made-up one is refused (422), as the test expects below.
        ("post", "/api/auth/password-reset/complete") => {
            (Public, json!({"token": "1.not-a-real-token", "password": "matrix password 123"}))
        }
        ("post", "/api/staff/{id}/password-reset-link") => (Manager, json!({})),
        ("get", "/api/settings/limits") => (Admin, json!(null)),
        ("put", "/api/settings/limits") => (Admin, json!({"faq_votes_per_10_minutes": 10})),
        ("get", "/api/conversations") => (Staff, json!(null)),
        ("get", "/api/conversations/{id}") => (Staff, json!(null)),
        ("post", "/api/conversations/{id}/replies") => (Staff, json!({"body": "matrix reply"})),
        ("post", "/api/conversations/{id}/notes") => (Staff, json!({"body": "matrix note"})),
        ("post", "/api/conversations/{id}/claim") => (Staff, json!({})),
        ("put", "/api/conversations/{id}/assignee") => (Staff, json!({"staff_id": null})),
        ("put", "/api/conversations/{id}/team") => (Staff, json!({"team_id": null})),
        ("put", "/api/conversations/{id}/status") => (Staff, json!({"status": "pending"})),
        ("put", "/api/conversations/{id}/tags") => (Staff, json!({"tags": ["matrix"]})),
        ("get", "/api/contacts/{id}") => (Staff, json!(null)),
        ("get", "/api/search") => (Staff, json!(null)),
        ("get", "/api/teams") => (Staff, json!(null)),
        ("post", "/api/teams") => (Manager, json!({"name": "Matrix team"})),
        ("put", "/api/teams/{id}") => (Manager, json!({"name": "Matrix team renamed"})),
        ("get", "/api/staff") => (Staff, json!(null)),
        ("post", "/api/staff") => (
            Admin,
            json!({"email": "m@alpha.example", "display_name": "M", "role": "staff", "password": "matrix password 123"}),
        ),
        ("put", "/api/staff/{id}") => (Admin, json!({"role": "staff"})),
        ("get", "/api/sms/segments") => (Staff, json!(null)),
        ("get", "/api/settings/sms") => (Admin, json!(null)),
        ("put", "/api/settings/sms") => (
            Admin,
            json!({"account_sid": format!("AC{}", "0".repeat(32)), "auth_token": "a-matrix-auth-token", "from_number": "+15550001111"}),
        ),
        ("put", "/api/contacts/{id}/sms-consent") => (Staff, json!({"opted_out": false})),
        ("get", "/api/sms/keywords") => (Staff, json!(null)),
        ("put", "/api/sms/keywords/{keyword}") => (Manager, json!({"reply": "Open 9-8."})),
        ("delete", "/api/sms/keywords/{keyword}") => (Manager, json!(null)),
        ("get", "/api/canned-responses") => (Staff, json!(null)),
        ("post", "/api/canned-responses") => (Staff, json!({"shortcut": "matrix", "title": "M", "body": "Matrix"})),
        ("put", "/api/canned-responses/{id}") => {
            (Staff, json!({"shortcut": "mine", "title": "Mine", "body": "Changed"}))
        }
        ("delete", "/api/canned-responses/{id}") => (Staff, json!(null)),
        ("get", "/api/settings/email/mailboxes") => (Admin, json!(null)),
        ("post", "/api/settings/email/mailboxes") => (Admin, matrix_mailbox("matrix@alpha.example")),
        ("put", "/api/settings/email/mailboxes/{id}") => (Admin, matrix_mailbox("desk@alpha.example")),
        ("post", "/api/settings/email/mailboxes/{id}/resync") => (Admin, json!({})),
        ("get", "/api/settings/email/quarantine") => (Admin, json!(null)),
        ("get", "/api/settings/email/quarantine/{id}") => (Admin, json!(null)),
        ("get", "/api/conversations/{id}/email") => (Staff, json!(null)),
        ("post", "/api/conversations/{id}/email/attachments") => {
            (Staff, json!({"filename": "matrix.txt", "data_base64": "bWF0cml4"}))
        }
        ("get", "/api/settings/chat") => (Admin, json!(null)),
        ("put", "/api/settings/chat") => (Admin, json!({"greeting": "Matrix greeting"})),
        ("get", "/api/teams/{id}/hours") => (Staff, json!(null)),
        ("put", "/api/teams/{id}/hours") => {
            (Manager, json!({"intervals": [{"weekday": 1, "opens": "09:00", "closes": "17:00"}]}))
        }
        ("get", "/api/holidays") => (Staff, json!(null)),
        ("post", "/api/holidays") => (Manager, json!({"day": "2030-01-01", "name": "Matrix day"})),
        ("delete", "/api/holidays/{id}") => (Manager, json!(null)),
        ("get", "/api/reports/response-times" | "/api/reports/volume" | "/api/reports/chat") => (Staff, json!(null)),
        ("get", "/api/reports/reference" | "/api/reports/csat" | "/api/reports/conversations.csv") => {
            (Staff, json!(null))
        }
        ("get", "/api/reports/patrons") => (Manager, json!(null)),
        ("put", "/api/conversations/{id}/reference") => (Staff, json!({"read_level": 2, "question_type": "matrix"})),
        ("get", "/api/reference/question-types") => (Staff, json!(null)),
        ("post", "/api/reference/tallies") => (Staff, json!({"service_point": "Matrix desk", "mode": "phone"})),
        ("get", "/api/conversations/{id}/reference") => (Staff, json!(null)),
        ("get", "/api/reference/tallies/today") => (Staff, json!(null)),
        // The tally the tallies route made (as staff: one's own tallies may be undone).
        ("delete", "/api/reference/tallies/{id}") => (Staff, json!(null)),
        ("get", "/api/service-targets" | "/api/service-targets/due" | "/api/reports/targets") => (Staff, json!(null)),
        ("put", "/api/service-targets") => (Manager, json!([{"channel": "sms", "first_response_secs": 3600}])),
        ("get", "/api/surveys") => (Staff, json!(null)),
        ("post", "/api/surveys") => {
            (Manager, json!({"slug": "matrix", "name": "Matrix", "definition": sample_survey()}))
        }
        ("get", "/api/surveys/{id}") => (Staff, json!(null)),
        ("put", "/api/surveys/{id}") => (Manager, json!({"name": "Matrix survey", "definition": sample_survey()})),
        ("post", "/api/surveys/{id}/publish") => (Manager, json!({})),
        ("post", "/api/surveys/{id}/responses") => {
            (Staff, json!({"answers": {"overall": {"type": "rating", "value": 4}}}))
        }
        ("get", "/api/surveys/{id}/results") => (Manager, json!(null)),
        ("get", "/api/surveys/{id}/breakdown") => (Manager, json!(null)),
        ("get", "/api/surveys/{id}/comments") => (Manager, json!(null)),
        ("get", "/api/surveys/{id}/export.csv") => (Manager, json!(null)),
        ("get", "/api/settings/csat") => (Manager, json!(null)),
        ("put", "/api/settings/csat") => {
            (Manager, json!({"enabled": true, "sample_percent": 50, "min_days_between": 30, "reply_window_hours": 72}))
        }
        ("post", "/api/settings/csat/optouts") => (Manager, json!({"channel": "email", "address": "m@patron.example"})),
        ("get", "/api/surveys/csat") => (Manager, json!(null)),
        ("get", "/api/settings/privacy") => (Manager, json!(null)),
        ("post", "/api/settings/privacy/preview") => {
            (Manager, json!({"retention_days": 365, "lapsed_after_days": 365}))
        }
        ("put", "/api/settings/privacy") => (Admin, json!({"retention_days": 365, "lapsed_after_days": 365})),
        ("get", "/api/contacts/{id}/export") => (Manager, json!(null)),
        ("get", "/api/contacts/{id}/export/html") => (Manager, json!(null)),
        // Erases the contact ERASABLE names, not the one the other routes use.
        ("delete", "/api/contacts/{id}") => (Admin, json!(null)),
        ("get", "/api/audit") => (Admin, json!(null)),
        ("post", "/api/contacts/{id}/merge") => (Staff, json!({"from_contact_id": "$second_contact"})),
        ("post", "/api/contacts/{id}/split") => (Staff, json!({"merge_id": "$merge"})),
        ("get", "/api/contacts/{id}/duplicates") => (Staff, json!(null)),
        ("put", "/api/contacts/{id}/profile") => (Staff, json!({"language": "en", "patron_type": "adult"})),
        ("post", "/api/contacts/{id}/consents") => (Staff, json!({"kind": "survey", "granted": false})),
        ("post", "/api/conversations/{id}/merge") => (Staff, json!({"from_conversation_id": "$second_conversation"})),
        ("post", "/api/messages/{id}/split") => (Staff, json!(null)),
        ("get", "/api/faq") => (Staff, json!(null)),
        ("post", "/api/faq") => {
            (Staff, json!({"question": "Matrix?", "short_answer": "Yes.", "answer_html": "<p>Yes.</p>"}))
        }
        ("get", "/api/faq/{id}") => (Staff, json!(null)),
        ("put", "/api/faq/{id}") => {
            (Staff, json!({"question": "Matrix 2?", "short_answer": "Yes.", "answer_html": "<p>Yes.</p>"}))
        }
        ("delete", "/api/faq/{id}") => (Manager, json!(null)),
        ("post", "/api/faq/{id}/publish") => (Manager, json!({})),
        ("post", "/api/faq/{id}/unpublish") => (Manager, json!({})),
        ("post", "/api/faq/{id}/reviewed") => (Staff, json!({})),
        // Library A's only conversation (a fresh database), answered by the replies route first.
        ("post", "/api/faq/from-conversation") => (Staff, json!({"conversation_id": 1})),
        ("get", "/api/faq/suggest") => (Staff, json!(null)),
        ("get", "/api/faq/synonyms") => (Staff, json!(null)),
        ("put", "/api/faq/synonyms") => (Manager, json!({"groups": [["renew", "extend"]]})),
        ("get", "/api/faq/analytics") => (Manager, json!(null)),
        _ => return None,
    })
}

fn sample_survey() -> Value {
    serde_json::to_value(channels::survey::sample::library_satisfaction()).unwrap()
}

/// Settings of a mailbox that is never polled.
fn matrix_mailbox(address: &str) -> Value {
    json!({"address": address, "imap_host": "127.0.0.1", "imap_security": "plain", "imap_password": "matrix-password",
           "smtp_host": "127.0.0.1", "smtp_security": "plain", "enabled": false})
}

/// Which of library A's records an `{id}` in this path names.
#[allow(clippy::too_many_arguments)]
fn record_id(
    path: &str,
    conversation: i64,
    contact: i64,
    team: i64,
    staff: i64,
    canned: i64,
    mailbox: i64,
    quarantined: i64,
    holiday: i64,
    survey: i64,
    faq: (i64, i64),
) -> String {
    let id = if path.starts_with("/api/holidays") {
        holiday
    } else if path.starts_with("/api/reference/tallies/") {
        // Library A's only tally, made by the tallies route (which sorts before this path).
        1
    } else if path.starts_with("/api/surveys") {
        survey
    } else if path == "/api/faq/{id}" {
        faq.0
    } else if path.starts_with("/api/faq/{id}") {
        // Another entry, so deleting the first does not take it away from the other routes.
        faq.1
    } else if path.starts_with("/api/settings/email/mailboxes") {
        mailbox
    } else if path.starts_with("/api/settings/email/quarantine") {
        quarantined
    } else if path.starts_with("/api/canned-responses") {
        canned
    } else if path.starts_with("/api/contacts") {
        contact
    } else if path.starts_with("/api/teams") {
        team
    } else if path.starts_with("/api/staff") {
        staff
    } else {
        conversation
    };
    let mut p = path.replace("{id}", &id.to_string()).replace("{keyword}", "HOURS");
    if p.ends_with("/breakdown") {
        p.push_str("?by=patron_type&question=overall");
    }
    match p.as_str() {
        "/api/search" => p.push_str("?q=matrix"),
        "/api/sms/segments" => p.push_str("?text=hello"),
        "/api/faq/suggest" => p.push_str("?q=renew"),
        _ => {}
    }
    p
}

async fn call(s: &Session, method: &str, path: &str, body: &Value) -> StatusCode {
    let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    if m == Method::GET {
        s.get(path).await.0
    } else {
        s.send(m, path, body.clone()).await.0
    }
}

#[tokio::test]
async fn every_documented_route_enforces_login_tenancy_and_role() {
    let app = spawn_app().await;
    let accepted = app.sms(app.a.id, "+15550101010", "matrix", "SM1").await;
    let admin_a = app.login(&app.a.admin).await;
    let (_, team) = admin_a.post("/api/teams", json!({"name": "Alpha desk"})).await;
    let (conversation, contact, team) =
        (accepted.conversation_id.0, accepted.contact_id.0, team["id"].as_i64().unwrap());
    // A staff member whose account the staff routes may change without locking us out.
    let (_, victim) = admin_a
        .post("/api/staff", json!({"email": "victim@alpha.example", "display_name": "V", "role": "staff", "password": "victim password 1"}))
        .await;
    let staff_target = victim["id"].as_i64().unwrap();
    let (_, canned) = app
        .login(&app.a.staff)
        .await
        .post("/api/canned-responses", json!({"shortcut": "mine", "title": "Mine", "body": "Hi {patron_name}"}))
        .await;
    let canned = canned["id"].as_i64().unwrap();
    let (_, mailbox) = admin_a.post("/api/settings/email/mailboxes", matrix_mailbox("desk@alpha.example")).await;
    let mailbox = mailbox["id"].as_i64().unwrap();
    let quarantined: i64 = sqlx::query_scalar(
        "INSERT INTO email_quarantine (library_id, mailbox_id, uid_validity, uid, reason, detail, sha256, size_bytes, raw)
         VALUES ($1, $2, 1, 1, 'unparseable', 'matrix', 'matrix', 1, '\\x00') RETURNING id",
    )
    .bind(app.a.id)
    .bind(mailbox)
    .fetch_one(&app.db)
    .await
    .unwrap();

    let (_, holiday) = admin_a.post("/api/holidays", json!({"day": "2030-12-25", "name": "Matrix holiday"})).await;
    let holiday = holiday["id"].as_i64().unwrap();
    let survey = crate::survey::published_survey(&app, "matrix-survey").await;
    // Patron records for the merge, split and erasure routes: a second contact to merge in,
    // a second conversation of the first contact, and a contact to erase.
    let second_contact = app.sms(app.a.id, "+15550101011", "matrix two", "SM2").await.contact_id.0;
    let erasable = app.sms(app.a.id, "+15550101012", "matrix three", "SM3").await.contact_id.0;
    let second_conversation: i64 = sqlx::query_scalar(
        "INSERT INTO conversation (library_id, contact_id, channel) VALUES ($1, $2, 'sms') RETURNING id",
    )
    .bind(app.a.id)
    .bind(contact)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let placeholders = |body: &Value| -> Value {
        let text = body
            .to_string()
            .replace("\"$second_contact\"", &second_contact.to_string())
            .replace("\"$second_conversation\"", &second_conversation.to_string())
            // The one merge the merge route makes.
            .replace("\"$merge\"", "1");
        serde_json::from_str(&text).unwrap()
    };

    let mut faq = Vec::new();
    for question in ["Matrix one?", "Matrix two?"] {
        let body = json!({"question": question, "short_answer": "Yes.", "answer_html": "<p>Yes.</p>"});
        faq.push(app.login(&app.a.staff).await.post("/api/faq", body).await.1["id"].as_i64().unwrap());
    }
    let faq = (faq[0], faq[1]);
    let (_, doc) = app.anonymous().get("/api/openapi.json").await;
    let mut checked = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        // Deleting goes last, so the other methods still find the record.
        let mut methods: Vec<&String> = ops.as_object().unwrap().keys().collect();
        methods.sort_by_key(|m| *m == "delete");
        for method in methods {
            let (access, body) = matrix(method, path)
                .unwrap_or_else(|| panic!("{method} {path} has no entry in the authorization matrix"));
            let url = if (method.as_str(), path.as_str()) == ("delete", "/api/contacts/{id}") {
                format!("/api/contacts/{erasable}")
            } else {
                record_id(
                    path,
                    conversation,
                    contact,
                    team,
                    staff_target,
                    canned,
                    mailbox,
                    quarantined,
                    holiday,
                    survey,
                    faq,
                )
            };
            let body = placeholders(&body);
            let label = format!("{method} {url}");

            if access != Access::Public {
                let anon = app.anonymous();
                assert_eq!(call(&anon, method, &url, &body).await, StatusCode::UNAUTHORIZED, "anonymous {label}");
            }
            if path.contains("{id}") {
                // Another library's admin: the record does not exist for them.
                let other = app.login(&app.b.admin).await;
                assert_eq!(call(&other, method, &url, &body).await, StatusCode::NOT_FOUND, "other library {label}");
            }
            let lower = match access {
                Access::Manager => Some(&app.a.staff),
                Access::Admin => Some(&app.a.manager),
                _ => None,
            };
            if let Some(email) = lower {
                let s = app.login(email).await;
                assert_eq!(call(&s, method, &url, &body).await, StatusCode::FORBIDDEN, "lower role {label}");
            }
            // The right role succeeds (2xx; login with bad credentials is a 401 by design).
            let allowed = match access {
                Access::Public => app.anonymous(),
                Access::Staff => app.login(&app.a.staff).await,
                Access::Manager => app.login(&app.a.manager).await,
                Access::Admin => app.login(&app.a.admin).await,
            };
            let status = call(&allowed, method, &url, &body).await;
            if path == "/api/login" {
                assert_eq!(status, StatusCode::UNAUTHORIZED);
            } else if path == "/api/auth/password-reset/complete" {
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            } else {
                assert!(status.is_success(), "allowed {label}: {status}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 109, "routes checked");
}
