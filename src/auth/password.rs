//! Argon2id password hashing with OWASP's recommended parameters.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// OWASP (2023+): argon2id, 19 MiB memory, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(19 * 1024, 2, 1, None).expect("valid argon2 params"))
}

/// Shortest password accepted for a staff account (NIST 800-63B asks for at least 8; staff
/// accounts open confidential patron records, so more).
pub const MIN_PASSWORD_CHARS: usize = 12;

pub fn check_strength(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!("passwords need at least {MIN_PASSWORD_CHARS} characters"));
    }
    if password.len() > 1024 {
        return Err("passwords are at most 1024 bytes".into());
    }
    Ok(())
}

/// Hashes on a blocking thread: argon2 is deliberately slow and must not stall the runtime.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// Verifies on a blocking thread. With `None` it verifies against a fixed dummy hash, so an
/// unknown email costs the same time as a wrong password (no account enumeration by timing).
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY.with(|d| d.clone()));
        match PasswordHash::new(&stored) {
            Ok(parsed) => hasher().verify_password(password.as_bytes(), &parsed).is_ok(),
            Err(_) => false,
        }
    })
    .await
    .unwrap_or(false)
}

thread_local! {
    static DUMMY: String = {
        let salt = SaltString::generate(&mut OsRng);
        hasher().hash_password(b"not-a-real-password", &salt).expect("hash").to_string()
    };
}
