//! Folding quoted history and signatures out of the thread view, without losing words.

use channels::email::fold_quoted;
use proptest::prelude::*;

fn fold(text: &str) -> (String, String) {
    fold_quoted(text)
}

#[test]
fn history_and_signatures_are_folded_away() {
    // (text, new part, start of the quoted part)
    let cases = [
        (
            "Thanks, I'll pick it up.\n\nOn Mon, 2 Jan 2024 at 10:00, Reference Desk <ref@lib.example> wrote:\n> Your hold is ready.\n> \n> The library",
            "Thanks, I'll pick it up.",
            "On Mon, 2 Jan 2024",
        ),
        (
            "Yes please.\n\nOn Mon, 2 Jan 2024 at 10:00 Reference Desk <\nref@lib.example> wrote:\n\n> Shall we renew?",
            "Yes please.",
            "On Mon, 2 Jan 2024",
        ),
        ("Danke!\n\nAm 02.01.2024 um 10:00 schrieb Bibliothek <ref@lib.example>:\n> Ihr Buch ist da.", "Danke!", "Am 02.01.2024"),
        ("Merci\n\nLe lun. 2 janv. 2024 à 10:00, Bibliothèque <ref@lib.example> a écrit :\n> Bonjour", "Merci", "Le lun."),
        ("Gracias\n\nEl lun, 2 ene 2024 a las 10:00, Biblioteca (<ref@lib.example>) escribió:\n> Hola", "Gracias", "El lun"),
        ("Grazie\n\nIl giorno lun 2 gen 2024 alle ore 10:00 Biblioteca <ref@lib.example> ha scritto:\n> Ciao", "Grazie", "Il giorno"),
        ("Tack\n\nDen 2 jan. 2024 kl. 10:00 skrev Biblioteket <ref@lib.example>:\n> Hej", "Tack", "Den 2 jan."),
        ("Ann Reader wrote:\n> question\nanswer", "Ann Reader wrote:\n> question\nanswer", ""),
        (
            "See you then.\n\n-----Original Message-----\nFrom: Reference Desk\nSent: Monday, January 2, 2024 10:00 AM\nTo: Ann\nSubject: Hold\n\nYour hold is ready.",
            "See you then.",
            "-----Original Message-----",
        ),
        (
            "Ok.\n\n-----Ursprüngliche Nachricht-----\nVon: Bibliothek\nGesendet: Montag\nAn: Ann\nBetreff: Buch\n\nIhr Buch",
            "Ok.",
            "-----Ursprüngliche Nachricht-----",
        ),
        (
            "Will do.\n\n________________________________\nFrom: Reference Desk <ref@lib.example>\nSent: Monday, 2 January 2024 10:00\nTo: Ann Reader <ann@patron.example>\nSubject: Re: Hold\n\nYour hold is ready.",
            "Will do.",
            "________________________________",
        ),
        (
            "Perfect\n\nDe : Bibliothèque <ref@lib.example>\nEnvoyé : lundi 2 janvier 2024 10:00\nÀ : Ann\nObjet : Réservation\n\nBonjour",
            "Perfect",
            "De : Bibliothèque",
        ),
        ("Is it in?\n\n-- \nAnn Reader\nSpringfield", "Is it in?", "-- \nAnn Reader"),
        ("Is it in?\n--\nAnn", "Is it in?", "--\nAnn"),
        ("Thanks\n\n> Your hold is ready.\n> Pick it up by Friday.\n", "Thanks", "> Your hold is ready."),
        ("Thanks\n-- \nAnn\n\nOn Mon, Desk wrote:\n> hi", "Thanks", "-- \nAnn"),
    ];
    for (text, new_part, quoted_start) in cases {
        let (got_new, got_quoted) = fold(text);
        assert_eq!(got_new, new_part, "{text:?}");
        assert!(got_quoted.starts_with(quoted_start), "{text:?} -> quoted {got_quoted:?}");
    }
}

#[test]
fn interleaved_and_bottom_posted_answers_are_kept_whole() {
    let interleaved = "> Which branch?\nMain street.\n> Which day?\nFriday.";
    assert_eq!(fold(interleaved), (interleaved.to_owned(), String::new()));

    let bottom = "On Mon, Desk <ref@lib.example> wrote:\n> Which branch?\n\nMain street, please.";
    assert_eq!(fold(bottom), (bottom.to_owned(), String::new()));
}

#[test]
fn a_message_that_is_all_history_is_shown_whole() {
    let all_quoted = "> just the old text\n> nothing new";
    assert_eq!(fold(all_quoted), (all_quoted.to_owned(), String::new()));
    let forward = "-----Original Message-----\nFrom: a\nSent: b\nTo: c\n\nbody";
    assert_eq!(fold(forward), (forward.to_owned(), String::new()));
}

#[test]
fn forwarded_messages_are_not_history() {
    let text = "Please see below.\n\n---------- Forwarded message ---------\nFrom: Bob <bob@x.example>\nDate: Mon, 2 Jan 2024\nSubject: Book\nTo: Ann\n\nThe book is overdue.";
    let (new_part, quoted) = fold(text);
    assert!(new_part.contains("The book is overdue."), "{new_part}");
    assert_eq!(quoted, "");
}

#[test]
fn ordinary_sentences_are_not_mistaken_for_history() {
    let texts = [
        "My son wrote: a poem for the contest.\nCan you display it?",
        "From: the second floor, the stairs are closed.\nAny lift?",
        "On Monday I wrote: nothing.\nStill waiting.",
        "I paid --\nthe fine, I mean.",
    ];
    for text in texts {
        assert_eq!(fold(text), (text.to_owned(), String::new()), "{text:?}");
    }
}

#[test]
fn crlf_text_is_normalised() {
    let (new_part, quoted) = fold("Thanks\r\n\r\n> old\r\n> older\r\n");
    assert_eq!((new_part.as_str(), quoted.as_str()), ("Thanks", "> old\n> older"));
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Folding only moves words between the two parts: none is lost, none reordered.
    #[test]
    fn folding_never_loses_a_word(lines in proptest::collection::vec(line(), 0..12)) {
        let text = lines.join("\n");
        let (new_part, quoted) = fold_quoted(&text);
        let mut both = words(&new_part);
        both.extend(words(&quoted));
        prop_assert_eq!(both, words(&text));
        prop_assert!(!new_part.is_empty() || text.trim().is_empty());
    }
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.!?]{0,30}",
        Just("> quoted line".to_owned()),
        Just(">".to_owned()),
        Just("".to_owned()),
        Just("-- ".to_owned()),
        Just("On Mon, 2 Jan 2024, Desk <d@lib.example> wrote:".to_owned()),
        Just("-----Original Message-----".to_owned()),
        Just("From: Desk".to_owned()),
        Just("Sent: Monday".to_owned()),
        Just("Subject: Hold".to_owned()),
        Just("---------- Forwarded message ---------".to_owned()),
        Just("________________________________".to_owned()),
        "\\PC{0,20}",
    ]
}
