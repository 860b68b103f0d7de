//! Mail that never became a message: tied to no patron, so it only expires.
use super::Step;

pub const STEP: Step = Step {
    expire: Some("DELETE FROM email_quarantine WHERE library_id = $1 AND created_at < $2"),
    ..Step::new("email_quarantine")
};
