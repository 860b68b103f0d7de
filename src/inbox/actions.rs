//! Staff actions on a conversation: reply, note, assignment, status, tags.

use super::{Actor, InboxError};
use crate::domain::{Channel, ConversationId, ConversationStatus, Direction, StaffId, TeamId};
use crate::realtime::Realtime;
use crate::store::conversation::{self as conv, ConversationState};
use crate::store::message::Message;
use crate::store::{event, outbox};
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};

/// Longest reply or note staff can send (a long email answer fits comfortably).
pub const MAX_BODY_CHARS: usize = 100_000;
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 50;

/// A change of who has a conversation.
#[derive(Debug, Clone, Copy)]
pub enum AssignmentChange {
    /// A staff member, or nobody; the team stays.
    Assignee(Option<StaffId>),
    /// Hand over to a team (or none); by default back to its queue unassigned.
    Team { team: Option<TeamId>, keep_assignee: bool },
}

/// Shared dependencies of the actions.
#[derive(Clone)]
pub struct Actions {
    pub db: PgPool,
    pub realtime: Realtime,
    /// Wakes this instance's outbox workers when a reply is queued.
    pub outbox_wake: std::sync::Arc<tokio::sync::Notify>,
}

impl Actions {
    /// A reply to the patron: the message and its outbox row in one transaction. Sent on the
    /// conversation's channel unless staff pick another channel the patron has.
    pub async fn reply(
        &self,
        actor: &Actor,
        id: ConversationId,
        body: &str,
        channel: Option<Channel>,
        attachments: &[i64],
    ) -> Result<Message, InboxError> {
        let body = check_body(body)?;
        let mut tx = self.db.begin().await?;
        let state = lock(&mut tx, actor, id).await?;
        let mut channel = channel.unwrap_or(state.channel);
        if channel == Channel::Survey {
            // A survey has no way back: answer where the respondent asked to be contacted.
            channel = crate::survey::reply_channel(&mut tx, actor.library, state.contact_id).await?;
        }
        let Some(address) = patron_address_on(&mut tx, actor, &state, channel).await? else {
            return Err(InboxError::invalid(
                "no_address_on_channel",
                format!("the patron has no {channel} address; pick another channel"),
            ));
        };
        if channel == Channel::Sms && crate::store::sms::is_opted_out(&mut *tx, actor.library, &address).await? {
            return Err(InboxError::invalid(
                "sms_opted_out",
                "the patron opted out of texts (replied STOP); reply on another channel",
            ));
        }
        let message =
            Message::insert_staff(&mut tx, actor.library, id, Direction::Out, channel, actor.staff, body).await?;
        if !attachments.is_empty() {
            if channel != Channel::Email {
                return Err(InboxError::invalid(
                    "attachments_email_only",
                    "files can be attached to email replies only",
                ));
            }
            if !crate::email::uploads::attach(&mut tx, actor.library, id, message.id, attachments).await? {
                return Err(InboxError::invalid(
                    "unknown_attachment",
                    "an attachment is not an upload of this conversation",
                ));
            }
        }
        outbox::enqueue(&mut tx, actor.library, message.id, channel).await?;
        // Answering stops the wait, records the first response, and (if nobody had it)
        // gives the conversation to whoever answered.
        sqlx::query(
            "UPDATE conversation SET waiting_since = NULL, last_message_at = now(),
                    message_count = message_count + 1,
                    first_response_at = coalesce(first_response_at, now()),
                    assignee_id = coalesce(assignee_id, $3)
              WHERE library_id = $1 AND id = $2",
        )
        .bind(actor.library)
        .bind(id)
        .bind(actor.staff)
        .execute(&mut *tx)
        .await?;
        crate::reports::facts::on_reply(&mut tx, actor.library, id, actor.staff, message.created_at).await?;
        message_event(&mut tx, actor, &message).await?;
        changed_event(&mut tx, actor, id, json!({"waiting": false})).await?;
        tx.commit().await?;
        self.realtime.published();
        self.outbox_wake.notify_waiters();
        Ok(message)
    }

    /// An internal note: seen by staff only, never sent, not a response to the patron.
    /// Colleagues in `mentions` are notified live.
    pub async fn note(
        &self,
        actor: &Actor,
        id: ConversationId,
        body: &str,
        mentions: &[StaffId],
    ) -> Result<Message, InboxError> {
        let body = check_body(body)?;
        let mut mentions = mentions.to_vec();
        mentions.sort();
        mentions.dedup();
        let mut tx = self.db.begin().await?;
        let state = lock(&mut tx, actor, id).await?;
        let known: i64 = sqlx::query_scalar("SELECT count(*) FROM staff WHERE library_id = $1 AND id = ANY($2)")
            .bind(actor.library)
            .bind(mentions.iter().map(|s| s.0).collect::<Vec<_>>())
            .fetch_one(&mut *tx)
            .await?;
        if known != mentions.len() as i64 {
            return Err(InboxError::NotFound("staff member"));
        }
        let message =
            Message::insert_staff(&mut tx, actor.library, id, Direction::Note, state.channel, actor.staff, body)
                .await?;
        event::append(
            &mut tx,
            actor.library,
            "message_created",
            Some(id),
            json!({"message_id": message.id, "direction": "note", "channel": message.channel,
                   "author_staff_id": actor.staff, "mentions": mentions}),
        )
        .await?;
        tx.commit().await?;
        self.realtime.published();
        Ok(message)
    }

    /// Changes who has the conversation. The assignee must be active staff of this library;
    /// they need not be on the conversation's team (a colleague may cover another desk).
    pub async fn change_assignment(
        &self,
        actor: &Actor,
        id: ConversationId,
        change: AssignmentChange,
    ) -> Result<(), InboxError> {
        let mut tx = self.db.begin().await?;
        let state = lock(&mut tx, actor, id).await?;
        let (team, assignee) = match change {
            AssignmentChange::Assignee(assignee) => (state.team_id, assignee),
            AssignmentChange::Team { team, keep_assignee } => {
                (team, if keep_assignee { state.assignee_id } else { None })
            }
        };
        if let Some(staff) = assignee.filter(|s| Some(*s) != state.assignee_id) {
            let active: Option<bool> =
                sqlx::query_scalar("SELECT disabled_at IS NULL FROM staff WHERE library_id = $1 AND id = $2")
                    .bind(actor.library)
                    .bind(staff)
                    .fetch_optional(&mut *tx)
                    .await?;
            match active {
                None => return Err(InboxError::NotFound("staff member")),
                Some(false) => return Err(InboxError::invalid("staff_disabled", "that account is disabled")),
                Some(true) => {}
            }
        }
        if let Some(team) = team.filter(|t| Some(*t) != state.team_id) {
            if crate::store::team::Team::find(&mut *tx, actor.library, team).await?.is_none() {
                return Err(InboxError::NotFound("team"));
            }
        }
        conv::set_assignment(&mut tx, actor.library, id, team, assignee).await?;
        changed_event(&mut tx, actor, id, json!({"team_id": team, "assignee_id": assignee})).await?;
        tx.commit().await?;
        self.realtime.published();
        Ok(())
    }

    pub async fn set_status(
        &self,
        actor: &Actor,
        id: ConversationId,
        status: ConversationStatus,
        snooze_until: Option<DateTime<Utc>>,
    ) -> Result<(), InboxError> {
        let snooze_until = match (status, snooze_until) {
            (ConversationStatus::Snoozed, Some(t)) if t > Utc::now() => Some(t),
            (ConversationStatus::Snoozed, _) => {
                return Err(InboxError::invalid("snooze_until_required", "snoozing needs a time in the future"))
            }
            (_, Some(_)) => return Err(InboxError::invalid("snooze_until_unexpected", "only a snooze takes a time")),
            (_, None) => None,
        };
        let mut tx = self.db.begin().await?;
        let before = lock(&mut tx, actor, id).await?;
        conv::set_status(&mut tx, actor.library, id, status, snooze_until).await?;
        if status == ConversationStatus::Resolved && before.status != ConversationStatus::Resolved {
            let at: DateTime<Utc> = sqlx::query_scalar("SELECT now()").fetch_one(&mut *tx).await?;
            crate::reports::facts::on_resolve(&mut tx, actor.library, id, at).await?;
        }
        changed_event(&mut tx, actor, id, json!({"status": status, "snoozed_until": snooze_until})).await?;
        tx.commit().await?;
        self.realtime.published();
        Ok(())
    }

    /// Replaces the tags. Tags are trimmed, lower-cased and de-duplicated.
    pub async fn set_tags(
        &self,
        actor: &Actor,
        id: ConversationId,
        tags: &[String],
    ) -> Result<Vec<String>, InboxError> {
        let mut clean: Vec<String> = Vec::new();
        for t in tags {
            let t = t.trim().to_lowercase();
            if t.is_empty() || t.chars().count() > MAX_TAG_CHARS || t.chars().any(char::is_control) {
                return Err(InboxError::invalid(
                    "invalid_tag",
                    format!("tags are 1 to {MAX_TAG_CHARS} printable characters"),
                ));
            }
            if !clean.contains(&t) {
                clean.push(t);
            }
        }
        if clean.len() > MAX_TAGS {
            return Err(InboxError::invalid("too_many_tags", format!("at most {MAX_TAGS} tags")));
        }
        let mut tx = self.db.begin().await?;
        lock(&mut tx, actor, id).await?;
        conv::set_tags(&mut tx, actor.library, id, &clean).await?;
        changed_event(&mut tx, actor, id, json!({"tags": clean})).await?;
        tx.commit().await?;
        self.realtime.published();
        Ok(clean)
    }
}

fn check_body(body: &str) -> Result<&str, InboxError> {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return Err(InboxError::invalid("empty_body", "the message is empty"));
    }
    if trimmed.chars().count() > MAX_BODY_CHARS || trimmed.contains('\0') {
        return Err(InboxError::invalid("invalid_body", format!("at most {MAX_BODY_CHARS} characters, no NUL")));
    }
    Ok(trimmed)
}

async fn lock(tx: &mut PgConnection, actor: &Actor, id: ConversationId) -> Result<ConversationState, InboxError> {
    ConversationState::lock(tx, actor.library, id).await?.ok_or(InboxError::NotFound("conversation"))
}

/// The patron's newest address on `channel`, if they have one.
async fn patron_address_on(
    tx: &mut PgConnection,
    actor: &Actor,
    state: &ConversationState,
    channel: Channel,
) -> Result<Option<String>, InboxError> {
    Ok(sqlx::query_scalar(
        "SELECT address FROM contact_identity WHERE library_id = $1 AND contact_id = $2 AND channel = $3
          ORDER BY id DESC LIMIT 1",
    )
    .bind(actor.library)
    .bind(state.contact_id)
    .bind(channel.as_str())
    .fetch_optional(tx)
    .await?)
}

async fn message_event(tx: &mut PgConnection, actor: &Actor, m: &Message) -> sqlx::Result<()> {
    event::append(
        tx,
        actor.library,
        "message_created",
        Some(m.conversation_id),
        json!({"message_id": m.id, "direction": m.direction, "channel": m.channel, "author_staff_id": actor.staff}),
    )
    .await
}

async fn changed_event(
    tx: &mut PgConnection,
    actor: &Actor,
    id: ConversationId,
    change: serde_json::Value,
) -> sqlx::Result<()> {
    event::append(tx, actor.library, "conversation_changed", Some(id), json!({"by": actor.staff, "change": change}))
        .await
}
