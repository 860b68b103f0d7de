//! What a patron does in a chat: send, contact details, end, transcript, rating. Each is
//! committed before the widget is told it is done.

use super::session::ChatSession;
use super::settings::ChatSettings;
use super::{history, Chat, CONTINUE_WITHIN};
use crate::domain::{Address, Channel, ContactId, ConversationId, MessageId};
use crate::store::{event, outbox};
use channels::chat::{validate, ChatMessage, ErrorCode, Sender};
use channels::{Inbound, ThreadHint};
use chrono::SubsecRound;
use serde_json::json;
use std::time::Instant;

/// The subject a new web chat gets in the inbox.
const CHAT_SUBJECT: &str = "Web chat";

/// Why a patron request failed: what the widget is told.
pub type Refused = ErrorCode;

fn db_error(e: impl std::fmt::Display) -> Refused {
    tracing::warn!(error = %e, "chat request failed");
    ErrorCode::Unavailable
}

/// A patron message stored by [`Chat::send`].
pub struct Sent {
    /// The message as the widget shows it, with its place in the stream.
    pub message: ChatMessage,
    /// Nothing else is in its conversation: a socket has nothing earlier to catch up on.
    pub alone: bool,
}

#[derive(sqlx::FromRow)]
struct Accepted {
    conversation_id: ConversationId,
    contact_id: ContactId,
    message_id: MessageId,
    created: bool,
    alone: bool,
}

impl Chat {
    /// Stores a patron message (idempotent on session + client id) and returns it numbered,
    /// once committed. Binds the session to its conversation.
    ///
    /// One statement, one commit: `chat_accept` runs ingest's own `accept_inbound_batch`
    /// for the message (a new chat opens in the chat team's queue), binds the session and
    /// routes the chat. Then the sequencer's next pass numbers it; the console hears of it
    /// from that pass, and the ack carries the number the pass returned.
    pub async fn send(
        &self,
        session: &mut ChatSession,
        settings: &ChatSettings,
        client_id: &str,
        text: &str,
    ) -> Result<Sent, Refused> {
        let client_id = validate::client_id(client_id)?;
        let text = validate::text(text)?;
        let started = Instant::now();
        let library = session.library_id;
        // Postgres keeps microseconds: the ack shows the time exactly as stored.
        let received_at = chrono::Utc::now().trunc_subsecs(6);
        let inbound = Inbound {
            channel: Channel::Chat,
            from: Address::chat_session(&session.address).map_err(|_| ErrorCode::SessionUnknown)?,
            display_name: session.name.clone(),
            provider_id: history::provider_id(session.id, client_id),
            subject: Some(CHAT_SUBJECT.to_owned()),
            text: text.to_owned(),
            sanitized_html: None,
            thread: ThreadHint::ContinueRecent {
                conversation: session.conversation_id.map(|c| c.0),
                within: CONTINUE_WITHIN,
            },
            received_at,
            attachments: vec![],
        };
        let mut item = crate::inbox::ingest::item_json(library, &inbound);
        item["team"] = json!(settings.team_id);
        let accepted: Accepted = sqlx::query_as(
            "SELECT contact_id, conversation_id, message_id, created, alone FROM chat_accept($1, $2, $3)",
        )
        .bind(item)
        .bind(session.id)
        .bind(crate::realtime::LIVE_CHANNEL)
        .fetch_one(&self.db)
        .await
        .map_err(db_error)?;
        let stored_us = started.elapsed().as_micros() as u64;
        session.conversation_id = Some(accepted.conversation_id);
        session.contact_id = Some(accepted.contact_id);
        let (conversation, id) = (accepted.conversation_id, accepted.message_id);
        // Number the event now, so the ack carries the message's place in the stream.
        let seq = self.realtime.sequenced_message(&self.db, library, conversation, id).await.map_err(db_error)?;
        tracing::debug!(
            library.id = %library,
            message.id = id.0,
            stored_us,
            numbered_us = started.elapsed().as_micros() as u64,
            "chat message stored"
        );
        let message = if accepted.created {
            ChatMessage {
                seq,
                id: id.0,
                from: Sender::Patron,
                author: None,
                // As ingest stores it.
                text: text.replace('\0', ""),
                at: received_at,
                client_id: Some(client_id.to_owned()),
                attachments: vec![],
            }
        } else {
            // A resend: the widget gets the message as first stored.
            history::one(&self.db, library, conversation, id).await.map_err(db_error)?.ok_or(ErrorCode::Unavailable)?
        };
        Ok(Sent { message, alone: accepted.alone })
    }

    /// Ingest for the HTTP uploads (a message with attachments), then what a chat needs
    /// beyond ingest (`chat_bind`, one statement).
    pub async fn accept(
        &self,
        session: &mut ChatSession,
        settings: &ChatSettings,
        inbound: Inbound,
    ) -> Result<ChatMessage, Refused> {
        let library = session.library_id;
        let accepted = self.ingest.accept(library, inbound).await.map_err(db_error)?;
        let rebind = session.conversation_id != Some(accepted.conversation_id) || session.contact_id.is_none();
        if rebind || accepted.created {
            sqlx::query("SELECT chat_bind($1, $2, $3, $4, $5, $6, $7)")
                .bind(library)
                .bind(session.id)
                .bind(accepted.contact_id)
                .bind(accepted.conversation_id)
                .bind(settings.team_id)
                .bind(accepted.created)
                .bind(crate::realtime::LIVE_CHANNEL)
                .execute(&self.db)
                .await
                .map_err(db_error)?;
            self.realtime.published();
            session.conversation_id = Some(accepted.conversation_id);
            session.contact_id = Some(accepted.contact_id);
        }
        // Number the event now, so the ack carries the message's place in the stream.
        self.realtime.sequenced(&self.db).await.map_err(db_error)?;
        history::one(&self.db, library, accepted.conversation_id, accepted.message_id)
            .await
            .map_err(db_error)?
            .ok_or(ErrorCode::Unavailable)
    }

    /// Name, email, phone: kept on the session (a later reply or transcript can go there)
    /// and added to the patron's contact so staff can answer on those channels too.
    pub async fn contact(
        &self,
        session: &mut ChatSession,
        name: Option<&str>,
        email: Option<&str>,
        phone: Option<&str>,
    ) -> Result<(), Refused> {
        let name = validate::name(name)?;
        let email = validate::email(email)?;
        let phone = validate::phone(phone)?;
        let library = session.library_id;
        ChatSession::set_details(
            &self.db,
            library,
            session.id,
            name.as_deref(),
            email.as_ref().map(|e| e.as_str()),
            phone.as_ref().map(|p| p.as_str()),
        )
        .await
        .map_err(db_error)?;
        if let Some(n) = &name {
            session.name = Some(n.clone());
        }
        if let Some(e) = &email {
            session.email = Some(e.as_str().to_owned());
        }
        if let Some(p) = &phone {
            session.phone = Some(p.as_str().to_owned());
        }
        if let Some(contact) = session.contact_id {
            let identities = [
                (Channel::Email, email.map(|e| e.as_str().to_owned())),
                (Channel::Sms, phone.map(|p| p.as_str().to_owned())),
            ];
            for (channel, address) in identities {
                let Some(address) = address else { continue };
                // An address another contact already has stays theirs: a chat patron cannot
                // join someone else's history by typing their address.
                sqlx::query(
                    "INSERT INTO contact_identity (library_id, contact_id, channel, address) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (library_id, channel, address) DO NOTHING",
                )
                .bind(library)
                .bind(contact)
                .bind(channel.as_str())
                .bind(address)
                .execute(&self.db)
                .await
                .map_err(db_error)?;
            }
            sqlx::query(
                "UPDATE contact SET display_name = coalesce(display_name, $3) WHERE library_id = $1 AND id = $2",
            )
            .bind(library)
            .bind(contact)
            .bind(name)
            .execute(&self.db)
            .await
            .map_err(db_error)?;
        }
        Ok(())
    }

    /// The patron ends the chat. Unanswered, it counts as abandoned. Every socket of the
    /// chat (any instance) hears `ended` through the event.
    pub async fn end(&self, session: &ChatSession) -> Result<(), Refused> {
        let Some(conversation) = session.conversation_id else { return Err(ErrorCode::NoConversation) };
        let library = session.library_id;
        let run = async {
            let mut tx = self.db.begin().await?;
            sqlx::query("UPDATE chat_session SET ended_at = now() WHERE library_id = $1 AND id = $2")
                .bind(library)
                .bind(session.id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE conversation SET abandoned_at = now()
                  WHERE library_id = $1 AND id = $2 AND first_response_at IS NULL AND abandoned_at IS NULL",
            )
            .bind(library)
            .bind(conversation)
            .execute(&mut *tx)
            .await?;
            event::append(
                &mut tx,
                library,
                "conversation_changed",
                Some(conversation),
                json!({"change": {"chat_ended_by": "patron"}}),
            )
            .await?;
            tx.commit().await?;
            self.realtime.published();
            Ok::<_, sqlx::Error>(())
        };
        run.await.map_err(db_error)
    }

    /// Emails the chat to `email`: a system line in the chat, sent by the outbox.
    pub async fn transcript(&self, session: &ChatSession, email: &str) -> Result<(), Refused> {
        let email = validate::email(Some(email))?.ok_or(ErrorCode::InvalidEmail)?;
        let Some(conversation) = session.conversation_id else { return Err(ErrorCode::NoConversation) };
        let library = session.library_id;
        let run = async {
            let mut tx = self.db.begin().await?;
            let message: MessageId = sqlx::query_scalar(
                "INSERT INTO message (library_id, conversation_id, direction, channel, body, delivery_status)
                 VALUES ($1, $2, 'out', 'chat', 'A transcript of this chat is on its way by email.', 'queued')
                 RETURNING id",
            )
            .bind(library)
            .bind(conversation)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO chat_transcript (library_id, message_id, email) VALUES ($1, $2, $3)")
                .bind(library)
                .bind(message)
                .bind(email.as_str())
                .execute(&mut *tx)
                .await?;
            outbox::enqueue(&mut tx, library, message, Channel::Chat).await?;
            event::append(
                &mut tx,
                library,
                "message_created",
                Some(conversation),
                json!({"message_id": message, "direction": "out", "channel": "chat"}),
            )
            .await?;
            tx.commit().await?;
            self.realtime.published();
            self.outbox_wake.notify_waiters();
            Ok::<_, sqlx::Error>(())
        };
        run.await.map_err(db_error)
    }

    /// CSAT for this chat; a second rating replaces the first.
    pub async fn rate(&self, session: &ChatSession, score: u8, comment: Option<&str>) -> Result<(), Refused> {
        let (score, comment) = validate::rating(score, comment)?;
        let Some(conversation) = session.conversation_id else { return Err(ErrorCode::NoConversation) };
        sqlx::query(
            "INSERT INTO csat_rating (library_id, conversation_id, channel, team_id, staff_id, score, comment, source)
             SELECT c.library_id, c.id, 'chat', c.team_id, c.assignee_id, $3, $4, 'chat'
               FROM conversation c WHERE c.library_id = $1 AND c.id = $2
             ON CONFLICT (library_id, conversation_id) WHERE conversation_id IS NOT NULL
             DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment, created_at = now(),
                           team_id = EXCLUDED.team_id, staff_id = EXCLUDED.staff_id",
        )
        .bind(session.library_id)
        .bind(conversation)
        .bind(score)
        .bind(comment)
        .execute(&self.db)
        .await
        .map_err(db_error)?;
        Ok(())
    }
}
