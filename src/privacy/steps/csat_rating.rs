//! Ratings: the score, channel, team and staff stay for the reports; the comment goes.
use super::Step;

pub const STEP: Step = Step {
    bodies: Some(
        "UPDATE csat_rating SET comment = NULL
          WHERE library_id = $1 AND conversation_id = ANY($2) AND comment IS NOT NULL",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'conversation_id', r.conversation_id, 'score', r.score, 'comment', r.comment,
                    'source', r.source, 'created_at', r.created_at) ORDER BY r.id), '[]')
           FROM csat_rating r
           JOIN conversation c ON c.library_id = r.library_id AND c.id = r.conversation_id
          WHERE r.library_id = $1 AND c.contact_id = ANY($2)",
    ),
    ..Step::new("csat_rating")
};
