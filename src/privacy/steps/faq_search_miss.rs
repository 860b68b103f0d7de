//! FAQ searches that found nothing: what patrons typed (normalised, with digits, addresses,
//! links and capitalised words dropped), per day, tied to nobody. Housekeeping deletes them
//! after `faq::MISS_RETENTION_DAYS`; this expiry is the backstop at the retention limit.
use super::Step;

pub const STEP: Step = Step {
    expire: Some("DELETE FROM faq_search_miss WHERE library_id = $1 AND day < ($2 AT TIME ZONE 'UTC')::date"),
    ..Step::new("faq_search_miss")
};
