//! Session, CSRF and password reset tokens.

use crate::domain::LibraryId;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the session cookie (and a password reset link) holds: the library (so the lookup
/// stays within one tenant's rows) and a secret of which the database keeps only a hash.
pub struct SessionToken {
    pub library: LibraryId,
    pub secret: String,
}

impl SessionToken {
    pub fn new(library: LibraryId) -> Self {
        Self { library, secret: random_token() }
    }

    pub fn encode(&self) -> String {
        format!("{}.{}", self.library.0, self.secret)
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let (lib, secret) = raw.split_once('.')?;
        let library = LibraryId(lib.parse().ok()?);
        (secret.len() == 43 && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
            .then(|| Self { library, secret: secret.to_owned() })
    }

    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.secret.as_bytes()).to_vec()
    }
}

/// A password reset link's token: the same shape as a session's, never the same secret.
pub type ResetToken = SessionToken;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_tokens_round_trip_and_reject_garbage() {
        let t = SessionToken::new(LibraryId(7));
        let back = SessionToken::decode(&t.encode()).unwrap();
        assert_eq!(back.library, LibraryId(7));
        assert_eq!(back.hash(), t.hash());
        for bad in ["", "7", "x.abc", "7.short", "7.!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"] {
            assert!(SessionToken::decode(bad).is_none(), "{bad}");
        }
    }
}
