//! Messages: the row stays (counts, times, direction, channel, delivery state); the text,
//! HTML and provider error go with the bodies, the provider's id with the identities.
//! `search` is generated from `body`, so it empties with it.
use super::Step;

pub const STEP: Step = Step {
    bodies: Some(
        "UPDATE message SET body = '', body_html = NULL, delivery_error = NULL
          WHERE library_id = $1 AND conversation_id = ANY($2)
            AND (body <> '' OR body_html IS NOT NULL OR delivery_error IS NOT NULL)",
    ),
    identities: Some(
        "UPDATE message SET provider_id = NULL
          WHERE library_id = $1 AND conversation_id = ANY($2) AND provider_id IS NOT NULL",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', m.id, 'conversation_id', m.conversation_id, 'direction', m.direction,
                    'channel', m.channel, 'body', m.body, 'body_html', m.body_html,
                    'delivery_status', m.delivery_status, 'created_at', m.created_at) ORDER BY m.id), '[]')
           FROM message m
           JOIN conversation c ON c.library_id = m.library_id AND c.id = m.conversation_id
          WHERE m.library_id = $1 AND c.contact_id = ANY($2)",
    ),
    ..Step::new("message")
};
