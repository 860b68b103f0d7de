//! Chat sessions: the widget stores no IP or user agent, only what the patron typed into
//! its contact frame or offline form (name, email, phone), which goes with the identities.
//! An erased or anonymised patron's sessions are deleted (their tokens can no longer
//! resume anything); sessions past the retention limit expire (the chat sweep deletes
//! them after a month anyway).
use super::Step;

pub const STEP: Step = Step {
    identities: Some(
        "UPDATE chat_session SET name = NULL, email = NULL, phone = NULL
          WHERE library_id = $1 AND conversation_id = ANY($2)
            AND (name IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)",
    ),
    contact: Some(
        "DELETE FROM chat_session
          WHERE library_id = $1
            AND (contact_id = ANY($2)
                 OR conversation_id IN (SELECT id FROM conversation WHERE library_id = $1 AND contact_id = ANY($2)))",
    ),
    expire: Some("DELETE FROM chat_session WHERE library_id = $1 AND last_seen_at < $2"),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', s.id, 'conversation_id', s.conversation_id, 'language', s.lang, 'name', s.name,
                    'email', s.email, 'phone', s.phone, 'created_at', s.created_at,
                    'last_seen_at', s.last_seen_at, 'ended_at', s.ended_at) ORDER BY s.id), '[]')
           FROM chat_session s
          WHERE s.library_id = $1
            AND (s.contact_id = ANY($2)
                 OR s.conversation_id IN (SELECT id FROM conversation WHERE library_id = $1 AND contact_id = ANY($2)))",
    ),
    ..Step::new("chat_session")
};
