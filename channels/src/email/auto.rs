//! Mail that no person wrote: loop and noise classification, and bounces.
//!
//! [`is_automatic`] says when a message must never get an automatic acknowledgement (and
//! why); [`bounce`] recognises a delivery status notification (RFC 3464) and says which of
//! our messages it reports on, so the hub marks that message failed or retried instead of
//! opening a conversation.

use super::{ids, parse::ParsedEmail};
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The header facts loop detection needs, read once while parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AutoHeaders {
    /// `Auto-Submitted`'s keyword, lower-cased (`auto-replied`, `auto-generated`, `no`).
    pub auto_submitted: Option<String>,
    /// `Precedence`'s keyword, lower-cased.
    pub precedence: Option<String>,
    /// The name of the first `List-*` header, lower-cased, if any.
    pub list_header: Option<String>,
    /// `Return-Path: <>`: the null sender of bounces and other automatic mail.
    pub null_return_path: bool,
    /// The top-level content type, lower-cased, without parameters (`multipart/report`).
    pub content_type: String,
    /// An `X-Autoreply`, `X-Autorespond` or `X-Autoresponder` header is present.
    pub autoreply_header: bool,
    /// `X-Auto-Response-Suppress` asks for no automatic replies (`All`, `AutoReply`, `OOF`).
    pub response_suppressed: bool,
}

impl AutoHeaders {
    pub(crate) fn read(message: &Message<'_>) -> Self {
        let mut facts = AutoHeaders::default();
        let mut return_path_seen = false;
        let raw = message.raw_message();
        for header in message.root_part().headers() {
            let name = header.name();
            let value = || {
                let bytes = raw.get(header.offset_start() as usize..header.offset_end() as usize).unwrap_or(&[]);
                String::from_utf8_lossy(bytes).split_whitespace().collect::<Vec<_>>().join(" ")
            };
            if name.eq_ignore_ascii_case("auto-submitted") && facts.auto_submitted.is_none() {
                facts.auto_submitted = Some(keyword(&value()));
            } else if name.eq_ignore_ascii_case("precedence") && facts.precedence.is_none() {
                facts.precedence = Some(keyword(&value()));
            } else if name.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("list-")) && facts.list_header.is_none() {
                facts.list_header = Some(name.to_ascii_lowercase());
            } else if name.eq_ignore_ascii_case("return-path") {
                // The first Return-Path is the one the final delivery added.
                if !return_path_seen {
                    facts.null_return_path = value().trim_matches(['<', '>', ' ']).is_empty();
                    return_path_seen = true;
                }
            } else if ["x-autoreply", "x-autorespond", "x-autoresponder"].iter().any(|n| name.eq_ignore_ascii_case(n)) {
                facts.autoreply_header = true;
            } else if name.eq_ignore_ascii_case("x-auto-response-suppress") {
                let v = value().to_ascii_lowercase();
                facts.response_suppressed |=
                    v.split([',', ' ']).any(|token| matches!(token.trim(), "all" | "autoreply" | "oof"));
            }
        }
        facts.content_type = message
            .root_part()
            .content_type()
            .map(|ct| match ct.subtype() {
                Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
                None => ct.ctype().to_ascii_lowercase(),
            })
            .unwrap_or_else(|| "text/plain".to_owned());
        facts
    }
}

/// The first word of a header value, lower-cased: `auto-generated (failure)` -> `auto-generated`.
fn keyword(value: &str) -> String {
    value.split([';', '(', ' ', '\t']).next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Why a message counts as automatic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AutomaticReason {
    /// `Auto-Submitted` with any value but `no` (RFC 3834).
    AutoSubmitted(String),
    /// `Precedence: bulk`, `list` or `junk`.
    Precedence(String),
    /// A `List-*` header (mailing list traffic), named.
    MailingList(String),
    /// `Return-Path: <>`.
    NullReturnPath,
    /// A `multipart/report` (bounces, read receipts, abuse reports).
    Report,
    /// A vendor auto-reply marker (`X-Autoreply` and similar).
    AutoReplyHeader,
    /// The sender asked for no automatic replies (`X-Auto-Response-Suppress`).
    ResponseSuppressed,
}

/// Why `email` must never get an automatic reply, or `None` if a person may have sent it.
///
/// The hub sends no acknowledgement to such mail; that breaks the loops where two
/// auto-responders answer each other forever.
pub fn is_automatic(email: &ParsedEmail) -> Option<AutomaticReason> {
    let facts = &email.auto;
    if let Some(value) = facts.auto_submitted.as_ref().filter(|v| !v.is_empty() && *v != "no") {
        return Some(AutomaticReason::AutoSubmitted(value.clone()));
    }
    if let Some(value) = facts.precedence.as_ref().filter(|v| matches!(v.as_str(), "bulk" | "list" | "junk")) {
        return Some(AutomaticReason::Precedence(value.clone()));
    }
    if let Some(name) = &facts.list_header {
        return Some(AutomaticReason::MailingList(name.clone()));
    }
    if facts.null_return_path {
        return Some(AutomaticReason::NullReturnPath);
    }
    if facts.content_type == "multipart/report" {
        return Some(AutomaticReason::Report);
    }
    if facts.autoreply_header {
        return Some(AutomaticReason::AutoReplyHeader);
    }
    if facts.response_suppressed {
        return Some(AutomaticReason::ResponseSuppressed);
    }
    None
}

/// What a DSN says happened for one recipient (RFC 3464 `Action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DsnAction {
    Failed,
    Delayed,
    Delivered,
    Relayed,
    Expanded,
    /// No or an unknown `Action` field.
    Unknown,
}

impl DsnAction {
    fn parse(value: &str) -> Self {
        match keyword(value).as_str() {
            "failed" => DsnAction::Failed,
            "delayed" => DsnAction::Delayed,
            "delivered" => DsnAction::Delivered,
            "relayed" => DsnAction::Relayed,
            "expanded" => DsnAction::Expanded,
            _ => DsnAction::Unknown,
        }
    }

    /// Whether the mail reached (or was passed on towards) the recipient.
    pub fn is_success(self) -> bool {
        matches!(self, DsnAction::Delivered | DsnAction::Relayed | DsnAction::Expanded)
    }
}

/// One recipient's block of a delivery status notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DsnRecipient {
    /// `Final-Recipient` (or `Original-Recipient`) without its `rfc822;` type, lower-cased.
    pub address: Option<String>,
    pub action: DsnAction,
    /// The enhanced status code (`5.1.1`), without any comment.
    pub status: Option<String>,
    /// Permanent failure: status class 5, or `Action: failed` without a status.
    pub hard: bool,
    pub diagnostic: Option<String>,
}

/// A delivery status notification: which message it reports on and what happened.
///
/// The summary fields describe the most important recipient (the first hard failure, else
/// the first failure or delay, else the first block). `hard` false with `status` `None`
/// means the report said nothing usable; the hub should neither fail nor retry on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounce {
    /// The bare Message-ID of the returned message, when the report included its headers.
    pub original_message_id: Option<String>,
    pub recipient: Option<String>,
    pub hard: bool,
    pub status: Option<String>,
    pub action: DsnAction,
    /// Every recipient block, in order.
    pub recipients: Vec<DsnRecipient>,
}

/// Recognises a delivery status notification in raw message bytes.
///
/// A DSN is a `multipart/report` that declares `report-type=delivery-status` or carries a
/// `message/delivery-status` part. Other reports (read receipts, abuse feedback) are not
/// bounces. When the MIME structure is broken (a lost boundary), the body is searched for
/// the DSN fields directly. Never panics.
pub fn bounce(raw: &[u8]) -> Option<Bounce> {
    let message = catch_unwind(AssertUnwindSafe(|| MessageParser::default().parse(raw))).ok()??;
    let root = message.root_part();
    let ct = root.content_type()?;
    if !ct.ctype().eq_ignore_ascii_case("multipart") || !ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
    {
        return None;
    }
    let report_type = ct.attribute("report-type").map(str::to_ascii_lowercase);
    if report_type.as_deref().is_some_and(|t| t != "delivery-status" && t != "global-delivery-status") {
        return None;
    }
    let mut status_text: Option<String> = None;
    let mut original_message_id = None;
    for part in message.parts.iter().skip(1) {
        let essence = part
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase())
            .unwrap_or_default();
        match essence.as_str() {
            "message/delivery-status" | "message/global-delivery-status" if status_text.is_none() => {
                status_text = Some(String::from_utf8_lossy(part.contents()).into_owned());
            }
            "message/rfc822" | "message/global" if original_message_id.is_none() => {
                original_message_id = match &part.body {
                    PartType::Message(inner) => inner.message_id().map(str::to_owned),
                    _ => headers_message_id(part.contents()),
                };
            }
            "text/rfc822-headers" | "message/global-headers" if original_message_id.is_none() => {
                original_message_id = headers_message_id(part.contents());
            }
            _ => {}
        }
    }
    let (fields, returned_id) = match status_text {
        Some(text) => (text, None),
        None => match scan_broken_report(raw) {
            Some(found) => found,
            // Declared a delivery report but says nothing: still not a patron's message.
            None if report_type.is_some() => (String::new(), None),
            None => return None,
        },
    };
    let recipients = recipient_blocks(&fields);
    let original_message_id = original_message_id
        .or(returned_id)
        .map(|id| ids::bare(&id).to_owned())
        .filter(|id| ids::is_valid_message_id(id));
    let summary = recipients
        .iter()
        .find(|r| r.hard)
        .or_else(|| recipients.iter().find(|r| matches!(r.action, DsnAction::Failed | DsnAction::Delayed)))
        .or_else(|| recipients.first());
    Some(Bounce {
        original_message_id,
        recipient: summary.and_then(|r| r.address.clone()),
        hard: summary.is_some_and(|r| r.hard),
        status: summary.and_then(|r| r.status.clone()),
        action: summary.map_or(DsnAction::Unknown, |r| r.action),
        recipients,
    })
}

/// The Message-ID in a block of returned headers.
fn headers_message_id(bytes: &[u8]) -> Option<String> {
    let parsed = catch_unwind(AssertUnwindSafe(|| MessageParser::default().parse_headers(bytes))).ok()??;
    parsed.message_id().map(str::to_owned)
}

/// For a report whose MIME structure is broken: the DSN fields (from the first
/// `Final-Recipient`/`Action`/`Status` line on) and the first `Message-ID:` line after
/// them, which belongs to the returned headers. `None` when there are no DSN fields.
fn scan_broken_report(raw: &[u8]) -> Option<(String, Option<String>)> {
    let text = String::from_utf8_lossy(raw);
    let body_start = text.find("\r\n\r\n").or_else(|| text.find("\n\n"))?;
    let body = &text[body_start..];
    let is_dsn_line = |line: &str| {
        let lower = line.to_ascii_lowercase();
        lower.starts_with("final-recipient:") || lower.starts_with("action:") || lower.starts_with("status:")
    };
    let lines: Vec<&str> = body.lines().collect();
    let first = lines.iter().position(|l| is_dsn_line(l))?;
    let mut fields = String::new();
    let mut after_fields = lines.len();
    for (i, line) in lines.iter().enumerate().skip(first) {
        if line.starts_with("--") || line.to_ascii_lowercase().starts_with("content-type:") {
            after_fields = i;
            break;
        }
        fields.push_str(line);
        fields.push('\n');
    }
    let returned_id = lines.iter().skip(after_fields).find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("message-id").then(|| value.trim().to_owned())
    });
    Some((fields, returned_id))
}

/// Splits `message/delivery-status` text into blocks of fields and reads each block that
/// names a recipient, an action or a status (the first, per-message block names none).
fn recipient_blocks(text: &str) -> Vec<DsnRecipient> {
    let mut blocks: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
        } else if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = blocks.last_mut().and_then(|b| b.last_mut()) {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            if let Some(block) = blocks.last_mut() {
                block.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
    }
    blocks.iter().filter_map(|block| read_recipient(block)).collect()
}

fn read_recipient(block: &[(String, String)]) -> Option<DsnRecipient> {
    let get = |name: &str| block.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    if get("final-recipient").is_none() && get("action").is_none() && get("status").is_none() {
        return None;
    }
    let address = get("final-recipient").or_else(|| get("original-recipient")).map(|v| {
        let addr = v.split_once(';').map_or(v, |(_, a)| a);
        addr.trim().trim_matches(['<', '>']).to_ascii_lowercase()
    });
    let action = get("action").map_or(DsnAction::Unknown, DsnAction::parse);
    let status = get("status")
        .and_then(|v| v.split_whitespace().next())
        .filter(|code| code.split('.').count() == 3 && code.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(str::to_owned);
    let hard = match status.as_deref().and_then(|s| s.chars().next()) {
        Some('5') => true,
        Some(_) => false,
        None => action == DsnAction::Failed,
    };
    Some(DsnRecipient { address, action, status, hard, diagnostic: get("diagnostic-code").map(str::to_owned) })
}
