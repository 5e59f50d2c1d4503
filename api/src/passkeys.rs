//! Passkeys (WebAuthn): sign-in without a password or code, and level 3 when added on top of
//! real-name verification. The ceremony messages are WebAuthn's own JSON, carried as they are;
//! `ceremony` names the challenge the server keeps, so each answer is checked against the
//! challenge it was made for, once.

use serde::{Deserialize, Serialize};
pub use webauthn_rs_proto::{CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse};

use crate::error::{FieldProblem, FieldProblems};
use crate::fields;

pub const PASSKEY_NAME_MAX_CHARS: usize = 40;

/// What the browser needs to create a passkey.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyCreationOptions {
    pub ceremony: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: CreationChallengeResponse,
}

/// The new passkey as the browser made it, with the name its owner gives it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddPasskeyRequest {
    pub ceremony: String,
    /// Empty: the server names it after the device.
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: RegisterPublicKeyCredential,
}

/// What the browser needs to sign in with any passkey it holds for this site.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyRequestOptions {
    pub ceremony: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: RequestChallengeResponse,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeySignInRequest {
    pub ceremony: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: PublicKeyCredential,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyView {
    pub id: String,
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenamePasskeyRequest {
    pub name: String,
}

fn check_name(name: &str, required: bool) -> Result<(), FieldProblems> {
    let name = name.trim();
    let problem = if name.is_empty() && required {
        FieldProblem::Required
    } else if name.chars().count() > PASSKEY_NAME_MAX_CHARS {
        FieldProblem::TooLong { max: PASSKEY_NAME_MAX_CHARS }
    } else if name.chars().any(char::is_control) {
        FieldProblem::ControlCharacters
    } else {
        return Ok(());
    };
    Err(FieldProblems::from([(fields::PASSKEY_NAME, problem)]))
}

/// Checks the name a passkey is about to be added with; the credential is the server's to check.
pub fn validate_new_name(name: &str) -> Result<(), FieldProblems> {
    check_name(name, false)
}

impl RenamePasskeyRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PASSKEY_NAME];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        check_name(&self.name, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_printable_text() {
        assert!(validate_new_name("").is_ok());
        assert!(validate_new_name("我的手机").is_ok());
        assert_eq!(RenamePasskeyRequest { name: "  ".into() }.validate().unwrap_err()["passkey_name"], FieldProblem::Required);
        let long = "钥".repeat(PASSKEY_NAME_MAX_CHARS + 1);
        assert_eq!(validate_new_name(&long).unwrap_err()["passkey_name"], FieldProblem::TooLong { max: PASSKEY_NAME_MAX_CHARS });
        assert_eq!(validate_new_name("a\u{0}b").unwrap_err()["passkey_name"], FieldProblem::ControlCharacters);
    }
}
