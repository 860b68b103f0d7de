//! Rating opt-outs are a keyed hash of the address (0013), kept through retention and
//! erasure so a patron who said "don't ask again" is never asked again. Export says which
//! of the patron's addresses are opted out.
use super::Step;

pub const STEP: Step = Step {
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'channel', ci.channel, 'address', ci.address, 'opted_out_at', o.created_at) ORDER BY ci.id), '[]')
           FROM contact_identity ci
           JOIN csat_optout o ON o.library_id = ci.library_id AND o.channel = ci.channel
                             AND o.address_hash = privacy_phone_hash(privacy_key_for($1), ci.address)
          WHERE ci.library_id = $1 AND ci.channel IN ('email', 'sms') AND ci.contact_id = ANY($2)",
    ),
    ..Step::new("csat_optout")
};
