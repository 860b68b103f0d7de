//! Loop and noise classification, and delivery status notifications.

use channels::email::{bounce, is_automatic, outbound_message_id, parse, AutomaticReason, DsnAction};

fn with_headers(extra: &[&str]) -> Vec<u8> {
    let mut raw = String::from("From: ann@patron.example\r\nTo: reference@library.example\r\nMessage-ID: <a@b>\r\n");
    for h in extra {
        raw.push_str(h);
        raw.push_str("\r\n");
    }
    raw.push_str("\r\nHello\r\n");
    raw.into_bytes()
}

#[test]
fn automatic_mail_is_recognised_by_its_headers() {
    use AutomaticReason::*;
    let cases: Vec<(&[&str], Option<AutomaticReason>)> = vec![
        (&[], None),
        (&["Auto-Submitted: no"], None),
        (&["Auto-Submitted: No"], None),
        (&["Auto-Submitted: auto-replied"], Some(AutoSubmitted("auto-replied".into()))),
        (&["Auto-Submitted: Auto-Generated (vacation)"], Some(AutoSubmitted("auto-generated".into()))),
        (&["Auto-Submitted: auto-notified; owner-email=\"x@y\""], Some(AutoSubmitted("auto-notified".into()))),
        (&["Precedence: bulk"], Some(Precedence("bulk".into()))),
        (&["Precedence: LIST"], Some(Precedence("list".into()))),
        (&["Precedence: junk"], Some(Precedence("junk".into()))),
        (&["Precedence: first-class"], None),
        (&["List-Id: Friends of the Library <friends.lib.example>"], Some(MailingList("list-id".into()))),
        (&["list-unsubscribe: <mailto:leave@lists.example>"], Some(MailingList("list-unsubscribe".into()))),
        (&["Return-Path: <>"], Some(NullReturnPath)),
        (&["Return-Path: < >"], Some(NullReturnPath)),
        (&["Return-Path: <ann@patron.example>"], None),
        (&["Return-Path: <ann@patron.example>", "Return-Path: <>"], None),
        (
            &["MIME-Version: 1.0", "Content-Type: multipart/report; report-type=disposition-notification; boundary=x"],
            Some(Report),
        ),
        (&["X-Autoreply: yes"], Some(AutoReplyHeader)),
        (&["X-Autorespond: out of office"], Some(AutoReplyHeader)),
        (&["X-Auto-Response-Suppress: DR, OOF, AutoReply"], Some(ResponseSuppressed)),
        (&["X-Auto-Response-Suppress: DR"], None),
    ];
    for (headers, want) in cases {
        let email = parse(&with_headers(headers)).unwrap();
        assert_eq!(is_automatic(&email), want, "{headers:?}");
    }
}

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

/// A DSN as Postfix writes it, reporting on one of our replies.
fn postfix_dsn(status: &str, action: &str, returned: &str) -> Vec<u8> {
    format!(
        "Return-Path: <>\r\n\
         From: MAILER-DAEMON@mx.library.test (Mail Delivery System)\r\n\
         Subject: Undelivered Mail Returned to Sender\r\n\
         To: reference@library.test\r\n\
         Auto-Submitted: auto-replied\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status;\r\n\
         \tboundary=\"B1\"\r\n\
         Message-Id: <20240102.ABC@mx.library.test>\r\n\
         \r\n\
         --B1\r\n\
         Content-Description: Notification\r\n\
         Content-Type: text/plain; charset=us-ascii\r\n\
         \r\n\
         I'm sorry to have to inform you that your message could not\r\n\
         be delivered to one or more recipients.\r\n\
         \r\n\
         --B1\r\n\
         Content-Description: Delivery report\r\n\
         Content-Type: message/delivery-status\r\n\
         \r\n\
         Reporting-MTA: dns; mx.library.test\r\n\
         X-Postfix-Queue-ID: ABC\r\n\
         Arrival-Date: Tue,  2 Jan 2024 10:00:00 +0000 (UTC)\r\n\
         \r\n\
         Final-Recipient: rfc822; Nobody@Patron.test\r\n\
         Original-Recipient: rfc822;nobody@patron.test\r\n\
         Action: {action}\r\n\
         Status: {status}\r\n\
         Diagnostic-Code: X-Postfix; unknown user:\r\n\
         \x20   \"nobody@patron.test\"\r\n\
         \r\n\
         --B1\r\n\
         Content-Description: Undelivered Message Headers\r\n\
         Content-Type: text/rfc822-headers\r\n\
         \r\n\
         From: Reference Desk <reference@library.test>\r\n\
         To: nobody@patron.test\r\n\
         Subject: Re: Hold request\r\n\
         Message-ID: {returned}\r\n\
         \r\n\
         --B1--\r\n"
    )
    .into_bytes()
}

#[test]
fn a_hard_bounce_links_to_our_outbound_message() {
    let ours = outbound_message_id(SECRET, 1, 42, 7, "library.test");
    let b = bounce(&postfix_dsn("5.1.1", "failed", &ours)).unwrap();
    assert_eq!(b.original_message_id.as_deref(), Some(ours.trim_matches(['<', '>'])));
    assert_eq!(b.recipient.as_deref(), Some("nobody@patron.test"));
    assert_eq!((b.hard, b.status.as_deref(), b.action), (true, Some("5.1.1"), DsnAction::Failed));
    assert_eq!(b.recipients[0].diagnostic.as_deref(), Some("X-Postfix; unknown user: \"nobody@patron.test\""));
    let ids = vec![b.original_message_id.unwrap()];
    assert_eq!(channels::email::conversation_from_references(SECRET, &ids), Some((1, 42)));

    let email = parse(&postfix_dsn("5.1.1", "failed", &ours)).unwrap();
    assert!(is_automatic(&email).is_some());
}

#[test]
fn a_delay_is_a_soft_bounce_and_a_success_report_is_not_a_failure() {
    let b = bounce(&postfix_dsn("4.4.1", "delayed", "<x@y>")).unwrap();
    assert_eq!((b.hard, b.status.as_deref(), b.action), (false, Some("4.4.1"), DsnAction::Delayed));

    let b = bounce(&postfix_dsn("2.0.0", "delivered", "<x@y>")).unwrap();
    assert_eq!((b.hard, b.action), (false, DsnAction::Delivered));
    assert!(b.action.is_success());

    // A failure without a status code is still permanent.
    let raw = String::from_utf8(postfix_dsn("", "failed", "<x@y>")).unwrap().replace("Status: \r\n", "");
    let b = bounce(raw.as_bytes()).unwrap();
    assert_eq!((b.hard, b.status), (true, None));
}

#[test]
fn the_worst_recipient_is_the_summary() {
    let raw = String::from_utf8(postfix_dsn("4.2.2", "delayed", "<x@y>")).unwrap().replace(
        "\r\n--B1\r\nContent-Description: Undelivered",
        "\r\nFinal-Recipient: rfc822; gone@patron.test\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--B1\r\nContent-Description: Undelivered",
    );
    let b = bounce(raw.as_bytes()).unwrap();
    assert_eq!(b.recipients.len(), 2);
    assert_eq!((b.recipient.as_deref(), b.hard), (Some("gone@patron.test"), true));
}

#[test]
fn other_reports_and_ordinary_mail_are_not_bounces() {
    let mdn = String::from_utf8(postfix_dsn("5.1.1", "failed", "<x@y>"))
        .unwrap()
        .replace("report-type=delivery-status", "report-type=disposition-notification");
    assert_eq!(bounce(mdn.as_bytes()), None);
    assert_eq!(bounce(&with_headers(&["Subject: Undelivered Mail Returned to Sender"])), None);
    assert_eq!(bounce(b""), None);
}
