//! The survey channel's hub side: surveys and their versions, responses and their rollups,
//! results for managers, ratings after a conversation (CSAT), and the demo survey.
//! The survey schema itself (questions, validation, scoring) is pure and lives in
//! `channels::survey`; the public pages are in `http::public`.

pub mod csat;
pub mod demo;
pub mod responses;
pub mod results;
pub mod store;

use crate::domain::{Channel, ContactId, LibraryId};
use crate::inbox::InboxError;
use sqlx::PgConnection;

/// The channel staff answer a survey conversation on: email if the respondent gave an
/// address, else a text.
pub async fn reply_channel(
    tx: &mut PgConnection,
    library: LibraryId,
    contact: ContactId,
) -> Result<Channel, InboxError> {
    let channel: Option<String> = sqlx::query_scalar(
        "SELECT channel FROM contact_identity WHERE library_id = $1 AND contact_id = $2 AND channel IN ('email', 'sms')
          ORDER BY channel = 'email' DESC, id DESC LIMIT 1",
    )
    .bind(library)
    .bind(contact)
    .fetch_optional(tx)
    .await?;
    match channel.as_deref() {
        Some("sms") => Ok(Channel::Sms),
        Some(_) => Ok(Channel::Email),
        None => Err(InboxError::invalid("no_address_on_channel", "the respondent left no email address or number")),
    }
}
