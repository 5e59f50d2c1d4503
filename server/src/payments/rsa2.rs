//! Alipay's RSA2: the parameters other than `sign` (and `sign_type`), sorted by name, written
//! `k=v` with their values as they are (not encoded) and joined by `&`, signed with RSA-SHA256
//! (PKCS#1 v1.5) and sent in standard base64. WeChat Pay signs its own messages the same way.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private, Public};
use openssl::sign::{Signer, Verifier};

/// The text an RSA2 signature covers.
pub fn signing_content<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut params: Vec<(&str, &str)> = params.into_iter().filter(|(k, v)| *k != "sign" && *k != "sign_type" && !v.is_empty()).collect();
    params.sort_unstable();
    params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

pub fn sign(key: &PKey<Private>, content: &str) -> String {
    let mut signer = Signer::new(MessageDigest::sha256(), key).expect("an RSA key signs");
    signer.update(content.as_bytes()).expect("signing in memory");
    STANDARD.encode(signer.sign_to_vec().expect("an RSA key signs"))
}

pub fn verify(key: &PKey<Public>, content: &str, signature: &str) -> bool {
    let Ok(signature) = STANDARD.decode(signature) else { return false };
    let Ok(mut verifier) = Verifier::new(MessageDigest::sha256(), key) else { return false };
    verifier.update(content.as_bytes()).is_ok() && verifier.verify(&signature).unwrap_or(false)
}

/// A private key in PEM (PKCS#8) and its public half.
pub fn key_pair(pem: &str) -> (PKey<Private>, PKey<Public>) {
    let private = PKey::private_key_from_pem(pem.as_bytes()).expect("the sandbox's published test key is valid PEM");
    let public = PKey::public_key_from_pem(&private.public_key_to_pem().expect("an RSA key has a public half"))
        .expect("its own public half reads back");
    (private, public)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_sorted_without_sign_and_empty_values() {
        let content = signing_content([("b", "2"), ("sign", "x"), ("a", "1"), ("sign_type", "RSA2"), ("c", "")]);
        assert_eq!(content, "a=1&b=2");
    }

    #[test]
    fn a_signature_verifies_only_for_its_content_and_key() {
        let (private, public) = key_pair(include_str!("../../seed/sandbox/alipay_app.pem"));
        let (_, other) = key_pair(include_str!("../../seed/sandbox/alipay_platform.pem"));
        let signature = sign(&private, "a=1&b=2");
        assert!(verify(&public, "a=1&b=2", &signature));
        assert!(!verify(&public, "a=1&b=3", &signature));
        assert!(!verify(&other, "a=1&b=2", &signature));
        assert!(!verify(&public, "a=1&b=2", "not base64!"));
    }
}
