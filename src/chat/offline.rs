//! The offline form (`leave_message`): outside hours, or with nobody online, the patron
//! leaves a message with an email address or a phone number. It goes through the same
//! ingest as an email or a text from that address would, so staff answer it by email or
//! SMS from the console; it is tagged `web-chat` and titled so staff see where it came from.

use super::session::ChatSession;
use super::settings::ChatSettings;
use super::Chat;
use crate::domain::{Address, Channel};
use crate::store::event;
use channels::chat::{validate, ErrorCode};
use channels::{Inbound, ThreadHint};
use serde_json::json;

/// The tag on conversations left through the widget's offline form.
pub const TAG: &str = "web-chat";
pub const SUBJECT: &str = "Message left on the website chat";

pub struct LeftMessage<'a> {
    pub client_id: &'a str,
    pub text: &'a str,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
}

impl Chat {
    pub async fn leave_message(
        &self,
        session: &mut ChatSession,
        settings: &ChatSettings,
        form: LeftMessage<'_>,
    ) -> Result<(), ErrorCode> {
        let client_id = validate::client_id(form.client_id)?;
        let text = validate::text(form.text)?;
        let name = validate::name(form.name)?;
        let email = validate::email(form.email)?;
        let phone = validate::phone(form.phone)?;
        let (channel, from) = match (&email, &phone) {
            (Some(e), _) => (Channel::Email, Address::Email(e.clone())),
            (None, Some(p)) => (Channel::Sms, Address::Phone(p.clone())),
            (None, None) => return Err(ErrorCode::InvalidEmail),
        };
        let inbound = Inbound {
            channel,
            from,
            display_name: name.clone(),
            provider_id: format!("chat-offline:{}:{client_id}", session.id),
            subject: Some(SUBJECT.to_owned()),
            text: text.to_owned(),
            sanitized_html: None,
            thread: ThreadHint::new_conversation(),
            received_at: chrono::Utc::now(),
            attachments: vec![],
        };
        let library = session.library_id;
        let fail = |e: &dyn std::fmt::Display| {
            tracing::warn!(error = %e, "storing a left message failed");
            ErrorCode::Unavailable
        };
        let accepted = self.ingest.accept(library, inbound).await.map_err(|e| fail(&e))?;
        ChatSession::set_details(
            &self.db,
            library,
            session.id,
            name.as_deref(),
            email.as_ref().map(|e| e.as_str()),
            phone.as_ref().map(|p| p.as_str()),
        )
        .await
        .map_err(|e| fail(&e))?;
        if accepted.created {
            let mark = async {
                let mut tx = self.db.begin().await?;
                sqlx::query(
                    "UPDATE conversation SET tags = array_append(array_remove(tags, $3), $3),
                            team_id = coalesce(team_id, $4)
                      WHERE library_id = $1 AND id = $2",
                )
                .bind(library)
                .bind(accepted.conversation_id)
                .bind(TAG)
                .bind(settings.team_id)
                .execute(&mut *tx)
                .await?;
                event::append(
                    &mut tx,
                    library,
                    "conversation_changed",
                    Some(accepted.conversation_id),
                    json!({"change": {"tags": [TAG], "team_id": settings.team_id}}),
                )
                .await?;
                tx.commit().await?;
                self.realtime.published();
                Ok::<_, sqlx::Error>(())
            };
            mark.await.map_err(|e| fail(&e))?;
        }
        Ok(())
    }
}
