//! Reading the inbound-message and status-callback forms.

use channels::sms::webhook::{DeliveryStatus, InboundSms, Media, StatusCallback, WebhookError};

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

const BASE: &[(&str, &str)] = &[
    ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
    ("AccountSid", "AC00000000000000000000000000000000"),
    ("From", "+15551234567"),
    ("To", "+15557654321"),
    ("Body", "Do you have the new Octavia Butler biography?"),
    ("NumMedia", "0"),
    ("NumSegments", "1"),
    ("MessagingServiceSid", "MG00000000000000000000000000000000"),
    ("SmsStatus", "received"),
    ("FromCity", "SPRINGFIELD"),
];

fn with(overrides: &[(&str, &str)], drop: &[&str]) -> Vec<(String, String)> {
    let mut pairs: Vec<(&str, &str)> =
        BASE.iter().copied().filter(|(k, _)| !drop.contains(k) && !overrides.iter().any(|(o, _)| o == k)).collect();
    pairs.extend_from_slice(overrides);
    form(&pairs)
}

#[test]
fn a_plain_inbound_sms_is_read_and_unknown_params_are_ignored() {
    let sms = InboundSms::from_params(&form(BASE)).unwrap();
    assert_eq!(
        sms,
        InboundSms {
            message_sid: "SM0123456789abcdef0123456789abcdef".into(),
            account_sid: Some("AC00000000000000000000000000000000".into()),
            messaging_service_sid: Some("MG00000000000000000000000000000000".into()),
            from: "+15551234567".into(),
            to: "+15557654321".into(),
            body: "Do you have the new Octavia Butler biography?".into(),
            media: vec![],
            num_segments: Some(1),
        }
    );
}

#[test]
fn optional_fields_may_be_absent_and_the_body_is_kept_verbatim() {
    let sms = InboundSms::from_params(&with(
        &[("Body", "  Stop  ")],
        &["AccountSid", "NumMedia", "NumSegments", "MessagingServiceSid"],
    ))
    .unwrap();
    assert_eq!(sms.body, "  Stop  ");
    assert_eq!(sms.account_sid, None);
    assert_eq!(sms.messaging_service_sid, None);
    assert_eq!(sms.num_segments, None);
    assert!(sms.media.is_empty());
}

#[test]
fn a_missing_or_empty_body_is_an_empty_string() {
    assert_eq!(InboundSms::from_params(&with(&[], &["Body"])).unwrap().body, "");
    assert_eq!(InboundSms::from_params(&with(&[("Body", "")], &[])).unwrap().body, "");
}

#[test]
fn required_fields_are_enforced() {
    for field in ["MessageSid", "From", "To"] {
        assert_eq!(InboundSms::from_params(&with(&[], &[field])), Err(WebhookError::Missing(field)), "absent {field}");
        assert_eq!(
            InboundSms::from_params(&with(&[(field, " ")], &[])),
            Err(WebhookError::Missing(field)),
            "blank {field}"
        );
    }
}

#[test]
fn an_mms_collects_its_media_in_index_order() {
    let sms = InboundSms::from_params(&with(
        &[
            ("Body", ""),
            ("NumMedia", "2"),
            ("MediaUrl1", "https://api.example/Media/ME2"),
            ("MediaContentType1", "application/pdf"),
            ("MediaContentType0", "image/jpeg"),
            ("MediaUrl0", "https://api.example/Media/ME1"),
        ],
        &[],
    ))
    .unwrap();
    assert_eq!(
        sms.media,
        vec![
            Media { url: "https://api.example/Media/ME1".into(), content_type: "image/jpeg".into() },
            Media { url: "https://api.example/Media/ME2".into(), content_type: "application/pdf".into() },
        ]
    );
}

/// One row of the NumMedia mismatch table: why, the media fields sent, and the indices
/// the error should report.
struct MediaCase {
    why: &'static str,
    fields: &'static [(&'static str, &'static str)],
    urls: &'static [usize],
    content_types: &'static [usize],
}

#[test]
fn num_media_that_disagrees_with_the_media_fields_is_rejected() {
    let table = [
        MediaCase {
            why: "declares more than sent",
            fields: &[("NumMedia", "2"), ("MediaUrl0", "u"), ("MediaContentType0", "t")],
            urls: &[0],
            content_types: &[0],
        },
        MediaCase {
            why: "declares fewer than sent",
            fields: &[
                ("NumMedia", "1"),
                ("MediaUrl0", "u"),
                ("MediaContentType0", "t"),
                ("MediaUrl1", "u"),
                ("MediaContentType1", "t"),
            ],
            urls: &[0, 1],
            content_types: &[0, 1],
        },
        MediaCase {
            why: "no NumMedia but media sent",
            fields: &[("MediaUrl0", "u"), ("MediaContentType0", "t")],
            urls: &[0],
            content_types: &[0],
        },
        MediaCase {
            why: "a gap in the indices",
            fields: &[
                ("NumMedia", "2"),
                ("MediaUrl0", "u"),
                ("MediaContentType0", "t"),
                ("MediaUrl2", "u"),
                ("MediaContentType2", "t"),
            ],
            urls: &[0, 2],
            content_types: &[0, 2],
        },
        MediaCase {
            why: "a url without a content type",
            fields: &[("NumMedia", "1"), ("MediaUrl0", "u")],
            urls: &[0],
            content_types: &[],
        },
    ];
    for case in table {
        let num_media = case.fields.iter().find(|(k, _)| *k == "NumMedia");
        let drop: &[&str] = if num_media.is_some() { &[] } else { &["NumMedia"] };
        let declared = num_media.map_or(0, |(_, v)| v.parse().unwrap());
        let err = InboundSms::from_params(&with(case.fields, drop)).unwrap_err();
        assert_eq!(
            err,
            WebhookError::MediaMismatch {
                declared,
                urls: case.urls.to_vec(),
                content_types: case.content_types.to_vec(),
            },
            "{}",
            case.why
        );
        assert!(err.to_string().contains("NumMedia is"), "{}: {err}", case.why);
    }
}

#[test]
fn media_lookalike_names_are_unknown_params() {
    let sms = InboundSms::from_params(&with(&[("MediaUrl01", "u"), ("MediaUrlFoo", "u")], &[])).unwrap();
    assert!(sms.media.is_empty());
}

#[test]
fn bad_numbers_are_rejected_with_the_field_named() {
    for (name, value) in [("NumMedia", "two"), ("NumMedia", "-1"), ("NumSegments", "1.5")] {
        assert_eq!(
            InboundSms::from_params(&with(&[(name, value)], &[])),
            Err(WebhookError::InvalidNumber { name: name.into(), value: value.into() })
        );
    }
}

#[test]
fn a_known_field_given_twice_is_rejected_but_unknown_repeats_are_fine() {
    let mut pairs = form(BASE);
    pairs.push(("Body".into(), "second body".into()));
    assert_eq!(InboundSms::from_params(&pairs), Err(WebhookError::Duplicate("Body".into())));
    let mut pairs = form(BASE);
    pairs.push(("FromCity".into(), "SHELBYVILLE".into()));
    assert!(InboundSms::from_params(&pairs).is_ok());
}

#[test]
fn a_status_callback_is_read_with_its_error_code() {
    let cb = StatusCallback::from_params(&form(&[
        ("MessageSid", "SM22222222222222222222222222222222"),
        ("MessageStatus", "undelivered"),
        ("SmsStatus", "undelivered"),
        ("ErrorCode", "30003"),
    ]))
    .unwrap();
    assert_eq!(
        cb,
        StatusCallback {
            message_sid: "SM22222222222222222222222222222222".into(),
            status: DeliveryStatus::Undelivered,
            error_code: Some(30003),
        }
    );
}

#[test]
fn a_status_callback_without_error_code_or_with_an_empty_one_has_none() {
    for extra in [&[][..], &[("ErrorCode", "")][..]] {
        let mut pairs = vec![("MessageSid", "SM1"), ("MessageStatus", "delivered")];
        pairs.extend_from_slice(extra);
        assert_eq!(StatusCallback::from_params(&form(&pairs)).unwrap().error_code, None);
    }
}

#[test]
fn a_status_callback_needs_sid_and_status() {
    assert_eq!(
        StatusCallback::from_params(&form(&[("MessageStatus", "sent")])),
        Err(WebhookError::Missing("MessageSid"))
    );
    assert_eq!(
        StatusCallback::from_params(&form(&[("MessageSid", "SM1")])),
        Err(WebhookError::Missing("MessageStatus"))
    );
}

#[test]
fn every_status_name_round_trips_and_unknown_ones_are_kept() {
    for name in [
        "accepted",
        "scheduled",
        "queued",
        "sending",
        "sent",
        "delivered",
        "undelivered",
        "failed",
        "read",
        "canceled",
        "receiving",
        "received",
    ] {
        let status = DeliveryStatus::parse(name);
        assert!(!matches!(status, DeliveryStatus::Unknown(_)), "{name}");
        assert_eq!(status.to_string(), name);
    }
    assert_eq!(DeliveryStatus::parse("Delivered"), DeliveryStatus::Delivered);
    assert_eq!(DeliveryStatus::parse("partially_delivered"), DeliveryStatus::Unknown("partially_delivered".into()));
}

#[test]
fn statuses_only_move_forward() {
    use DeliveryStatus::*;
    let table: &[(DeliveryStatus, DeliveryStatus, bool)] = &[
        (Accepted, Queued, true),
        (Queued, Sending, true),
        (Sending, Sent, true),
        (Sent, Delivered, true),
        (Queued, Delivered, true),
        (Delivered, Read, true),
        (Failed, Read, true),
        (Scheduled, Canceled, true),
        (Receiving, Received, true),
        (Delivered, Sent, false),
        (Delivered, Queued, false),
        (Delivered, Delivered, false),
        (Delivered, Failed, false),
        (Failed, Delivered, false),
        (Undelivered, Sent, false),
        (Read, Delivered, false),
        (Sent, Sending, false),
        (Sent, Unknown("new".into()), false),
        (Unknown("new".into()), Sent, true),
        (Unknown("a".into()), Unknown("b".into()), false),
    ];
    for (from, to, expected) in table {
        assert_eq!(from.can_advance_to(to), *expected, "{from} -> {to}");
    }
}

#[test]
fn terminal_and_failure_statuses_are_classified() {
    use DeliveryStatus::*;
    for s in [Delivered, Undelivered, Failed, Read, Canceled, Received] {
        assert!(s.is_terminal(), "{s}");
    }
    for s in [Accepted, Scheduled, Queued, Sending, Sent, Receiving, Unknown("x".into())] {
        assert!(!s.is_terminal(), "{s}");
    }
    for s in [Undelivered, Failed, Canceled] {
        assert!(s.is_failure(), "{s}");
    }
    assert!(!Delivered.is_failure());
}
