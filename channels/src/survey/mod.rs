//! The survey channel's pure side: what a survey is (questions, translations), what a
//! submitted response is and whether it fits the version it answers, and how responses
//! are scored (mean ratings, NPS, LibSat's Opportunity Index, small-group suppression).
//!
//! No database, no HTTP: the hub stores versions and responses and renders the pages.

pub mod answers;
pub mod i18n;
pub mod sample;
pub mod schema;
pub mod scoring;

pub use answers::{Answer, Answers, ContactMethod, FieldError, Measure};
pub use schema::{Choice, DefinitionError, Question, QuestionKind, SurveyDefinition, Text};
