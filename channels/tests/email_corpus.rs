//! Every message of CPython's email test corpus (tests/fixtures/email/cpython) parses
//! without panic into a ParsedEmail or a clear error; charsets decode; the delivery status
//! notifications among them are recognised as bounces, and nothing else is.

use channels::email::{bounce, is_automatic, parse, AutomaticReason, DsnAction, ParseError};
use std::path::PathBuf;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/email/cpython");
    let mut messages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the corpus folder exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| {
            path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("msg_") && n.ends_with(".txt"))
        })
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    messages.sort();
    messages
}

fn message(name: &str) -> Vec<u8> {
    corpus().into_iter().find(|(n, _)| n == name).map(|(_, raw)| raw).expect(name)
}

#[test]
fn the_whole_corpus_is_present() {
    assert_eq!(corpus().len(), 48, "msg_01..msg_47 and msg_12a");
}

#[test]
fn every_message_parses_or_fails_with_a_clear_error() {
    for (name, raw) in corpus() {
        match parse(&raw) {
            Ok(email) => {
                assert!(!email.message_id.is_empty(), "{name}");
                assert!(channels::email::is_valid_message_id(&email.message_id), "{name}");
                assert_eq!(email.sha256.len(), 64, "{name}");
                for attachment in &email.attachments {
                    assert!(!attachment.filename.is_empty(), "{name}");
                    assert!(!attachment.filename.contains(['/', '\\']), "{name}");
                    assert!(!attachment.filename.starts_with('.'), "{name}");
                    assert_eq!(attachment.size, attachment.data.len(), "{name}");
                }
                if let Some(subject) = &email.subject {
                    assert!(!subject.contains(['\r', '\n']), "{name}");
                }
            }
            // msg_19 is a mailing-list digest body with no header section at all.
            Err(err) => assert_eq!((name.as_str(), err), ("msg_19.txt", ParseError::NoHeaders)),
        }
    }
}

#[test]
fn parsing_is_deterministic_so_synthesised_ids_are_stable() {
    for (name, raw) in corpus() {
        if let (Ok(a), Ok(b)) = (parse(&raw), parse(&raw)) {
            assert_eq!(a, b, "{name}");
        }
    }
    let without_id = parse(&message("msg_07.txt")).unwrap();
    assert!(without_id.message_id_synthesised);
    assert!(without_id.message_id.ends_with("@synthesised.refdesk.invalid"));
}

#[test]
fn exactly_the_delivery_reports_are_bounces() {
    let bounces: Vec<String> =
        corpus().into_iter().filter(|(_, raw)| bounce(raw).is_some()).map(|(name, _)| name).collect();
    assert_eq!(bounces, ["msg_05.txt", "msg_16.txt", "msg_25.txt", "msg_43.txt"]);
}

#[test]
fn a_report_with_a_delivery_status_part_names_the_returned_message() {
    // multipart/report without report-type, "Content-type: message/DELIVERY-STATUS".
    let b = bounce(&message("msg_16.txt")).unwrap();
    assert_eq!(b.original_message_id.as_deref(), Some("002001c144a6$8752e060$56104586@oxy.edu"));
    assert_eq!(b.recipient.as_deref(), Some("jangel1@cougar.noc.ucla.edu"));
    assert_eq!(b.status.as_deref(), Some("5.0.0"));
    assert_eq!(b.action, DsnAction::Failed);
    assert!(b.hard);
}

#[test]
fn a_report_with_a_broken_boundary_is_still_read() {
    // The Content-Type lost its boundary ("bo"): the DSN fields are found in the raw text.
    let b = bounce(&message("msg_25.txt")).unwrap();
    assert_eq!(b.original_message_id.as_deref(), Some("01040616033903.00962@server"));
    assert_eq!(b.recipient.as_deref(), Some("scoffman@wellpartner.com"));
    assert_eq!(b.status.as_deref(), Some("5.4.6"));
    assert!(b.hard);
    let email = parse(&message("msg_25.txt")).unwrap();
    assert!(email.text.contains("Too many hops"), "the unplaceable body is shown as text");
    assert_eq!(is_automatic(&email), Some(AutomaticReason::AutoSubmitted("auto-generated".into())));
}

#[test]
fn a_report_for_many_recipients_lists_them_all() {
    let b = bounce(&message("msg_43.txt")).unwrap();
    assert_eq!(b.recipients.len(), 25);
    assert!(b.recipients.iter().all(|r| r.hard && r.status.as_deref() == Some("5.7.1")));
    assert_eq!(b.recipient.as_deref(), Some("xxxxxxx@dot.ca.gov"));
    assert!(b.recipients[0].diagnostic.as_deref().unwrap().contains("BANNED"));
    // From the text/rfc822-headers part.
    assert_eq!(b.original_message_id.as_deref(), Some("edab.7804f5cb8070@python.org"));
}

#[test]
fn a_report_that_declares_delivery_status_but_carries_none_is_an_empty_bounce() {
    let b = bounce(&message("msg_05.txt")).unwrap();
    assert_eq!((b.original_message_id, b.recipient, b.status, b.hard), (None, None, None, false));
    assert!(b.recipients.is_empty());
}

#[test]
fn reports_and_list_mail_are_automatic() {
    let reason = |name: &str| is_automatic(&parse(&message(name)).unwrap());
    assert_eq!(reason("msg_05.txt"), Some(AutomaticReason::Report));
    assert_eq!(reason("msg_16.txt"), Some(AutomaticReason::Precedence("bulk".into())));
    assert_eq!(reason("msg_43.txt"), Some(AutomaticReason::Report));
    assert_eq!(reason("msg_32.txt"), Some(AutomaticReason::Precedence("bulk".into())));
    assert_eq!(reason("msg_01.txt"), None);
    assert_eq!(reason("msg_07.txt"), None);
}

#[test]
fn charsets_and_transfer_encodings_decode_to_utf8() {
    // iso-8859-1 quoted-printable (=A1), and base64 parts, in one multipart/mixed.
    let email = parse(&message("msg_10.txt")).unwrap();
    assert!(email.text.contains("This is a 7bit encoded message."));
    assert!(email.text.contains("¡This is a Quoted Printable encoded message!"));
    assert!(email.text.contains("This is a Base64 encoded message."));
    assert!(email.text.contains("This has no Content-Transfer-Encoding: header."));
    assert!(email.html.as_deref().unwrap().contains("¡This is a Quoted Printable"));
}

#[test]
fn headers_decode_into_clean_fields() {
    let email = parse(&message("msg_01.txt")).unwrap();
    assert_eq!(email.message_id, "15090.61304.110929.45684@aaa.zzz.org");
    let from = email.from.unwrap();
    assert_eq!(from.address.as_str(), "bbb@ddd.com");
    assert_eq!(from.name.as_deref(), Some("John X. Doe"));
    assert_eq!(email.subject.as_deref(), Some("This is a test message"));
    assert_eq!(email.date.unwrap().to_rfc3339(), "2001-05-04T18:05:44+00:00");
    assert_eq!(email.text, "Hi,\n\nDo you like this message?\n\n-Me");

    // Two Cc headers and a long folded subject.
    let email = parse(&message("msg_20.txt")).unwrap();
    assert_eq!(email.cc.len(), 3);
    let email = parse(&message("msg_27.txt")).unwrap();
    assert!(email.subject.unwrap().ends_with("123456789 more text"));
}

#[test]
fn attachments_keep_names_types_and_content_ids() {
    let email = parse(&message("msg_22.txt")).unwrap();
    let names: Vec<_> = email.attachments.iter().map(|a| (a.filename.as_str(), a.content_type.as_str())).collect();
    assert_eq!(names, [("wibble.JPG", "image/jpeg"), ("wibble2.JPG", "image/jpeg")]);
    assert_eq!(email.attachments[0].content_id.as_deref(), Some("a05001902b7f1c33773e9@[134.84.183.138].0.0"));
    assert!(email.attachments[0].data.starts_with(b"\xFF\xD8\xFF"));
    assert!(!email.attachments[0].inline, "Content-Disposition: attachment wins");

    let email = parse(&message("msg_07.txt")).unwrap();
    assert_eq!(email.attachments[0].filename, "dingusfish.gif");
    assert!(email.attachments[0].data.starts_with(b"GIF8"));
}

#[test]
fn attached_messages_become_eml_files_with_their_own_bytes() {
    // The whole message is a message/rfc822 (a GroupWise forward).
    let email = parse(&message("msg_46.txt")).unwrap();
    let eml = &email.attachments[0];
    assert_eq!(eml.filename, "GroupwiseForwardingTest.eml");
    assert_eq!(eml.content_type, "message/rfc822");
    let text = String::from_utf8_lossy(&eml.data);
    assert!(text.starts_with("Return-path: <sender@example.net>"), "{text}");
    assert!(text.contains("Testing email forwarding with Groupwise"));
    let inner = parse(&eml.data).unwrap();
    assert_eq!(inner.message_id, "4B66B890.4070408@teconcept.de");

    // A digest of five messages, one of them without a subject.
    let email = parse(&message("msg_02.txt")).unwrap();
    assert_eq!(email.attachments.len(), 5);
    assert!(email.attachments.iter().all(|a| a.filename.ends_with(".eml") && a.content_type == "message/rfc822"));
    for a in &email.attachments {
        let inner = parse(&a.data).unwrap();
        assert!(inner.from.is_some(), "{}", a.filename);
    }
}

#[test]
fn a_part_without_a_subtype_is_still_read_as_the_body() {
    let email = parse(&message("msg_14.txt")).unwrap(); // "Content-Type: text"
    assert!(email.text.contains("This message has a Content-Type: header with no subtype."));
    assert!(email.attachments.is_empty());
    let email = parse(&message("msg_41.txt")).unwrap(); // multipart/alternative without boundary
    assert_eq!(email.text, "Blah blah blah");
}
