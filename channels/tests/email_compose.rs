//! Replies as RFC 5322 bytes: threading headers, bodies, attachments, and header injection
//! made impossible, checked by re-parsing the output with the same parser inbound mail uses.

use channels::email::{
    compose_reply, conversation_from_references, is_automatic, outbound_message_id, parse, AutomaticReason,
    ComposeError, Mailbox, OutboundAttachment, ReplyDraft,
};
use channels::EmailAddress;
use chrono::{TimeZone, Utc};

const SECRET: &[u8] = b"compose test secret, 32 bytes min";

fn mailbox(address: &str, name: Option<&str>) -> Mailbox {
    Mailbox { address: EmailAddress::parse(address).unwrap(), name: name.map(str::to_owned) }
}

fn draft() -> ReplyDraft {
    ReplyDraft {
        from: mailbox("reference@library.example", Some("Sam at the Reference Desk")),
        to: vec![mailbox("ann@patron.example", Some("Ann Reader"))],
        cc: vec![mailbox("bob@patron.example", None)],
        subject: "RE: Fwd: Hold request".into(),
        message_id: outbound_message_id(SECRET, 1, 42, 7, "library.example"),
        in_reply_to: Some("<patron-2@patron.example>".into()),
        references: vec!["root@library.example".into(), "<patron-2@patron.example>".into()],
        text: "Hello Ann,\n\nYour hold <Beloved> is ready & waiting.\nPick it up by Friday.\n\n-- \nSam".into(),
        attachments: vec![],
        automatic: false,
        date: Utc.with_ymd_and_hms(2024, 1, 2, 10, 0, 0).unwrap(),
    }
}

/// The header section of `raw`, unfolded into (name, value) pairs, after checking that it
/// is plain ASCII and every line is a field or a fold.
fn headers(raw: &[u8]) -> Vec<(String, String)> {
    let text = std::str::from_utf8(raw).expect("composed mail is ASCII");
    let (head, _) = text.split_once("\r\n\r\n").expect("a header section");
    assert!(head.is_ascii(), "non-ASCII header bytes");
    let mut out: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        assert!(!line.contains(['\r', '\n', '\0']), "bare CR, LF or NUL in {line:?}");
        if line.starts_with([' ', '\t']) {
            out.last_mut().expect("a fold continues a field").1.push_str(line);
        } else {
            let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("not a field: {line:?}"));
            assert!(name.bytes().all(|b| b.is_ascii_graphic()), "bad field name {name:?}");
            out.push((name.to_owned(), value.trim().to_owned()));
        }
    }
    out
}

const ALLOWED_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "auto-submitted",
    "x-auto-response-suppress",
];

fn header_names(raw: &[u8]) -> Vec<String> {
    headers(raw).into_iter().map(|(n, _)| n.to_ascii_lowercase()).collect()
}

#[test]
fn a_reply_carries_threading_headers_and_both_bodies() {
    let d = draft();
    let raw = compose_reply(&d).unwrap();
    for name in header_names(&raw) {
        assert!(ALLOWED_HEADERS.contains(&name.as_str()), "unexpected header {name}");
    }
    let email = parse(&raw).unwrap();
    assert_eq!(email.message_id, d.message_id.trim_matches(['<', '>']));
    assert_eq!(email.subject.as_deref(), Some("Re: Hold request"));
    let from = email.from.unwrap();
    assert_eq!(
        (from.address.as_str(), from.name.as_deref()),
        ("reference@library.example", Some("Sam at the Reference Desk"))
    );
    assert_eq!(email.to, d.to);
    assert_eq!(email.cc, d.cc);
    assert_eq!(email.in_reply_to, ["patron-2@patron.example"]);
    assert_eq!(email.references, ["root@library.example", "patron-2@patron.example"]);
    assert_eq!(email.date, Some(d.date));
    assert_eq!(email.text, d.text);
    let html = email.html.unwrap();
    assert!(html.contains("<p>Hello Ann,</p>"), "{html}");
    assert!(html.contains("Your hold &lt;Beloved&gt; is ready &amp; waiting.<br>"), "{html}");
    assert_eq!(is_automatic(&parse(&raw).unwrap()), None);
}

#[test]
fn the_patrons_answer_finds_the_conversation_again() {
    let ours = compose_reply(&draft()).unwrap();
    let sent = parse(&ours).unwrap();
    let answer = format!(
        "From: Ann Reader <ann@patron.example>\r\nTo: reference@library.example\r\nSubject: Re: Re: Hold request\r\n\
         Message-ID: <patron-3@patron.example>\r\nIn-Reply-To: <{id}>\r\nReferences: {refs} <{id}>\r\n\r\n\
         Thanks!\r\n\r\nOn Tue, Sam wrote:\r\n> Hello Ann,\r\n",
        id = sent.message_id,
        refs = sent.references.iter().map(|r| format!("<{r}>")).collect::<Vec<_>>().join(" "),
    );
    let reply = parse(answer.as_bytes()).unwrap();
    assert_eq!(conversation_from_references(SECRET, &reply.thread_ids()), Some((1, 42)));
    assert_eq!(channels::email::fold_quoted(&reply.text).0, "Thanks!");
}

#[test]
fn automatic_mail_says_so() {
    let raw = compose_reply(&ReplyDraft { automatic: true, ..draft() }).unwrap();
    let names = header_names(&raw);
    assert!(names.contains(&"auto-submitted".to_owned()));
    let email = parse(&raw).unwrap();
    assert_eq!(is_automatic(&email), Some(AutomaticReason::AutoSubmitted("auto-replied".into())));
}

#[test]
fn attachments_round_trip_with_safe_names() {
    let files = vec![
        OutboundAttachment {
            filename: "../../hours.pdf".into(),
            content_type: "application/pdf".into(),
            data: b"%PDF-1.4 x".to_vec(),
        },
        OutboundAttachment {
            filename: "map\r\nBcc: x@y.png".into(),
            content_type: "not a type".into(),
            data: vec![0, 1, 2, 255],
        },
    ];
    let raw = compose_reply(&ReplyDraft { attachments: files, ..draft() }).unwrap();
    let email = parse(&raw).unwrap();
    assert_eq!(email.text, draft().text, "the text body is not confused with the attachments");
    let got: Vec<_> =
        email.attachments.iter().map(|a| (a.filename.as_str(), a.content_type.as_str(), a.data.clone())).collect();
    assert_eq!(got[0], ("hours.pdf", "application/pdf", b"%PDF-1.4 x".to_vec()));
    assert_eq!(got[1].0, "mapBcc_ x@y.png");
    assert_eq!(got[1].2, vec![0, 1, 2, 255]);
    assert!(!header_names(&raw).contains(&"bcc".to_owned()));
}

#[test]
fn hostile_values_never_create_a_header() {
    let injections = [
        "Hello\r\nBcc: evil@attacker.example",
        "Hello\nBcc: evil@attacker.example",
        "Hello\rBcc: evil@attacker.example",
        "Hello\r\n\r\n<html>body takeover</html>",
        "=?utf-8?b?DQpCY2M6IGV2aWxAYXR0YWNrZXIuZXhhbXBsZQ==?=",
        "=?utf-8?q?=0D=0ABcc:_evil@attacker.example?=",
        "Re: =?iso-8859-1?q?=0A=0DX-Injected:_1?= tail",
        "Hi\u{2028}X-Injected: 1\u{0085}Bcc: evil@attacker.example",
        "Hi\0X-Injected: 1",
        "x: y\r\n Bcc: folded@attacker.example",
    ];
    for hostile in injections {
        let d = ReplyDraft {
            subject: hostile.into(),
            from: mailbox("reference@library.example", Some(hostile)),
            to: vec![mailbox("ann@patron.example", Some(hostile))],
            cc: vec![mailbox("bob@patron.example", Some(&format!("\"{hostile}\"")))],
            in_reply_to: Some(format!("<a@b>\r\nBcc: {hostile}")),
            references: vec![
                format!("ok@lib.example>\r\nBcc: evil@attacker.example\r\nX: <y"),
                "<fine@lib.example>".into(),
                format!("<{hostile}>"),
            ],
            ..draft()
        };
        let raw = compose_reply(&d).unwrap_or_else(|e| panic!("{hostile:?}: {e}"));
        let names = header_names(&raw);
        for name in &names {
            assert!(ALLOWED_HEADERS.contains(&name.as_str()), "{hostile:?} created header {name}");
        }
        for once in ["from", "to", "cc", "subject", "message-id", "references"] {
            assert_eq!(names.iter().filter(|n| *n == once).count(), 1, "{hostile:?}: {once}");
        }
        assert!(!names.contains(&"in-reply-to".to_owned()), "a hostile parent id is left out");

        let email = parse(&raw).unwrap();
        let subject = email.subject.unwrap();
        assert!(!subject.contains(['\r', '\n', '\0']), "{hostile:?} -> {subject:?}");
        assert!(subject.starts_with("Re: "), "{subject:?}");
        assert_eq!(email.to.len(), 1, "{hostile:?}");
        assert_eq!(email.to[0].address.as_str(), "ann@patron.example");
        assert_eq!(email.cc.len(), 1, "{hostile:?}");
        assert_eq!(email.references, ["fine@lib.example"], "{hostile:?}");
        assert_eq!(email.text, draft().text, "{hostile:?}: the body is intact");
        let raw_text = String::from_utf8(raw.clone()).unwrap();
        assert!(!raw_text.to_ascii_lowercase().contains("\r\nbcc:"), "{hostile:?}");
        assert!(!raw_text.contains("\r\nX-Injected"), "{hostile:?}");
    }
}

#[test]
fn a_literal_encoded_word_in_a_subject_round_trips_as_text() {
    let literal = "=?utf-8?b?DQpCY2M6IGV2aWxAYXR0YWNrZXIuZXhhbXBsZQ==?=";
    let raw = compose_reply(&ReplyDraft { subject: format!("Re: {literal}"), ..draft() }).unwrap();
    assert_eq!(parse(&raw).unwrap().subject.as_deref(), Some(format!("Re: {literal}").as_str()));

    let unicode = "Réservation : 📚 «Beloved»";
    let raw = compose_reply(&ReplyDraft { subject: unicode.into(), ..draft() }).unwrap();
    assert_eq!(parse(&raw).unwrap().subject.as_deref(), Some(format!("Re: {unicode}").as_str()));
}

#[test]
fn invalid_drafts_are_refused() {
    assert_eq!(compose_reply(&ReplyDraft { to: vec![], ..draft() }), Err(ComposeError::NoRecipients));
    assert_eq!(
        compose_reply(&ReplyDraft { message_id: "<a b@c>".into(), ..draft() }),
        Err(ComposeError::InvalidMessageId)
    );
    assert_eq!(
        compose_reply(&ReplyDraft { message_id: "<x@y>\r\nBcc: z@w".into(), ..draft() }),
        Err(ComposeError::InvalidMessageId)
    );
}

#[test]
fn an_empty_subject_still_reads_as_a_reply() {
    let raw = compose_reply(&ReplyDraft { subject: " Re: ".into(), ..draft() }).unwrap();
    assert_eq!(parse(&raw).unwrap().subject.as_deref(), Some("Re: (no subject)"));
}
