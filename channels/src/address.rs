//! Patron addresses, parsed once at the edge so inner code never handles a bare string.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The ways a patron reaches the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Email,
    Sms,
    Chat,
    Survey,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Email, Channel::Sms, Channel::Chat, Channel::Survey];

    /// The name stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Chat => "chat",
            Channel::Survey => "survey",
        }
    }

    pub fn parse(s: &str) -> Result<Self, AddressError> {
        Self::ALL.into_iter().find(|c| c.as_str() == s).ok_or(AddressError::UnknownChannel)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Channel {
    type Error = AddressError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Channel::parse(&s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("not a valid email address")]
    InvalidEmail,
    #[error("not a valid phone number in E.164 form (+ and 8 to 15 digits)")]
    InvalidPhone,
    #[error("not a valid chat session id")]
    InvalidChatSession,
    #[error("unknown channel")]
    UnknownChannel,
}

/// An email address, trimmed and lower-cased so one patron is one identity.
///
/// Lower-casing the local part is technically lossy (RFC 5321 allows case-sensitive local
/// parts) but no mail system a patron uses relies on it, and treating `Ann@x` and `ann@x`
/// as two patrons creates exactly the duplicate contacts users of other hubs complain about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, AddressError> {
        let s = raw.trim().to_lowercase();
        let (local, domain) = s.rsplit_once('@').ok_or(AddressError::InvalidEmail)?;
        let ok = !local.is_empty()
            && local.len() <= 64
            && domain.len() <= 253
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && s.chars().all(|c| !c.is_whitespace() && !c.is_control() && c != '<' && c != '>')
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if ok {
            Ok(Self(s))
        } else {
            Err(AddressError::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number in E.164 form (`+` then 8 to 15 digits), as SMS providers send it.
///
/// Common human spellings ("+1 (555) 123-4567") are accepted and normalised; a number
/// without a country code is refused rather than guessed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct E164(String);

impl E164 {
    pub fn parse(raw: &str) -> Result<Self, AddressError> {
        let raw = raw.trim();
        let rest = raw.strip_prefix('+').ok_or(AddressError::InvalidPhone)?;
        let mut digits = String::with_capacity(16);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '(' | ')' | '.' => {}
                _ => return Err(AddressError::InvalidPhone),
            }
        }
        if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
            return Err(AddressError::InvalidPhone);
        }
        Ok(Self(format!("+{digits}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a patron can be reached, on one channel.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Address {
    Email(EmailAddress),
    Phone(E164),
    /// An unguessable chat session id issued by the hub.
    ChatSession(String),
}

impl Address {
    /// The normalised form stored as the contact identity.
    pub fn as_str(&self) -> &str {
        match self {
            Address::Email(e) => e.as_str(),
            Address::Phone(p) => p.as_str(),
            Address::ChatSession(s) => s,
        }
    }

    pub fn chat_session(raw: &str) -> Result<Self, AddressError> {
        let ok =
            (16..=128).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Address::ChatSession(raw.to_owned()))
        } else {
            Err(AddressError::InvalidChatSession)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_normalised_or_refused() {
        let cases = [
            ("Ann.Reader@Example.ORG", Some("ann.reader@example.org")),
            ("  bob@lib.example  ", Some("bob@lib.example")),
            ("no-at-sign.example", None),
            ("@example.org", None),
            ("ann@localhost", None),
            ("ann@exa mple.org", None),
            ("ann@example.org\r\nBcc: x@y.z", None),
            ("<ann@example.org>", None),
        ];
        for (raw, want) in cases {
            let got = EmailAddress::parse(raw).ok();
            assert_eq!(got.as_ref().map(|e| e.as_str()), want, "{raw:?}");
        }
    }

    #[test]
    fn phone_numbers_are_normalised_to_e164_or_refused() {
        let cases = [
            ("+15551234567", Some("+15551234567")),
            ("+1 (555) 123-4567", Some("+15551234567")),
            ("+44 20 7946 0958", Some("+442079460958")),
            ("5551234567", None),
            ("+0123456789", None),
            ("+1555", None),
            ("+1555123456789012", None),
            ("+1555abc4567", None),
        ];
        for (raw, want) in cases {
            let got = E164::parse(raw).ok();
            assert_eq!(got.as_ref().map(|e| e.as_str()), want, "{raw:?}");
        }
    }

    #[test]
    fn channel_names_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Ok(c));
        }
        assert!(Channel::parse("fax").is_err());
    }
}
