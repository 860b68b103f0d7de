//! One fetched message: a bounce for one of our replies, a message for quarantine, our own
//! mail (skipped), or a patron's email, threaded and handed to ingest.
//!
//! Decisions, so staff and patrons can rely on them:
//! - Bounces (DSNs) never open a conversation: a hard one marks the reply it reports on
//!   failed, a delay is noted on it, a success report marks it delivered.
//! - Other automatic mail (out-of-office, auto-replies, lists) IS ingested: a patron's
//!   out-of-office answer to our reply is still the patron telling us something. Its reason
//!   is kept (`email_message.automatic`), and such mail is never acknowledged
//!   ([`super::auto_ack`]), so nothing can loop.
//! - The message body (what the thread view shows and search indexes) is the new part of
//!   the text, quoted history and signature folded away; the full text and the folded part
//!   are kept in `email_message`, and the sanitised HTML (whole) in `message.body_html`.
//! - Mail from one of the library's own addresses, or carrying one of our own Message-IDs,
//!   is skipped: it is ours coming back, never a patron's.

use super::auto_ack::{self, AutoAck};
use super::mailbox::MailboxId;
use super::quarantine::{self, FoundAt, QuarantineReason};
use super::store::{self, EmailMeta};
use super::thread::{self, Clues};
use crate::domain::{ConversationId, LibraryId, MessageId};
use crate::inbox::ingest::{Accepted, Ingest, IngestError, MAX_ATTACHMENT_BYTES};
use crate::realtime::Realtime;
use crate::store::event;
use channels::email::{self, AutomaticReason, Bounce, DsnAction, ParseError, ParseLimits, ParsedEmail};
use channels::{Inbound, ThreadHint};
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;

/// The longest new part handed to ingest (it refuses longer text).
const MAX_TEXT_CHARS: usize = 900_000;
/// Most addresses carried as Cc into replies.
const MAX_CC: usize = 20;
/// A message's raw bytes are kept beside it until ingest only below this size.
pub const KEEP_RAW_BELOW: usize = 1 << 20;

/// What the poller knows while it reads one mailbox.
pub struct Context {
    pub db: PgPool,
    pub ingest: Ingest,
    pub realtime: Realtime,
    pub library: LibraryId,
    pub mailbox: MailboxId,
    /// Every address of the library's mailboxes, lower-case.
    pub own_addresses: Vec<String>,
    pub secret: Vec<u8>,
    pub limits: ParseLimits,
    /// Set when the mailbox acknowledges new conversations.
    pub auto_ack: Option<AutoAck>,
    /// Where the public FAQ pages are (links in acknowledgements).
    pub public_origin: String,
}

impl Context {
    pub fn limits_for(max_message_bytes: i32) -> ParseLimits {
        ParseLimits {
            max_message_bytes: max_message_bytes.max(0) as usize,
            // Larger attachments are listed, not kept: ingest refuses them.
            max_attachment_bytes: MAX_ATTACHMENT_BYTES,
            max_attachments: 100,
        }
    }
}

/// A patron's email, ready for threading and ingest.
pub struct Mail {
    pub inbound: Inbound,
    pub meta: EmailMeta,
    /// The sender's address (the contact identity).
    pub sender: String,
    pub thread_ids: Vec<String>,
    /// Other people on the mail, carried into replies.
    pub cc: Vec<String>,
    /// Kept for quarantine in case ingest refuses the message, below [`KEEP_RAW_BELOW`]
    /// bytes: a bigger one passed ingest's checks in [`prepare`] already, and holding its
    /// bytes through the ingest would double the poller's memory for it.
    pub raw: Option<Vec<u8>>,
}

/// What a fetched message turned out to be.
pub enum Prepared {
    Bounce(Bounce),
    Quarantine { reason: QuarantineReason, detail: String, raw: Vec<u8> },
    Skip(&'static str),
    Mail(Box<Mail>),
}

/// Whether a message is finished with (may be flagged and passed by the cursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Not yet: a bounce for a reply whose send is still being recorded. Read it again soon.
    Deferred,
}

/// Classifies raw message bytes; pure CPU work (the caller may run it off the runtime).
pub fn prepare(ctx: &Context, raw: Vec<u8>, now: DateTime<Utc>) -> Prepared {
    let mut parsed = match email::parse_with(&raw, ctx.limits) {
        Ok(p) => p,
        Err(e) => {
            let reason = match e {
                ParseError::TooLarge { .. } => QuarantineReason::TooLarge,
                _ => QuarantineReason::Unparseable,
            };
            return Prepared::Quarantine { reason, detail: e.to_string(), raw };
        }
    };
    if parsed.auto.content_type == "multipart/report" {
        if let Some(b) = email::bounce(&raw) {
            return Prepared::Bounce(b);
        }
    }
    if email::conversation_from_references(&ctx.secret, std::slice::from_ref(&parsed.message_id)).is_some() {
        return Prepared::Skip("one of our own messages");
    }
    if parsed.from.as_ref().is_some_and(|f| ctx.own_addresses.iter().any(|a| a == f.address.as_str())) {
        return Prepared::Skip("sent from the library's own address");
    }
    let received_at = parsed.date.filter(|d| *d <= now && *d > now - chrono::Duration::days(400)).unwrap_or(now);
    // The files' bytes move into the Inbound rather than being copied by `to_inbound`: a big
    // email would otherwise hold its attachments twice at once.
    let files: Vec<Vec<u8>> =
        parsed.attachments.iter_mut().filter(|a| !a.too_large).map(|a| std::mem::take(&mut a.data)).collect();
    let mut inbound = match parsed.to_inbound(ctx.library.0, &ctx.secret, received_at) {
        Ok(i) => i,
        Err(e) => return Prepared::Quarantine { reason: QuarantineReason::NoSender, detail: e.to_string(), raw },
    };
    debug_assert_eq!(
        inbound.attachments.len(),
        files.len(),
        "to_inbound keeps exactly the files that are not too large"
    );
    for (attachment, data) in inbound.attachments.iter_mut().zip(files) {
        attachment.data = data;
    }
    let sender = inbound.from.as_str().to_owned();
    let (new_part, quoted) = email::fold_quoted(&parsed.text);
    let mut text = if new_part.is_empty() { parsed.text.clone() } else { new_part };
    let omitted: Vec<&email::Attachment> = parsed.attachments.iter().filter(|a| a.too_large).collect();
    if !omitted.is_empty() || parsed.dropped_attachments > 0 {
        let names: Vec<&str> = omitted.iter().map(|a| a.filename.as_str()).collect();
        let count = omitted.len() + parsed.dropped_attachments;
        text.push_str(&format!(
            "\n\n[Refdesk: {count} attachment(s) not kept (over {} MB or too many){}{}]",
            MAX_ATTACHMENT_BYTES >> 20,
            if names.is_empty() { "" } else { ": " },
            names.join(", ")
        ));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        text = text.chars().take(MAX_TEXT_CHARS).collect();
    }
    inbound.text = text;
    inbound.thread = ThreadHint::new_conversation();
    let cc = carried_cc(&parsed, &sender, &ctx.own_addresses);
    let meta = EmailMeta {
        mailbox: ctx.mailbox,
        rfc_message_id: parsed.message_id.clone(),
        in_reply_to: parsed.in_reply_to.clone(),
        refs: parsed.references.clone(),
        to: parsed.to.iter().map(|m| m.address.as_str().to_owned()).collect(),
        cc: parsed.cc.iter().map(|m| m.address.as_str().to_owned()).collect(),
        subject: parsed.subject.clone(),
        full_text: parsed.text.clone(),
        quoted_text: quoted,
        automatic: email::is_automatic(&parsed).map(|r| automatic_name(&r)),
        omitted_attachments: (omitted.len() + parsed.dropped_attachments) as i32,
        sha256: parsed.sha256.clone(),
        size_bytes: parsed.size.min(i32::MAX as usize) as i32,
    };
    // Ingest's own checks now, while the raw bytes are here for quarantine.
    if let Err(IngestError::Invalid(why)) = crate::inbox::ingest::validate(&inbound) {
        return Prepared::Quarantine { reason: QuarantineReason::Rejected, detail: why.to_owned(), raw };
    }
    let raw = (raw.len() < KEEP_RAW_BELOW).then_some(raw);
    Prepared::Mail(Box::new(Mail { inbound, meta, sender, thread_ids: parsed.thread_ids(), cc, raw }))
}

/// To and Cc minus the library's addresses and the sender: who a reply-all would reach.
fn carried_cc(parsed: &ParsedEmail, sender: &str, own: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in parsed.to.iter().chain(&parsed.cc) {
        let a = m.address.as_str();
        if a != sender && !own.iter().any(|o| o == a) && !out.iter().any(|o| o == a) && out.len() < MAX_CC {
            out.push(a.to_owned());
        }
    }
    out
}

fn automatic_name(reason: &AutomaticReason) -> String {
    match reason {
        AutomaticReason::AutoSubmitted(v) => format!("auto-submitted: {v}"),
        AutomaticReason::Precedence(v) => format!("precedence: {v}"),
        AutomaticReason::MailingList(h) => format!("mailing list ({h})"),
        AutomaticReason::NullReturnPath => "null return path".into(),
        AutomaticReason::Report => "report".into(),
        AutomaticReason::AutoReplyHeader => "auto-reply header".into(),
        AutomaticReason::ResponseSuppressed => "auto-response suppressed".into(),
    }
}

/// Threads `mail`, stores it through ingest and records its email metadata. Only returns
/// `Ok` once the message is committed (or quarantined, if ingest refused it).
pub async fn ingest(ctx: &Context, at: FoundAt, mail: Mail) -> Result<Outcome, IngestError> {
    let mut results = ingest_wave(ctx, vec![(at, mail)]).await;
    results.pop().map(|(_, r)| r).expect("one result per email")
}

/// An email ingest committed, waiting for its metadata.
struct Committed {
    at: FoundAt,
    accepted: Accepted,
    meta: EmailMeta,
    cc: Vec<String>,
    threaded: bool,
    faq_query: Option<String>,
}

/// Ingests emails of different conversations together: each is threaded and handed to
/// ingest at once (ingest group-commits them), then the metadata of all of them is written
/// in one statement, then acknowledgements go out. Returns each email's UID and outcome;
/// an email is `Done` only once its message and its metadata are committed.
pub async fn ingest_wave(ctx: &Context, wave: Vec<(FoundAt, Mail)>) -> Vec<(u32, Result<Outcome, IngestError>)> {
    use futures::StreamExt;
    let stored: Vec<(FoundAt, Result<Option<Committed>, IngestError>)> = futures::stream::iter(wave)
        .map(|(at, mail)| async move { (at, accept(ctx, at, mail).await) })
        .buffer_unordered(WAVE_CONCURRENCY)
        .collect()
        .await;
    let mut results = Vec::with_capacity(stored.len());
    let mut accepted = Vec::with_capacity(stored.len());
    for (at, r) in stored {
        match r {
            Ok(Some(a)) => accepted.push(a),
            Ok(None) => results.push((at.uid, Ok(Outcome::Done))),
            Err(e) => results.push((at.uid, Err(e))),
        }
    }
    accepted.sort_by_key(|a| a.at.uid);
    let recorded = record_all(ctx, &accepted).await;
    for (a, r) in accepted.iter().zip(recorded) {
        if let Err(e) = r {
            results.push((a.at.uid, Err(e.into())));
            continue;
        }
        tracing::info!(
            mailbox.id = %ctx.mailbox, uid = a.at.uid, message.id = %a.accepted.message_id,
            conversation.id = %a.accepted.conversation_id, created = a.accepted.created, threaded = a.threaded,
            "email ingested"
        );
        if let (Some(ack), Some(query)) = (&ctx.auto_ack, &a.faq_query) {
            // `created`: a re-read of a stored email never acknowledges it again.
            if auto_ack::qualifies(a.accepted.created && !a.threaded, a.meta.automatic.as_deref()) {
                if let Err(e) = auto_ack::send(ctx, ack, &a.accepted, query).await {
                    // The email is stored; a missed acknowledgement is not worth reading it again.
                    tracing::warn!(error = %e, conversation.id = %a.accepted.conversation_id, "acknowledgement failed");
                }
            }
        }
        results.push((a.at.uid, Ok(Outcome::Done)));
    }
    results
}

/// Emails of one wave in flight at once: enough for ingest's group commit to batch them,
/// few enough not to queue on the connection pool.
const WAVE_CONCURRENCY: usize = 32;

/// Threads one email and stores it through ingest. `None`: ingest refused it and it is
/// quarantined (finished).
async fn accept(ctx: &Context, at: FoundAt, mail: Mail) -> Result<Option<Committed>, IngestError> {
    let Mail { mut inbound, meta, sender, thread_ids, cc, raw } = mail;
    let clues = Clues {
        library: ctx.library,
        sender: &sender,
        thread_ids: &thread_ids,
        subject: inbound.subject.as_deref(),
        received_at: inbound.received_at,
    };
    let conversation = thread::find_conversation(&ctx.db, &ctx.secret, &clues).await?;
    inbound.thread = ThreadHint::Conversation { conversation: conversation.map(|c| c.0) };
    let faq_query = ctx.auto_ack.as_ref().map(|_| auto_ack::faq_query(inbound.subject.as_deref(), &inbound.text));
    match ctx.ingest.accept(ctx.library, inbound).await {
        Ok(accepted) => Ok(Some(Committed { at, accepted, meta, cc, threaded: conversation.is_some(), faq_query })),
        Err(IngestError::Invalid(why)) => {
            tracing::warn!(mailbox.id = %ctx.mailbox, uid = at.uid, reason = why, "ingest refused an email; quarantined");
            // Unreachable for a message `prepare` checked, unless ingest's checks change.
            let raw = raw.as_deref().unwrap_or_default();
            quarantine::keep(&ctx.db, ctx.library, at, QuarantineReason::Rejected, why, raw).await?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Writes the metadata of committed emails: in one statement, or, if that fails (one odd
/// value fails them all), one email at a time so the others still finish.
async fn record_all(ctx: &Context, accepted: &[Committed]) -> Vec<sqlx::Result<()>> {
    if accepted.is_empty() {
        return Vec::new();
    }
    let items: Vec<store::MetaItem<'_>> = accepted
        .iter()
        .map(|a| store::MetaItem {
            message: a.accepted.message_id,
            conversation: a.accepted.conversation_id,
            replace_cc: a.accepted.created,
            cc: &a.cc,
            meta: &a.meta,
        })
        .collect();
    match store::record_batch(&ctx.db, ctx.library, ctx.mailbox, &items).await {
        Ok(()) => accepted.iter().map(|_| Ok(())).collect(),
        Err(e) => {
            tracing::warn!(error = %e, size = items.len(), "email metadata batch failed; writing one by one");
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(store::record_batch(&ctx.db, ctx.library, ctx.mailbox, std::slice::from_ref(item)).await);
            }
            out
        }
    }
}

/// Applies a delivery status notification to the reply it reports on.
pub async fn apply_bounce(ctx: &Context, uid: u32, b: &Bounce) -> sqlx::Result<Outcome> {
    let Some(original) = b.original_message_id.as_deref() else {
        tracing::info!(mailbox.id = %ctx.mailbox, uid, "a bounce without the original Message-ID; ignored");
        return Ok(Outcome::Done);
    };
    // Our Message-IDs name the message: a bounce may overtake the outbox recording the id.
    let signed = email::conversation_from_references(&ctx.secret, &[original.to_owned()])
        .filter(|(library, _)| *library == ctx.library.0)
        .and_then(|_| signed_message(original));
    let mut tx = ctx.db.begin().await?;
    let found: Option<(MessageId, ConversationId, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT m.id, m.conversation_id, m.delivery_status,
                (SELECT o.status FROM outbox o WHERE o.library_id = m.library_id AND o.message_id = m.id
                  ORDER BY o.id DESC LIMIT 1)
           FROM message m
          WHERE m.library_id = $1 AND m.channel = 'email' AND m.direction = 'out'
            AND (m.provider_id = $2 OR m.id = $3)
          ORDER BY m.id LIMIT 1
          FOR UPDATE OF m",
    )
    .bind(ctx.library)
    .bind(original)
    .bind(signed)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((message, conversation, current, outbox)) = found else {
        tracing::info!(mailbox.id = %ctx.mailbox, uid, "a bounce for mail we did not send; ignored");
        return Ok(Outcome::Done);
    };
    if outbox.as_deref() == Some("sending") {
        return Ok(Outcome::Deferred);
    }
    let status = b.status.as_deref().unwrap_or("no status given");
    let (next, error) = if b.hard {
        ("failed", Some(format!("bounced: the patron's mail server refused it ({status})")))
    } else if b.action == DsnAction::Delayed || b.status.as_deref().is_some_and(|s| s.starts_with('4')) {
        if current.as_deref() == Some("failed") {
            return Ok(Outcome::Done);
        }
        let keep = current.as_deref().unwrap_or("sent");
        (keep, Some(format!("delayed: the patron's mail server is still trying ({status})")))
    } else if b.action.is_success() && current.as_deref() != Some("failed") {
        ("delivered", None)
    } else {
        return Ok(Outcome::Done);
    };
    let changed = sqlx::query(
        "UPDATE message SET delivery_status = $3, delivery_error = $4
          WHERE library_id = $1 AND id = $2
            AND (delivery_status IS DISTINCT FROM $3 OR delivery_error IS DISTINCT FROM $4)",
    )
    .bind(ctx.library)
    .bind(message)
    .bind(next)
    .bind(&error)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed > 0 {
        event::append(
            &mut tx,
            ctx.library,
            "delivery_status_changed",
            Some(conversation),
            json!({"message_id": message, "status": next, "error": error, "bounce": true}),
        )
        .await?;
    }
    tx.commit().await?;
    if changed > 0 {
        ctx.realtime.published();
        tracing::info!(mailbox.id = %ctx.mailbox, uid, message.id = %message, status = next, "bounce applied");
    }
    Ok(Outcome::Done)
}

/// The message number in one of our Message-IDs: `rd.{library}.{conversation}.{message}.{tag}@…`.
fn signed_message(id: &str) -> Option<i64> {
    let local = id.trim_matches(['<', '>']).rsplit_once('@')?.0;
    local.split('.').nth(3)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_number_is_read_from_our_message_ids() {
        let id = email::outbound_message_id(b"secret secret secret secret 1234", 3, 40, 500, "library.test");
        assert_eq!(signed_message(&id), Some(500));
        assert_eq!(signed_message("<someone@example.org>"), None);
    }
}
