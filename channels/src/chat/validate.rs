//! What a patron may send, checked before anything is stored.

use super::frames::ErrorCode;
use crate::address::{EmailAddress, E164};

/// Longest chat message (a long question fits; a pasted book does not).
pub const MAX_TEXT_CHARS: usize = 4000;
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_COMMENT_CHARS: usize = 4000;
const MAX_CLIENT_ID_LEN: usize = 64;

/// A message text: trimmed, 1 to [`MAX_TEXT_CHARS`] characters, no control characters
/// other than newlines and tabs.
pub fn text(raw: &str) -> Result<&str, ErrorCode> {
    let t = raw.trim();
    let ok = !t.is_empty()
        && t.chars().count() <= MAX_TEXT_CHARS
        && t.chars().all(|c| !c.is_control() || c == '\n' || c == '\t' || c == '\r');
    if ok {
        Ok(t)
    } else {
        Err(ErrorCode::InvalidText)
    }
}

/// The widget's id for one message: 1 to 64 letters, digits, `-` or `_`.
pub fn client_id(raw: &str) -> Result<&str, ErrorCode> {
    let ok = !raw.is_empty()
        && raw.len() <= MAX_CLIENT_ID_LEN
        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(raw)
    } else {
        Err(ErrorCode::BadFrame)
    }
}

/// An optional name: blank is none; at most [`MAX_NAME_CHARS`], printable.
pub fn name(raw: Option<&str>) -> Result<Option<String>, ErrorCode> {
    match raw.map(str::trim).filter(|n| !n.is_empty()) {
        None => Ok(None),
        Some(n) if n.chars().count() <= MAX_NAME_CHARS && !n.chars().any(char::is_control) => Ok(Some(n.to_owned())),
        Some(_) => Err(ErrorCode::BadFrame),
    }
}

/// An optional email address: blank is none.
pub fn email(raw: Option<&str>) -> Result<Option<EmailAddress>, ErrorCode> {
    match raw.map(str::trim).filter(|e| !e.is_empty()) {
        None => Ok(None),
        Some(e) => EmailAddress::parse(e).map(Some).map_err(|_| ErrorCode::InvalidEmail),
    }
}

/// An optional phone number (E.164, `+` and country code): blank is none.
pub fn phone(raw: Option<&str>) -> Result<Option<E164>, ErrorCode> {
    match raw.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => E164::parse(p).map(Some).map_err(|_| ErrorCode::InvalidPhone),
    }
}

/// A CSAT score 1..=5 and an optional comment.
pub fn rating(score: u8, comment: Option<&str>) -> Result<(i16, Option<String>), ErrorCode> {
    if !(1..=5).contains(&score) {
        return Err(ErrorCode::BadFrame);
    }
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    match comment {
        Some(c) if c.chars().count() > MAX_COMMENT_CHARS || c.contains('\0') => Err(ErrorCode::InvalidText),
        c => Ok((score as i16, c.map(str::to_owned))),
    }
}

/// A language tag the widget asks for (`en`, `pt-BR`): at most 35 letters, digits, `-`.
pub fn lang(raw: Option<&str>) -> Option<String> {
    raw.filter(|l| !l.is_empty() && l.len() <= 35 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_bounded() {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let max = "é".repeat(MAX_TEXT_CHARS);
        let cases: Vec<(&str, Result<&str, ErrorCode>)> = vec![
            ("  hello  ", Ok("hello")),
            ("line one\nline two", Ok("line one\nline two")),
            ("", Err(ErrorCode::InvalidText)),
            ("   \n ", Err(ErrorCode::InvalidText)),
            (&long, Err(ErrorCode::InvalidText)),
            (&max, Ok(&max)),
            ("nul\0inside", Err(ErrorCode::InvalidText)),
            ("bell\u{7}", Err(ErrorCode::InvalidText)),
        ];
        for (raw, want) in cases {
            assert_eq!(text(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn client_ids_are_short_tokens() {
        for (raw, ok) in [("abc-123_X", true), ("", false), ("a b", false), (&"a".repeat(65)[..], false), ("ü", false)]
        {
            assert_eq!(client_id(raw).is_ok(), ok, "{raw:?}");
        }
    }

    #[test]
    fn contact_details_are_parsed_or_refused() {
        assert_eq!(email(Some(" Ann@Example.org ")).unwrap().unwrap().as_str(), "ann@example.org");
        assert_eq!(email(Some("  ")), Ok(None));
        assert_eq!(email(Some("nope")), Err(ErrorCode::InvalidEmail));
        assert_eq!(phone(Some("+1 555 123 4567")).unwrap().unwrap().as_str(), "+15551234567");
        assert_eq!(phone(Some("555")), Err(ErrorCode::InvalidPhone));
        assert_eq!(name(Some(" Ann ")), Ok(Some("Ann".into())));
        assert_eq!(name(Some(&"n".repeat(101))), Err(ErrorCode::BadFrame));
    }

    #[test]
    fn ratings_are_one_to_five() {
        assert_eq!(rating(5, Some(" great ")), Ok((5, Some("great".into()))));
        assert_eq!(rating(1, None), Ok((1, None)));
        assert_eq!(rating(0, None), Err(ErrorCode::BadFrame));
        assert_eq!(rating(6, None), Err(ErrorCode::BadFrame));
        assert_eq!(lang(Some("pt-BR")), Some("pt-BR".into()));
        assert_eq!(lang(Some("<script>")), None);
    }
}
