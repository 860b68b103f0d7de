//! Signed Message-IDs, subject normalisation, and the Inbound a parsed email becomes.

use channels::email::{conversation_from_references, normalise_subject, outbound_message_id, parse, ToInboundError};
use channels::{Address, ThreadHint};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

const SECRET: &[u8] = b"a server secret of at least 32 bytes!";

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn an_outbound_id_names_its_conversation_and_verifies() {
    let id = outbound_message_id(SECRET, 3, 1207, 99, "library.example");
    assert!(id.starts_with("<rd.3.1207.99."), "{id}");
    assert!(id.ends_with("@library.example>"), "{id}");
    let tag = id.trim_start_matches("<rd.3.1207.99.").split('@').next().unwrap();
    assert_eq!(tag.len(), 16, "80 bits in base32");
    assert!(channels::email::is_valid_message_id(id.trim_matches(['<', '>'])));

    assert_eq!(conversation_from_references(SECRET, std::slice::from_ref(&id)), Some((3, 1207)));
    let bare = id.trim_matches(['<', '>']).to_owned();
    assert_eq!(conversation_from_references(SECRET, std::slice::from_ref(&bare)), Some((3, 1207)));
    assert_eq!(conversation_from_references(SECRET, &[bare.to_uppercase()]), Some((3, 1207)), "case-folding MTAs");
    // Deterministic: the same message always gets the same id.
    assert_eq!(outbound_message_id(SECRET, 3, 1207, 99, "library.example"), id);
}

#[test]
fn forged_and_altered_ids_are_ignored() {
    let id = outbound_message_id(SECRET, 3, 1207, 99, "library.example");
    let bare = id.trim_matches(['<', '>']);
    let tag = bare.trim_start_matches("rd.3.1207.99.").split('@').next().unwrap();
    let flipped_tag = {
        let mut chars: Vec<char> = tag.chars().collect();
        chars[0] = if chars[0] == 'a' { 'b' } else { 'a' };
        chars.into_iter().collect::<String>()
    };
    let forged = [
        bare.replace("rd.3.1207.", "rd.3.1208."),  // another conversation, same tag
        bare.replace("rd.3.", "rd.4."),            // another library
        bare.replace(tag, &flipped_tag),           // tampered tag
        bare.replace(tag, &tag[..15]),             // truncated tag
        bare.replace("rd.3.1207.", "rd.03.1207."), // the same numbers spelled differently
        bare.replace("rd.3.1207.", "rd.+3.1207."),
        format!("rd.3.1207.99.{tag}.extra@library.example"),
        "rd.3.1207.99.aaaaaaaaaaaaaaaa@library.example".to_owned(),
        "rd.3.1207.99@library.example".to_owned(),
        "rd.x.y.z.aaaaaaaaaaaaaaaa@library.example".to_owned(),
        "CAFx+abc@mail.gmail.com".to_owned(),
        String::new(),
    ];
    for f in &forged {
        assert_eq!(conversation_from_references(SECRET, std::slice::from_ref(f)), None, "{f}");
    }
    assert_eq!(conversation_from_references(b"another secret", &ids(&[bare])), None);
}

#[test]
fn the_first_verifiable_id_wins() {
    let a = outbound_message_id(SECRET, 1, 10, 1, "lib.example");
    let b = outbound_message_id(SECRET, 1, 20, 2, "lib.example");
    let list = vec!["junk@x".to_owned(), "rd.1.30.3.aaaaaaaaaaaaaaaa@lib.example".to_owned(), b, a];
    assert_eq!(conversation_from_references(SECRET, &list), Some((1, 20)));
    assert_eq!(conversation_from_references(SECRET, &[]), None);
}

#[test]
fn odd_domains_and_numbers_still_give_valid_ids() {
    let id = outbound_message_id(SECRET, -1, 0, i64::MAX, "bad domain\r\nBcc: x@y");
    let bare = id.trim_matches(['<', '>']);
    assert!(channels::email::is_valid_message_id(bare), "{id}");
    assert!(bare.ends_with("@baddomainBccxy"), "{id}");
    assert_eq!(conversation_from_references(SECRET, std::slice::from_ref(&id)), Some((-1, 0)));
    assert!(outbound_message_id(SECRET, 1, 1, 1, "").ends_with("@refdesk.invalid>"));
}

proptest! {
    #[test]
    fn every_issued_id_verifies_and_no_other_secret_accepts_it(
        library in any::<i64>(), conversation in any::<i64>(), message in any::<i64>(),
        other in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        let id = outbound_message_id(SECRET, library, conversation, message, "lib.example");
        prop_assert_eq!(conversation_from_references(SECRET, std::slice::from_ref(&id)), Some((library, conversation)));
        if other != SECRET {
            prop_assert_eq!(conversation_from_references(&other, &[id]), None);
        }
    }

    #[test]
    fn normalising_twice_changes_nothing(subject in "((Re|RE|Fwd|AW|SV|回复)(\\[[0-9]\\])? ?[:：] ?){0,3}\\PC{0,40}") {
        let once = normalise_subject(&subject);
        prop_assert_eq!(normalise_subject(&once), once.clone());
        prop_assert!(!once.starts_with(char::is_whitespace));
    }

    #[test]
    fn random_ids_never_verify(local in "rd\\.[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,4}\\.[a-z2-7]{16}") {
        let id = format!("{local}@lib.example");
        prop_assert_eq!(conversation_from_references(SECRET, &[id]), None);
    }
}

#[test]
fn reply_and_forward_prefixes_are_stripped_in_many_languages() {
    let cases = [
        ("Hold request", "Hold request"),
        ("Re: Hold request", "Hold request"),
        ("RE: RE: re: Hold request", "Hold request"),
        ("Fwd: FW: Hold request", "Hold request"),
        ("AW: WG: Hold request", "Hold request"),
        ("SV: VS: Hold request", "Hold request"),
        ("Antw: Rif: R: TR: Hold request", "Hold request"),
        ("Ref: Réf : Hold request", "Hold request"),
        ("Re[2]: Re(3): Re^4: Hold request", "Hold request"),
        ("回复: 答复：转发: 预约", "预约"),
        ("  Re:   Hold    request  ", "Hold request"),
        ("[Ticket 12] Re: Hold", "[Ticket 12] Re: Hold"),
        ("Re: [Ticket 12] Hold", "[Ticket 12] Hold"),
        ("Research methods", "Research methods"),
        ("Re:", ""),
        ("Re[x]: Hold", "Re[x]: Hold"),
        ("Regarding: Hold", "Regarding: Hold"),
    ];
    for (subject, want) in cases {
        assert_eq!(normalise_subject(subject), want, "{subject:?}");
    }
}

fn reply_mail(from: &str, references: &str) -> Vec<u8> {
    format!(
        "From: Ann <{from}>\r\nTo: reference@library.example\r\nMessage-ID: <reply-1@patron.example>\r\n\
         Subject: Re: Hold\r\nIn-Reply-To: {references}\r\nReferences: {references}\r\n\r\nThanks!\r\n"
    )
    .into_bytes()
}

#[test]
fn a_reply_becomes_an_inbound_for_its_conversation() {
    let ours = outbound_message_id(SECRET, 5, 77, 3, "library.example");
    let email = parse(&reply_mail("Ann@Patron.example", &ours)).unwrap();
    let at = Utc.with_ymd_and_hms(2024, 1, 2, 10, 0, 0).unwrap();
    let inbound = email.to_inbound(5, SECRET, at).unwrap();
    assert_eq!(inbound.from, Address::Email(channels::EmailAddress::parse("ann@patron.example").unwrap()));
    assert_eq!(inbound.display_name.as_deref(), Some("Ann"));
    assert_eq!(inbound.provider_id, "reply-1@patron.example");
    assert_eq!(inbound.subject.as_deref(), Some("Re: Hold"));
    assert_eq!(inbound.text, "Thanks!");
    assert_eq!(inbound.thread, ThreadHint::Conversation { conversation: Some(77) });
    assert_eq!(inbound.received_at, at);

    // Another library's token, or a forged one, gives no conversation.
    assert_eq!(email.to_inbound(6, SECRET, at).unwrap().thread, ThreadHint::new_conversation());
    assert_eq!(email.to_inbound(5, b"other secret", at).unwrap().thread, ThreadHint::new_conversation());
}

#[test]
fn mail_without_a_usable_sender_cannot_become_an_inbound() {
    let email = parse(b"From: not an address\r\nSubject: x\r\n\r\nbody").unwrap();
    assert_eq!(email.to_inbound(1, SECRET, Utc::now()).unwrap_err(), ToInboundError::NoSender);
}
