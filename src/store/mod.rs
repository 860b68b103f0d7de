//! Row types and the queries that load and change them, one file per table family.
//!
//! Every query takes the library id and filters by it: a row of another library is
//! indistinguishable from a row that does not exist.

pub mod audit;
pub mod audit_read;
pub mod contact;
pub mod conversation;
pub mod event;
pub mod library;
pub mod message;
pub mod outbox;
pub mod password_reset;
pub mod rate_limits;
pub mod session;
pub mod sms;
pub mod staff;
pub mod team;
