//! The SMS keyword "? renew": the best published entry's short answer and its link.
//!
//! The text itself is stored like any other (nothing is lost; staff see it and the answer);
//! an opted-out number is never answered.

use super::search::{search, Scope};
use super::store::{record_deflection, record_miss};
use crate::domain::E164;
use crate::store::library::Library;
use sqlx::PgPool;

/// Where FAQ answers by text point to, and the prefix that asks for one.
pub struct SmsFaq<'a> {
    /// e.g. `?`: "? renew", "?renew". Empty turns FAQ answers by text off.
    pub prefix: &'a str,
    /// The hub's public origin, for the entry's link.
    pub origin: &'a str,
}

/// The question after the prefix, if the text asks the FAQ.
pub fn question<'b>(prefix: &str, body: &'b str) -> Option<&'b str> {
    if prefix.is_empty() {
        return None;
    }
    let body = body.trim();
    let lower = body.to_lowercase();
    let prefix = prefix.to_lowercase();
    if !lower.starts_with(&prefix) {
        return None;
    }
    let rest = body.get(prefix.len()..)?.trim();
    (!rest.is_empty()).then_some(rest)
}

/// An answer by text, and what it counts once the text is stored (a deflection, or a
/// search that found nothing). Counted after ingest, so a provider's retry counts nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct FaqReply {
    pub text: String,
    pub entry: Option<i64>,
    pub question: String,
}

/// The reply to a FAQ question by text: the best entry's short answer and link, or a note
/// that a librarian will answer. `None` for an opted-out number (never texted).
pub async fn answer(
    db: &PgPool,
    library: &Library,
    from: &E164,
    question: &str,
    faq: &SmsFaq<'_>,
) -> sqlx::Result<Option<FaqReply>> {
    if crate::store::sms::is_opted_out(db, library.id, from.as_str()).await? {
        return Ok(None);
    }
    let best = search(db, library.id, question, Scope::Published, None, 1).await?;
    let (text, entry) = match best.first() {
        Some(hit) => {
            let url = super::entry_url(faq.origin, &library.slug, &hit.slug);
            (format!("{} {url}", hit.short_answer), Some(hit.id))
        }
        None => (format!("{}: we have no ready answer for that; a librarian will reply to your text.", library.name), None),
    };
    Ok(Some(FaqReply { text, entry, question: question.to_owned() }))
}

/// Counts what an answer by text did, once its text is stored.
pub async fn record(db: &PgPool, library: &Library, reply: &FaqReply) -> sqlx::Result<()> {
    match reply.entry {
        Some(entry) => record_deflection(db, library.id, entry, "sms").await,
        None => record_miss(db, library.id, &reply.question).await,
    }
}

#[cfg(test)]
mod tests {
    use super::question;

    #[test]
    fn the_prefix_asks_the_faq() {
        assert_eq!(question("?", "? renew"), Some("renew"));
        assert_eq!(question("?", "?renew my books"), Some("renew my books"));
        assert_eq!(question("?", "renew?"), None);
        assert_eq!(question("?", "?"), None);
        assert_eq!(question("FAQ", "faq hours"), Some("hours"));
        assert_eq!(question("", "? renew"), None);
    }
}
