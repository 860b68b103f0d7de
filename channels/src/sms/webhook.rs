//! Typed forms for the provider's two webhooks: an inbound message and a delivery status
//! callback.
//!
//! Both are parsed from the full list of `(name, value)` pairs received, the same list
//! the signature is checked over. Unknown parameters are ignored here (the provider adds
//! fields without notice) but still belong in the signature check. A known parameter
//! given twice is an error: the form would be ambiguous.

use std::collections::BTreeMap;

pub use super::status::DeliveryStatus;

/// Why a webhook form could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    /// A required parameter is absent or empty.
    #[error("required parameter {0} is missing")]
    Missing(&'static str),
    /// A parameter this code reads appeared more than once.
    #[error("parameter {0} appears more than once")]
    Duplicate(String),
    /// A numeric parameter is not a non-negative integer.
    #[error("parameter {name} is not a valid number: {value:?}")]
    InvalidNumber { name: String, value: String },
    /// `NumMedia` disagrees with the `MediaUrlN` / `MediaContentTypeN` fields present.
    #[error(
        "NumMedia is {declared} but the form has MediaUrl indices {urls:?} and \
         MediaContentType indices {content_types:?} (expected 0..{declared} for each)"
    )]
    MediaMismatch { declared: usize, urls: Vec<usize>, content_types: Vec<usize> },
}

/// One media attachment of an inbound MMS: where to fetch it and what it claims to be.
///
/// The URL points at the provider's API and needs the account's credentials to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub url: String,
    pub content_type: String,
}

/// An inbound SMS/MMS as posted to the messaging webhook.
///
/// Addresses stay strings here: this is the wire form. The hub parses `from` into its
/// phone-number type at the edge. `message_sid` is the provider id that makes a retried
/// delivery of the same message a no-op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundSms {
    pub message_sid: String,
    pub account_sid: Option<String>,
    pub messaging_service_sid: Option<String>,
    pub from: String,
    pub to: String,
    /// The text, exactly as sent (not trimmed). Empty for a media-only MMS.
    pub body: String,
    /// Attachments in `MediaUrl0..` order.
    pub media: Vec<Media>,
    pub num_segments: Option<u32>,
}

impl InboundSms {
    /// Reads the form from every `(name, value)` pair received.
    pub fn from_params(params: &[(impl AsRef<str>, impl AsRef<str>)]) -> Result<Self, WebhookError> {
        let form = Form::new(params)?;
        let declared = match form.get("NumMedia") {
            Some(v) => parse_number::<usize>("NumMedia", v)?,
            None => 0,
        };
        Ok(InboundSms {
            message_sid: form.required("MessageSid")?,
            account_sid: form.optional("AccountSid"),
            messaging_service_sid: form.optional("MessagingServiceSid"),
            from: form.required("From")?,
            to: form.required("To")?,
            body: form.get("Body").unwrap_or_default().to_owned(),
            media: collect_media(&form, declared)?,
            num_segments: form.get("NumSegments").map(|v| parse_number("NumSegments", v)).transpose()?,
        })
    }
}

/// A delivery status callback for a message the library sent.
///
/// Callbacks arrive out of order and more than once; use
/// [`DeliveryStatus::can_advance_to`] before overwriting a stored status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCallback {
    pub message_sid: String,
    pub status: DeliveryStatus,
    /// The provider's error code on failure (for example 30003, unreachable handset).
    pub error_code: Option<u32>,
}

impl StatusCallback {
    /// Reads the form from every `(name, value)` pair received.
    pub fn from_params(params: &[(impl AsRef<str>, impl AsRef<str>)]) -> Result<Self, WebhookError> {
        let form = Form::new(params)?;
        let status = form.required("MessageStatus")?;
        Ok(StatusCallback {
            message_sid: form.required("MessageSid")?,
            status: DeliveryStatus::parse(&status),
            error_code: form
                .get("ErrorCode")
                .filter(|v| !v.trim().is_empty())
                .map(|v| parse_number("ErrorCode", v))
                .transpose()?,
        })
    }
}

/// The received pairs by name, with duplicates of fields we read rejected.
struct Form<'a> {
    fields: BTreeMap<&'a str, &'a str>,
}

impl<'a> Form<'a> {
    fn new(params: &'a [(impl AsRef<str>, impl AsRef<str>)]) -> Result<Self, WebhookError> {
        let mut fields = BTreeMap::new();
        for (name, value) in params {
            let name = name.as_ref();
            if fields.insert(name, value.as_ref()).is_some() && is_read_field(name) {
                return Err(WebhookError::Duplicate(name.to_owned()));
            }
        }
        Ok(Form { fields })
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.fields.get(name).copied()
    }

    fn required(&self, name: &'static str) -> Result<String, WebhookError> {
        self.optional(name).ok_or(WebhookError::Missing(name))
    }

    fn optional(&self, name: &str) -> Option<String> {
        self.get(name).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
    }
}

const READ_FIELDS: &[&str] = &[
    "MessageSid",
    "AccountSid",
    "MessagingServiceSid",
    "From",
    "To",
    "Body",
    "NumMedia",
    "NumSegments",
    "MessageStatus",
    "ErrorCode",
];

fn is_read_field(name: &str) -> bool {
    READ_FIELDS.contains(&name)
        || media_index(name, "MediaUrl").is_some()
        || media_index(name, "MediaContentType").is_some()
}

/// `Some(n)` when `name` is `prefix` followed by a canonical decimal index (`0`, `12`,
/// not `01`).
fn media_index(name: &str, prefix: &str) -> Option<usize> {
    let digits = name.strip_prefix(prefix)?;
    let canonical =
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'));
    if canonical {
        digits.parse().ok()
    } else {
        None
    }
}

fn collect_media(form: &Form<'_>, declared: usize) -> Result<Vec<Media>, WebhookError> {
    let indices = |prefix: &str| -> Vec<usize> {
        let mut found: Vec<usize> = form.fields.keys().filter_map(|k| media_index(k, prefix)).collect();
        found.sort_unstable();
        found
    };
    let urls = indices("MediaUrl");
    let content_types = indices("MediaContentType");
    let expected: Vec<usize> = (0..declared).collect();
    if urls != expected || content_types != expected {
        return Err(WebhookError::MediaMismatch { declared, urls, content_types });
    }
    Ok(expected
        .into_iter()
        .map(|i| Media {
            url: form.get(&format!("MediaUrl{i}")).unwrap_or_default().to_owned(),
            content_type: form.get(&format!("MediaContentType{i}")).unwrap_or_default().to_owned(),
        })
        .collect())
}

fn parse_number<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, WebhookError> {
    value.trim().parse().map_err(|_| WebhookError::InvalidNumber { name: name.to_owned(), value: value.to_owned() })
}
