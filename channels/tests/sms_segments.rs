//! GSM-7 / UCS-2 detection and segment counting.

use channels::sms::segments::{count, gsm7_septets, is_gsm7, Encoding, SegmentCount};

fn sc(encoding: Encoding, characters: usize, units: usize, segments: usize) -> SegmentCount {
    SegmentCount { encoding, characters, units, segments }
}

#[test]
fn characters_are_classified_by_the_gsm_tables() {
    let table: &[(char, Option<usize>)] = &[
        ('a', Some(1)),
        ('@', Some(1)),
        ('£', Some(1)),
        ('\n', Some(1)),
        ('é', Some(1)),
        ('É', Some(1)),
        ('ñ', Some(1)),
        ('Ñ', Some(1)),
        ('¿', Some(1)),
        ('¡', Some(1)),
        ('ü', Some(1)),
        ('à', Some(1)),
        ('ì', Some(1)),
        ('ò', Some(1)),
        ('Δ', Some(1)),
        ('€', Some(2)),
        ('{', Some(2)),
        ('}', Some(2)),
        ('[', Some(2)),
        ('\\', Some(2)),
        ('~', Some(2)),
        ('|', Some(2)),
        ('^', Some(2)),
        ('á', None),
        ('í', None),
        ('ó', None),
        ('ú', None),
        ('Á', None),
        ('ç', None),
        ('`', None),
        ('\t', None),
        ('\u{2019}', None),
        ('📚', None),
    ];
    for (c, expected) in table {
        assert_eq!(gsm7_septets(*c), *expected, "{c:?}");
    }
}

#[test]
fn texts_are_counted() {
    let a = |n: usize| "a".repeat(n);
    let e = |n: usize| "é".repeat(n);
    let table: Vec<(String, SegmentCount)> = vec![
        (String::new(), sc(Encoding::Gsm7, 0, 0, 0)),
        ("Your hold is ready".into(), sc(Encoding::Gsm7, 18, 18, 1)),
        ("¿Tienen libros en español? Sí".into(), sc(Encoding::Ucs2, 29, 29, 1)),
        ("¿Tienen libros en español?".into(), sc(Encoding::Gsm7, 26, 26, 1)),
        ("Café".into(), sc(Encoding::Gsm7, 4, 4, 1)),
        ("Fine: 5€".into(), sc(Encoding::Gsm7, 8, 9, 1)),
        ("{}".into(), sc(Encoding::Gsm7, 2, 4, 1)),
        ("📚".into(), sc(Encoding::Ucs2, 1, 2, 1)),
        ("Return by Friday 📚".into(), sc(Encoding::Ucs2, 18, 19, 1)),
        (a(160), sc(Encoding::Gsm7, 160, 160, 1)),
        (a(161), sc(Encoding::Gsm7, 161, 161, 2)),
        (a(306), sc(Encoding::Gsm7, 306, 306, 2)),
        (a(307), sc(Encoding::Gsm7, 307, 307, 3)),
        (e(160), sc(Encoding::Gsm7, 160, 160, 1)),
        (format!("{}€", a(158)), sc(Encoding::Gsm7, 159, 160, 1)),
        (format!("{}€", a(159)), sc(Encoding::Gsm7, 160, 161, 2)),
        // 152 + an escaped pair: 154 septets fit two parts only if the pair moves whole.
        (format!("{}€{}", a(152), a(10)), sc(Encoding::Gsm7, 163, 164, 2)),
        (format!("{}€{}", a(152), a(152)), sc(Encoding::Gsm7, 305, 306, 3)),
        ("á".repeat(70), sc(Encoding::Ucs2, 70, 70, 1)),
        ("á".repeat(71), sc(Encoding::Ucs2, 71, 71, 2)),
        ("á".repeat(134), sc(Encoding::Ucs2, 134, 134, 2)),
        ("á".repeat(135), sc(Encoding::Ucs2, 135, 135, 3)),
        ("📚".repeat(35), sc(Encoding::Ucs2, 35, 70, 1)),
        ("📚".repeat(36), sc(Encoding::Ucs2, 36, 72, 2)),
        // 66 units then an emoji: the surrogate pair would straddle 67, so it moves whole.
        (format!("{}📚", "á".repeat(66)), sc(Encoding::Ucs2, 67, 68, 1)),
        (format!("{}📚{}", "á".repeat(66), "á".repeat(66)), sc(Encoding::Ucs2, 133, 134, 3)),
        (format!("{}😀", a(100)), sc(Encoding::Ucs2, 101, 102, 2)),
    ];
    for (text, expected) in &table {
        assert_eq!(count(text), *expected, "{text:?}");
    }
}

#[test]
fn one_non_gsm_character_switches_the_whole_text() {
    assert!(is_gsm7("Hours: 9-5, Mon~Fri [closed Sun] @ Main € {}"));
    assert!(!is_gsm7("Hours: 9–5")); // en dash
    assert!(!is_gsm7("It\u{2019}s due"));
    assert!(is_gsm7(""));
}
