//! Status callbacks that never met their reply: provider ids only, expired with the rest.
use super::Step;

pub const STEP: Step = Step {
    expire: Some("DELETE FROM sms_status_early WHERE library_id = $1 AND received_at < $2"),
    ..Step::new("sms_status_early")
};
