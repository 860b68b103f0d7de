//! Files staff uploaded for an email reply that no reply has taken yet: they go with the
//! conversation's bodies (housekeeping drops them after a day anyway); export lists them.
use super::Step;

pub const STEP: Step = Step {
    bodies: Some("DELETE FROM email_upload WHERE library_id = $1 AND conversation_id = ANY($2)"),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', u.id, 'conversation_id', u.conversation_id, 'filename', u.filename,
                    'content_type', u.content_type, 'size_bytes', u.size_bytes,
                    'data_base64', encode(u.data, 'base64'), 'created_at', u.created_at) ORDER BY u.id), '[]')
           FROM email_upload u
           JOIN conversation c ON c.library_id = u.library_id AND c.id = u.conversation_id
          WHERE u.library_id = $1 AND c.contact_id = ANY($2)",
    ),
    ..Step::new("email_upload")
};
