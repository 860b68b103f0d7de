//! What an inbound email was beyond its message row. Export leaves out To and Cc: they name
//! other people.
use super::Step;

pub const STEP: Step = Step {
    bodies: Some(
        "UPDATE email_message SET full_text = '', quoted_text = '', subject = NULL
          WHERE library_id = $1 AND (full_text <> '' OR quoted_text <> '' OR subject IS NOT NULL)
            AND message_id IN (SELECT id FROM message WHERE library_id = $1 AND conversation_id = ANY($2))",
    ),
    identities: Some(
        "UPDATE email_message SET rfc_message_id = '', in_reply_to = '{}', refs = '{}', to_addresses = '{}',
                                  cc_addresses = '{}', sha256 = ''
          WHERE library_id = $1 AND (rfc_message_id <> '' OR sha256 <> '' OR to_addresses <> '{}' OR cc_addresses <> '{}')
            AND message_id IN (SELECT id FROM message WHERE library_id = $1 AND conversation_id = ANY($2))",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'message_id', e.message_id, 'subject', e.subject, 'full_text', e.full_text,
                    'created_at', e.created_at) ORDER BY e.message_id), '[]')
           FROM email_message e
           JOIN message m ON m.library_id = e.library_id AND m.id = e.message_id
           JOIN conversation c ON c.library_id = m.library_id AND c.id = m.conversation_id
          WHERE e.library_id = $1 AND c.contact_id = ANY($2)",
    ),
    ..Step::new("email_message")
};
