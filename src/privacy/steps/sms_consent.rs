//! SMS opt-outs are stored as a keyed hash of the number and kept through retention and
//! erasure: that is the one thing needed to keep honouring a STOP. Export says whether the
//! patron's numbers are opted out.
use super::Step;

pub const STEP: Step = Step {
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'phone', ci.address, 'opted_out', s.opted_out, 'source', s.source,
                    'changed_at', s.changed_at) ORDER BY ci.id), '[]')
           FROM contact_identity ci
           JOIN sms_consent s ON s.library_id = ci.library_id
                             AND s.phone_hash = privacy_phone_hash(privacy_key_for($1), ci.address)
          WHERE ci.library_id = $1 AND ci.channel = 'sms' AND ci.contact_id = ANY($2)",
    ),
    ..Step::new("sms_consent")
};
