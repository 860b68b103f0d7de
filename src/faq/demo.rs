//! The demo library's FAQ: twenty published entries and the synonyms from the search-quality
//! fixture set (`tests/fixtures/faq/entries.json`), so the demo searches like the tests do.

use super::draft::paragraphs;
use super::store::{self, EntryInput};
use crate::domain::LibraryId;
use serde::Deserialize;
use sqlx::PgPool;

const FIXTURE: &str = include_str!("../../tests/fixtures/faq/entries.json");

/// The entries the demo publishes (keys in the fixture).
const DEMO_KEYS: &[&str] = &[
    "renew", "loan-period", "get-card", "lost-card", "pin", "hours", "holidays", "parking", "return-after-hours",
    "fines", "holds", "ebooks", "wifi", "printing", "laptop", "study-rooms", "storytime", "homework-help", "volunteer",
    "accessibility", "es-renovar",
];

#[derive(Deserialize)]
struct Fixture {
    synonyms: Vec<Vec<String>>,
    entries: Vec<FixtureEntry>,
}

#[derive(Deserialize)]
struct FixtureEntry {
    key: String,
    question: String,
    short_answer: String,
    answer: String,
    topics: Vec<String>,
    #[serde(default)]
    language: Option<String>,
}

/// Adds the demo FAQ unless the library already has entries.
pub async fn load(db: &PgPool, library: LibraryId) -> anyhow::Result<()> {
    let has: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM faq_entry WHERE library_id = $1)")
        .bind(library)
        .fetch_one(db)
        .await?;
    if has {
        return Ok(());
    }
    let fixture: Fixture = serde_json::from_str(FIXTURE)?;
    let mut tx = db.begin().await?;
    for terms in &fixture.synonyms {
        sqlx::query("INSERT INTO faq_synonym (library_id, terms) VALUES ($1, $2)")
            .bind(library)
            .bind(terms)
            .execute(&mut *tx)
            .await?;
    }
    for e in fixture.entries.iter().filter(|e| DEMO_KEYS.contains(&e.key.as_str())) {
        let input = EntryInput {
            question: e.question.clone(),
            answer_html: paragraphs(&e.answer),
            short_answer: e.short_answer.clone(),
            topics: e.topics.clone(),
            language: e.language.clone().unwrap_or_else(|| "en".into()),
            team_id: None,
            review_every_days: None,
            slug: None,
        };
        let entry = store::insert(&mut *tx, library, None, &input, &e.key, &e.answer, None).await?;
        sqlx::query(
            "UPDATE faq_entry SET status = 'published', published_at = now(), last_reviewed_at = now(),
                    views = $3 WHERE library_id = $1 AND id = $2",
        )
        .bind(library)
        .bind(entry.id)
        .bind((e.question.len() * 7 % 90) as i64)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
