//! FAQ rows and their queries: entries, views, deflections, searches that found nothing.

use super::text::loggable_query;
use crate::domain::{LibraryId, StaffId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{PgExecutor, PgPool};
use utoipa::ToSchema;

/// Days a search that found nothing is kept (its normalised text only).
pub const MISS_RETENTION_DAYS: i32 = 30;

/// One FAQ entry as staff see it.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub slug: String,
    pub question: String,
    /// Sanitised HTML.
    pub answer_html: String,
    pub short_answer: String,
    pub topics: Vec<String>,
    pub language: String,
    pub team_id: Option<i64>,
    /// `draft` or `published`.
    pub status: String,
    pub published_at: Option<DateTime<Utc>>,
    pub last_reviewed_at: Option<DateTime<Utc>>,
    pub review_every_days: i32,
    /// When the entry should next be reviewed.
    pub review_due_at: DateTime<Utc>,
    pub views: i64,
    pub helpful_count: i64,
    pub source_conversation_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const ENTRY_COLUMNS: &str = "id, slug, question, answer_html, short_answer, topics, language, team_id, status,
    published_at, last_reviewed_at, review_every_days,
    coalesce(last_reviewed_at, created_at) + make_interval(days => review_every_days) AS review_due_at,
    views, helpful_count, source_conversation_id, created_at, updated_at";

/// What staff write; the server derives the plain text and the slug.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct EntryInput {
    pub question: String,
    /// HTML; sanitised on the way in (scripts, styles, event handlers and odd URLs removed).
    pub answer_html: String,
    /// One or two sentences that answer by themselves (SMS, suggestions); 1 to 320 characters.
    pub short_answer: String,
    #[serde(default)]
    pub topics: Vec<String>,
    /// ISO 639-1 code; `en` and `es` get stemming, others match word for word. Default `en`.
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Days between reviews (1 to 3650); default 180.
    #[serde(default)]
    pub review_every_days: Option<i32>,
    /// The link's last part; made from the question when absent.
    #[serde(default)]
    pub slug: Option<String>,
}

fn default_language() -> String {
    "en".into()
}

/// An entry's link name from its question: "How do I renew?" -> "how-do-i-renew".
pub fn slugify(question: &str) -> String {
    let mut slug = String::new();
    for c in question.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.bytes().any(|b| b.is_ascii_lowercase()) {
        slug
    } else {
        format!("faq-{slug}").trim_end_matches('-').to_owned()
    }
}

pub async fn find(db: impl PgExecutor<'_>, library: LibraryId, id: i64) -> sqlx::Result<Option<Entry>> {
    sqlx::query_as(&format!("SELECT {ENTRY_COLUMNS} FROM faq_entry WHERE library_id = $1 AND id = $2"))
        .bind(library)
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A published entry by its link, counting the view.
pub async fn view_published(db: &PgPool, library: LibraryId, slug: &str) -> sqlx::Result<Option<Entry>> {
    sqlx::query_as(&format!(
        "UPDATE faq_entry SET views = views + 1
          WHERE library_id = $1 AND slug = $2 AND status = 'published' RETURNING {ENTRY_COLUMNS}"
    ))
    .bind(library)
    .bind(slug)
    .fetch_optional(db)
    .await
}

/// A published entry's link summary for lists: the most viewed, or one topic's.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Summary {
    pub id: i64,
    pub slug: String,
    pub question: String,
    pub short_answer: String,
    pub topics: Vec<String>,
}

pub async fn published(db: &PgPool, library: LibraryId, topic: Option<&str>, limit: i64) -> sqlx::Result<Vec<Summary>> {
    sqlx::query_as(
        "SELECT id, slug, question, short_answer, topics FROM faq_entry
          WHERE library_id = $1 AND status = 'published' AND ($2::text IS NULL OR $2 = ANY (topics))
          ORDER BY views DESC, id LIMIT $3",
    )
    .bind(library)
    .bind(topic)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The library's topics with how many published entries each has.
pub async fn topics(db: &PgPool, library: LibraryId) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT t, count(*) FROM faq_entry, unnest(topics) AS t
          WHERE library_id = $1 AND status = 'published' GROUP BY t ORDER BY t",
    )
    .bind(library)
    .fetch_all(db)
    .await
}

/// "This answered my question": counts a deflection for a published entry. False when there
/// is no such published entry.
pub async fn record_helpful(db: &PgPool, library: LibraryId, entry: i64, source: &str) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let found = sqlx::query(
        "UPDATE faq_entry SET helpful_count = helpful_count + 1
          WHERE library_id = $1 AND id = $2 AND status = 'published'",
    )
    .bind(library)
    .bind(entry)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if found {
        record_deflection(&mut *tx, library, entry, source).await?;
    }
    tx.commit().await?;
    Ok(found)
}

/// Counts that an entry answered a patron without a person (a helpful click, an SMS answer).
pub async fn record_deflection(db: impl PgExecutor<'_>, library: LibraryId, entry: i64, source: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO faq_deflection (library_id, entry_id, day, source) VALUES ($1, $2, current_date, $3)
         ON CONFLICT (library_id, entry_id, day, source) DO UPDATE SET count = faq_deflection.count + 1",
    )
    .bind(library)
    .bind(entry)
    .bind(source)
    .execute(db)
    .await?;
    Ok(())
}

/// Counts a search that found nothing, by its loggable form only (nothing when no such form).
pub async fn record_miss(db: &PgPool, library: LibraryId, query: &str) -> sqlx::Result<()> {
    let Some(query) = loggable_query(query) else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO faq_search_miss (library_id, day, query) VALUES ($1, current_date, $2)
         ON CONFLICT (library_id, day, query) DO UPDATE SET searches = faq_search_miss.searches + 1",
    )
    .bind(library)
    .bind(query)
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes searches-without-result older than [`MISS_RETENTION_DAYS`] (housekeeping).
pub async fn prune_misses(db: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query("DELETE FROM faq_search_miss WHERE day < current_date - $1")
        .bind(MISS_RETENTION_DAYS)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Inserts an entry as a draft.
pub async fn insert(
    db: impl PgExecutor<'_>,
    library: LibraryId,
    author: Option<StaffId>,
    input: &EntryInput,
    slug: &str,
    answer_text: &str,
    source_conversation: Option<i64>,
) -> sqlx::Result<Entry> {
    sqlx::query_as(&format!(
        "INSERT INTO faq_entry (library_id, slug, question, answer_html, answer_text, short_answer, topics, language,
                                team_id, review_every_days, created_by, source_conversation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, 180), $11, $12) RETURNING {ENTRY_COLUMNS}"
    ))
    .bind(library)
    .bind(slug)
    .bind(&input.question)
    .bind(&input.answer_html)
    .bind(answer_text)
    .bind(&input.short_answer)
    .bind(&input.topics)
    .bind(&input.language)
    .bind(input.team_id)
    .bind(input.review_every_days)
    .bind(author)
    .bind(source_conversation)
    .fetch_one(db)
    .await
}
