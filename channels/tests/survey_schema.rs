//! The survey schema: definitions that may be published, responses that fit a version,
//! and what a response contributes to the results.

use channels::survey::answers::{self, Answer, Answers};
use channels::survey::sample::library_satisfaction;
use channels::survey::{ContactMethod, Measure, QuestionKind, SurveyDefinition};

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn the_sample_survey_is_valid() {
    library_satisfaction().validate().unwrap();
}

#[test]
fn broken_definitions_are_refused_with_the_question_named() {
    type Edit = fn(&mut SurveyDefinition);
    let cases: &[(&str, Edit, &str)] = &[
        ("scale 7", |d| d.questions[0].kind = QuestionKind::Rating { scale: 7 }, "overall"),
        ("aspect scale 3", |d| d.questions[1].kind = QuestionKind::Aspect { scale: 3 }, "staff_help"),
        ("duplicate key", |d| d.questions[1].key = "overall".into(), "overall"),
        ("bad key", |d| d.questions[0].key = "Over all".into(), "Over all"),
        (
            "prompt missing in default language",
            |d| {
                d.questions[0].prompt.remove("en");
            },
            "overall",
        ),
        (
            "text in a language not offered",
            |d| {
                d.questions[0].prompt.insert("de".into(), "Wie zufrieden?".into());
            },
            "overall",
        ),
        ("default language not offered", |d| d.default_language = "fr".into(), "survey"),
        (
            "one option",
            |d| {
                if let QuestionKind::Context { options } = &mut d.questions[6].kind {
                    options.truncate(1);
                }
            },
            "patron_type",
        ),
        (
            "duplicate option",
            |d| {
                if let QuestionKind::Context { options } = &mut d.questions[6].kind {
                    options[1].key = options[0].key.clone();
                }
            },
            "patron_type",
        ),
        (
            "two contact questions",
            |d| {
                let mut q = d.questions.last().unwrap().clone();
                q.key = "contact2".into();
                d.questions.push(q);
            },
            "survey",
        ),
        ("no questions", |d| d.questions.clear(), "survey"),
        ("free text of 0", |d| d.questions[9].kind = QuestionKind::FreeText { max_chars: 0 }, "comment"),
    ];
    for (name, edit, at) in cases {
        let mut d = library_satisfaction();
        edit(&mut d);
        let e = d.validate().expect_err(name);
        assert_eq!(e.at, *at, "{name}: {e}");
    }
}

#[test]
fn unknown_fields_in_a_definition_are_refused() {
    let mut v = serde_json::to_value(library_satisfaction()).unwrap();
    v["colour"] = "red".into();
    assert!(serde_json::from_value::<SurveyDefinition>(v).is_err());
}

#[test]
fn a_complete_form_becomes_typed_answers() {
    let d = library_satisfaction();
    let form = fields(&[
        ("q.overall", "4"),
        ("q.staff_help.importance", "5"),
        ("q.staff_help.satisfaction", "3"),
        ("q.recommend", "9"),
        ("q.used", "borrow"),
        ("q.used", "study"),
        ("q.patron_type", "student"),
        ("q.comment", "  More quiet rooms please  "),
        ("q.contact.consent", "yes"),
        ("q.contact.email", "Ann@Example.org"),
        ("website", ""),
        ("token", "abc"),
    ]);
    let a = answers::from_form(&d, &form).unwrap();
    answers::validate(&d, &a).unwrap();
    assert_eq!(a["overall"], Answer::Rating { value: 4 });
    assert_eq!(a["staff_help"], Answer::Aspect { importance: 5, satisfaction: 3 });
    assert_eq!(a["used"], Answer::Choices { options: vec!["borrow".into(), "study".into()] });
    assert_eq!(a["comment"], Answer::Text { text: "More quiet rooms please".into() });
    assert!(!a.contains_key("opening_hours"));
    assert_eq!(
        answers::contact(&d, &a),
        Some(ContactMethod::Email(channels::EmailAddress::parse("ann@example.org").unwrap()))
    );
    assert_eq!(answers::comment(&d, &a).as_deref(), Some("More quiet rooms please"));
    assert_eq!(answers::context(&d, &a), vec![("patron_type".to_owned(), "student".to_owned())]);
    let mut m = answers::measures(&a);
    m.sort();
    assert_eq!(
        m,
        vec![
            ("overall".into(), Measure::Rating, 4),
            ("recommend".into(), Measure::Nps, 9),
            ("staff_help".into(), Measure::Importance, 5),
            ("staff_help".into(), Measure::Satisfaction, 3),
        ]
    );
    let shown = answers::as_message(&d, &a);
    assert!(shown.contains("Overall, how satisfied are you with the library?: 4 of 5"), "{shown}");
    assert!(shown.contains("What did you use today?: Borrowing, Study space"), "{shown}");
    assert!(!shown.contains("ann@example.org"), "{shown}");
}

#[test]
fn responses_that_do_not_fit_the_version_are_refused_field_by_field() {
    let d = library_satisfaction();
    // (form fields, question, expected error code)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: &[Case] = &[
        (&[], "overall", "required"),
        (&[("q.overall", "6")], "overall", "out_of_range"),
        (&[("q.overall", "0")], "overall", "out_of_range"),
        (&[("q.overall", "four")], "overall", "out_of_range"),
        (&[("q.overall", "3"), ("q.recommend", "11")], "recommend", "out_of_range"),
        (&[("q.overall", "3"), ("q.staff_help.importance", "4")], "staff_help", "incomplete"),
        (&[("q.overall", "3"), ("q.patron_type", "alien")], "patron_type", "unknown_option"),
        (&[("q.overall", "3"), ("q.used", "borrow"), ("q.used", "borrow")], "used", "duplicate_option"),
        (&[("q.overall", "3"), ("q.contact.consent", "on")], "contact", "contact_missing"),
        (&[("q.overall", "3"), ("q.contact.consent", "on"), ("q.contact.email", "nope")], "contact", "invalid_email"),
        (
            &[("q.overall", "3"), ("q.contact.consent", "on"), ("q.contact.phone", "555-1234")],
            "contact",
            "invalid_phone",
        ),
    ];
    for (form, question, code) in cases {
        let errors = answers::from_form(&d, &fields(form)).and_then(|a| answers::validate(&d, &a).map(|_| a));
        let errors = errors.expect_err(&format!("{form:?}"));
        assert!(errors.iter().any(|e| e.question == *question && e.code == *code), "{form:?}: {errors:?}");
    }
}

#[test]
fn json_answers_are_checked_for_type_and_unknown_questions() {
    let d = library_satisfaction();
    let cases: &[(serde_json::Value, &str, &str)] = &[
        (serde_json::json!({"overall": {"type": "nps", "value": 3}}), "overall", "wrong_type"),
        (
            serde_json::json!({"overall": {"type": "rating", "value": 3}, "colour": {"type": "text", "text": "red"}}),
            "colour",
            "unknown_question",
        ),
        (
            serde_json::json!({"overall": {"type": "rating", "value": 3}, "comment": {"type": "text", "text": "x".repeat(2001)}}),
            "comment",
            "too_long",
        ),
        (
            serde_json::json!({"overall": {"type": "rating", "value": 3}, "staff_help": {"type": "aspect", "importance": 6, "satisfaction": 1}}),
            "staff_help",
            "out_of_range",
        ),
    ];
    for (json, question, code) in cases {
        let a: Answers = serde_json::from_value(json.clone()).unwrap();
        let errors = answers::validate(&d, &a).expect_err(&json.to_string());
        assert!(errors.iter().any(|e| e.question == *question && e.code == *code), "{json}: {errors:?}");
    }
}

#[test]
fn consent_without_ticking_the_box_is_no_contact() {
    let d = library_satisfaction();
    let a = answers::from_form(&d, &fields(&[("q.overall", "2"), ("q.contact.phone", "+1 555 123 4567")])).unwrap();
    answers::validate(&d, &a).unwrap();
    assert_eq!(answers::contact(&d, &a), None);
    let a = answers::from_form(
        &d,
        &fields(&[("q.overall", "2"), ("q.contact.consent", "on"), ("q.contact.phone", "+1 555 123 4567")]),
    )
    .unwrap();
    assert_eq!(answers::contact(&d, &a), Some(ContactMethod::Phone(channels::E164::parse("+15551234567").unwrap())));
}

#[test]
fn languages_fall_back_to_the_default() {
    let d = library_satisfaction();
    assert_eq!(d.pick_language(Some("es")), "es");
    assert_eq!(d.pick_language(Some("ES")), "es");
    assert_eq!(d.pick_language(Some("de")), "en");
    assert_eq!(d.pick_language(None), "en");
    assert_eq!(d.tr(&d.title, "es"), "¿Cómo lo estamos haciendo?");
    assert_eq!(channels::survey::i18n::strings("es-MX").submit, "Enviar mis respuestas");
    assert_eq!(channels::survey::i18n::strings("de").submit, "Send my answers");
}
