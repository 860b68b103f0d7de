use serde::{Deserialize, Serialize};

/// Where a conversation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConversationStatus {
    /// In the queue: the library owes an answer or is working on it.
    Open,
    /// Waiting on the patron (or on someone outside the desk).
    Pending,
    /// Put aside until a time; a patron message or the time brings it back.
    Snoozed,
    Resolved,
}

impl ConversationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Pending => "pending",
            Self::Snoozed => "snoozed",
            Self::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Pending, Self::Snoozed, Self::Resolved].into_iter().find(|v| v.as_str() == s)
    }
}

/// Which way a message went. Notes are staff-only and never leave the hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    In,
    Out,
    Note,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::In => "in",
            Self::Out => "out",
            Self::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::In, Self::Out, Self::Note].into_iter().find(|v| v.as_str() == s)
    }
}

impl TryFrom<String> for ConversationStatus {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or_else(|| format!("unknown conversation status {s:?}"))
    }
}

impl TryFrom<String> for Direction {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or_else(|| format!("unknown direction {s:?}"))
    }
}
