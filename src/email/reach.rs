//! A library's IMAP and SMTP hosts are its settings, so they get the same address check as
//! its SMS provider URL: resolved once, refused when any address is private, loopback,
//! link-local, CGNAT or unspecified (unless the operator's `outbound.allow_private_networks`
//! allows it), and connected to at the checked address, never resolved again.

use super::mailbox::Mailbox;
use channels::email::imap::ImapConfig;
use channels::email::smtp::SmtpConfig;
use channels::fetch::{resolve_host_checked, FetchError, PrivateNets};
use std::net::SocketAddr;
use std::time::Duration;

/// How long resolving a mail host may take before the attempt fails.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a mail host is not reached: a message for the library's admin (host names only,
/// never mail content).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreachable {
    /// A private or local address the operator did not allow: fixing it needs the
    /// settings changed (or the operator), not a retry.
    #[error("the {what} host {host} is on a private or local network, which this hub does not reach (the hub's operator can allow it: outbound.allow_private_networks)")]
    Private { what: &'static str, host: String },
    #[error("the {what} host {host} does not resolve")]
    NoAddress { what: &'static str, host: String },
}

/// The checked address of `host`.
pub async fn check(
    what: &'static str,
    host: &str,
    port: u16,
    private: &PrivateNets,
) -> Result<SocketAddr, Unreachable> {
    let resolved = tokio::time::timeout(RESOLVE_TIMEOUT, resolve_host_checked(host, port, private)).await;
    match resolved {
        Ok(Ok(addr)) => Ok(addr),
        Ok(Err(FetchError::PrivateAddress)) => Err(Unreachable::Private { what, host: host.to_owned() }),
        Ok(Err(_)) | Err(_) => Err(Unreachable::NoAddress { what, host: host.to_owned() }),
    }
}

/// The mailbox's IMAP settings, pinned to the checked address.
pub async fn imap(mailbox: &Mailbox, private: &PrivateNets) -> Result<ImapConfig, Unreachable> {
    let mut config = mailbox.imap_config();
    config.connect_to = Some(check("IMAP", &config.host, config.port, private).await?);
    Ok(config)
}

/// The mailbox's SMTP settings, pinned to the checked address.
pub async fn smtp(mailbox: &Mailbox, private: &PrivateNets) -> Result<SmtpConfig, Unreachable> {
    let mut config = mailbox.smtp_config();
    config.connect_to = Some(check("SMTP", &config.host, config.port, private).await?);
    Ok(config)
}

/// Refuses settings whose hosts are private or local (unless allowed) when they are saved,
/// so the admin sees why at once. A host that does not resolve now is accepted: DNS may be
/// down or the record not published yet; every connection checks again.
pub async fn check_settings(hosts: [(&'static str, &str, u16); 2], private: &PrivateNets) -> Result<(), Unreachable> {
    for (what, host, port) in hosts {
        match check(what, host, port, private).await {
            Err(e @ Unreachable::Private { .. }) => return Err(e),
            Ok(_) | Err(Unreachable::NoAddress { .. }) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn loopback_hosts_are_refused_with_a_message_naming_the_setting() {
        let refused = check("IMAP", "127.0.0.1", 143, &PrivateNets::default()).await.unwrap_err();
        assert!(matches!(refused, Unreachable::Private { .. }));
        assert!(refused.to_string().contains("outbound.allow_private_networks"), "{refused}");
        let allowed = PrivateNets::parse("127.0.0.1").unwrap();
        assert_eq!(check("IMAP", "127.0.0.1", 143, &allowed).await.unwrap(), "127.0.0.1:143".parse().unwrap());
    }
}
