//! The provider's REST API for sending texts (Twilio's 2010-04-01 Messages resource).
//!
//! The base URL is a parameter so tests point it at a local peer; the request is exactly
//! what the provider documents: `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`,
//! HTTP Basic auth with the account sid and auth token, form fields `To`, `From` or
//! `MessagingServiceSid`, `Body`, repeated `MediaUrl`, `StatusCallback`.

use super::status::DeliveryStatus;
use crate::fetch::{resolve_checked, FetchError, PrivateNets};
use serde::Deserialize;
use std::time::Duration;

/// The provider's error code for "this recipient has opted out (replied STOP)".
pub const OPTED_OUT: u32 = 21610;

/// Who sends: the account, and the number or messaging service it sends from.
#[derive(Debug, Clone)]
pub struct Account {
    pub sid: String,
    pub auth_token: String,
    pub from: Option<String>,
    pub messaging_service_sid: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OutboundSms {
    /// E.164.
    pub to: String,
    pub body: String,
    pub media_urls: Vec<String>,
    /// Where the provider posts delivery status updates.
    pub status_callback: Option<String>,
}

/// The provider accepted the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    /// The provider's id for the message; None if its answer did not carry one (the text
    /// was still accepted and must not be sent again).
    pub sid: Option<String>,
    pub status: DeliveryStatus,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// The provider refused the message; sending it again will not help.
    #[error("{}{message}", code.map(|c| format!("{c}: ")).unwrap_or_default())]
    Rejected { status: u16, code: Option<u32>, message: String },
    /// Worth retrying later: rate limited, provider error, network trouble.
    #[error("{0}")]
    Transient(String),
}

impl ApiError {
    /// The recipient opted out: never retry, and record the opt-out.
    pub fn is_opt_out(&self) -> bool {
        matches!(self, ApiError::Rejected { code: Some(OPTED_OUT), .. })
    }
}

#[derive(Deserialize, Default)]
struct Created {
    sid: Option<String>,
    status: Option<String>,
}

#[derive(Deserialize)]
struct ProviderError {
    code: Option<u32>,
    message: Option<String>,
}

/// A client for one provider base URL; cheap to clone.
///
/// The base URL is a library's setting, so it must not reach the hub's own network: its
/// host is resolved on every send and refused when private, loopback or link-local, unless
/// the operator allowed that network ([`SmsApi::allowing`]); the connection is pinned to the
/// checked address.
#[derive(Clone)]
pub struct SmsApi {
    base: String,
    private: PrivateNets,
}

impl SmsApi {
    /// `base` is e.g. `https://api.twilio.com`. Redirects are not followed: the API never
    /// redirects a send, and a redirect would carry the credentials elsewhere.
    pub fn new(base: &str) -> Self {
        Self { base: base.trim_end_matches('/').to_owned(), private: PrivateNets::default() }
    }

    /// Lets sends reach these private networks (the operator's choice, not a library's).
    pub fn allowing(mut self, private: PrivateNets) -> Self {
        self.private = private;
        self
    }

    /// An HTTP client pinned to the base URL's checked address.
    async fn client(&self, url: &str) -> Result<reqwest::Client, ApiError> {
        let refused = |why: &str| ApiError::Rejected { status: 0, code: None, message: why.to_owned() };
        let parsed = url::Url::parse(url).map_err(|_| refused("the provider URL is not a URL"))?;
        let (host, addr) = resolve_checked(&parsed, &self.private).await.map_err(|e| match e {
            FetchError::PrivateAddress => refused("the provider URL is a private or local address"),
            e => ApiError::Transient(e.to_string()),
        })?;
        reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .connect_timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .resolve(&host, addr)
            .build()
            .map_err(|e| ApiError::Transient(format!("HTTP client: {}", without_url(&e))))
    }

    pub async fn send(&self, account: &Account, sms: &OutboundSms) -> Result<Sent, ApiError> {
        let url = format!("{}/2010-04-01/Accounts/{}/Messages.json", self.base, account.sid);
        let http = self.client(&url).await?;
        let mut form: Vec<(&str, &str)> = vec![("To", &sms.to), ("Body", &sms.body)];
        match (&account.messaging_service_sid, &account.from) {
            (Some(service), _) => form.push(("MessagingServiceSid", service)),
            (None, Some(from)) => form.push(("From", from)),
            (None, None) => {
                return Err(ApiError::Rejected {
                    status: 0,
                    code: None,
                    message: "no sending number or messaging service is configured".into(),
                })
            }
        }
        for media in &sms.media_urls {
            form.push(("MediaUrl", media));
        }
        if let Some(cb) = &sms.status_callback {
            form.push(("StatusCallback", cb));
        }
        let response = http
            .post(&url)
            .basic_auth(&account.sid, Some(&account.auth_token))
            .form(&form)
            .send()
            .await
            .map_err(|e| ApiError::Transient(format!("provider unreachable: {}", without_url(&e))))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| ApiError::Transient(format!("reading the answer: {}", without_url(&e))))?;
        if status.is_success() {
            // Accepted is accepted: an answer we cannot read must not make us send again.
            let created: Created = serde_json::from_str(&text).unwrap_or_default();
            return Ok(Sent {
                sid: created.sid.filter(|s| !s.is_empty()),
                status: DeliveryStatus::parse(created.status.as_deref().unwrap_or("queued")),
            });
        }
        let detail: Option<ProviderError> = serde_json::from_str(&text).ok();
        let (code, message) = match detail {
            Some(d) => (d.code, d.message.unwrap_or_else(|| format!("HTTP {status}"))),
            None => (None, format!("HTTP {status}")),
        };
        if status.as_u16() == 429 || status.is_server_error() {
            return Err(ApiError::Transient(format!("provider answered HTTP {}: {message}", status.as_u16())));
        }
        Err(ApiError::Rejected { status: status.as_u16(), code, message })
    }
}

/// reqwest errors print the URL, which holds the account sid; keep only the reason.
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    kind.to_owned()
}
