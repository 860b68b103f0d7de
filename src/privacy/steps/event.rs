//! The event stream carries ids and states, except a failed delivery's provider error
//! (shown live to staff), which can quote an address: it goes with the bodies. Events are
//! pruned after a week anyway; expiry covers a library whose housekeeping was off.
use super::Step;

pub const STEP: Step = Step {
    bodies: Some(
        "UPDATE event SET payload = payload - 'error'
          WHERE library_id = $1 AND conversation_id = ANY($2) AND payload ? 'error'",
    ),
    expire: Some("DELETE FROM event WHERE library_id = $1 AND created_at < $2"),
    ..Step::new("event")
};
