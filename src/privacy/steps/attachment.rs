//! Attachments: the file and its name go with the bodies; the row stays (counts, sizes).
use super::Step;

pub const STEP: Step = Step {
    bodies: Some(
        "UPDATE attachment a SET data = '\\x', filename = 'removed', sha256 = '\\x'
          FROM message m
         WHERE a.library_id = $1 AND m.library_id = $1 AND m.id = a.message_id
           AND m.conversation_id = ANY($2) AND (length(a.data) > 0 OR a.filename <> 'removed')",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', a.id, 'message_id', a.message_id, 'filename', a.filename,
                    'content_type', a.content_type, 'size_bytes', a.size_bytes,
                    'data_base64', encode(a.data, 'base64'), 'created_at', a.created_at) ORDER BY a.id), '[]')
           FROM attachment a
           JOIN message m ON m.library_id = a.library_id AND m.id = a.message_id
           JOIN conversation c ON c.library_id = m.library_id AND c.id = m.conversation_id
          WHERE a.library_id = $1 AND c.contact_id = ANY($2)",
    ),
    ..Step::new("attachment")
};
