//! Transcripts a chat patron asked for: the address they go to is an identity. The system
//! line in the chat stays (a message like any other).
use super::Step;

pub const STEP: Step = Step {
    identities: Some(
        "DELETE FROM chat_transcript t
          USING message m
          WHERE t.library_id = $1 AND m.library_id = $1 AND m.id = t.message_id AND m.conversation_id = ANY($2)",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'message_id', t.message_id, 'conversation_id', m.conversation_id, 'email', t.email,
                    'requested_at', m.created_at) ORDER BY t.message_id), '[]')
           FROM chat_transcript t
           JOIN message m ON m.library_id = t.library_id AND m.id = t.message_id
           JOIN conversation c ON c.library_id = m.library_id AND c.id = m.conversation_id
          WHERE t.library_id = $1 AND c.contact_id = ANY($2)",
    ),
    ..Step::new("chat_transcript")
};
