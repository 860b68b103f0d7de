//! Raw RFC 5322 bytes -> [`ParsedEmail`], or a [`ParseError`] for quarantine.
//!
//! MIME structure, transfer encodings, charsets (all decoded to UTF-8, CJK included) and
//! RFC 2047/2231 header encodings are mail-parser's work; this module decides what Refdesk
//! keeps: validated addresses and ids, clean header text, one plain-text body, sanitised
//! HTML, and attachments with safe names, sniffed types and a size cap. It never panics:
//! a panic inside the MIME parser is caught and reported as [`ParseError::ParserFailed`].

use super::{attachment, auto::AutoHeaders, ids, sanitize};
use crate::address::EmailAddress;
use chrono::{DateTime, Utc};
use mail_parser::{HeaderValue, Message, MessageParser, MessagePart, MimeHeaders, PartType};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Most ids kept from References: the thread root and the latest ones.
const MAX_REFERENCES: usize = 100;

/// Size limits applied while parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseLimits {
    /// A larger message is refused with [`ParseError::TooLarge`] (and quarantined).
    pub max_message_bytes: usize,
    /// A larger attachment is listed with `too_large` set and no data.
    pub max_attachment_bytes: usize,
    /// Attachments beyond this many are counted in `dropped_attachments`, not kept.
    pub max_attachments: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits { max_message_bytes: 50 << 20, max_attachment_bytes: 25 << 20, max_attachments: 100 }
    }
}

/// Why a message could not be parsed. The caller keeps the raw bytes in quarantine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the message is empty")]
    Empty,
    #[error("the message is {size} bytes, more than the limit of {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("no header section found: not an RFC 5322 message")]
    NoHeaders,
    #[error("the MIME parser failed on this message")]
    ParserFailed,
}

/// A parsed address with its display name (decoded, control characters removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub address: EmailAddress,
    pub name: Option<String>,
}

/// One attachment, inline image or attached message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Safe to show and save (see [`attachment::sanitize_filename`]); never empty.
    pub filename: String,
    /// What the content is: the declared type, or the sniffed one when the declared type
    /// was generic. Text parts were decoded to UTF-8 and say `charset=utf-8`.
    pub content_type: String,
    /// The type the sender declared, lower-cased, without parameters.
    pub declared_content_type: Option<String>,
    /// The bare Content-ID, which `cid:` URLs in the HTML refer to.
    pub content_id: Option<String>,
    /// Meant to be shown in the body (an inline image) rather than listed.
    pub inline: bool,
    /// Decoded size in bytes, also when `data` was dropped.
    pub size: usize,
    /// The decoded content; empty when `too_large`.
    pub data: Vec<u8>,
    /// Larger than [`ParseLimits::max_attachment_bytes`]: listed, content not kept.
    pub too_large: bool,
}

/// What Refdesk keeps of an inbound email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEmail {
    /// The bare Message-ID (no angle brackets), or a synthesised one (see below). Ingest is
    /// idempotent on it.
    pub message_id: String,
    /// The message had no usable Message-ID; `message_id` is `<sha256 of the raw
    /// bytes>@synthesised.refdesk.invalid`, stable across re-fetches of the same bytes.
    pub message_id_synthesised: bool,
    /// Bare ids from In-Reply-To, in order.
    pub in_reply_to: Vec<String>,
    /// Bare ids from References, oldest first (the root and the latest 99 at most).
    pub references: Vec<String>,
    pub from: Option<Mailbox>,
    pub sender: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub reply_to: Vec<Mailbox>,
    /// Decoded, on one line, trimmed; `None` when absent or blank.
    pub subject: Option<String>,
    pub date: Option<DateTime<Utc>>,
    /// The plain-text body: the text/plain parts, or text rendered from the HTML when the
    /// message has only HTML. Quoted history is still in it: see [`super::fold_quoted`].
    pub text: String,
    /// The HTML body after the allow-list sanitiser ([`sanitize::ImagePolicy::CidOnly`]).
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
    /// Attachments beyond [`ParseLimits::max_attachments`].
    pub dropped_attachments: usize,
    /// Some part could not be decoded as declared and was kept as best it could be.
    pub encoding_problems: bool,
    /// Header facts for [`super::is_automatic`].
    pub auto: AutoHeaders,
    /// Lower-case hex SHA-256 of the raw bytes: with the Message-ID, the key that matches
    /// a message again after an IMAP UIDVALIDITY change.
    pub sha256: String,
    pub size: usize,
}

impl ParsedEmail {
    /// Where a reply goes: Reply-To's first address, else From, else Sender.
    pub fn reply_address(&self) -> Option<&Mailbox> {
        self.reply_to.first().or(self.from.as_ref()).or(self.sender.as_ref())
    }

    /// The ids that can link this message to a conversation, most specific first:
    /// In-Reply-To, then References from the newest back.
    pub fn thread_ids(&self) -> Vec<String> {
        let mut out = self.in_reply_to.clone();
        out.extend(self.references.iter().rev().filter(|id| !self.in_reply_to.contains(id)).cloned());
        out
    }
}

/// Parses raw message bytes with the default [`ParseLimits`].
pub fn parse(raw: &[u8]) -> Result<ParsedEmail, ParseError> {
    parse_with(raw, ParseLimits::default())
}

/// Parses raw message bytes.
pub fn parse_with(raw: &[u8], limits: ParseLimits) -> Result<ParsedEmail, ParseError> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::Empty);
    }
    if raw.len() > limits.max_message_bytes {
        return Err(ParseError::TooLarge { size: raw.len(), limit: limits.max_message_bytes });
    }
    let mut message = catch_unwind(AssertUnwindSafe(|| MessageParser::default().parse(raw)))
        .map_err(|_| ParseError::ParserFailed)?
        .ok_or(ParseError::NoHeaders)?;
    // The parser reads a first line without a colon as a header with a strange name; a
    // message needs at least one real field name (printable ASCII, no space or colon).
    let is_field_name = |name: &str| !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':');
    if message.parts.is_empty() || !message.root_part().headers().iter().any(|h| is_field_name(h.name())) {
        return Err(ParseError::NoHeaders);
    }
    catch_unwind(AssertUnwindSafe(|| build(&mut message, raw, limits))).map_err(|_| ParseError::ParserFailed)
}

/// `message` is mutable only so attachments can take their decoded bytes out of it rather
/// than copy them (a big attachment is then held once, not twice).
fn build(message: &mut Message<'_>, raw: &[u8], limits: ParseLimits) -> ParsedEmail {
    let sha256: String = Sha256::digest(raw).iter().map(|b| format!("{b:02x}")).collect();
    let found_id = message.header("Message-ID").and_then(first_id).filter(|id| ids::is_valid_message_id(id));
    let (message_id, message_id_synthesised) = match found_id {
        Some(id) => (id, false),
        None => (format!("{sha256}@synthesised.refdesk.invalid"), true),
    };
    let mut text = text_body(message);
    // A part the MIME parser could not place (a multipart without its boundary, a
    // "Content-Type: text" without subtype) ends up as the root part listed as an
    // attachment. Its text is the only body there is, so show it as the body.
    let mut root_is_body = false;
    if text.is_empty() && message.attachments.first() == Some(&0) {
        let root = message.root_part();
        let texty = root
            .content_type()
            .is_none_or(|ct| ct.ctype().eq_ignore_ascii_case("text") || ct.ctype().eq_ignore_ascii_case("multipart"));
        match &root.body {
            PartType::Text(body) => text = tidy_text(body),
            PartType::Binary(body) if texty => text = tidy_text(&String::from_utf8_lossy(body)),
            _ => {}
        }
        root_is_body = !text.is_empty();
    }
    let (attachments, dropped_attachments) = attachments(message, raw, limits, root_is_body);
    ParsedEmail {
        message_id,
        message_id_synthesised,
        in_reply_to: id_list(message.in_reply_to(), 0),
        references: id_list(message.references(), MAX_REFERENCES),
        from: message.from().and_then(|a| mailboxes(std::iter::once(a)).into_iter().next()),
        sender: message.sender().and_then(|a| mailboxes(std::iter::once(a)).into_iter().next()),
        to: mailboxes(message.all_to()),
        cc: mailboxes(message.all_cc()),
        reply_to: mailboxes(message.reply_to().into_iter()),
        subject: message.subject().and_then(one_line),
        date: message.date().and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0)),
        text,
        html: html_body(message),
        attachments,
        dropped_attachments,
        encoding_problems: message.parts.iter().any(|p| p.is_encoding_problem),
        auto: AutoHeaders::read(message),
        sha256,
        size: raw.len(),
    }
}

fn first_id(value: &HeaderValue<'_>) -> Option<String> {
    match value {
        HeaderValue::Text(id) => Some(ids::bare(id).to_owned()),
        HeaderValue::TextList(list) => list.first().map(|id| ids::bare(id).to_owned()),
        _ => None,
    }
}

fn id_list(value: &HeaderValue<'_>, max: usize) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => ids::clean_list([id.as_ref()], max),
        HeaderValue::TextList(list) => ids::clean_list(list.iter().map(|id| id.as_ref()), max),
        _ => Vec::new(),
    }
}

/// Header text on one line: control characters (CR, LF, tabs, NUL...) become spaces,
/// runs of whitespace collapse, ends are trimmed; `None` when nothing is left.
pub(crate) fn one_line(s: &str) -> Option<String> {
    let cleaned = s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty());
    let joined = cleaned.collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

fn mailboxes<'a, 'x: 'a>(addresses: impl Iterator<Item = &'a mail_parser::Address<'x>>) -> Vec<Mailbox> {
    let mut out: Vec<Mailbox> = Vec::new();
    for addr in addresses.flat_map(|a| a.iter()) {
        let Some(address) = addr.address().and_then(|a| EmailAddress::parse(a).ok()) else { continue };
        if out.iter().any(|m| m.address == address) {
            continue;
        }
        let name = addr.name().and_then(one_line).filter(|n| !n.eq_ignore_ascii_case(address.as_str()));
        out.push(Mailbox { address, name });
    }
    out
}

fn text_body(message: &Message<'_>) -> String {
    let mut parts = Vec::new();
    for part in message.text_bodies() {
        match &part.body {
            PartType::Text(text) => parts.push(tidy_text(text)),
            PartType::Html(html) => parts.push(sanitize::html_to_text(html)),
            _ => {}
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

/// `\n` line endings, no blank lines at the start, no trailing whitespace at the end.
fn tidy_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let start = text.len() - text.trim_start_matches(['\n', '\r']).len();
    text[start..].trim_end().to_owned()
}

fn html_body(message: &Message<'_>) -> Option<String> {
    let parts: Vec<String> = message
        .html_bodies()
        .filter_map(|part| match &part.body {
            PartType::Html(html) => Some(sanitize::sanitize_html(html, sanitize::ImagePolicy::CidOnly)),
            _ => None,
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n<hr>\n"))
}

fn attachments(
    message: &mut Message<'_>,
    raw: &[u8],
    limits: ParseLimits,
    skip_root: bool,
) -> (Vec<Attachment>, usize) {
    let mut out = Vec::new();
    let mut dropped = 0;
    let ids: Vec<usize> = message
        .attachments
        .iter()
        .filter(|&&id| !(skip_root && id == 0))
        .map(|&id| id as usize)
        .filter(|&id| id < message.parts.len())
        .collect();
    for (index, id) in ids.into_iter().enumerate() {
        let part = &mut message.parts[id];
        let Some(data) = attachment_data(part, raw) else { continue };
        if out.len() >= limits.max_attachments {
            dropped += 1;
            continue;
        }
        let mut attachment = describe(part, index, data, limits);
        if !attachment.too_large {
            attachment.data = take_decoded(part).unwrap_or_else(|| attachment_data(part, raw).unwrap_or(&[]).to_vec());
        }
        out.push(attachment);
    }
    (out, dropped)
}

/// Moves a binary part's decoded bytes out of the parsed message (an empty body is left).
/// `None` when they are not the part's own (unencoded bytes borrowed from the raw message).
fn take_decoded(part: &mut MessagePart<'_>) -> Option<Vec<u8>> {
    match &mut part.body {
        PartType::Binary(b) | PartType::InlineBinary(b) if matches!(b, Cow::Owned(_)) => {
            Some(std::mem::take(b).into_owned())
        }
        _ => None,
    }
}

/// The decoded bytes of an attachment part; `None` for multipart containers.
fn attachment_data<'a>(part: &'a MessagePart<'_>, raw: &'a [u8]) -> Option<&'a [u8]> {
    match &part.body {
        PartType::Text(t) | PartType::Html(t) => Some(t.as_bytes()),
        PartType::Binary(b) | PartType::InlineBinary(b) => Some(b.as_ref()),
        // An unencoded attached message shares the outer message's bytes: its part
        // offsets delimit it. An encoded one was decoded into a buffer of its own.
        PartType::Message(inner) => match part.encoding {
            mail_parser::Encoding::None => raw.get(part.offset_body as usize..part.offset_end as usize),
            _ => Some(inner.raw_message()),
        },
        PartType::Multipart(_) => None,
    }
}

fn describe(part: &MessagePart<'_>, index: usize, data: &[u8], limits: ParseLimits) -> Attachment {
    let declared = part.content_type().map(|ct| match ct.subtype() {
        Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
        None => ct.ctype().to_ascii_lowercase(),
    });
    // A multipart here is one whose boundary was lost: its content is just text.
    let usable = |d: &String| d.contains('/') && !d.starts_with("multipart/") && !attachment::is_generic_type(d);
    let is_message = matches!(part.body, PartType::Message(_));
    let default_type = match part.body {
        PartType::Text(_) => "text/plain",
        PartType::Html(_) => "text/html",
        PartType::Message(_) => "message/rfc822",
        _ => "application/octet-stream",
    };
    let mut essence = declared.clone().filter(usable).unwrap_or_default();
    let raw_name = part
        .attachment_name()
        .map(str::to_owned)
        .or_else(|| part.message().and_then(|m| m.subject()).and_then(one_line))
        .unwrap_or_default();
    if essence.is_empty() {
        essence = attachment::sniff_content_type(data, &raw_name).unwrap_or(default_type).to_owned();
    }
    let mut filename = attachment::sanitize_filename(&raw_name, &essence);
    if raw_name.trim().is_empty() && !is_message {
        // Give nameless parts distinct names: staff download several at once.
        filename = format!("attachment-{}{}", index + 1, attachment::extension_for(&essence).unwrap_or(""));
    }
    if is_message && !filename.to_ascii_lowercase().ends_with(".eml") {
        filename.push_str(".eml");
    }
    // Text parts were decoded to UTF-8 (parts with encoding problems are text too, but
    // keep their declared binary type).
    let is_decoded_text = matches!(part.body, PartType::Text(_) | PartType::Html(_));
    let content_type =
        if is_decoded_text && essence.starts_with("text/") { format!("{essence}; charset=utf-8") } else { essence };
    let content_id = part.content_id().map(|id| ids::bare(id).to_owned()).filter(|id| ids::is_valid_message_id(id));
    let marked_attachment = part.content_disposition().is_some_and(|d| d.is_attachment());
    let inline = matches!(part.body, PartType::InlineBinary(_)) || (content_id.is_some() && !marked_attachment);
    let too_large = data.len() > limits.max_attachment_bytes;
    Attachment {
        filename,
        content_type,
        declared_content_type: declared,
        content_id,
        inline,
        size: data.len(),
        // Filled by the caller, which can move the bytes instead of copying them.
        data: Vec::new(),
        too_large,
    }
}
