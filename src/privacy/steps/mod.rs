//! What retention, erasure and export do to each table that holds patron data: one small
//! module per table, each a [`Step`] of plain SQL, listed in [`ALL`].
//!
//! To cover a new table (a chat session, a survey response): add a module here with a
//! `pub const STEP: Step`, fill in the parts that apply, and add it to [`ALL`]. The test
//! `every_table_with_patron_rows_has_a_privacy_step` fails until a table with a
//! `contact_id` or `conversation_id` column is listed here (or in its exemptions).

mod attachment;
mod chat_session;
mod chat_transcript;
mod contact;
mod contact_consent;
mod contact_identity;
mod contact_merge;
mod conversation;
mod csat_optout;
mod csat_rating;
mod csat_request;
mod email_auto_ack;
mod email_conversation;
mod email_message;
mod email_quarantine;
mod email_upload;
mod event;
mod faq_search_miss;
mod message;
mod outbox;
mod sms_consent;
mod sms_status_early;
mod survey_response;

/// One table's part in retention, erasure and export. Every statement filters by the
/// library (`$1`); each part is optional.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// The table (export section name too).
    pub table: &'static str,
    /// Removes free text and files (bodies, HTML, subjects, attachments, comments) of the
    /// conversations `$2` (`bigint[]`). Must keep counts, times and levels; idempotent.
    pub bodies: Option<&'static str>,
    /// Removes who it was (addresses, names, provider ids, IPs) from the conversations `$2`
    /// (`bigint[]`). Idempotent.
    pub identities: Option<&'static str>,
    /// Removes what the table holds about the contacts `$2` (`bigint[]`) beyond their
    /// conversations (profile, identities, consent history). Runs after `bodies` and
    /// `identities` of all their conversations. Idempotent.
    pub contact: Option<&'static str>,
    /// Rows not tied to a conversation that retention drops once older than `$2`
    /// (`timestamptz`, the library's full retention cut-off).
    pub expire: Option<&'static str>,
    /// One patron's rows as one `jsonb` array, for the contacts `$2` (`bigint[]`: the
    /// patron and the contacts merged into them). Nothing of anyone else.
    pub export: Option<&'static str>,
}

impl Step {
    pub const fn new(table: &'static str) -> Step {
        Step { table, bodies: None, identities: None, contact: None, expire: None, export: None }
    }
}

/// Every step, in the order they run: children before parents (attachments before
/// messages, messages before conversations, identities before contacts).
pub const ALL: &[Step] = &[
    attachment::STEP,
    outbox::STEP,
    email_message::STEP,
    email_conversation::STEP,
    email_quarantine::STEP,
    email_upload::STEP,
    event::STEP,
    chat_transcript::STEP,
    message::STEP,
    csat_rating::STEP,
    csat_request::STEP,
    survey_response::STEP,
    chat_session::STEP,
    conversation::STEP,
    sms_consent::STEP,
    csat_optout::STEP,
    faq_search_miss::STEP,
    sms_status_early::STEP,
    contact_consent::STEP,
    contact_merge::STEP,
    contact_identity::STEP,
    email_auto_ack::STEP,
    contact::STEP,
];

/// Tables reviewed and found to hold nothing about a patron beyond ids and counts, so
/// retention, erasure and export leave them alone. Only the first two carry a
/// `contact_id`/`conversation_id` (the guard test requires them here); the rest are listed
/// so the review is on record.
pub const EXEMPT: &[&str] = &[
    // Ids and actions only, by rule (no message content, no addresses).
    "audit_log",
    // Report facts per conversation: channel, team, staff, times, counts. No text and no
    // address; keeping them is what keeps the reports identical after retention/erasure.
    "conversation_fact",
    // Histograms of those facts per year/month/week: numbers only.
    "report_histogram",
    // The same histograms, one row per ended period: numbers only.
    "report_histogram_packed",
    // Which histogram levels of a library are built: library id, level, time.
    "report_rollup",
    // Hand-counted desk and phone questions: service point, mode, READ level, type, count.
    "reference_tally",
    // "This answered my question" per FAQ entry, day and source: counts only.
    "faq_deflection",
    // The library's widget settings (origins, colours, secret, privacy link): no patron.
    "chat_settings",
    // Which outbound messages Refdesk wrote on its own (an email acknowledgement): ids and
    // a kind; the message itself has its step.
    "email_automatic",
];
