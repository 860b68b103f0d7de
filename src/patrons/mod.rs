//! Patron profiles (the CRM side): merging and splitting contacts, duplicate suggestions,
//! regrouping conversations, consent history, lifecycle stage.
//!
//! Every change here is one transaction that also writes its audit record (ids only) and
//! its events; events are published after COMMIT.

pub mod consent;
pub mod duplicates;
pub mod lifecycle;
pub mod merge;
pub mod regroup;

pub use crate::inbox::InboxError as PatronError;
