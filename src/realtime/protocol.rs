//! The console socket's wire protocol (`/ws/console`), JSON text frames.
//!
//! These types are the single definition: they are part of the OpenAPI document, from which
//! the console's TypeScript types are generated. Bump [`PROTOCOL_VERSION`] on any change a
//! connected client would misread.

use crate::domain::{ConversationId, MessageId, StaffId};
use crate::store::conversation::Conversation;
use crate::store::message::Message;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const PROTOCOL_VERSION: u32 = 1;

/// Server -> console.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    /// First frame: the protocol version, the newest sequence number, who is online.
    Hello {
        version: u32,
        seq: i64,
        staff_id: StaffId,
        presence: Vec<Presence>,
    },
    /// A change to the inbox, in sequence order. Clients remember the last `seq` they saw
    /// and send it in `resume` after a reconnect.
    Event {
        seq: i64,
        event: Box<LiveEvent>,
    },
    /// The client missed events it cannot be sent (too old, or it fell behind): reload the
    /// inbox over REST, then continue from `seq`.
    Resync {
        reason: ResyncReason,
        seq: i64,
    },
    Presence {
        staff_id: StaffId,
        state: PresenceState,
    },
    /// A colleague opened (or left: null) a conversation. Re-announced every 20 s; forget
    /// it after 45 s without one.
    Viewing {
        staff_id: StaffId,
        conversation_id: Option<ConversationId>,
    },
    /// A colleague is writing a reply; forget it after 6 s without another.
    Typing {
        staff_id: StaffId,
        conversation_id: ConversationId,
    },
    /// The patron of a web chat is typing; forget it after 6 s without another.
    PatronTyping {
        conversation_id: ConversationId,
    },
    /// Live counters for the queues.
    Counts {
        counts: QueueCounts,
    },
    Pong,
    /// The server is closing the socket (session ended, protocol error).
    Closing {
        reason: String,
    },
}

/// A change to the inbox, with the current state of what changed.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LiveEvent {
    MessageCreated {
        conversation: Conversation,
        message: Message,
        /// Colleagues @mentioned in a note: notify them.
        mentions: Vec<StaffId>,
    },
    ConversationChanged {
        conversation: Conversation,
        by: Option<StaffId>,
    },
    DeliveryStatusChanged {
        conversation_id: ConversationId,
        message_id: MessageId,
        /// queued (retrying), sent, delivered or failed.
        status: String,
        error: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResyncReason {
    /// The events after the client's sequence number are no longer kept, or too many.
    TooOld,
    /// The client did not read fast enough and events were dropped for it.
    Lagged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PresenceState {
    Online,
    Away,
    Offline,
}

impl PresenceState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Away => "away",
            Self::Offline => "offline",
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Presence {
    pub staff_id: StaffId,
    #[sqlx(try_from = "String")]
    pub state: PresenceState,
}

impl TryFrom<String> for PresenceState {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        match s.as_str() {
            "online" => Ok(Self::Online),
            "away" => Ok(Self::Away),
            "offline" => Ok(Self::Offline),
            _ => Err(format!("unknown presence {s:?}")),
        }
    }
}

/// Open work per queue. "Mine" is `by_assignee` at the client's own staff id.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct QueueCounts {
    pub open: i64,
    pub unassigned: i64,
    pub pending: i64,
    pub snoozed: i64,
    pub by_team: Vec<TeamCount>,
    pub by_assignee: Vec<AssigneeCount>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamCount {
    pub team_id: Option<i64>,
    pub open: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssigneeCount {
    pub staff_id: i64,
    pub open: i64,
}

/// Console -> server.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientFrame {
    /// Send the events after `after` (the last `seq` this client saw), then continue live.
    Resume {
        after: i64,
    },
    /// I opened this conversation (null: none).
    Viewing {
        conversation_id: Option<ConversationId>,
    },
    /// I am writing a reply in this conversation. At most one a second is passed on.
    Typing {
        conversation_id: ConversationId,
    },
    Presence {
        state: PresenceState,
    },
    Ping,
}
