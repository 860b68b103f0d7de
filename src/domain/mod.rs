//! Types parsed at the edge: ids, roles, statuses. Inner code takes these, never bare
//! strings or integers whose meaning the reader has to guess.

mod ids;
mod role;
mod status;

pub use channels::{Address, Channel, EmailAddress, E164};
pub use ids::*;
pub use role::Role;
pub use status::{ConversationStatus, Direction};
