//! Storing a response: validated against its version, written once per form token, summed
//! into the rollups in the same transaction; and, when the respondent left a comment and
//! asked to be contacted, opening a conversation through the same ingest as every channel.

use crate::domain::{Address, Channel, LibraryId, StaffId};
use crate::inbox::ingest::{Accepted, Ingest, IngestError};
use channels::survey::answers::{self, Answers, ContactMethod, FieldError};
use channels::survey::SurveyDefinition;
use channels::{Inbound, ThreadHint};
use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::PgPool;

/// The rollup group that counts responses by source (question keys start with a letter).
pub const SOURCE_GROUP: &str = "_source";

/// Where a response came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Web,
    Kiosk,
    Paper,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Web => "web",
            Source::Kiosk => "kiosk",
            Source::Paper => "paper",
        }
    }
}

/// A response about to be stored.
pub struct NewResponse<'a> {
    pub library: LibraryId,
    pub survey_id: i64,
    pub version: i32,
    pub definition: &'a SurveyDefinition,
    pub source: Source,
    pub language: &'a str,
    pub answers: Answers,
    /// The form's one-time token, or the paper entry's key.
    pub submit_key: &'a str,
    pub entered_by: Option<StaffId>,
    /// Paper: the day written on the form; otherwise now.
    pub submitted_at: Option<DateTime<Utc>>,
}

#[derive(Debug)]
pub enum Recorded {
    /// Stored; `contact` is set when the respondent commented and asked to be contacted.
    New { id: i64, contact: Option<ContactMethod> },
    /// This form was submitted before; nothing was stored.
    Duplicate { id: i64 },
}

#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("the response does not fit the survey")]
    Invalid(Vec<FieldError>),
    #[error("database error while storing a survey response")]
    Database(#[from] sqlx::Error),
}

/// Validates and stores one response with its rollups, in one transaction.
#[tracing::instrument(name = "survey.record", skip_all, fields(library.id = %r.library, survey.id = r.survey_id))]
pub async fn record(db: &PgPool, r: NewResponse<'_>) -> Result<Recorded, RecordError> {
    answers::validate(r.definition, &r.answers).map_err(RecordError::Invalid)?;
    let def = r.definition;
    let measures = answers::measures(&r.answers);
    let mut context = answers::context(def, &r.answers);
    // The source is summed like a context answer: on-screen response rates and a
    // breakdown by source come from the rollups too.
    context.push((SOURCE_GROUP.to_owned(), r.source.as_str().to_owned()));
    let comment = answers::comment(def, &r.answers);
    let contact = answers::contact(def, &r.answers);
    let mut tx = db.begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO survey_response (library_id, survey_id, version, source, language, submitted_at, answers,
                measure_keys, measure_kinds, measure_scores, context_keys, context_options, comment,
                contact_requested, submit_key, entered_by)
         VALUES ($1, $2, $3, $4, $5, coalesce($6, now()), $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (library_id, survey_id, submit_key) DO NOTHING
         RETURNING id",
    )
    .bind(r.library)
    .bind(r.survey_id)
    .bind(r.version)
    .bind(r.source.as_str())
    .bind(r.language)
    .bind(r.submitted_at)
    .bind(Json(&r.answers))
    .bind(measures.iter().map(|m| m.0.clone()).collect::<Vec<_>>())
    .bind(measures.iter().map(|m| m.1.as_str()).collect::<Vec<_>>())
    .bind(measures.iter().map(|m| m.2).collect::<Vec<_>>())
    .bind(context.iter().map(|c| c.0.clone()).collect::<Vec<_>>())
    .bind(context.iter().map(|c| c.1.clone()).collect::<Vec<_>>())
    .bind(&comment)
    .bind(contact.is_some() && comment.is_some())
    .bind(r.submit_key)
    .bind(r.entered_by)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        let id: i64 = sqlx::query_scalar(
            "SELECT id FROM survey_response WHERE library_id = $1 AND survey_id = $2 AND submit_key = $3",
        )
        .bind(r.library)
        .bind(r.survey_id)
        .bind(r.submit_key)
        .fetch_one(&mut *tx)
        .await?;
        return Ok(Recorded::Duplicate { id });
    };
    sqlx::query("SELECT survey_rollup_add($1, $2)").bind(r.library).bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Recorded::New { id, contact: contact.filter(|_| comment.is_some()) })
}

/// Opens the inbox conversation of a "contact me" response: the answers are the patron's
/// message, on channel "survey", from the address they gave. The patron's existing contact
/// (same email or number) is reused, and the address is added to the contact so staff
/// answer by email or text. Idempotent on the response id.
/// A "contact me" response, as `open_conversation` needs it.
pub struct ContactRequest<'a> {
    pub response: i64,
    pub survey_name: &'a str,
    pub definition: &'a SurveyDefinition,
    pub answers: &'a Answers,
    pub method: &'a ContactMethod,
}

#[tracing::instrument(name = "survey.contact_me", skip_all, fields(library.id = %library, response.id = req.response))]
pub async fn open_conversation(
    db: &PgPool,
    ingest: &Ingest,
    library: LibraryId,
    req: ContactRequest<'_>,
) -> Result<Accepted, IngestError> {
    let ContactRequest { response, survey_name, definition: def, answers, method } = req;
    let (address, reply_channel) = match method {
        ContactMethod::Email(e) => (Address::Email(e.clone()), Channel::Email),
        ContactMethod::Phone(p) => (Address::Phone(p.clone()), Channel::Sms),
    };
    // Someone already known on email or SMS: their survey identity joins that contact.
    sqlx::query(
        "INSERT INTO contact_identity (library_id, contact_id, channel, address)
         SELECT library_id, contact_id, 'survey', address FROM contact_identity
          WHERE library_id = $1 AND channel = $2 AND address = $3
         ON CONFLICT (library_id, channel, address) DO NOTHING",
    )
    .bind(library)
    .bind(reply_channel.as_str())
    .bind(address.as_str())
    .execute(db)
    .await?;
    let how = match reply_channel {
        Channel::Sms => "Asked to be contacted by text message.",
        _ => "Asked to be contacted by email.",
    };
    let inbound = Inbound {
        channel: Channel::Survey,
        from: address.clone(),
        display_name: None,
        provider_id: format!("survey-response-{response}"),
        subject: Some(format!("Survey: {survey_name}")),
        text: format!("{}\n\n{how}", answers::as_message(def, answers)),
        sanitized_html: None,
        thread: ThreadHint::new_conversation(),
        received_at: Utc::now(),
        attachments: vec![],
    };
    let accepted = ingest.accept(library, inbound).await?;
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO contact_identity (library_id, contact_id, channel, address) VALUES ($1, $2, $3, $4)
         ON CONFLICT (library_id, channel, address) DO NOTHING",
    )
    .bind(library)
    .bind(accepted.contact_id)
    .bind(reply_channel.as_str())
    .bind(address.as_str())
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE survey_response SET conversation_id = $3 WHERE library_id = $1 AND id = $2")
        .bind(library)
        .bind(response)
        .bind(accepted.conversation_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(accepted)
}
