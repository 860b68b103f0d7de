//! CTIA consent keywords and free-text revocation.

use channels::sms::keywords::{classify, looks_like_free_text_revocation, Keyword};

#[test]
fn exact_keywords_are_classified_in_any_case_with_whitespace_trimmed() {
    let table: &[(&str, Option<Keyword>)] = &[
        ("STOP", Some(Keyword::OptOut)),
        (" Stop ", Some(Keyword::OptOut)),
        ("stop\n", Some(Keyword::OptOut)),
        ("StopAll", Some(Keyword::OptOut)),
        ("unsubscribe", Some(Keyword::OptOut)),
        ("CANCEL", Some(Keyword::OptOut)),
        ("end", Some(Keyword::OptOut)),
        ("Quit", Some(Keyword::OptOut)),
        ("revoke", Some(Keyword::OptOut)),
        ("OPTOUT", Some(Keyword::OptOut)),
        ("start", Some(Keyword::OptIn)),
        ("YES", Some(Keyword::OptIn)),
        ("\tunstop ", Some(Keyword::OptIn)),
        ("help", Some(Keyword::Help)),
        ("Info", Some(Keyword::Help)),
        ("", None),
        ("   ", None),
        ("STOP.", None),
        ("stop please", None),
        ("opt out", None),
        ("yes please", None),
        ("helpful", None),
        ("stop by the library tomorrow?", None),
        ("Do you have the new Octavia Butler biography?", None),
    ];
    for (body, expected) in table {
        assert_eq!(classify(body), *expected, "{body:?}");
    }
}

#[test]
fn free_text_revocations_are_recognised() {
    for body in [
        "please stop texting me",
        "Please STOP texting me!!",
        "stop texting this number",
        "Can you stop sending me these?",
        "don't text me anymore",
        "Don\u{2019}t text me anymore",
        "do not text me again",
        "DO NOT CONTACT ME",
        "unsubscribe me",
        "Please unsubscribe me from these alerts",
        "Unsubscribe.",
        "Stop!!",
        "stop it please",
        "STOP. Thanks",
        "Opt out",
        "I would like to opt out",
        "take me off your list",
        "remove me from your texting list",
        "no more texts please",
        "I don't want these texts",
        "stopall",
    ] {
        assert!(looks_like_free_text_revocation(body), "{body:?}");
    }
}

#[test]
fn ordinary_messages_are_not_revocations() {
    for body in [
        "stop by the library tomorrow?",
        "Can I stop by the library tomorrow?",
        "I'll stop in after work",
        "When does the bus stop near the branch?",
        "Please don't stop texting me, the reminders help",
        "I don't want to opt out, just change my number",
        "Can you text me when my hold comes in?",
        "I don't text much, can you call?",
        "Cancel my hold please",
        "cancel",
        "end",
        "Is the end of the series in?",
        "I want to renew my books",
        "Did my request go through? No more than two books, right?",
        "",
        "   ",
        "?!",
    ] {
        assert!(!looks_like_free_text_revocation(body), "{body:?}");
    }
}
