//! Connection security settings shared by the IMAP and SMTP clients.

use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio_rustls::rustls::{self, pki_types::CertificateDer, RootCertStore};

/// How a mail connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// TLS from the first byte (IMAPS 993, SMTPS 465).
    Tls,
    /// Plain connection upgraded with STARTTLS before logging in (IMAP 143, submission 587).
    /// The upgrade is required: a server that refuses it is an error, never a fallback.
    StartTls,
    /// No encryption. Only for servers on the same machine or in tests.
    Plain,
}

/// Why TLS could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TlsSetupError {
    #[error("the extra root certificate is not valid PEM: {0}")]
    BadRootCertificate(String),
    #[error("the host name is not valid for TLS: {0}")]
    BadServerName(String),
    #[error("TLS configuration failed: {0}")]
    Config(String),
}

/// A rustls client configuration trusting the public web roots plus, when given, the
/// PEM certificates in `extra_roots_pem` (a library's own CA, or the test rig's).
pub(crate) fn client_config(extra_roots_pem: Option<&[u8]>) -> Result<Arc<rustls::ClientConfig>, TlsSetupError> {
    use rustls::pki_types::pem::PemObject;
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(pem) = extra_roots_pem {
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| TlsSetupError::BadRootCertificate(e.to_string()))?;
            roots.add(cert).map_err(|e| TlsSetupError::BadRootCertificate(e.to_string()))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsSetupError::Config(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
