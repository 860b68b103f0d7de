//! `X-Twilio-Signature` checks against the provider library's own vectors, and the ways a
//! request can be tampered with.

use channels::sms::signature::{body_sha256_hex, compute_signature, verify, verify_json_body};
use proptest::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Fixtures {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    auth_token: String,
    url: String,
    params: BTreeMap<String, String>,
    signature: String,
    note: String,
    valid: bool,
}

fn fixtures() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/twilio_signatures.json");
    let text = std::fs::read_to_string(path).expect("fixture file");
    serde_json::from_str::<Fixtures>(&text).expect("fixture JSON").cases
}

fn pairs(params: &BTreeMap<String, String>) -> Vec<(String, String)> {
    params.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

const TOKEN: &[u8] = b"f00dcafe0123456789abcdef01234567";
const URL: &str = "https://hub.library.example/webhooks/sms";

fn inbound_params() -> Vec<(String, String)> {
    [
        ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        ("From", "+15551234567"),
        ("To", "+15557654321"),
        ("Body", "Is the library open on Sunday?"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

#[test]
fn every_fixture_case_verifies_or_is_rejected_as_marked() {
    let cases = fixtures();
    assert_eq!(cases.len(), 7);
    assert_eq!(cases.iter().filter(|c| !c.valid).count(), 1);
    for case in &cases {
        let params = pairs(&case.params);
        let token = case.auth_token.as_bytes();
        assert_eq!(verify(&[token], &case.url, &params, &case.signature), case.valid, "{}", case.note);
        if case.valid {
            assert_eq!(compute_signature(token, &case.url, &params), case.signature, "{}", case.note);
        }
    }
}

#[test]
fn parameter_order_as_received_does_not_matter() {
    let case = &fixtures()[1];
    let mut params = pairs(&case.params);
    params.reverse();
    assert!(verify(&[case.auth_token.as_bytes()], &case.url, &params, &case.signature));
}

#[test]
fn a_tampered_parameter_is_rejected() {
    let params = inbound_params();
    let signature = compute_signature(TOKEN, URL, &params);
    let mut tampered = params.clone();
    tampered[1].1 = "+15550000000".to_owned();
    assert!(verify(&[TOKEN], URL, &params, &signature));
    assert!(!verify(&[TOKEN], URL, &tampered, &signature));
}

#[test]
fn an_added_or_dropped_parameter_is_rejected() {
    let params = inbound_params();
    let signature = compute_signature(TOKEN, URL, &params);
    let mut added = params.clone();
    added.push(("FromCountry".to_owned(), "US".to_owned()));
    assert!(!verify(&[TOKEN], URL, &added, &signature));
    assert!(!verify(&[TOKEN], URL, &params[1..], &signature));
}

#[test]
fn a_missing_empty_or_garbled_signature_is_rejected() {
    let params = inbound_params();
    for header in ["", "   ", "not base64!", "AAAA", "RSOYDt4T1cUTdK1PDd93/VVr8B8="] {
        assert!(!verify(&[TOKEN], URL, &params, header), "{header:?}");
    }
}

#[test]
fn a_changed_url_is_rejected() {
    let params = inbound_params();
    let signed_url = "https://hub.library.example:8443/webhooks/sms?library=main";
    let signature = compute_signature(TOKEN, signed_url, &params);
    assert!(verify(&[TOKEN], signed_url, &params, &signature));
    for other in [
        "https://hub.library.example/webhooks/sms?library=main",
        "https://hub.library.example:443/webhooks/sms?library=main",
        "https://hub.library.example:9443/webhooks/sms?library=main",
        "http://hub.library.example:8443/webhooks/sms?library=main",
        "https://hub.library.example:8443/webhooks/sms",
        "https://hub.library.example:8443/webhooks/sms?library=branch",
        "https://hub.library.example:8443/webhooks/sms?library=main&x=1",
        "https://hub.library.example:8443/webhooks/sms/?library=main",
    ] {
        assert!(!verify(&[TOKEN], other, &params, &signature), "{other}");
    }
}

#[test]
fn the_default_port_may_be_present_or_absent() {
    let params = inbound_params();
    let with_port = "https://hub.library.example:443/webhooks/sms";
    let signed_without = compute_signature(TOKEN, URL, &params);
    let signed_with = compute_signature(TOKEN, with_port, &params);
    assert!(verify(&[TOKEN], with_port, &params, &signed_without));
    assert!(verify(&[TOKEN], URL, &params, &signed_with));
}

#[test]
fn the_previous_token_still_verifies_during_rotation() {
    let params = inbound_params();
    let old: &[u8] = b"0123456789abcdef0123456789abcdef";
    let signature = compute_signature(old, URL, &params);
    assert!(verify(&[TOKEN, old], URL, &params, &signature));
    assert!(!verify(&[TOKEN], URL, &params, &signature));
    assert!(!verify(&[], URL, &params, &signature));
}

#[test]
fn an_empty_token_never_verifies() {
    let params = inbound_params();
    let signature = compute_signature(b"", URL, &params);
    assert!(!verify(&[b"".as_slice()], URL, &params, &signature));
}

#[test]
fn repeated_keys_are_signed_sorted_by_name_then_value() {
    let params: Vec<(String, String)> = [("MediaUrl", "b"), ("Body", "x"), ("MediaUrl", "a")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let signature = compute_signature(TOKEN, URL, &params);
    // The same as signing the canonical order directly.
    let canonical = [("Body", "x"), ("MediaUrl", "a"), ("MediaUrl", "b")];
    assert_eq!(signature, compute_signature(TOKEN, URL, &canonical));
    // Swapping which value belongs to which occurrence changes nothing; changing one does.
    let swapped = [("MediaUrl", "a"), ("Body", "x"), ("MediaUrl", "b")];
    assert!(verify(&[TOKEN], URL, &swapped, &signature));
    let changed = [("MediaUrl", "a"), ("Body", "x"), ("MediaUrl", "c")];
    assert!(!verify(&[TOKEN], URL, &changed, &signature));
}

#[test]
fn the_published_example_matches_the_documented_string_to_sign() {
    // Twilio's documented example: URL, then each name+value in name order, no separators.
    let case = &fixtures()[0];
    let no_params: [(&str, &str); 0] = [];
    let data_as_url =
        format!("{}CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212", case.url);
    assert_eq!(compute_signature(b"12345", &data_as_url, &no_params), case.signature);
}

mod json_body {
    use super::*;

    const BODY: &[u8] = br#"{"MessageSid":"SM1","MessageStatus":"delivered"}"#;

    fn signed_url() -> String {
        format!("{URL}/status?bodySHA256={}", body_sha256_hex(BODY))
    }

    fn sign(url: &str) -> String {
        let no_params: [(&str, &str); 0] = [];
        compute_signature(TOKEN, url, &no_params)
    }

    #[test]
    fn body_hash_is_lowercase_hex_sha256() {
        assert_eq!(body_sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn a_json_body_with_matching_hash_and_signature_verifies() {
        let url = signed_url();
        assert!(verify_json_body(&[TOKEN], &url, BODY, &sign(&url)));
    }

    #[test]
    fn a_changed_json_body_is_rejected() {
        let url = signed_url();
        let tampered = br#"{"MessageSid":"SM1","MessageStatus":"failed"}"#;
        assert!(!verify_json_body(&[TOKEN], &url, tampered, &sign(&url)));
    }

    #[test]
    fn a_json_body_without_body_sha256_is_rejected() {
        let url = format!("{URL}/status");
        assert!(!verify_json_body(&[TOKEN], &url, BODY, &sign(&url)));
    }

    #[test]
    fn a_json_body_with_a_bad_signature_is_rejected() {
        let url = signed_url();
        assert!(!verify_json_body(&[TOKEN], &url, BODY, &sign(&format!("{URL}/status"))));
        assert!(!verify_json_body(&[TOKEN], &url, BODY, ""));
    }

    #[test]
    fn a_rehashed_body_without_the_token_is_rejected() {
        // An attacker can recompute the body hash but not the signature over the new URL.
        let tampered: &[u8] = b"{}";
        let url = format!("{URL}/status?bodySHA256={}", body_sha256_hex(tampered));
        assert!(!verify_json_body(&[TOKEN], &url, tampered, &sign(&signed_url())));
    }
}

proptest! {
    #[test]
    fn any_single_byte_change_in_a_value_breaks_the_signature(
        value in "[ -~]{1,40}",
        index in any::<prop::sample::Index>(),
        replacement in 0x20u8..0x7f,
    ) {
        let params = vec![
            ("MessageSid".to_owned(), "SM1".to_owned()),
            ("Body".to_owned(), value.clone()),
        ];
        let signature = compute_signature(TOKEN, URL, &params);
        let mut bytes = value.into_bytes();
        let i = index.index(bytes.len());
        prop_assume!(bytes[i] != replacement);
        bytes[i] = replacement;
        let changed = vec![
            ("MessageSid".to_owned(), "SM1".to_owned()),
            ("Body".to_owned(), String::from_utf8(bytes).expect("ASCII stays UTF-8")),
        ];
        prop_assert!(!verify(&[TOKEN], URL, &changed, &signature));
    }
}
