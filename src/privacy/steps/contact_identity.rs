//! A patron's addresses: gone with the patron (retention once every conversation of theirs
//! is anonymised, or erasure).
use super::Step;

pub const STEP: Step = Step {
    contact: Some("DELETE FROM contact_identity WHERE library_id = $1 AND contact_id = ANY($2)"),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'channel', channel, 'address', address, 'created_at', created_at) ORDER BY id), '[]')
           FROM contact_identity WHERE library_id = $1 AND contact_id = ANY($2)",
    ),
    ..Step::new("contact_identity")
};
