//! A submitted response: parsed from the public form (or the staff's paper entry, as JSON)
//! and checked against the version it answers.

use super::schema::{QuestionKind, SurveyDefinition, MAX_FREE_TEXT};
use crate::address::{EmailAddress, E164};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// One question's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    Rating { value: u8 },
    Aspect { importance: u8, satisfaction: u8 },
    Nps { value: u8 },
    Choice { option: String },
    Choices { options: Vec<String> },
    Text { text: String },
    Contact { consent: bool, email: Option<String>, phone: Option<String> },
}

/// Answers by question key. Unanswered questions are absent.
pub type Answers = BTreeMap<String, Answer>;

/// How a respondent who asked to be contacted can be reached (parsed, normalised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactMethod {
    Email(EmailAddress),
    Phone(E164),
}

/// Why one field was refused; shown next to the question on the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    pub question: String,
    /// Stable code: `required`, `out_of_range`, `unknown_option`, `too_long`, `invalid_email`,
    /// `invalid_phone`, `contact_missing`, `wrong_type`, `unknown_question`.
    pub code: String,
}

fn fe(question: &str, code: &str) -> FieldError {
    FieldError { question: question.to_owned(), code: code.to_owned() }
}

/// A scored figure a response contributes to the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Rating,
    Importance,
    Satisfaction,
    Nps,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Rating => "rating",
            Measure::Importance => "importance",
            Measure::Satisfaction => "satisfaction",
            Measure::Nps => "nps",
        }
    }
}

/// Reads the public form: fields `q.<key>` (repeated for multiple choice),
/// `q.<key>.importance` / `.satisfaction` for aspects, `q.<key>.consent` / `.email` /
/// `.phone` for "contact me". Blank fields are unanswered. Other fields are ignored here.
pub fn from_form(def: &SurveyDefinition, fields: &[(String, String)]) -> Result<Answers, Vec<FieldError>> {
    let get_all = |name: &str| -> Vec<&str> {
        fields.iter().filter(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.trim()).collect()
    };
    let get = |name: &str| get_all(name).into_iter().next();
    let number = |q: &str, raw: Option<&str>| -> Result<Option<u8>, FieldError> {
        raw.map(|r| r.parse::<u8>().map_err(|_| fe(q, "out_of_range"))).transpose()
    };
    let mut answers = Answers::new();
    let mut errors = Vec::new();
    for q in &def.questions {
        let name = format!("q.{}", q.key);
        let parsed: Result<Option<Answer>, FieldError> = (|| {
            Ok(match &q.kind {
                QuestionKind::Rating { .. } => number(&q.key, get(&name))?.map(|value| Answer::Rating { value }),
                QuestionKind::Nps => number(&q.key, get(&name))?.map(|value| Answer::Nps { value }),
                QuestionKind::Aspect { .. } => {
                    let i = number(&q.key, get(&format!("{name}.importance")))?;
                    let s = number(&q.key, get(&format!("{name}.satisfaction")))?;
                    match (i, s) {
                        (Some(importance), Some(satisfaction)) => Some(Answer::Aspect { importance, satisfaction }),
                        (None, None) => None,
                        _ => return Err(fe(&q.key, "incomplete")),
                    }
                }
                QuestionKind::SingleChoice { .. } | QuestionKind::Context { .. } => {
                    get(&name).map(|o| Answer::Choice { option: o.to_owned() })
                }
                QuestionKind::MultipleChoice { .. } => {
                    let options: Vec<String> = get_all(&name).into_iter().map(str::to_owned).collect();
                    (!options.is_empty()).then_some(Answer::Choices { options })
                }
                QuestionKind::FreeText { .. } => get(&name).map(|t| Answer::Text { text: t.to_owned() }),
                QuestionKind::ContactMe => {
                    let consent = get(&format!("{name}.consent")).is_some();
                    let email = get(&format!("{name}.email")).map(str::to_owned);
                    let phone = get(&format!("{name}.phone")).map(str::to_owned);
                    (consent || email.is_some() || phone.is_some()).then_some(Answer::Contact { consent, email, phone })
                }
            })
        })();
        match parsed {
            Ok(Some(a)) => {
                answers.insert(q.key.clone(), a);
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// Checks `answers` against `def`: every answer names a question of this version and has
/// its type and range, and required questions are answered. Returns every problem at once.
pub fn validate(def: &SurveyDefinition, answers: &Answers) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    for key in answers.keys() {
        if def.question(key).is_none() {
            errors.push(fe(key, "unknown_question"));
        }
    }
    for q in &def.questions {
        let Some(a) = answers.get(&q.key) else {
            if q.required {
                errors.push(fe(&q.key, "required"));
            }
            continue;
        };
        let in_range = |v: u8, lo: u8, hi: u8| (lo..=hi).contains(&v);
        let has = |o: &str| q.kind.options().iter().any(|c| c.key == o);
        let problem = match (&q.kind, a) {
            (QuestionKind::Rating { scale }, Answer::Rating { value }) => {
                (!in_range(*value, 1, *scale)).then_some("out_of_range")
            }
            (QuestionKind::Aspect { scale }, Answer::Aspect { importance, satisfaction }) => {
                (!in_range(*importance, 1, *scale) || !in_range(*satisfaction, 1, *scale)).then_some("out_of_range")
            }
            (QuestionKind::Nps, Answer::Nps { value }) => (*value > 10).then_some("out_of_range"),
            (QuestionKind::SingleChoice { .. } | QuestionKind::Context { .. }, Answer::Choice { option }) => {
                (!has(option)).then_some("unknown_option")
            }
            (QuestionKind::MultipleChoice { .. }, Answer::Choices { options }) => {
                let mut sorted = options.clone();
                sorted.sort();
                sorted.dedup();
                if options.iter().any(|o| !has(o)) {
                    Some("unknown_option")
                } else if sorted.len() != options.len() || options.is_empty() {
                    Some("duplicate_option")
                } else {
                    None
                }
            }
            (QuestionKind::FreeText { max_chars }, Answer::Text { text }) => {
                let n = text.chars().count();
                (n > *max_chars as usize || n > MAX_FREE_TEXT || text.contains('\0')).then_some("too_long")
            }
            (QuestionKind::ContactMe, Answer::Contact { consent, email, phone }) => {
                contact_problem(*consent, email, phone)
            }
            _ => Some("wrong_type"),
        };
        if let Some(code) = problem {
            errors.push(fe(&q.key, code));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn contact_problem(consent: bool, email: &Option<String>, phone: &Option<String>) -> Option<&'static str> {
    if let Some(e) = email {
        if EmailAddress::parse(e).is_err() {
            return Some("invalid_email");
        }
    }
    if let Some(p) = phone {
        if E164::parse(p).is_err() {
            return Some("invalid_phone");
        }
    }
    (consent && email.is_none() && phone.is_none()).then_some("contact_missing")
}

/// The way to reach a respondent who consented to be contacted (email preferred).
pub fn contact(def: &SurveyDefinition, answers: &Answers) -> Option<ContactMethod> {
    def.questions.iter().filter(|q| q.kind == QuestionKind::ContactMe).find_map(|q| match answers.get(&q.key) {
        Some(Answer::Contact { consent: true, email, phone }) => email
            .as_deref()
            .and_then(|e| EmailAddress::parse(e).ok().map(ContactMethod::Email))
            .or_else(|| phone.as_deref().and_then(|p| E164::parse(p).ok().map(ContactMethod::Phone))),
        _ => None,
    })
}

/// The respondent's free-text answers joined (what comment search and staff read).
pub fn comment(def: &SurveyDefinition, answers: &Answers) -> Option<String> {
    let parts: Vec<&str> = def
        .questions
        .iter()
        .filter_map(|q| match answers.get(&q.key) {
            Some(Answer::Text { text }) if !text.trim().is_empty() => Some(text.trim()),
            _ => None,
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// The scored figures of a response: (question key, measure, score).
pub fn measures(answers: &Answers) -> Vec<(String, Measure, i16)> {
    let mut out = Vec::new();
    for (key, a) in answers {
        match a {
            Answer::Rating { value } => out.push((key.clone(), Measure::Rating, *value as i16)),
            Answer::Nps { value } => out.push((key.clone(), Measure::Nps, *value as i16)),
            Answer::Aspect { importance, satisfaction } => {
                out.push((key.clone(), Measure::Importance, *importance as i16));
                out.push((key.clone(), Measure::Satisfaction, *satisfaction as i16));
            }
            _ => {}
        }
    }
    out
}

/// The context (demographic) answers: (question key, option key); results break down by them.
pub fn context(def: &SurveyDefinition, answers: &Answers) -> Vec<(String, String)> {
    def.questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Context { .. }))
        .filter_map(|q| match answers.get(&q.key) {
            Some(Answer::Choice { option }) => Some((q.key.clone(), option.clone())),
            _ => None,
        })
        .collect()
}

/// The answers as staff read them in the inbox: one "Question: answer" line each, in the
/// version's order and the default language. The contact details are left out (they are
/// the conversation's address).
pub fn as_message(def: &SurveyDefinition, answers: &Answers) -> String {
    let lang = def.default_language.as_str();
    let mut lines = Vec::new();
    for q in &def.questions {
        let Some(a) = answers.get(&q.key) else { continue };
        let label = |o: &str| {
            q.kind.options().iter().find(|c| c.key == o).map(|c| def.tr(&c.label, lang).to_owned()).unwrap_or_default()
        };
        let shown = match a {
            Answer::Rating { value } => match q.kind {
                QuestionKind::Rating { scale } => format!("{value} of {scale}"),
                _ => value.to_string(),
            },
            Answer::Nps { value } => format!("{value} of 10"),
            Answer::Aspect { importance, satisfaction } => {
                format!("importance {importance}, satisfaction {satisfaction}")
            }
            Answer::Choice { option } => label(option),
            Answer::Choices { options } => options.iter().map(|o| label(o)).collect::<Vec<_>>().join(", "),
            Answer::Text { text } => text.trim().to_owned(),
            Answer::Contact { .. } => continue,
        };
        lines.push(format!("{}: {shown}", def.tr(&q.prompt, lang)));
    }
    lines.join("\n")
}
