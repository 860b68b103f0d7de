//! The hub's side of the SMS channel: consent keywords, delivery status callbacks and the
//! outbox adapter that sends texts. Protocol code lives in `channels::sms`.

pub mod accounts;
pub mod delivery;
pub mod keywords;
pub mod status;
