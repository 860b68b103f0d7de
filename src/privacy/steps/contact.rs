//! The contact row stays (conversations point at it, reports count patrons) with nothing
//! that says who it was.
use super::Step;

pub const STEP: Step = Step {
    contact: Some(
        "UPDATE contact SET display_name = NULL, language = NULL, preferred_channel = NULL,
                            patron_type = NULL, home_branch = NULL,
                            anonymised_at = coalesce(anonymised_at, now())
          WHERE library_id = $1 AND id = ANY($2)",
    ),
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', id, 'display_name', display_name, 'preferred_channel', preferred_channel,
                    'language', language, 'patron_type', patron_type, 'home_branch', home_branch,
                    'lifecycle_stage', lifecycle_stage, 'lifecycle_changed_at', lifecycle_changed_at,
                    'created_at', created_at, 'last_contact_at', last_contact_at) ORDER BY id), '[]')
           FROM contact WHERE library_id = $1 AND id = ANY($2)",
    ),
    ..Step::new("contact")
};
