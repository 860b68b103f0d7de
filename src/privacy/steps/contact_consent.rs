//! The patron's consent history (when and how). Erased with the patron; the operative SMS
//! opt-out survives as a hash in `sms_consent`.
use super::Step;

pub const STEP: Step = Step {
    contact: Some("DELETE FROM contact_consent WHERE library_id = $1 AND contact_id = ANY($2)"),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'kind', kind, 'granted', granted, 'source', source, 'at', at) ORDER BY id), '[]')
           FROM contact_consent WHERE library_id = $1 AND contact_id = ANY($2)",
    ),
    ..Step::new("contact_consent")
};
