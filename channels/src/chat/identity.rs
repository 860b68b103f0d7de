//! A patron identity signed by the library's website: `sig = hex(HMAC-SHA256(secret,
//! id + "." + ts))`. Compared in constant time; refused when stale or from the future.

use super::frames::SignedIdentity;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A signature older than this is refused (the site signs on each page load).
pub const MAX_AGE_SECS: i64 = 24 * 3600;
/// Clocks of the site and the hub may disagree by this much.
pub const CLOCK_SKEW_SECS: i64 = 300;
const MAX_ID_LEN: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("the identity's id is empty or too long")]
    BadId,
    #[error("the identity's signature is too old")]
    Expired,
    #[error("the identity's timestamp is in the future")]
    FromTheFuture,
    #[error("the identity's signature does not match")]
    BadSignature,
}

fn mac(secret: &[u8], id: &str, ts: i64) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(ts.to_string().as_bytes());
    mac
}

/// The signature a library's site computes (for tests, demos and documentation).
pub fn sign_identity(secret: &[u8], id: &str, ts: i64) -> String {
    hex_encode(&mac(secret, id, ts).finalize().into_bytes())
}

/// Checks an identity against the library's widget secret at time `now` (Unix seconds).
pub fn verify_identity(secret: &[u8], identity: &SignedIdentity, now: i64) -> Result<(), IdentityError> {
    if identity.id.is_empty() || identity.id.len() > MAX_ID_LEN || identity.id.chars().any(char::is_control) {
        return Err(IdentityError::BadId);
    }
    let sig = hex_decode(&identity.sig).ok_or(IdentityError::BadSignature)?;
    // Check the signature first: a forged one is refused as forged whatever its time.
    mac(secret, &identity.id, identity.ts).verify_slice(&sig).map_err(|_| IdentityError::BadSignature)?;
    if identity.ts > now + CLOCK_SKEW_SECS {
        return Err(IdentityError::FromTheFuture);
    }
    if identity.ts < now - MAX_AGE_SECS {
        return Err(IdentityError::Expired);
    }
    Ok(())
}

fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
    const NOW: i64 = 1_800_000_000;

    fn identity(id: &str, ts: i64, sig: String) -> SignedIdentity {
        SignedIdentity { id: id.into(), name: None, email: None, ts, sig }
    }

    #[test]
    fn a_known_vector_matches() {
        // python3 -c "import hmac,hashlib;print(hmac.new(b'0123456789abcdef0123456789abcdef',
        //   b'patron-42.1800000000', hashlib.sha256).hexdigest())"
        assert_eq!(
            sign_identity(SECRET, "patron-42", NOW),
            "0d20be83695243350a0b991f0b289e5ecee8925acfa2a27b21e8d57774b44525"
        );
    }

    #[test]
    fn identities_are_checked() {
        let good = sign_identity(SECRET, "patron-42", NOW - 60);
        let upper = good.to_uppercase();
        let cases = vec![
            (identity("patron-42", NOW - 60, good.clone()), Ok(())),
            (identity("patron-42", NOW - 60, upper), Ok(())),
            (identity("patron-43", NOW - 60, good.clone()), Err(IdentityError::BadSignature)),
            (identity("patron-42", NOW - 61, good.clone()), Err(IdentityError::BadSignature)),
            (identity("patron-42", NOW - 60, "00".repeat(32)), Err(IdentityError::BadSignature)),
            (identity("patron-42", NOW - 60, "zz".into()), Err(IdentityError::BadSignature)),
            (identity("", NOW, sign_identity(SECRET, "", NOW)), Err(IdentityError::BadId)),
            (
                identity("old", NOW - MAX_AGE_SECS - 1, sign_identity(SECRET, "old", NOW - MAX_AGE_SECS - 1)),
                Err(IdentityError::Expired),
            ),
            (
                identity("future", NOW + 3600, sign_identity(SECRET, "future", NOW + 3600)),
                Err(IdentityError::FromTheFuture),
            ),
            (identity("skew", NOW + 60, sign_identity(SECRET, "skew", NOW + 60)), Ok(())),
        ];
        for (id, want) in cases {
            assert_eq!(verify_identity(SECRET, &id, NOW), want, "{id:?}");
        }
        let other_secret = sign_identity(b"another secret of enough length!", "patron-42", NOW);
        assert_eq!(
            verify_identity(SECRET, &identity("patron-42", NOW, other_secret), NOW),
            Err(IdentityError::BadSignature)
        );
    }
}
