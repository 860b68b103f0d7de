//! A thin SMTP client over lettre: a transport built from host, port, security and
//! credentials, and sending of already-composed bytes ([`super::compose_reply`]) with the
//! failure classified as permanent (never retry) or transient (retry with backoff).
//!
//! No hub logic: the outbox worker decides when to send and what a failure means for the
//! message row.

use super::tls::{Security, TlsSetupError};
use crate::address::EmailAddress;
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

/// Where and how to submit outbound mail.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// Username and password (or app password); `None` for a relay that needs no login.
    pub credentials: Option<(String, String)>,
    /// PEM certificates to trust besides the public roots (a self-signed server).
    pub extra_roots_pem: Option<Vec<u8>>,
    /// The name given in EHLO; `None` sends `localhost`, which some relays refuse.
    pub hello_name: Option<String>,
    /// Bound on each SMTP command.
    pub timeout: Duration,
    /// Connect to this address instead of resolving `host` (the hub resolved and checked
    /// it); TLS still verifies the certificate against `host`.
    pub connect_to: Option<SocketAddr>,
}

impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("credentials", &self.credentials.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Why a message was not sent. Server replies are kept as text: they may quote the
/// recipient's address, so log the kind, not the text.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    #[error("invalid SMTP settings: {0}")]
    Config(String),
    #[error(transparent)]
    Tls(#[from] TlsSetupError),
    #[error("an envelope address was refused")]
    Envelope,
    /// A 5xx reply: the server will never take this message. Mark it failed.
    #[error("refused permanently: {0}")]
    Permanent(String),
    /// Anything else (4xx, timeouts, lost connections, TLS trouble): retry later.
    #[error("not sent, worth retrying: {0}")]
    Transient(String),
}

impl SmtpError {
    /// Whether retrying can ever help.
    pub fn is_permanent(&self) -> bool {
        matches!(self, SmtpError::Permanent(_) | SmtpError::Envelope | SmtpError::Config(_) | SmtpError::Tls(_))
    }
}

/// A pooled async SMTP transport for `config`. Build it once per mail account.
pub fn transport(config: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, SmtpError> {
    let tls_parameters = || -> Result<TlsParameters, SmtpError> {
        let mut builder = TlsParameters::builder(config.host.clone());
        if let Some(pem) = &config.extra_roots_pem {
            let cert = Certificate::from_pem(pem).map_err(|e| TlsSetupError::BadRootCertificate(e.to_string()))?;
            builder = builder.add_root_certificate(cert);
        }
        builder.build_rustls().map_err(|e| SmtpError::Tls(TlsSetupError::Config(e.to_string())))
    };
    let tls = match config.security {
        Security::Tls => Tls::Wrapper(tls_parameters()?),
        Security::StartTls => Tls::Required(tls_parameters()?),
        Security::Plain => Tls::None,
    };
    // The certificate is checked against `host` (TlsParameters above) wherever we connect.
    let (server, port) = match config.connect_to {
        Some(addr) => (addr.ip().to_string(), addr.port()),
        None => (config.host.clone(), config.port),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(server)
        .port(port)
        .tls(tls)
        .timeout(Some(config.timeout));
    if let Some(name) = &config.hello_name {
        builder = builder.hello_name(ClientId::Domain(name.clone()));
    }
    if let Some((user, password)) = &config.credentials {
        builder = builder
            .credentials(Credentials::new(user.clone(), password.clone()))
            .authentication(vec![Mechanism::Plain, Mechanism::Login]);
    }
    Ok(builder.build())
}

/// Sends composed message bytes from `from` (the envelope sender, where bounces go) to
/// every address in `recipients` (To and Cc; Bcc too, which the bytes never show).
pub async fn send(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &EmailAddress,
    recipients: &[EmailAddress],
    raw: &[u8],
) -> Result<(), SmtpError> {
    let address = |a: &EmailAddress| a.as_str().parse::<lettre::Address>().map_err(|_| SmtpError::Envelope);
    let to = recipients.iter().map(address).collect::<Result<Vec<_>, _>>()?;
    let envelope = Envelope::new(Some(address(from)?), to).map_err(|_| SmtpError::Envelope)?;
    transport.send_raw(&envelope, raw).await.map(|_| ()).map_err(|e| {
        if e.is_permanent() {
            SmtpError::Permanent(e.to_string())
        } else {
            SmtpError::Transient(e.to_string())
        }
    })
}
