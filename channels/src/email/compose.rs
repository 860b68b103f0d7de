//! A staff reply -> RFC 5322 bytes, ready for SMTP (sending is not done here).
//!
//! Every value that came from a patron (subject, display names, ids) passes through a
//! check that makes header injection impossible, not merely unlikely: display names and
//! the subject lose control characters (so never CR or LF) and are encoded by lettre;
//! Message-IDs must be printable ASCII without spaces or angle brackets or they are left
//! out; and a subject that contains `=?` (text that a mail client would decode as an
//! RFC 2047 encoded word, possibly into CR LF) is itself fully encoded, so it round-trips
//! as the literal text it is.

use super::{ids, parse::one_line, parse::Mailbox, thread::normalise_subject};
use base64::Engine;
use chrono::{DateTime, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, MultiPart, SinglePart};
use lettre::Message;

/// Most ids written into References: the thread root and the latest ones (RFC 5322
/// allows trimming, and long headers get mail flagged).
const MAX_REFERENCES: usize = 20;

/// A file to attach to an outbound reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundAttachment {
    /// Sanitised again before use; an unusable name becomes `attachment.<ext>`.
    pub filename: String,
    /// A MIME type; an unparseable one is sent as `application/octet-stream`.
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Everything a reply needs. Build it from the conversation and the outbox row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyDraft {
    /// The library's address; `name` is the staff member's display name, if configured.
    pub from: Mailbox,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// The conversation's subject as received; reply prefixes are normalised to one "Re: ".
    pub subject: String,
    /// Our Message-ID for this reply (see [`super::outbound_message_id`]), bare or in `<>`.
    pub message_id: String,
    /// The Message-ID of the message answered, bare or in `<>`.
    pub in_reply_to: Option<String>,
    /// The thread's earlier ids, oldest first; `in_reply_to` is appended if missing.
    pub references: Vec<String>,
    /// The reply as plain text; the HTML alternative is generated from it.
    pub text: String,
    pub attachments: Vec<OutboundAttachment>,
    /// Sent by Refdesk on its own (an acknowledgement): adds `Auto-Submitted: auto-replied`.
    pub automatic: bool,
    pub date: DateTime<Utc>,
}

/// Why a reply could not be composed. None of these is worth retrying.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComposeError {
    #[error("the reply has no recipient")]
    NoRecipients,
    #[error("the reply's own Message-ID is not valid")]
    InvalidMessageId,
    #[error("an address was refused by the message builder")]
    InvalidAddress,
    #[error("the message could not be built: {0}")]
    Build(String),
}

/// Builds the reply as RFC 5322 bytes: multipart/alternative text + HTML, inside a
/// multipart/mixed when there are attachments.
pub fn compose_reply(draft: &ReplyDraft) -> Result<Vec<u8>, ComposeError> {
    if draft.to.is_empty() {
        return Err(ComposeError::NoRecipients);
    }
    let own_id = ids::bare(&draft.message_id);
    if !ids::is_valid_message_id(own_id) {
        return Err(ComposeError::InvalidMessageId);
    }
    let mut builder =
        Message::builder().from(mailbox(&draft.from)?).message_id(Some(format!("<{own_id}>"))).date(draft.date.into());
    for to in &draft.to {
        builder = builder.to(mailbox(to)?);
    }
    for cc in &draft.cc {
        builder = builder.cc(mailbox(cc)?);
    }
    builder = builder.raw_header(subject_header(&reply_subject(&draft.subject)));

    let parent = draft.in_reply_to.as_deref().map(ids::bare).filter(|id| ids::is_valid_message_id(id));
    if let Some(parent) = parent {
        builder = builder.in_reply_to(format!("<{parent}>"));
    }
    let mut references = ids::clean_list(draft.references.iter().map(String::as_str).chain(parent), MAX_REFERENCES);
    references.retain(|id| id != own_id);
    if !references.is_empty() {
        builder = builder.references(references.iter().map(|id| format!("<{id}>")).collect::<Vec<_>>().join(" "));
    }
    if draft.automatic {
        builder = builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Auto-Submitted"), "auto-replied".into()))
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("X-Auto-Response-Suppress"), "All".into()));
    }

    let text = draft.text.replace("\r\n", "\n");
    let alternative = MultiPart::alternative_plain_html(text.clone(), text_to_html(&text));
    let message = if draft.attachments.is_empty() {
        builder.multipart(alternative)
    } else {
        let mut mixed = MultiPart::mixed().multipart(alternative);
        for file in &draft.attachments {
            mixed = mixed.singlepart(attachment(file));
        }
        builder.multipart(mixed)
    }
    .map_err(|e| ComposeError::Build(e.to_string()))?;
    Ok(message.formatted())
}

/// A message the hub writes on its own to one person (a staff password reset link): not a
/// reply, plain text only, marked `Auto-Submitted: auto-generated` so no one auto-answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDraft {
    pub from: Mailbox,
    pub to: Mailbox,
    /// Used as it is (one line); no "Re: ".
    pub subject: String,
    /// Our Message-ID, bare or in `<>`.
    pub message_id: String,
    pub text: String,
    pub date: DateTime<Utc>,
}

/// Builds a notice as RFC 5322 bytes.
pub fn compose_notice(draft: &NoticeDraft) -> Result<Vec<u8>, ComposeError> {
    let own_id = ids::bare(&draft.message_id);
    if !ids::is_valid_message_id(own_id) {
        return Err(ComposeError::InvalidMessageId);
    }
    let subject = one_line(&draft.subject).unwrap_or_default();
    let message = Message::builder()
        .from(mailbox(&draft.from)?)
        .to(mailbox(&draft.to)?)
        .message_id(Some(format!("<{own_id}>")))
        .date(draft.date.into())
        .raw_header(subject_header(&subject))
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Auto-Submitted"), "auto-generated".into()))
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("X-Auto-Response-Suppress"), "All".into()))
        .singlepart(SinglePart::plain(draft.text.replace("\r\n", "\n")))
        .map_err(|e| ComposeError::Build(e.to_string()))?;
    Ok(message.formatted())
}

/// "Re: " plus the normalised subject, on one line.
fn reply_subject(subject: &str) -> String {
    let base = one_line(subject).map(|s| normalise_subject(&s)).unwrap_or_default();
    if base.is_empty() {
        "Re: (no subject)".to_owned()
    } else {
        format!("Re: {base}")
    }
}

/// The Subject header. lettre encodes non-ASCII words and control characters itself but
/// writes ASCII words as they are, including a literal `=?utf-8?b?...?=` a patron typed
/// (or smuggled in double-encoded); such a subject is encoded here as a whole instead.
fn subject_header(subject: &str) -> HeaderValue {
    let name = HeaderName::new_from_ascii_str("Subject");
    if !subject.contains("=?") {
        return HeaderValue::new(name, subject.to_owned());
    }
    HeaderValue::dangerous_new_pre_encoded(name, subject.to_owned(), encoded_words(subject))
}

/// RFC 2047 `B` encoded words for all of `text`, folded one word per line. Each word
/// holds at most 39 bytes of UTF-8 (whole characters), so lines stay under 78 octets. The
/// result is printable ASCII plus CR LF SP folds only.
fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + 39).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let chunk = &text.as_bytes()[start..end];
        words.push(format!("=?utf-8?b?{}?=", base64::engine::general_purpose::STANDARD.encode(chunk)));
        start = end;
    }
    words.join("\r\n ")
}

fn mailbox(m: &Mailbox) -> Result<lettre::message::Mailbox, ComposeError> {
    let (user, domain) = m.address.as_str().rsplit_once('@').ok_or(ComposeError::InvalidAddress)?;
    let address = lettre::Address::new(user, domain).map_err(|_| ComposeError::InvalidAddress)?;
    Ok(lettre::message::Mailbox::new(m.name.as_deref().and_then(one_line), address))
}

fn attachment(file: &OutboundAttachment) -> SinglePart {
    let content_type = ContentType::parse(file.content_type.trim())
        .unwrap_or_else(|_| ContentType::parse("application/octet-stream").expect("a valid MIME type"));
    let filename = super::attachment::sanitize_filename(&file.filename, &file.content_type);
    Attachment::new(filename).body(file.data.clone(), content_type)
}

/// The HTML alternative: the text escaped, blank-line separated paragraphs as `<p>`,
/// single line breaks as `<br>`.
pub(crate) fn text_to_html(text: &str) -> String {
    let mut html = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
    let mut paragraph: Vec<String> = Vec::new();
    let flush = |paragraph: &mut Vec<String>, html: &mut String| {
        if !paragraph.is_empty() {
            html.push_str("<p>");
            html.push_str(&paragraph.join("<br>\n"));
            html.push_str("</p>\n");
            paragraph.clear();
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut html);
        } else {
            paragraph.push(escape(line));
        }
    }
    flush(&mut paragraph, &mut html);
    html.push_str("</body></html>\n");
    html
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_escaped_paragraphs() {
        let html = text_to_html("Hello <Ann> & co,\nyour hold is in.\n\n\nThanks");
        assert!(html.contains("<p>Hello &lt;Ann&gt; &amp; co,<br>\nyour hold is in.</p>\n<p>Thanks</p>"), "{html}");
    }

    #[test]
    fn encoded_words_split_on_characters_and_fold() {
        let text = "=?utf-8?b?DQpCY2M6IGV2aWxAeC5vcmc=?= ".repeat(3) + "é".repeat(30).as_str();
        let encoded = encoded_words(&text);
        assert!(encoded.bytes().all(|b| b.is_ascii_graphic() || b == b' ' || b == b'\r' || b == b'\n'));
        for line in encoded.split("\r\n") {
            assert!(line.len() < 78, "{line}");
        }
        let decoded: Vec<u8> = encoded
            .split("\r\n ")
            .flat_map(|w| {
                let b64 = w.trim_start_matches("=?utf-8?b?").trim_end_matches("?=");
                base64::engine::general_purpose::STANDARD.decode(b64).unwrap()
            })
            .collect();
        assert_eq!(String::from_utf8(decoded).unwrap(), text);
    }
}
