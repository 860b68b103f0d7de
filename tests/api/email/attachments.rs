//! Files staff attach to an email reply, end to end on the rig: uploaded through the API
//! (type sniffed from the bytes, name sanitised, size capped), named by the reply, sent as
//! MIME parts, and received intact in the patron's mailbox.

use super::rig::*;
use crate::helpers::*;
use base64::Engine;
use reqwest::StatusCode;
use serde_json::json;

fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

#[tokio::test]
async fn files_attached_to_an_email_reply_reach_the_patron_byte_for_byte() {
    let rig = rig();
    let desk = "desk-attach@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    add_mailbox(&app, rig.mailbox(desk)).await;
    let tag = unique("attach");
    let question = format!("q-{tag}@patron.test");
    let subject = format!("Renewal form {tag}");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &subject, &question, &[], "Can you send me the form?")).await;
    let first = stored(&app, &question).await;
    let conversation = first.conversation_id;
    let staff = app.login(&app.a.staff).await;
    let upload_url = format!("/api/conversations/{conversation}/email/attachments");

    // Every byte value, behind a PDF signature, and a name that tries to climb folders.
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend((0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let (status, form) =
        staff.post(&upload_url, json!({"filename": "../../etc/Renewal form.pdf", "data_base64": b64(&pdf)})).await;
    assert_eq!(status, StatusCode::CREATED, "{form}");
    assert_eq!(form["content_type"], "application/pdf");
    assert_eq!(form["size_bytes"], pdf.len());
    let name = form["filename"].as_str().unwrap();
    assert!(name.ends_with("Renewal form.pdf") && !name.contains('/'), "{name}");
    // A page claiming to be a PDF is sent as what it is.
    let html = "<html><script>alert(1)</script></html>";
    let (_, page) =
        staff.post(&upload_url, json!({"filename": "hours.pdf", "data_base64": b64(html.as_bytes())})).await;
    assert_eq!(page["content_type"], "text/plain");

    let too_big = vec![0u8; (10 << 20) + 1];
    let (status, body) = staff.post(&upload_url, json!({"filename": "big.bin", "data_base64": b64(&too_big)})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("too_large")));
    let (status, body) = staff
        .post(&format!("/api/conversations/{conversation}/replies"), json!({"body": "Here.", "attachments": [987654]}))
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_attachment")));

    let (status, reply) = staff
        .post(
            &format!("/api/conversations/{conversation}/replies"),
            json!({"body": "Here is the form, and our hours.", "attachments": [form["id"], page["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let stored_files = scalar(&app, "SELECT count(*) FROM attachment").await;
    assert_eq!(stored_files, 2, "the uploads became the reply's attachments");
    assert_eq!(scalar(&app, "SELECT count(*) FROM email_upload").await, 0);
    deliver_replies(&app).await;

    let received = rig.receive(PATRON, &tag).await;
    assert_eq!(received.in_reply_to, std::slice::from_ref(&question));
    assert!(received.text.contains("Here is the form"), "{}", received.text);
    let pdf_part = received.attachments.iter().find(|a| a.filename.ends_with(".pdf")).expect("the PDF arrives");
    assert_eq!(pdf_part.content_type, "application/pdf");
    assert!(pdf_part.data == pdf, "the PDF's bytes arrive intact ({} of {} bytes)", pdf_part.data.len(), pdf.len());
    let page_part = received.attachments.iter().find(|a| a.content_type.starts_with("text/plain")).expect("the page");
    assert_eq!(String::from_utf8_lossy(&page_part.data), html);

    // An upload is used once: sending it again is refused.
    let (status, _) = staff
        .post(
            &format!("/api/conversations/{conversation}/replies"),
            json!({"body": "Again.", "attachments": [form["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn uploads_no_reply_took_are_removed_after_a_day_and_other_libraries_cannot_upload() {
    let app = spawn_app().await;
    let inbound = channels::Inbound {
        channel: channels::Channel::Email,
        from: channels::Address::Email(channels::EmailAddress::parse("reader@patron.test").unwrap()),
        display_name: None,
        provider_id: unique("u") + "@patron.test",
        subject: Some("A form".into()),
        text: "Please send the form.".into(),
        sanitized_html: None,
        thread: channels::ThreadHint::new_conversation(),
        received_at: chrono::Utc::now(),
        attachments: vec![],
    };
    let conversation = app.state.ingest.accept(app.a.id, inbound).await.unwrap().conversation_id;
    let url = format!("/api/conversations/{conversation}/email/attachments");
    let staff = app.login(&app.a.staff).await;
    let file = json!({"filename": "form.txt", "data_base64": b64(b"Name:")});
    let (_, old) = staff.post(&url, file.clone()).await;
    let (_, fresh) = staff.post(&url, file.clone()).await;
    let other = app.login(&app.b.staff).await;
    assert_eq!(other.post(&url, file).await.0, StatusCode::NOT_FOUND, "another library's conversation");
    sqlx::query("UPDATE email_upload SET created_at = now() - interval '25 hours' WHERE id = $1")
        .bind(old["id"].as_i64().unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(refdesk::email::uploads::purge_unused(&app.db).await.unwrap(), 1);
    let left: Vec<i64> = sqlx::query_scalar("SELECT id FROM email_upload").fetch_all(&app.db).await.unwrap();
    assert_eq!(left, vec![fresh["id"].as_i64().unwrap()]);
}
