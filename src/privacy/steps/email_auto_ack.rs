//! When a patron was last sent the automatic email acknowledgement (one per day): goes with
//! the contact on erasure; export says when.
use super::Step;

pub const STEP: Step = Step {
    contact: Some("DELETE FROM email_auto_ack WHERE library_id = $1 AND contact_id = ANY($2)"),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object('last_acknowledged_at', a.last_sent_at) ORDER BY a.contact_id), '[]')
           FROM email_auto_ack a
          WHERE a.library_id = $1 AND a.contact_id = ANY($2)",
    ),
    ..Step::new("email_auto_ack")
};
