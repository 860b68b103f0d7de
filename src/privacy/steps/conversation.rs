//! Conversations: channel, team, assignee, times, READ level, tags and counts stay (the
//! reports' facts); the subject goes with the bodies.
use super::Step;

pub const STEP: Step = Step {
    bodies: Some(
        "UPDATE conversation SET subject = NULL
          WHERE library_id = $1 AND id = ANY($2) AND subject IS NOT NULL",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', c.id, 'channel', c.channel, 'status', c.status, 'subject', c.subject,
                    'tags', c.tags, 'created_at', c.created_at, 'first_response_at', c.first_response_at,
                    'resolved_at', c.resolved_at, 'message_count', c.message_count) ORDER BY c.id), '[]')
           FROM conversation c
          WHERE c.library_id = $1 AND c.contact_id = ANY($2)",
    ),
    ..Step::new("conversation")
};
