//! Web chat: the widget <-> hub wire protocol (see `PROTOCOL.md`, which these types are
//! the source of), the signed patron identity, and validation of what a patron sends.
//! Pure: no database, no HTTP serving.

pub mod frames;
pub mod identity;
pub mod validate;

pub use frames::*;
pub use identity::{sign_identity, verify_identity, IdentityError};
