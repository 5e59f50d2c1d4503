//! Random tokens and their digests.

use sha2::{Digest, Sha256};

/// `N` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The OS generator failing is not something the server can work around.
    getrandom::fill(&mut buf).expect("the operating system's random generator failed");
    buf
}

/// `bytes` random bytes from the operating system, hex-encoded.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random generator failed");
    hex::encode(&buf)
}

/// A six-digit one-time code, uniform over 000000–999999.
pub fn random_code() -> String {
    random_digits(6)
}

/// `n` random decimal digits, each uniform.
pub fn random_digits(n: usize) -> String {
    let mut digits = String::with_capacity(n);
    while digits.len() < n {
        let byte = random_bytes::<1>()[0];
        // 250 is the most a byte holds of whole tens: a byte above it would favour low digits.
        if byte < 250 {
            digits.push(char::from(b'0' + byte % 10));
        }
    }
    digits
}

pub fn sha256_hex(value: impl AsRef<[u8]>) -> String {
    hex::encode(Sha256::digest(value.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = random_token(32);
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token(32));
        assert_eq!(random_code().len(), 6);
    }
}
