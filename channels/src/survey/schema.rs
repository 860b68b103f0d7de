//! A survey version's definition: its questions, in every language it is offered in.
//!
//! A definition is immutable once published (the hub stores each published one as a new
//! version); responses are validated against the version they answer.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;

/// Text in several languages: language tag (`en`, `es`, `fr-CA`) to text.
pub type Text = BTreeMap<String, String>;

/// Most questions in one survey (a long survey is a survey nobody finishes).
pub const MAX_QUESTIONS: usize = 60;
/// Most options of a choice question.
pub const MAX_OPTIONS: usize = 40;
/// Longest free-text answer accepted.
pub const MAX_FREE_TEXT: usize = 4000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyDefinition {
    /// The language shown when the patron picks none, and the one every text must have.
    pub default_language: String,
    /// Every language offered, the default first or anywhere.
    pub languages: Vec<String>,
    #[schema(value_type = BTreeMap<String, String>)]
    pub title: Text,
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, String>)]
    pub intro: Text,
    /// Shown after a response is received.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, String>)]
    pub thanks: Text,
    pub questions: Vec<Question>,
}

// No deny_unknown_fields here: serde cannot combine it with the flattened kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Question {
    /// Stable across versions (results join versions by it): lower-case letters, digits, `_`.
    pub key: String,
    #[schema(value_type = BTreeMap<String, String>)]
    pub prompt: Text,
    #[serde(default)]
    pub required: bool,
    #[serde(flatten)]
    pub kind: QuestionKind,
}

/// What a question asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionKind {
    /// A satisfaction rating, 1..=scale (5 or 10).
    Rating {
        scale: u8,
    },
    /// A service aspect rated twice, as LibSat does: how important it is and how satisfied
    /// the patron is with it (both 1..=scale). Feeds the Opportunity Index.
    Aspect {
        scale: u8,
    },
    /// Net Promoter: "how likely are you to recommend", 0..=10.
    Nps,
    SingleChoice {
        options: Vec<Choice>,
    },
    MultipleChoice {
        options: Vec<Choice>,
    },
    /// A demographic or context question (patron type, age band, branch, how often they
    /// visit): one option; results can be broken down by it.
    Context {
        options: Vec<Choice>,
    },
    FreeText {
        #[serde(default = "default_max_chars")]
        max_chars: u16,
    },
    /// "May we contact you?": consent plus an email address or a phone number.
    ContactMe,
}

fn default_max_chars() -> u16 {
    2000
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub key: String,
    #[schema(value_type = BTreeMap<String, String>)]
    pub label: Text,
}

/// Why a definition cannot be saved; `at` names the question (or `survey`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {problem}")]
pub struct DefinitionError {
    pub at: String,
    pub problem: String,
}

fn err(at: &str, problem: impl Into<String>) -> DefinitionError {
    DefinitionError { at: at.to_owned(), problem: problem.into() }
}

/// Keys and language tags: short, lower-case ASCII, so they are safe in form field names,
/// CSV headers and URLs.
pub fn valid_key(key: &str) -> bool {
    // A letter first: keys starting with `_` are the hub's own (`_source`).
    (1..=40).contains(&key.len())
        && key.as_bytes()[0].is_ascii_lowercase()
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn valid_language(tag: &str) -> bool {
    (2..=10).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl SurveyDefinition {
    /// Checks everything the pages and the scoring rely on.
    pub fn validate(&self) -> Result<(), DefinitionError> {
        let langs: BTreeSet<&str> = self.languages.iter().map(String::as_str).collect();
        if langs.len() != self.languages.len() || self.languages.iter().any(|l| !valid_language(l)) {
            return Err(err("survey", "languages must be distinct tags like en or fr-CA"));
        }
        if !langs.contains(self.default_language.as_str()) {
            return Err(err("survey", "the default language must be one of the languages"));
        }
        check_text("survey title", &self.title, &self.default_language, &langs, true)?;
        check_text("survey intro", &self.intro, &self.default_language, &langs, false)?;
        check_text("survey thanks", &self.thanks, &self.default_language, &langs, false)?;
        if self.questions.is_empty() || self.questions.len() > MAX_QUESTIONS {
            return Err(err("survey", format!("a survey has 1 to {MAX_QUESTIONS} questions")));
        }
        let mut keys = BTreeSet::new();
        let mut contact = 0;
        for q in &self.questions {
            if !valid_key(&q.key) {
                return Err(err(&q.key, "question keys are 1-40 of a-z, 0-9 and _, starting with a letter"));
            }
            if !keys.insert(q.key.as_str()) {
                return Err(err(&q.key, "two questions have this key"));
            }
            check_text(&q.key, &q.prompt, &self.default_language, &langs, true)?;
            match &q.kind {
                QuestionKind::Rating { scale } | QuestionKind::Aspect { scale } if *scale != 5 && *scale != 10 => {
                    return Err(err(&q.key, "a rating scale is 5 or 10"));
                }
                QuestionKind::SingleChoice { options }
                | QuestionKind::MultipleChoice { options }
                | QuestionKind::Context { options } => check_options(q, options, &self.default_language, &langs)?,
                QuestionKind::FreeText { max_chars } if *max_chars == 0 || *max_chars as usize > MAX_FREE_TEXT => {
                    return Err(err(&q.key, format!("free text allows 1 to {MAX_FREE_TEXT} characters")));
                }
                QuestionKind::ContactMe => contact += 1,
                _ => {}
            }
        }
        if contact > 1 {
            return Err(err("survey", "at most one \"may we contact you?\" question"));
        }
        Ok(())
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    /// The language to show: the asked one if offered, else the default.
    pub fn pick_language<'a>(&'a self, asked: Option<&str>) -> &'a str {
        asked.and_then(|a| self.languages.iter().find(|l| l.eq_ignore_ascii_case(a))).unwrap_or(&self.default_language)
    }

    /// `text` in `lang`, falling back to the default language.
    pub fn tr<'a>(&'a self, text: &'a Text, lang: &str) -> &'a str {
        text.get(lang).or_else(|| text.get(&self.default_language)).map(String::as_str).unwrap_or("")
    }
}

fn check_text(
    at: &str,
    text: &Text,
    default: &str,
    langs: &BTreeSet<&str>,
    required: bool,
) -> Result<(), DefinitionError> {
    if required && text.get(default).is_none_or(|t| t.trim().is_empty()) {
        return Err(err(at, format!("needs a text in the default language ({default})")));
    }
    if let Some(lang) = text.keys().find(|l| !langs.contains(l.as_str())) {
        return Err(err(at, format!("has a text in {lang}, which the survey does not offer")));
    }
    if text.values().any(|t| t.chars().count() > 2000 || t.contains('\0')) {
        return Err(err(at, "texts are at most 2000 characters"));
    }
    Ok(())
}

fn check_options(
    q: &Question,
    options: &[Choice],
    default: &str,
    langs: &BTreeSet<&str>,
) -> Result<(), DefinitionError> {
    if options.len() < 2 || options.len() > MAX_OPTIONS {
        return Err(err(&q.key, format!("a choice has 2 to {MAX_OPTIONS} options")));
    }
    let mut seen = BTreeSet::new();
    for o in options {
        if !valid_key(&o.key) || !seen.insert(o.key.as_str()) {
            return Err(err(&q.key, "option keys are distinct, 1-40 of a-z, 0-9 and _, starting with a letter"));
        }
        check_text(&format!("{}.{}", q.key, o.key), &o.label, default, langs, true)?;
    }
    Ok(())
}

impl QuestionKind {
    pub fn options(&self) -> &[Choice] {
        match self {
            QuestionKind::SingleChoice { options }
            | QuestionKind::MultipleChoice { options }
            | QuestionKind::Context { options } => options,
            _ => &[],
        }
    }
}
