//! Refdesk's channels: how patrons' messages arrive and leave.
//!
//! Each channel turns a provider's input into an [`Inbound`] for the hub's ingest, and
//! turns an outbound reply into the provider's format. Pure protocol code lives here so it
//! can be tested without a database; nothing in this crate touches Postgres or HTTP serving.

pub mod address;
pub mod chat;
pub mod email;
pub mod fetch;
pub mod inbound;
pub mod sms;
pub mod survey;

pub use address::{Address, AddressError, Channel, EmailAddress, E164};
pub use inbound::{Inbound, ThreadHint};
