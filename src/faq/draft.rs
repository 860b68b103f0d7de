//! "Draft from conversation": an answered conversation's question and the staff answer
//! become a draft entry, with the patron's identifiers stripped (their name, every staff
//! name, email addresses, phone numbers, card-number-like digit runs). A draft is never
//! public: a manager publishes it after a person read it.

use super::store::{self, Entry, EntryInput};
use super::text::strip_identifiers;
use crate::domain::{LibraryId, StaffId};
use sqlx::PgPool;

/// Why no draft could be made.
#[derive(Debug)]
pub enum DraftError {
    NotFound,
    /// The conversation has no patron question or no staff answer.
    NotAnswered,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for DraftError {
    fn from(e: sqlx::Error) -> Self {
        DraftError::Database(e)
    }
}

/// Makes the draft and stores it.
pub async fn from_conversation(
    db: &PgPool,
    library: LibraryId,
    author: StaffId,
    conversation: i64,
) -> Result<Entry, DraftError> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM conversation WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(conversation)
        .fetch_optional(db)
        .await?;
    exists.ok_or(DraftError::NotFound)?;
    let question: Option<String> = sqlx::query_scalar(
        "SELECT body FROM message WHERE library_id = $1 AND conversation_id = $2 AND direction = 'in'
          ORDER BY id LIMIT 1",
    )
    .bind(library)
    .bind(conversation)
    .fetch_optional(db)
    .await?;
    let answer: Option<String> = sqlx::query_scalar(
        "SELECT body FROM message WHERE library_id = $1 AND conversation_id = $2 AND direction = 'out'
            AND author_staff_id IS NOT NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(library)
    .bind(conversation)
    .fetch_optional(db)
    .await?;
    let (Some(question), Some(answer)) = (question, answer) else {
        return Err(DraftError::NotAnswered);
    };
    let names = names_in(db, library, conversation).await?;
    let question = first_chars(&strip_identifiers(&question, &names), 300);
    let answer = strip_identifiers(&answer, &names);
    let question = if question.chars().count() < 3 { "Question from a conversation".to_owned() } else { question };
    if answer.trim().is_empty() {
        return Err(DraftError::NotAnswered);
    }
    let input = EntryInput {
        short_answer: first_chars(&answer, 320),
        answer_html: paragraphs(&answer),
        question: question.clone(),
        topics: Vec::new(),
        language: "en".into(),
        team_id: None,
        review_every_days: None,
        slug: None,
    };
    let slug = free_slug(db, library, &store::slugify(&question)).await?;
    let text = channels::email::sanitize::html_to_text(&input.answer_html);
    Ok(store::insert(db, library, Some(author), &input, &slug, &text, Some(conversation)).await?)
}

/// Every name that may appear in the conversation: the patron's (as the contact and as
/// given in a chat), and every staff member's.
async fn names_in(db: &PgPool, library: LibraryId, conversation: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT c.display_name FROM conversation v JOIN contact c ON c.library_id = v.library_id AND c.id = v.contact_id
          WHERE v.library_id = $1 AND v.id = $2 AND c.display_name IS NOT NULL
         UNION SELECT name FROM chat_session WHERE library_id = $1 AND conversation_id = $2 AND name IS NOT NULL
         UNION SELECT display_name FROM staff WHERE library_id = $1",
    )
    .bind(library)
    .bind(conversation)
    .fetch_all(db)
    .await
}

/// A slug no other entry of the library has: `base`, `base-2`, `base-3`...
pub async fn free_slug(db: &PgPool, library: LibraryId, base: &str) -> sqlx::Result<String> {
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM faq_entry WHERE library_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')")
            .bind(library)
            .bind(base)
            .fetch_all(db)
            .await?;
    Ok((1..)
        .map(|n| if n == 1 { base.to_owned() } else { format!("{base}-{n}") })
        .find(|s| !taken.contains(s))
        .expect("some suffix is free"))
}

fn first_chars(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Plain text as HTML paragraphs (escaped).
pub fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
