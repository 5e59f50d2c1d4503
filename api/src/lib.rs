//! The Tongban API contract. Every type that crosses the wire is defined here once, together with
//! the validators both sides run, so the web app and the server can never disagree about a rule.

pub mod applications;
pub mod audit;
pub mod bundles;
pub mod catalogue;
pub mod companies;
pub mod decisions;
pub mod delivery;
pub mod dev;
pub mod error;
pub mod feedback;
pub mod fields;
pub mod forms;
pub mod identity;
pub mod ids;
pub mod lang;
pub mod materials;
pub mod passkeys;
pub mod payments;
pub mod ratings;
pub mod receipts;
pub mod staff;
pub mod tickets;
pub mod verification;
pub mod wallet;

pub use error::{ApiErrorBody, ConflictReason, ErrorCode, FieldProblem, Refusal};
pub use lang::{Lang, Localized};

/// Path prefix of every JSON endpoint.
pub const API_PREFIX: &str = "/api/v1";

/// The characters `encodeURIComponent` leaves as they are; everything else is percent-encoded.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// `value` as one part of a path or query, encoded as `encodeURIComponent` would.
pub fn encode_component(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, COMPONENT).to_string()
}

/// `?k=v&…` of the parameters given, percent-encoded, or nothing. Both sides build addresses
/// with it, so the server can tell which API address a page will ask for.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode_component(v))).collect();
    format!("?{}", encoded.join("&"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_strings_are_encoded_as_encode_uri_component_does() {
        assert_eq!(super::query_string(&[]), "");
        assert_eq!(
            super::query_string(&[("q", "公积金 提取"), ("page", "2")]),
            "?q=%E5%85%AC%E7%A7%AF%E9%87%91%20%E6%8F%90%E5%8F%96&page=2"
        );
        assert_eq!(super::encode_component("a&b=c/d?e#f+g-h_i.j!k~l*m'n(o)"), "a%26b%3Dc%2Fd%3Fe%23f%2Bg-h_i.j!k~l*m'n(o)");
    }
}
