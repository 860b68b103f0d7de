//! Rating requests: the address a request went to and the provider id of the SMS reply go
//! with the identities; channel, times and whether it was answered stay (requests sent and
//! answered are report figures).
use super::Step;

pub const STEP: Step = Step {
    identities: Some(
        "UPDATE csat_request SET address = '', answer_provider_id = NULL
          WHERE library_id = $1 AND conversation_id = ANY($2) AND (address <> '' OR answer_provider_id IS NOT NULL)",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'conversation_id', r.conversation_id, 'channel', r.channel, 'address', r.address,
                    'sent_at', r.sent_at, 'answered_at', r.answered_at) ORDER BY r.id), '[]')
           FROM csat_request r
           JOIN conversation c ON c.library_id = r.library_id AND c.id = r.conversation_id
          WHERE r.library_id = $1 AND c.contact_id = ANY($2)",
    ),
    ..Step::new("csat_request")
};
