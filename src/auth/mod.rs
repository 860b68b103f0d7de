//! Staff authentication: password hashing, session tokens, password reset.

pub mod password;
pub mod reset;
pub mod reset_mail;
pub mod session_cache;
pub mod token;
