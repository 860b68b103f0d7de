//! Where a sent message is in its life, and which reported status may replace which.
//!
//! Status callbacks arrive out of order and more than once, so a consumer must never
//! overwrite `delivered` with a late `sent`: [`DeliveryStatus::can_advance_to`] decides.

use std::fmt;

/// A message's status as the provider reports it.
///
/// Statuses this code does not know are kept as [`DeliveryStatus::Unknown`] rather than
/// rejected, so a new provider status never makes a callback fail.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DeliveryStatus {
    Accepted,
    Scheduled,
    Queued,
    Sending,
    Sent,
    Delivered,
    Undelivered,
    Failed,
    Read,
    Canceled,
    Receiving,
    Received,
    Unknown(String),
}

impl DeliveryStatus {
    /// Parses the provider's lower-case status name (case-insensitively).
    pub fn parse(s: &str) -> Self {
        match s.trim().to_ascii_lowercase().as_str() {
            "accepted" => Self::Accepted,
            "scheduled" => Self::Scheduled,
            "queued" => Self::Queued,
            "sending" => Self::Sending,
            "sent" => Self::Sent,
            "delivered" => Self::Delivered,
            "undelivered" => Self::Undelivered,
            "failed" => Self::Failed,
            "read" => Self::Read,
            "canceled" => Self::Canceled,
            "receiving" => Self::Receiving,
            "received" => Self::Received,
            _ => Self::Unknown(s.to_owned()),
        }
    }

    /// The provider's name for the status.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Accepted => "accepted",
            Self::Scheduled => "scheduled",
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Undelivered => "undelivered",
            Self::Failed => "failed",
            Self::Read => "read",
            Self::Canceled => "canceled",
            Self::Receiving => "receiving",
            Self::Received => "received",
            Self::Unknown(s) => s,
        }
    }

    /// How far along its life a message with this status is; `None` for an unknown status.
    ///
    /// The order is:
    /// 1 accepted < 2 scheduled < 3 queued < 4 sending, receiving < 5 sent
    /// < 6 delivered, undelivered, failed, canceled, received < 7 read.
    ///
    /// Rank 6 is terminal: once one of those is stored, no other rank-6 status replaces
    /// it (the first outcome reported wins). `read` alone follows a terminal status,
    /// because a read receipt is proof of delivery whatever was said before.
    pub fn rank(&self) -> Option<u8> {
        Some(match self {
            Self::Accepted => 1,
            Self::Scheduled => 2,
            Self::Queued => 3,
            Self::Sending | Self::Receiving => 4,
            Self::Sent => 5,
            Self::Delivered | Self::Undelivered | Self::Failed | Self::Canceled | Self::Received => 6,
            Self::Read => 7,
            Self::Unknown(_) => return None,
        })
    }

    /// Whether a stored status `self` should be replaced by a newly reported `next`.
    ///
    /// True only when `next` is strictly further along (see [`rank`](Self::rank)), so a
    /// late `sent` never overwrites `delivered`. A known status replaces an unknown one;
    /// an unknown status never replaces anything, since its place in the order is unknown.
    pub fn can_advance_to(&self, next: &DeliveryStatus) -> bool {
        match (self.rank(), next.rank()) {
            (Some(current), Some(next)) => next > current,
            (None, Some(_)) => true,
            (_, None) => false,
        }
    }

    /// Whether the message's fate is settled (rank 6 or later).
    pub fn is_terminal(&self) -> bool {
        self.rank().is_some_and(|r| r >= 6)
    }

    /// Whether the message did not (and will not) reach the patron.
    pub fn is_failure(&self) -> bool {
        matches!(self, Self::Undelivered | Self::Failed | Self::Canceled)
    }
}

impl fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
