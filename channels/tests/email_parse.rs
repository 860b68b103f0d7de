//! Raw bytes -> ParsedEmail: charsets, headers, bodies, attachments, limits, and no panic
//! on any input.

use channels::email::{parse, parse_with, ImagePolicy, ParseError, ParseLimits};
use proptest::prelude::*;

/// A message from header lines and a body, with CRLF line ends.
fn mail(headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut raw = Vec::new();
    for h in headers {
        raw.extend_from_slice(h.as_bytes());
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"\r\n");
    raw.extend_from_slice(body);
    raw
}

fn simple(extra: &[&str], body: &[u8]) -> Vec<u8> {
    let mut headers = vec![
        "From: Ann Reader <ann@patron.example>",
        "To: reference@library.example",
        "Message-ID: <m1@patron.example>",
    ];
    headers.extend_from_slice(extra);
    mail(&headers, body)
}

#[test]
fn body_charsets_decode_to_utf8() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("utf-8", "Grüße 📚".as_bytes(), "Grüße 📚"),
        ("iso-8859-1", b"caf\xe9", "café"),
        ("windows-1252", b"\x93quoted\x94 \x96 caf\xe9", "“quoted” – café"),
        ("iso-8859-2", b"\xaf\xf3\xb3\xe6", "Żółć"),
        ("windows-1251", b"\xc1\xe8\xe1\xeb\xe8\xee\xf2\xe5\xea\xe0", "Библиотека"),
        ("koi8-r", b"\xf0\xd2\xc9\xd7\xc5\xd4", "Привет"),
        ("iso-2022-jp", b"\x1b$B?^=q4[$G$9\x1b(B", "図書館です"),
        ("shift_jis", b"\x90}\x8f\x91\x8a\xd9\x82\xc5\x82\xb7", "図書館です"),
        ("euc-jp", b"\xbf\xde\xbd\xf1\xb4\xdb\xa4\xc7\xa4\xb9", "図書館です"),
        ("gb2312", b"\xcd\xbc\xca\xe9\xb9\xdd", "图书馆"),
        ("big5", b"\xb9\xcf\xae\xd1\xc0]", "圖書館"),
        ("euc-kr", b"\xb5\xb5\xbc\xad\xb0\xfc", "도서관"),
    ];
    for (charset, body, want) in cases {
        let content_type = format!("Content-Type: text/plain; charset=\"{charset}\"");
        let email = parse(&simple(&[&content_type], body)).unwrap();
        assert_eq!(email.text, *want, "{charset}");
    }
}

#[test]
fn encoded_header_words_decode_to_one_clean_line() {
    let cases = [
        ("Subject: =?ISO-8859-1?Q?Caf=E9_au_lait?=", Some("Café au lait")),
        ("Subject: =?UTF-8?B?8J+TmiBCb29rIGNsdWI=?=", Some("📚 Book club")),
        ("Subject: =?utf-8?q?Re=3A_hold?= =?utf-8?q?_request?=", Some("Re: hold request")),
        ("Subject: =?utf-8?b?SGVsbG8NCkJjYzogZXZpbEB4Lm9yZw==?=", Some("Hello Bcc: evil@x.org")),
        ("Subject: a\r\n  folded\r\n\tsubject", Some("a folded subject")),
        ("Subject:    ", None),
    ];
    for (header, want) in cases {
        let email = parse(&simple(&[header], b"x")).unwrap();
        assert_eq!(email.subject.as_deref(), want, "{header}");
    }
}

#[test]
fn addresses_are_parsed_normalised_and_deduplicated() {
    let raw = mail(
        &[
            "From: =?utf-8?q?Jos=C3=A9_Garc=C3=ADa?= <Jose@Example.ORG>",
            "To: Reference Desk <reference@library.example>, not-an-address, REFERENCE@library.example",
            "Cc: Friends: a@one.example, \"B, Person\" <b@two.example>;",
            "Reply-To: <replies@patron.example>",
            "Sender: helper@patron.example",
            "Message-ID: <x@y>",
        ],
        b"body",
    );
    let email = parse(&raw).unwrap();
    let from = email.from.as_ref().unwrap();
    assert_eq!((from.address.as_str(), from.name.as_deref()), ("jose@example.org", Some("José García")));
    let to: Vec<_> = email.to.iter().map(|m| m.address.as_str()).collect();
    assert_eq!(to, ["reference@library.example"]);
    let cc: Vec<_> = email.cc.iter().map(|m| (m.address.as_str(), m.name.as_deref())).collect();
    assert_eq!(cc, [("a@one.example", None), ("b@two.example", Some("B, Person"))]);
    assert_eq!(email.reply_address().unwrap().address.as_str(), "replies@patron.example");
    assert_eq!(email.sender.as_ref().unwrap().address.as_str(), "helper@patron.example");
}

#[test]
fn thread_ids_are_bare_valid_and_ordered() {
    let raw = simple(
        &[
            "In-Reply-To: <parent@lib.example>",
            "References: <root@lib.example>\r\n <middle@lib.example>  <parent@lib.example>",
        ],
        b"x",
    );
    let email = parse(&raw).unwrap();
    assert_eq!(email.in_reply_to, ["parent@lib.example"]);
    assert_eq!(email.references, ["root@lib.example", "middle@lib.example", "parent@lib.example"]);
    assert_eq!(email.thread_ids(), ["parent@lib.example", "middle@lib.example", "root@lib.example"]);

    let many: String = (0..150).map(|i| format!(" <r{i}@x>")).collect();
    let email = parse(&simple(&[&format!("References:{many}")], b"x")).unwrap();
    assert_eq!(email.references.len(), 100);
    assert_eq!(email.references[0], "r0@x");
    assert_eq!(email.references[99], "r149@x");
}

#[test]
fn a_missing_or_unusable_message_id_is_synthesised_from_the_bytes() {
    let without = mail(&["From: ann@patron.example", "Subject: hi"], b"body");
    let a = parse(&without).unwrap();
    assert!(a.message_id_synthesised);
    assert_eq!(a.message_id, format!("{}@synthesised.refdesk.invalid", a.sha256));
    assert_eq!(parse(&without).unwrap().message_id, a.message_id, "stable");
    let other = parse(&mail(&["From: ann@patron.example", "Subject: hi"], b"body 2")).unwrap();
    assert_ne!(other.message_id, a.message_id);

    let spaced = parse(&mail(&["From: ann@patron.example", "Message-ID: <has space@x>"], b"b")).unwrap();
    assert!(spaced.message_id_synthesised);
}

#[test]
fn plain_text_is_preferred_and_html_is_sanitised() {
    let raw = simple(
        &["MIME-Version: 1.0", "Content-Type: multipart/alternative; boundary=\"b1\""],
        b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIs *Beloved* in?\r\n--b1\r\n\
          Content-Type: text/html; charset=utf-8\r\n\r\n<p onclick=\"steal()\">Is <b>Beloved</b> in?</p>\
          <script>alert(1)</script><img src=\"https://tracker.example/p.gif\">\r\n--b1--\r\n",
    );
    let email = parse(&raw).unwrap();
    assert_eq!(email.text, "Is *Beloved* in?");
    let html = email.html.unwrap();
    assert_eq!(html, "<p>Is <b>Beloved</b> in?</p><img>");
}

#[test]
fn text_is_derived_from_html_when_there_is_no_plain_part() {
    let raw = simple(
        &["MIME-Version: 1.0", "Content-Type: text/html; charset=windows-1252"],
        b"<html><head><style>p{}</style><title>t</title></head><body><p>Caf\xe9 hours?</p>\
          <script>var secret=1;</script><blockquote><p>Old question</p></blockquote></body></html>",
    );
    let email = parse(&raw).unwrap();
    assert_eq!(email.text, "Café hours?\n\n> Old question");
    assert_eq!(email.html.as_deref(), Some("<p>Café hours?</p><blockquote><p>Old question</p></blockquote>"));
}

#[test]
fn attachments_get_safe_names_and_sniffed_types() {
    let pdf = "JVBERi0xLjQKJcfsj6IK"; // "%PDF-1.4\n%..." in base64
    let body = format!(
        "--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n\
         --b\r\nContent-Type: application/octet-stream; name=\"scan\"\r\n\
         Content-Disposition: attachment; filename*=utf-8''..%2F..%2Fetc%2F%E2%80%AEfdp.exe\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{pdf}\r\n\
         --b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n{pdf}\r\n"
    );
    let mut body = body.into_bytes();
    body.extend_from_slice(
        b"--b\r\nContent-Type: text/csv; charset=iso-8859-1; name=\"list.csv\"\r\n\
          Content-Disposition: attachment\r\n\r\ntitle;caf\xe9\r\n--b--\r\n",
    );
    let raw = simple(&["MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\""], &body);
    let email = parse(&raw).unwrap();
    assert_eq!(email.text, "See attached.");
    let got: Vec<_> = email.attachments.iter().map(|a| (a.filename.as_str(), a.content_type.as_str())).collect();
    assert_eq!(got[0], ("fdp.exe", "application/pdf"), "path and bidi override gone, type sniffed");
    assert_eq!(got[1], ("attachment-2.pdf", "application/pdf"));
    assert_eq!(got[2], ("list.csv", "text/csv; charset=utf-8"));
    assert_eq!(email.attachments[0].declared_content_type.as_deref(), Some("application/octet-stream"));
    assert!(email.attachments[0].data.starts_with(b"%PDF-1.4"));
    assert_eq!(email.attachments[2].data, "title;café".as_bytes());
}

#[test]
fn inline_images_keep_their_content_id_for_cid_links() {
    let png = "iVBORw0KGgoAAAANSUhEUg==";
    let body = format!(
        "--r\r\nContent-Type: text/html\r\n\r\n<p>Our logo:</p><img src=\"cid:logo@lib\" alt=\"logo\">\r\n\
         --r\r\nContent-Type: image/png\r\nContent-ID: <logo@lib>\r\nContent-Disposition: inline\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{png}\r\n--r--\r\n"
    );
    let raw = simple(&["MIME-Version: 1.0", "Content-Type: multipart/related; boundary=\"r\""], body.as_bytes());
    let email = parse(&raw).unwrap();
    assert!(email.html.as_deref().unwrap().contains("<img src=\"cid:logo@lib\" alt=\"logo\">"));
    let image = &email.attachments[0];
    assert_eq!((image.content_id.as_deref(), image.inline), (Some("logo@lib"), true));
    assert_eq!(image.content_type, "image/png");
    assert_eq!(image.filename, "attachment-1.png");
    assert_eq!(email.text, "Our logo:\n\n[logo]");
    let remote = channels::email::sanitize_html("<img src=\"cid:x\">", ImagePolicy::AllowRemote);
    assert_eq!(remote, "<img src=\"cid:x\">");
}

#[test]
fn an_encoded_attached_message_is_decoded() {
    let inner = b"From: bob@patron.example\r\nMessage-ID: <inner@x>\r\nSubject: Fwd me\r\n\r\nInner body\r\n";
    let b64 = base64_encode(inner);
    let body = format!(
        "--b\r\nContent-Type: text/plain\r\n\r\nForwarding.\r\n--b\r\nContent-Type: message/rfc822\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{b64}\r\n--b--\r\n"
    );
    let raw = simple(&["MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\""], body.as_bytes());
    let email = parse(&raw).unwrap();
    let eml = &email.attachments[0];
    assert_eq!((eml.filename.as_str(), eml.content_type.as_str()), ("Fwd me.eml", "message/rfc822"));
    assert_eq!(parse(&eml.data).unwrap().message_id, "inner@x");
}

#[test]
fn limits_flag_large_attachments_and_refuse_huge_messages() {
    let body = b"--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n\
        --b\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\n%PDF-0123456789abcdef\r\n\
        --b\r\nContent-Type: application/pdf; name=b.pdf\r\n\r\n%PDF-small\r\n\
        --b\r\nContent-Type: application/pdf; name=c.pdf\r\n\r\n%PDF-small\r\n--b--\r\n";
    let raw = simple(&["MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=b"], body);
    let limits = ParseLimits { max_message_bytes: 10_000, max_attachment_bytes: 12, max_attachments: 2 };
    let email = parse_with(&raw, limits).unwrap();
    let a = &email.attachments[0];
    assert_eq!((a.filename.as_str(), a.too_large, a.size, a.data.len()), ("a.pdf", true, 21, 0));
    assert!(!email.attachments[1].too_large);
    assert_eq!((email.attachments.len(), email.dropped_attachments), (2, 1));

    let small = ParseLimits { max_message_bytes: 100, ..ParseLimits::default() };
    assert_eq!(parse_with(&raw, small), Err(ParseError::TooLarge { size: raw.len(), limit: 100 }));
}

#[test]
fn empty_and_headerless_input_are_clear_errors() {
    assert_eq!(parse(b""), Err(ParseError::Empty));
    assert_eq!(parse(b" \r\n\r\n "), Err(ParseError::Empty));
    assert_eq!(parse(b"just some words, no header section"), Err(ParseError::NoHeaders));
}

#[test]
fn the_content_hash_is_sha256_of_the_raw_bytes() {
    let email = parse(&simple(&[], b"abc")).unwrap();
    assert_eq!(email.size, simple(&[], b"abc").len());
    assert_eq!(email.sha256.len(), 64);
    assert!(email.sha256.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn corpus_message(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/email/cpython/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&raw);
        let _ = channels::email::bounce(&raw);
    }

    #[test]
    fn damaged_real_messages_never_panic(
        which in 0usize..6,
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let name = ["msg_02.txt", "msg_16.txt", "msg_22.txt", "msg_25.txt", "msg_38.txt", "msg_43.txt"][which];
        let mut raw = corpus_message(name);
        raw.truncate(cut.index(raw.len() + 1));
        for (at, byte) in flips {
            if !raw.is_empty() {
                let i = at.index(raw.len());
                raw[i] = byte;
            }
        }
        if let Ok(email) = parse(&raw) {
            prop_assert!(channels::email::is_valid_message_id(&email.message_id));
        }
        let _ = channels::email::bounce(&raw);
    }
}
