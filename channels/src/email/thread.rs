//! Threading keys: signed Message-IDs for our outbound mail, and subject normalisation for
//! the same-sender fallback.
//!
//! Every reply Refdesk sends carries a Message-ID that names its library, conversation and
//! message and is signed with a server secret:
//! `<rd.{library}.{conversation}.{message}.{tag}@{domain}>`, where `tag` is the first 80
//! bits of HMAC-SHA256(secret, "refdesk-message-id-v1:{library}.{conversation}.{message}")
//! in lower-case base32. A patron's reply quotes it in In-Reply-To or References, and
//! [`conversation_from_references`] finds the conversation from it without a lookup table.
//! A forged or altered id fails the constant-time check and is ignored.
//!
//! The signature proves Refdesk issued the id, not who is replying with it: anyone the
//! mail was forwarded to can quote it. The hub must still check that the sender belongs to
//! the conversation (its contact or a Cc'd address) before joining the message to it.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of the HMAC kept in the id (80 bits: forging one takes about 2^80 tries).
const TAG_BYTES: usize = 10;
const DOMAIN_SEPARATOR: &str = "refdesk-message-id-v1:";
const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// The Message-ID (with angle brackets) for outbound message `message` of `conversation`
/// in `library`.
///
/// `secret` should be at least 32 random bytes and stay the same across restarts and hub
/// instances (rotating it orphans replies to mail sent before). `domain` is the library's
/// mail domain; characters that cannot appear in a Message-ID's domain are dropped.
pub fn outbound_message_id(secret: &[u8], library: i64, conversation: i64, message: i64, domain: &str) -> String {
    let payload = format!("{library}.{conversation}.{message}");
    let tag = base32(&sign(secret, &payload)[..TAG_BYTES]);
    let domain: String = domain.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')).collect();
    let domain = domain.trim_matches('.');
    let domain = if domain.is_empty() { "refdesk.invalid" } else { domain };
    format!("<rd.{payload}.{tag}@{domain}>")
}

/// The `(library, conversation)` named by the first id in `ids` that is a valid,
/// correctly signed Refdesk Message-ID. Ids may be bare or in angle brackets; pass them
/// most specific first (see [`super::ParsedEmail::thread_ids`]).
///
/// The caller must also check that the library is the one whose mailbox received the mail.
pub fn conversation_from_references(secret: &[u8], ids: &[String]) -> Option<(i64, i64)> {
    ids.iter().find_map(|id| verify(secret, id))
}

fn verify(secret: &[u8], id: &str) -> Option<(i64, i64)> {
    let bare = super::ids::bare(id);
    let (local, _domain) = bare.rsplit_once('@')?;
    let rest = local.strip_prefix("rd.").or_else(|| local.strip_prefix("RD."))?;
    let mut fields = rest.split('.');
    let (library, conversation, message, tag) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?);
    if fields.next().is_some() {
        return None;
    }
    let written = format!("{library}.{conversation}.{message}");
    let (library, conversation, message): (i64, i64, i64) =
        (library.parse().ok()?, conversation.parse().ok()?, message.parse().ok()?);
    // Only the spelling Refdesk writes: "007" or "+7" is not an id we issued.
    let payload = format!("{library}.{conversation}.{message}");
    if payload != written {
        return None;
    }
    let tag = unbase32(&tag.to_ascii_lowercase())?;
    if tag.len() != TAG_BYTES {
        return None;
    }
    let mut mac = mac(secret);
    mac.update(payload.as_bytes());
    mac.verify_truncated_left(&tag).ok()?;
    Some((library, conversation))
}

fn mac(secret: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(DOMAIN_SEPARATOR.as_bytes());
    mac
}

fn sign(secret: &[u8], payload: &str) -> Vec<u8> {
    let mut mac = mac(secret);
    mac.update(payload.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// RFC 4648 base32, lower case, no padding.
fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(BASE32[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn unbase32(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let value = BASE32.iter().position(|&b| b == c)? as u32;
        buffer = ((buffer << 5) | value) & 0xFFFF;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// Reply and forward prefixes, lower-cased, in the languages patrons' mail clients use.
const PREFIXES: &[&str] = &[
    "re", "fwd", "fw", "aw", "wg", "sv", "vs", "vl", "antw", "doorst", "rif", "r", "tr", "ref", "réf", "res", "enc",
    "odp", "pd", "ynt", "回复", "答复", "转发", "回覆", "轉寄", "轉發",
];

/// The subject without leading reply/forward prefixes, for matching a reply to its
/// conversation by subject (same sender, recent conversations only).
///
/// Strips, repeatedly: `Re:`, `RE:`, `Fwd:`, `FW:`, `AW:`, `WG:`, `SV:`, `VS:`, `Antw:`,
/// `Rif:`, `R:`, `TR:`, `Ref:`, `Réf:`, `回复:`, `答复:`, `转发:` and a few more, in any
/// case, with a count (`Re[2]:`, `Re(2):`, `Re^2:`), a space before the colon (`Réf :`)
/// or a full-width colon (`回复：`). Bracketed tags (`[Ticket 12]`, list names) are kept:
/// they are part of what the sender wrote. Whitespace is collapsed; case is kept, so
/// compare results case-insensitively.
pub fn normalise_subject(subject: &str) -> String {
    let mut rest = subject.trim();
    while let Some(after) = strip_prefix(rest) {
        rest = after.trim_start();
    }
    rest.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` after one leading prefix and its colon, or `None` when it does not start with one.
fn strip_prefix(s: &str) -> Option<&str> {
    let word_end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let word = s[..word_end].to_lowercase();
    if !PREFIXES.contains(&word.as_str()) {
        return None;
    }
    let mut rest = &s[word_end..];
    // An optional count: [2], (2) or ^2.
    if let Some(inner) = rest.strip_prefix('[').or_else(|| rest.strip_prefix('(')) {
        let close = inner.find([']', ')'])?;
        if close == 0 || !inner[..close].trim().chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        rest = &inner[close + 1..];
    } else if let Some(inner) = rest.strip_prefix('^') {
        let digits = inner.find(|c: char| !c.is_ascii_digit()).unwrap_or(inner.len());
        rest = &inner[digits..];
    }
    let rest = rest.trim_start();
    rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trips() {
        for len in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let encoded = base32(&bytes);
            assert_eq!(unbase32(&encoded).unwrap()[..bytes.len()], bytes[..]);
        }
        assert_eq!(base32(b"foobar"), "mzxw6ytboi");
        assert_eq!(unbase32("not base32!"), None);
    }
}
