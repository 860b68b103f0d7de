//! The Cc list an email conversation's replies carry: other people's addresses.
use super::Step;

pub const STEP: Step = Step {
    identities: Some(
        "UPDATE email_conversation SET cc = '{}', updated_at = now()
          WHERE library_id = $1 AND conversation_id = ANY($2) AND cc <> '{}'",
    ),
    ..Step::new("email_conversation")
};
