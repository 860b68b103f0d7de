//! "Forgot password": a reset link mailed to each active account with the address, through
//! its own library's mailbox (the email channel's SMTP settings, reached only at a checked
//! address like every mail host a library configures).
//!
//! Runs after the request was answered, so the answer is the same, and as fast, whether
//! or not an account exists. Logs carry ids only: never the address or the link.

use super::reset::issue_link;
use crate::domain::{LibraryId, StaffId};
use crate::email::mailbox::Mailbox;
use crate::store::library::Library;
use crate::store::password_reset::IssuedVia;
use crate::store::staff::{Staff, StaffCredentials};
use channels::email::smtp;
use channels::email::{compose_notice, Mailbox as Party, NoticeDraft};
use channels::fetch::PrivateNets;
use channels::EmailAddress;
use sqlx::PgPool;

/// What mailing a link needs from the app.
#[derive(Clone)]
pub struct ResetMailer {
    pub db: PgPool,
    pub public_origin: String,
    /// Private networks the operator lets mail hosts be on.
    pub private: PrivateNets,
    pub valid_minutes: u32,
}

/// What happened to one account's link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mailed {
    Sent,
    /// The library has no mailbox to send from: a colleague or the CLI makes the link.
    NoMailbox,
    /// The account went away meanwhile.
    NoAccount,
}

impl ResetMailer {
    /// Mails a link to every active account with `email` (one per library of a consortium).
    pub async fn send_links(&self, email: &str) {
        let accounts = match StaffCredentials::find_active_by_email(&self.db, email).await {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(error = %e, "password reset: looking up accounts failed");
                return;
            }
        };
        for account in accounts {
            let (library, staff) = (account.library_id, account.id);
            match self.send_one(library, staff).await {
                Ok(Mailed::Sent) => {
                    tracing::info!(library.id = %library, staff.id = %staff, "password reset link mailed")
                }
                Ok(Mailed::NoMailbox) => tracing::info!(
                    library.id = %library, staff.id = %staff,
                    "password reset asked, but the library has no mailbox to send it from"
                ),
                Ok(Mailed::NoAccount) => {}
                // The error text holds status codes and host names, never the address.
                Err(e) => {
                    tracing::warn!(library.id = %library, staff.id = %staff, error = %e, "password reset mail failed")
                }
            }
        }
    }

    async fn send_one(&self, library: LibraryId, staff: StaffId) -> anyhow::Result<Mailed> {
        let mailboxes = Mailbox::list(&self.db, library).await?;
        let Some(mailbox) = mailboxes.iter().find(|m| m.enabled).or(mailboxes.first()) else {
            return Ok(Mailed::NoMailbox);
        };
        let Some(member) = Staff::find(&self.db, library, staff).await? else {
            return Ok(Mailed::NoAccount);
        };
        let library_name = Library::find(&self.db, library).await?.map(|l| l.name).unwrap_or_default();
        let from =
            EmailAddress::parse(&mailbox.address).map_err(|_| anyhow::anyhow!("the mailbox's address is not valid"))?;
        let to =
            EmailAddress::parse(&member.email).map_err(|_| anyhow::anyhow!("the account's address is not valid"))?;
        let config = crate::email::reach::smtp(mailbox, &self.private).await?;

        let link =
            issue_link(&self.db, &self.public_origin, self.valid_minutes, library, staff, IssuedVia::Email, None)
                .await?;
        let draft = NoticeDraft {
            from: Party { address: from.clone(), name: mailbox.from_name.clone().or(Some(library_name.clone())) },
            to: Party { address: to.clone(), name: Some(member.display_name.clone()) },
            subject: "Reset your Refdesk password".into(),
            message_id: format!("reset.{}@{}", hex::encode(rand::random::<[u8; 12]>()), mailbox.domain()),
            text: body(&library_name, &link.url, self.valid_minutes),
            date: chrono::Utc::now(),
        };
        let raw = compose_notice(&draft)?;
        let transport = smtp::transport(&config)?;
        smtp::send(&transport, &from, &[to], &raw).await.map_err(|e| anyhow::anyhow!(status_only(&e)))?;
        Ok(Mailed::Sent)
    }
}

/// The mail's text: plain words, what to do, and what to do if it was not you.
fn body(library: &str, url: &str, minutes: u32) -> String {
    let at = if library.is_empty() { String::new() } else { format!(" at {library}") };
    format!(
        "Hello,\n\n\
         someone (we hope you) asked to reset the password of your Refdesk staff account{at}.\n\n\
         To choose a new password, open this link within {minutes} minutes:\n\n\
         {url}\n\n\
         The link works once. Setting a new password logs you out everywhere.\n\n\
         If you did not ask for this, ignore this email: your password stays as it is.\n"
    )
}

/// An SMTP failure without the server's text, which can quote the recipient's address.
fn status_only(e: &smtp::SmtpError) -> String {
    match e {
        smtp::SmtpError::Permanent(_) => "the mail server refused the message".into(),
        smtp::SmtpError::Transient(_) => "the mail server could not take the message now".into(),
        smtp::SmtpError::Envelope => "an address was refused by the mail library".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_names_the_library_the_link_and_its_lifetime() {
        let text = body("Alpha Library", "https://hub.example/reset-password#token=1.abc", 30);
        assert!(text.contains("at Alpha Library."));
        assert!(text.contains("\n\nhttps://hub.example/reset-password#token=1.abc\n\n"));
        assert!(text.contains("within 30 minutes"));
    }
}
