//! The chat frame parser and the patron-input validators against generated input: they
//! never panic, refuse what is oversize or malformed, and every valid frame survives a
//! round trip through its JSON text. Bounded case counts keep this in the normal test run;
//! `PROPTEST_CASES=100000 cargo nextest run -p channels --test chat_frames` runs it longer.

use channels::chat::frames::{parse_patron_frame, ErrorCode, PatronFrame, SignedIdentity, MAX_FRAME_BYTES};
use channels::chat::validate;
use proptest::prelude::*;
use serde_json::Value;

/// Short free text including the characters that break naive parsers.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,40}", "[\"\\\\\u{0}\u{7}\n\r\t{}\\[\\]:,é😀\u{202e}]{0,20}", Just(String::new()),]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(any_text())
}

fn identity() -> impl Strategy<Value = SignedIdentity> {
    (any_text(), opt_text(), opt_text(), any::<i64>(), "[0-9a-f]{0,64}")
        .prop_map(|(id, name, email, ts, sig)| SignedIdentity { id, name, email, ts, sig })
}

/// Every kind of patron frame with arbitrary field values (the parser accepts them; the
/// validators decide later whether the values are acceptable).
fn patron_frame() -> impl Strategy<Value = PatronFrame> {
    prop_oneof![
        (any::<u32>(), opt_text(), proptest::option::of(any::<i64>()), proptest::option::of(identity()), opt_text())
            .prop_map(|(v, token, after, identity, lang)| PatronFrame::Hello { v, token, after, identity, lang }),
        (any_text(), any_text()).prop_map(|(client_id, text)| PatronFrame::Send { client_id, text }),
        any::<bool>().prop_map(|active| PatronFrame::Typing { active }),
        any::<i64>().prop_map(|seq| PatronFrame::Read { seq }),
        (opt_text(), opt_text(), opt_text()).prop_map(|(name, email, phone)| PatronFrame::Contact {
            name,
            email,
            phone
        }),
        (any_text(), any_text(), opt_text(), opt_text(), opt_text()).prop_map(
            |(client_id, text, name, email, phone)| {
                PatronFrame::LeaveMessage { client_id, text, name, email, phone }
            }
        ),
        Just(PatronFrame::End),
        any_text().prop_map(|email| PatronFrame::Transcript { email }),
        (any::<u8>(), opt_text()).prop_map(|(score, comment)| PatronFrame::Rate { score, comment }),
        Just(PatronFrame::Ping),
    ]
}

/// Arbitrary JSON, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        any_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("text".to_owned()),
                    Just("client_id".to_owned()),
                    Just("v".to_owned()),
                    any_text()
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const KINDS: [&str; 10] =
    ["hello", "send", "typing", "read", "contact", "leave_message", "end", "transcript", "rate", "ping"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_and_oversize_is_always_refused(raw in ".{0,200}", pad in 0usize..3) {
        let text = format!("{raw}{}", " ".repeat(pad * MAX_FRAME_BYTES));
        let parsed = parse_patron_frame(&text);
        if text.len() > MAX_FRAME_BYTES {
            prop_assert_eq!(parsed, Err(ErrorCode::TooLarge));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_patron_frame(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_json_parses_only_as_a_known_frame_kind(
        mut value in any_json(),
        kind in prop_oneof![proptest::sample::select(KINDS.to_vec()).prop_map(String::from), any_text()],
    ) {
        if let Value::Object(map) = &mut value {
            map.insert("type".into(), Value::String(kind.clone()));
        }
        match parse_patron_frame(&value.to_string()) {
            Ok(frame) => {
                prop_assert!(KINDS.contains(&kind.as_str()), "{kind} parsed as {frame:?}");
                // Whatever parsed is exactly what a client would send for it.
                let again = serde_json::to_string(&frame).unwrap();
                prop_assert_eq!(parse_patron_frame(&again), Ok(frame));
            }
            Err(code) => prop_assert!(matches!(code, ErrorCode::BadFrame | ErrorCode::TooLarge)),
        }
    }

    #[test]
    fn every_valid_frame_round_trips(frame in patron_frame()) {
        let text = serde_json::to_string(&frame).unwrap();
        prop_assume!(text.len() <= MAX_FRAME_BYTES);
        prop_assert_eq!(parse_patron_frame(&text), Ok(frame));
    }

    #[test]
    fn a_valid_frame_padded_past_the_limit_is_too_large(client_id in "[a-z0-9]{1,10}", extra in 1usize..64) {
        let text = "x".repeat(MAX_FRAME_BYTES + extra);
        let raw = serde_json::to_string(&PatronFrame::Send { client_id, text }).unwrap();
        prop_assert_eq!(parse_patron_frame(&raw), Err(ErrorCode::TooLarge));
    }

    #[test]
    fn accepted_message_texts_keep_their_promises(raw in prop_oneof![any_text(), ".{3990,4010}"]) {
        if let Ok(t) = validate::text(&raw) {
            prop_assert_eq!(t, t.trim());
            let chars = t.chars().count();
            prop_assert!((1..=validate::MAX_TEXT_CHARS).contains(&chars));
            prop_assert!(t.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r')));
            prop_assert_eq!(validate::text(t), Ok(t), "validation is idempotent");
        }
    }

    #[test]
    fn accepted_ids_names_and_languages_are_plain(raw in any_text(), score in any::<u8>()) {
        if let Ok(id) = validate::client_id(&raw) {
            prop_assert!(id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        }
        if let Ok(Some(name)) = validate::name(Some(&raw)) {
            prop_assert!(name.chars().count() <= validate::MAX_NAME_CHARS && !name.chars().any(char::is_control));
        }
        if let Some(lang) = validate::lang(Some(&raw)) {
            prop_assert!(lang.len() <= 35 && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        }
        let _ = validate::email(Some(&raw));
        let _ = validate::phone(Some(&raw));
        match validate::rating(score, Some(&raw)) {
            Ok((s, comment)) => {
                prop_assert!((1..=5).contains(&s));
                prop_assert!(comment.is_none_or(|c| !c.contains('\0')));
            }
            Err(_) => prop_assert!(!(1..=5).contains(&score) || raw.contains('\0')),
        }
    }
}

/// Nesting deeper than serde_json's recursion limit is an error, not a stack overflow.
#[test]
fn deeply_nested_frames_are_refused_without_overflowing_the_stack() {
    for depth in [200, MAX_FRAME_BYTES / 2 - 40] {
        let raw =
            format!("{{\"type\":\"send\",\"client_id\":\"c\",\"text\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        assert!(raw.len() <= MAX_FRAME_BYTES);
        assert_eq!(parse_patron_frame(&raw), Err(ErrorCode::BadFrame), "depth {depth}");
    }
}
