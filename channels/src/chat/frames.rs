//! The frames of `GET /ws/chat` (JSON text frames). `PROTOCOL.md` describes them for the
//! widget's authors; these types are the source and that file must stay true to them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `hello.v` / `welcome.v`. Changes are additive only.
pub const PROTOCOL_VERSION: u32 = 1;
/// Largest frame either side sends (patron frames over it close the socket).
pub const MAX_FRAME_BYTES: usize = 16 * 1024;

/// Patron -> hub. Unknown fields are ignored (a newer widget may send more). Serialisable
/// too, for test clients and the property tests that round-trip every frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PatronFrame {
    /// First frame, always. `token` resumes a session; `after` is the last `seq` seen.
    Hello {
        v: u32,
        #[serde(default)]
        token: Option<String>,
        #[serde(default)]
        after: Option<i64>,
        #[serde(default)]
        identity: Option<SignedIdentity>,
        #[serde(default)]
        lang: Option<String>,
    },
    /// A patron message; `client_id` makes a retry store nothing twice.
    Send {
        client_id: String,
        text: String,
    },
    Typing {
        active: bool,
    },
    /// The patron has seen everything up to `seq`.
    Read {
        seq: i64,
    },
    /// Where a transcript or a later reply can go.
    Contact {
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        email: Option<String>,
        #[serde(default)]
        phone: Option<String>,
    },
    /// The offline form: becomes a conversation answered by email or SMS.
    LeaveMessage {
        client_id: String,
        text: String,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        email: Option<String>,
        #[serde(default)]
        phone: Option<String>,
    },
    End,
    Transcript {
        email: String,
    },
    Rate {
        score: u8,
        #[serde(default)]
        comment: Option<String>,
    },
    Ping,
}

/// What a library's website vouches for (`window.RefdeskChat.identity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = ChatSignedIdentity)]
pub struct SignedIdentity {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Unix seconds when the site signed it.
    pub ts: i64,
    /// hex(HMAC-SHA256(widget_secret, id + "." + ts))
    pub sig: String,
}

/// Hub -> patron.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum HubFrame {
    /// Answer to `hello`: a new token (the old one stops working) and the messages after
    /// `after`, in order.
    Welcome {
        v: u32,
        token: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        conversation_id: Option<i64>,
        /// The highest `seq` of this chat the widget now has (send it as `after`).
        cursor: i64,
        availability: Availability,
        #[serde(skip_serializing_if = "Option::is_none")]
        queue_position: Option<i64>,
        messages: Vec<ChatMessage>,
    },
    Message {
        message: ChatMessage,
    },
    /// The patron's `send` is committed.
    Ack {
        client_id: String,
        message: ChatMessage,
    },
    Typing {
        active: bool,
    },
    Joined {
        name: String,
    },
    Read {
        seq: i64,
    },
    Queue {
        position: i64,
    },
    Availability {
        availability: Availability,
    },
    Ended {
        by: EndedBy,
    },
    Done {
        what: DoneWhat,
    },
    Error {
        code: ErrorCode,
        message: String,
    },
    Pong,
}

impl HubFrame {
    pub fn error(code: ErrorCode) -> HubFrame {
        HubFrame::Error { code, message: code.describe().to_owned() }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("hub frames serialise")
    }
}

/// One message of the chat as the patron sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ChatMessage {
    /// Position in the event stream, monotone in commit order (0: older than the stream's
    /// retention, only ever in a welcome without `after`).
    pub seq: i64,
    pub id: i64,
    pub from: Sender,
    /// Staff: first name or display name only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub text: String,
    pub at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    pub attachments: Vec<ChatAttachment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ChatSender)]
pub enum Sender {
    Patron,
    Staff,
    /// Written by the hub (a transcript was sent, a message was left).
    System,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChatAttachment {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
}

/// Whether a librarian can answer now. `open` only when the team is within its hours AND
/// somebody is online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = ChatAvailability)]
pub struct Availability {
    pub open: bool,
    pub staff_online: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<ClosedReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_open: Option<DateTime<Utc>>,
    /// What the widget shows, honestly.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ChatClosedReason)]
pub enum ClosedReason {
    /// Outside opening hours (or a holiday).
    Closed,
    /// Within hours, but nobody is at the console.
    NoStaff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ChatEndedBy)]
pub enum EndedBy {
    Patron,
    Staff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ChatDoneWhat)]
pub enum DoneWhat {
    Transcript,
    Rating,
    LeftMessage,
    /// Answer to `contact` (additive to the first version of the protocol).
    Contact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ChatErrorCode)]
pub enum ErrorCode {
    BadFrame,
    TooLarge,
    RateLimited,
    IdentityInvalid,
    SessionUnknown,
    InvalidEmail,
    InvalidPhone,
    Closed,
    /// A text that is empty or too long (additive).
    InvalidText,
    /// The request needs a chat with messages first (transcript, rating; additive).
    NoConversation,
    /// The hub could not do it now; retry (additive).
    Unavailable,
}

impl ErrorCode {
    pub fn describe(self) -> &'static str {
        match self {
            ErrorCode::BadFrame => "That frame was not understood.",
            ErrorCode::TooLarge => "That frame is too large.",
            ErrorCode::RateLimited => "Too many requests; slow down.",
            ErrorCode::IdentityInvalid => "The signed identity is not valid.",
            ErrorCode::SessionUnknown => "This chat session is unknown or has expired; start a new one.",
            ErrorCode::InvalidEmail => "That email address is not valid.",
            ErrorCode::InvalidPhone => "That phone number is not valid (use +country code).",
            ErrorCode::Closed => "Chat is not available.",
            ErrorCode::InvalidText => "Messages are 1 to 4000 characters.",
            ErrorCode::NoConversation => "There is no conversation yet.",
            ErrorCode::Unavailable => "Something went wrong; please try again.",
        }
    }
}

/// Parses one patron text frame: `TooLarge` over [`MAX_FRAME_BYTES`], `BadFrame` for
/// anything that is not a known frame.
pub fn parse_patron_frame(text: &str) -> Result<PatronFrame, ErrorCode> {
    if text.len() > MAX_FRAME_BYTES {
        return Err(ErrorCode::TooLarge);
    }
    serde_json::from_str(text).map_err(|_| ErrorCode::BadFrame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patron_frames_parse_as_the_protocol_says() {
        let cases: Vec<(serde_json::Value, Result<PatronFrame, ErrorCode>)> = vec![
            (
                json!({"type": "hello", "v": 1}),
                Ok(PatronFrame::Hello { v: 1, token: None, after: None, identity: None, lang: None }),
            ),
            (
                json!({"type": "hello", "v": 1, "token": "t", "after": 7, "lang": "es", "extra": true}),
                Ok(PatronFrame::Hello {
                    v: 1,
                    token: Some("t".into()),
                    after: Some(7),
                    identity: None,
                    lang: Some("es".into()),
                }),
            ),
            (
                json!({"type": "send", "client_id": "c1", "text": "hi"}),
                Ok(PatronFrame::Send { client_id: "c1".into(), text: "hi".into() }),
            ),
            (json!({"type": "typing", "active": true}), Ok(PatronFrame::Typing { active: true })),
            (json!({"type": "read", "seq": 3}), Ok(PatronFrame::Read { seq: 3 })),
            (json!({"type": "end"}), Ok(PatronFrame::End)),
            (json!({"type": "ping"}), Ok(PatronFrame::Ping)),
            (json!({"type": "rate", "score": 5}), Ok(PatronFrame::Rate { score: 5, comment: None })),
            (
                json!({"type": "transcript", "email": "a@b.org"}),
                Ok(PatronFrame::Transcript { email: "a@b.org".into() }),
            ),
            (json!({"type": "send", "text": "no client id"}), Err(ErrorCode::BadFrame)),
            (json!({"type": "shout"}), Err(ErrorCode::BadFrame)),
            (json!({"v": 1}), Err(ErrorCode::BadFrame)),
            (json!({"type": "rate", "score": 300}), Err(ErrorCode::BadFrame)),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_patron_frame(&raw.to_string()), want, "{raw}");
        }
        assert_eq!(parse_patron_frame("not json"), Err(ErrorCode::BadFrame));
        let huge = json!({"type": "send", "client_id": "c", "text": "x".repeat(MAX_FRAME_BYTES)}).to_string();
        assert_eq!(parse_patron_frame(&huge), Err(ErrorCode::TooLarge));
    }

    #[test]
    fn hub_frames_serialise_as_the_protocol_says() {
        let message = ChatMessage {
            seq: 4,
            id: 9,
            from: Sender::Staff,
            author: Some("Ana".into()),
            text: "Hello".into(),
            at: "2026-01-02T03:04:05Z".parse().unwrap(),
            client_id: None,
            attachments: vec![],
        };
        let cases = vec![
            (
                HubFrame::Message { message: message.clone() },
                json!({"type": "message", "message": {"seq": 4, "id": 9, "from": "staff", "author": "Ana",
                       "text": "Hello", "at": "2026-01-02T03:04:05Z", "attachments": []}}),
            ),
            (HubFrame::Ended { by: EndedBy::Staff }, json!({"type": "ended", "by": "staff"})),
            (HubFrame::Done { what: DoneWhat::LeftMessage }, json!({"type": "done", "what": "left_message"})),
            (HubFrame::Queue { position: 2 }, json!({"type": "queue", "position": 2})),
            (HubFrame::Pong, json!({"type": "pong"})),
            (
                HubFrame::Availability {
                    availability: Availability {
                        open: false,
                        staff_online: false,
                        reason: Some(ClosedReason::NoStaff),
                        next_open: None,
                        message: "m".into(),
                    },
                },
                json!({"type": "availability", "availability": {"open": false, "staff_online": false,
                       "reason": "no_staff", "message": "m"}}),
            ),
        ];
        for (frame, want) in cases {
            assert_eq!(serde_json::to_value(&frame).unwrap(), want);
        }
        let err = serde_json::to_value(HubFrame::error(ErrorCode::RateLimited)).unwrap();
        assert_eq!(err["type"], "error");
        assert_eq!(err["code"], "rate_limited");
    }
}
