//! Password hashing (argon2id) and the list of passwords too common to allow.

use std::collections::HashSet;
use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::ApiError;

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../seed/common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_lowercase)
        .collect()
});

/// Hashed once so that a sign-in for an unknown account costs as much as one for a real account.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_now("not-a-real-password").unwrap_or_default());

pub fn is_common(password: &str) -> bool {
    COMMON.contains(&password.to_lowercase())
}

fn hash_now(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Hashing is deliberately slow, so it runs off the async workers.
pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.map_err(|_| ApiError::Internal)?.map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        ApiError::Internal
    })
}

/// Checks `password` against `hash`, or against a dummy when there is no account, taking the
/// same time either way.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_now(&password, &hash),
        None => {
            verify_now(&password, &DUMMY_HASH);
            false
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(is_common("1234567890"));
        assert!(is_common("QWERTYUIOP"));
        assert!(!is_common("Lantern-river-42"));
    }

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let hash = hash_now("Lantern-river-42").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_now("Lantern-river-42", &hash));
        assert!(!verify_now("lantern-river-42", &hash));
    }
}
