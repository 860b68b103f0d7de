//! The automatic acknowledgement, end to end on the rig: a patron's new email gets one
//! (RFC 3834 headers, threaded onto their email, with FAQ suggestions and links); replies
//! in the thread, a second new email the same day, list mail and auto-replies get none.

use super::rig::*;
use crate::helpers::*;
use serde_json::json;

async fn acknowledgements(app: &TestApp) -> i64 {
    scalar(app, "SELECT count(*) FROM email_automatic WHERE kind = 'acknowledgement'").await
}

#[tokio::test]
async fn a_new_email_conversation_is_acknowledged_once_with_faq_suggestions_and_never_automatic_mail() {
    let rig = rig();
    let desk = "desk-ack@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    let manager = app.login(&app.a.manager).await;
    crate::faq::publish(
        &manager,
        &json!({"key": "renew-books", "question": "How do I renew a book?",
                "short_answer": "Renew online in your account, or call the front desk.",
                "answer": "Sign in to your account and choose Renew.", "topics": ["loans"]}),
    )
    .await;
    let mut settings = rig.mailbox(desk);
    settings["auto_ack"] = json!(true);
    settings["auto_ack_text"] = json!("Thank you for writing to Alpha Library.");
    add_mailbox(&app, settings).await;

    let tag = unique("ack");
    let question = format!("q-{tag}@patron.test");
    let subject = format!("Renewing my book {tag}");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &subject, &question, &[], "Can I renew my book online?")).await;
    let first = stored(&app, &question).await;
    // Queued right after the email's metadata is stored.
    let db = app.db.clone();
    let ack: (i64, i64, Option<i64>) = eventually("the acknowledgement to be queued", || {
        let db = db.clone();
        async move {
            sqlx::query_as(
                "SELECT m.id, m.conversation_id, m.author_staff_id FROM message m
                   JOIN email_automatic a ON a.library_id = m.library_id AND a.message_id = m.id",
            )
            .fetch_optional(&db)
            .await
            .unwrap()
        }
    })
    .await;
    assert_eq!(ack.1, first.conversation_id, "in the patron's conversation");
    assert_eq!(ack.2, None, "no staff author: shown as the library's automatic message");
    let first_response: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT first_response_at FROM conversation WHERE id = $1")
            .bind(first.conversation_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(first_response, None, "an acknowledgement is not a librarian's response");

    deliver_replies(&app).await;
    let received = rig.receive(PATRON, &tag).await;
    assert_eq!(received.auto.auto_submitted.as_deref(), Some("auto-replied"), "RFC 3834");
    assert_eq!(received.in_reply_to, std::slice::from_ref(&question));
    assert_eq!(received.references, std::slice::from_ref(&question));
    assert_eq!(received.subject.as_deref(), Some(format!("Re: {subject}").as_str()));
    assert!(received.text.starts_with("Thank you for writing to Alpha Library."), "{}", received.text);
    assert!(received.text.contains("How do I renew a book?"), "{}", received.text);
    assert!(received.text.contains("/faq/alpha/renew-books"), "a link to the public page: {}", received.text);

    // The patron answers the acknowledgement: same conversation, nothing more sent.
    let answer = format!("a-{tag}@patron.test");
    let refs = format!("<{question}> <{}>", received.message_id);
    let headers = [("In-Reply-To", format!("<{}>", received.message_id)), ("References", refs)];
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("Re: {subject}"), &answer, &headers, "Thanks!")).await;
    let reply = stored(&app, &answer).await;
    assert_eq!(reply.conversation_id, first.conversation_id);
    // A new question the same day: a new conversation, but one acknowledgement a day.
    let again = format!("n-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("Opening hours {tag}"), &again, &[], "When?")).await;
    let second = stored(&app, &again).await;
    assert_ne!(second.conversation_id, first.conversation_id);
    // Automatic mail from someone never acknowledged: none either.
    let list = format!("l-{tag}@patron.test");
    let list_headers = [("List-Id", "<news.patron.test>"), ("Precedence", "list")];
    rig.send(PATRON2, &[desk], &mail(PATRON2, desk, &format!("News {tag}"), &list, &list_headers, "News.")).await;
    stored(&app, &list).await;
    let auto = format!("o-{tag}@patron.test");
    let auto_headers = [("Auto-Submitted", "auto-replied")];
    rig.send(PATRON2, &[desk], &mail(PATRON2, desk, &format!("Away {tag}"), &auto, &auto_headers, "Away.")).await;
    let last = stored(&app, &auto).await;
    settled(&app, last.id).await;
    assert_eq!(acknowledgements(&app).await, 1, "one acknowledgement in all");
}
