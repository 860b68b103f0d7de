//! Outbound deliveries: a provider's error text can quote an address. Nothing removed is
//! ever sent: a delivery still waiting fails instead.
use super::Step;

pub const STEP: Step = Step {
    bodies: Some(
        "UPDATE outbox SET last_error = CASE WHEN status IN ('pending', 'sending') THEN 'removed before sending' END,
                           status = CASE WHEN status IN ('pending', 'sending') THEN 'failed' ELSE status END,
                           locked_until = NULL, updated_at = now()
          WHERE library_id = $1 AND (last_error IS NOT NULL OR status IN ('pending', 'sending'))
            AND last_error IS DISTINCT FROM 'removed before sending'
            AND message_id IN (SELECT id FROM message WHERE library_id = $1 AND conversation_id = ANY($2))",
    ),
    ..Step::new("outbox")
};
