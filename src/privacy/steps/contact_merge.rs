//! Merges hold ids only; export lists them so the patron sees their records were joined.
use super::Step;

pub const STEP: Step = Step {
    export: Some(
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'from_contact_id', from_contact_id, 'into_contact_id', into_contact_id,
                    'merged_at', merged_at, 'split_at', split_at) ORDER BY id), '[]')
           FROM contact_merge WHERE library_id = $1 AND into_contact_id = ANY($2)",
    ),
    ..Step::new("contact_merge")
};
