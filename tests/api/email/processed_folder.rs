//! The processed folder: a mailbox may have the poller move each message there once it is
//! committed. A folder the server refuses means \Seen only; a server without MOVE gets the
//! COPY + \Deleted + UID EXPUNGE sequence.

use super::rig::*;
use crate::helpers::*;
use channels::email::imap::Filed;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_stored_email_is_moved_to_the_processed_folder_and_a_missing_folder_leaves_it_seen() {
    let rig = rig();
    let desk = "desk-move@library.test";
    rig.clear(desk);
    let app = spawn_app().await;
    let mut settings = rig.mailbox(desk);
    settings["processed_folder"] = json!("inbox");
    let admin = app.login(&app.a.admin).await;
    let (status, body) = admin.post("/api/settings/email/mailboxes", settings.clone()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_processed_folder")));
    settings["processed_folder"] = json!("Processed");
    let id = add_mailbox(&app, settings.clone()).await;

    let tag = unique("move");
    let first = format!("m1-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("Moved {tag}"), &first, &[], "Renew my loan?")).await;
    stored(&app, &first).await;
    let subject = format!("SUBJECT \"Moved {tag}\"");
    eventually("the email to be in the processed folder, seen", || async {
        (rig.search(desk, "Processed", &format!("SEEN {subject}")).await.len() == 1).then_some(())
    })
    .await;
    assert!(rig.search(desk, "INBOX", &subject).await.is_empty(), "moved, not copied");

    // A folder the server does not have: the mail stays in the INBOX, marked seen.
    settings["processed_folder"] = json!("No Such Folder");
    settings.as_object_mut().unwrap().remove("imap_password");
    let (status, body) = admin.put(&format!("/api/settings/email/mailboxes/{id}"), settings).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["processed_folder"], "No Such Folder");
    let second = format!("m2-{tag}@patron.test");
    rig.send(PATRON, &[desk], &mail(PATRON, desk, &format!("Kept {tag}"), &second, &[], "And my hold?")).await;
    let message = stored(&app, &second).await;
    settled(&app, message.id).await;
    let kept = format!("SUBJECT \"Kept {tag}\"");
    assert_eq!(rig.search(desk, "INBOX", &format!("SEEN {kept}")).await.len(), 1, "seen in the INBOX");
    let (_, list) = admin.get("/api/settings/email/mailboxes").await;
    assert_eq!(list["mailboxes"][0]["health"]["state"], "ok", "a missing folder does not stop the mailbox: {list}");
}

#[tokio::test]
async fn without_move_a_message_is_copied_flagged_and_expunged_by_uid() {
    let rig = rig();
    let desk = "desk-copy@library.test";
    rig.clear(desk);
    let tag = unique("copy");
    let (keep, go) = (format!("Stays {tag}"), format!("Goes {tag}"));
    for subject in [&keep, &go] {
        let id = format!("{}@patron.test", unique("c"));
        rig.send(PATRON, &[desk], &mail(PATRON, desk, subject, &id, &[], "Hello.")).await;
    }
    let mut imap = rig.imap(desk).await;
    assert!(imap.capabilities().uidplus, "the rig's Dovecot has UIDPLUS");
    imap.select("INBOX").await.unwrap();
    let found = eventually("both emails to arrive", || {
        let tag = tag.clone();
        async move {
            let found = rig.search(desk, "INBOX", &format!("SUBJECT \"{tag}\"")).await;
            (found.len() == 2).then_some(found)
        }
    })
    .await;
    let gone = rig.search(desk, "INBOX", &format!("SUBJECT \"{go}\"")).await;
    assert_eq!(gone.len(), 1);
    // Only the moved message leaves the INBOX (UID EXPUNGE names it alone).
    let stays: Vec<u32> = found.iter().copied().filter(|u| *u != gone[0]).collect();
    imap.select("INBOX").await.unwrap();
    assert_eq!(imap.move_by_copy(&gone, "No Such Folder").await.unwrap(), Filed::NotMoved);
    assert_eq!(rig.search(desk, "INBOX", &format!("SUBJECT \"{go}\"")).await, gone, "a refused copy changes nothing");
    assert_eq!(imap.move_by_copy(&gone, "Processed").await.unwrap(), Filed::Moved);
    let _ = imap.logout().await;
    assert!(rig.search(desk, "INBOX", &format!("SUBJECT \"{go}\"")).await.is_empty());
    assert_eq!(rig.search(desk, "Processed", &format!("SUBJECT \"{go}\"")).await.len(), 1);
    assert_eq!(rig.search(desk, "INBOX", &format!("SUBJECT \"{keep}\"")).await, stays);
}
