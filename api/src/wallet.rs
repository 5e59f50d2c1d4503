//! The e-licence wallet (电子证照): a holder's licences, showing one by a sealed code with only the
//! fields they choose (亮证), and anyone verifying such a code.
//!
//! # The presentation token
//!
//! `TB1.<payload>.<signature>`, where `<payload>` is the base64url (no padding) of the UTF-8 JSON
//! [`PresentationClaims`], and `<signature>` the base64url of the 64-byte SM2 signature `r ‖ s`
//! (GM/T 0003, SM3 digest, distinguishing ID [`SEAL_DIST_ID`]) over the ASCII bytes
//! `TB1.<payload>`. The key is the one `kid` names in `/.well-known/tongban/keys.json`, where each
//! key carries its department, its SEC1 public key in hex and when it was in use. A verifier
//! checks the signature, that `iat` falls while the key was in use and that `exp` has not passed;
//! `POST /api/v1/verify` also checks the licence's status now.

use serde::{Deserialize, Serialize};

use crate::error::{checked, require, FieldProblem, FieldProblems};
use crate::fields;
use crate::lang::Localized;

/// What starts every presentation token: the format and its version.
pub const TOKEN_PREFIX: &str = "TB1";
/// The SM2 distinguishing identifier every seal signs with (GM/T 0009's default).
pub const SEAL_DIST_ID: &str = "1234567812345678";
/// How long a shown code is good for, in seconds.
pub const PRESENTATION_SECS: i64 = 300;
/// More than any token the portal issues; longer input is refused unread.
pub const MAX_TOKEN_CHARS: usize = 2000;

/// Where a licence stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LicenceStatus {
    Valid,
    /// Its "valid until" date has passed.
    Expired,
    /// A renewed licence replaced it.
    Superseded,
    /// The issuing department withdrew it.
    Revoked,
}

/// A licence as its holder's wallet lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WalletLicence {
    pub id: String,
    /// The material code it stands for, such as `driving_licence`.
    pub kind: String,
    pub title: Localized,
    pub issuer: Localized,
    pub holder_name: String,
    /// The number with its middle hidden, as lists show it.
    pub number_masked: String,
    pub issued_on: String,
    pub valid_until: Option<String>,
    pub status: LicenceStatus,
    /// Why it was revoked, in the officer's words.
    pub status_reason: Option<String>,
}

/// The holder's licences, or the company's when acting for one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Wallet {
    /// The company whose licences these are, when acting for one.
    pub company: Option<String>,
    pub licences: Vec<WalletLicence>,
}

/// One licence, drawn like the document, with its seal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceDocument {
    pub licence: WalletLicence,
    /// The whole number, for its holder.
    pub number: String,
    pub seal: SealView,
}

/// The issuing department's electronic seal on a licence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SealView {
    pub department: Localized,
    pub key_id: String,
    /// The first characters of the signature over the licence, as a seal's serial shows.
    pub signature_excerpt: String,
}

/// What a holder may choose to disclose when showing a licence. Its status and issuer are always
/// shown: without them the code proves nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DisclosedField {
    /// The holder's name.
    Name,
    /// What kind of licence it is (its title).
    Kind,
    /// Issued on and valid until.
    Validity,
    /// The licence number: personal, off unless ticked.
    Number,
}

impl DisclosedField {
    pub const ALL: [DisclosedField; 4] = [DisclosedField::Name, DisclosedField::Kind, DisclosedField::Validity, DisclosedField::Number];

    /// Ticked unless the holder unticks it.
    pub fn by_default(self) -> bool {
        self != DisclosedField::Number
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DisclosedField::Name => "name",
            DisclosedField::Kind => "kind",
            DisclosedField::Validity => "validity",
            DisclosedField::Number => "number",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PresentRequest {
    pub fields: Vec<DisclosedField>,
}

impl PresentRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::DISCLOSE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        if self.fields.is_empty() {
            problems.insert(fields::DISCLOSE, FieldProblem::ChooseAtLeastOne);
        }
        checked(problems)
    }
}

/// A sealed code showing a licence, good until `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Presentation {
    pub token: String,
    /// Unix seconds.
    pub issued_at: i64,
    pub expires_at: i64,
}

/// The signed content of a presentation token. Short names keep the code small enough for a QR
/// code a phone camera reads at arm's length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PresentationClaims {
    /// The sealing key's id.
    pub kid: String,
    /// The sealing department's code.
    pub iss: String,
    /// The licence's id.
    pub lic: String,
    /// Its status when shown.
    pub st: LicenceStatus,
    /// Issued at and expires at, Unix seconds.
    pub iat: i64,
    pub exp: i64,
    /// Random, so that no two codes are alike.
    pub nonce: String,
    /// Only what the holder chose to disclose.
    pub f: DisclosedClaims,
}

/// The disclosed fields, each present only when chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisclosedClaims {
    /// Holder's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The kind's code and title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Localized>,
    /// Issued on and valid until (`null`: no end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyRequest {
    pub token: String,
}

impl VerifyRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::TOKEN];

    /// The code without the spaces and line breaks it picks up where it was copied from.
    pub fn token(&self) -> String {
        self.token.chars().filter(|c| !c.is_whitespace()).collect()
    }

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let token = self.token();
        require(&mut problems, fields::TOKEN, &token);
        if token.chars().count() > MAX_TOKEN_CHARS {
            problems.insert(fields::TOKEN, FieldProblem::TooLong { max: MAX_TOKEN_CHARS });
        }
        checked(problems)
    }
}

/// Why a code does not verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotValidBecause {
    /// Not a code the portal issues: mistyped or cut short.
    Unreadable,
    /// The signature does not match: changed after sealing, or forged.
    Forged,
    /// Sealed with a key nobody published, or one not in use at the time it claims.
    UnknownKey,
    /// The code's five minutes are over.
    Expired,
    LicenceExpired,
    LicenceSuperseded,
    LicenceRevoked,
}

serde_plain::derive_display_from_serialize!(NotValidBecause);

/// What verifying a code found. Fields are there only when it verifies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    pub valid: bool,
    pub reason: Option<NotValidBecause>,
    pub issuer: Option<Localized>,
    pub disclosed: Option<DisclosedClaims>,
    /// When the code was made, Unix seconds.
    pub issued_at: Option<i64>,
}

/// A published seal key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedKey {
    pub kid: String,
    pub department: String,
    pub department_name: Localized,
    /// `SM2-SM3`.
    pub alg: String,
    pub dist_id: String,
    /// SEC1 uncompressed point, hex.
    pub public_key: String,
    /// Unix seconds; `valid_until` is when it was retired, if it was.
    pub valid_from: i64,
    pub valid_until: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedKeys {
    pub keys: Vec<PublishedKey>,
}

/// Who may use a licence by an authorisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GranteeKind {
    /// A department from the catalogue, by its code.
    Department,
    /// A company, by its unified social credit code.
    Company,
}

/// The characters of a use code: no 0, 1, I or O, which are read one for the other.
pub const USE_CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
pub const USE_CODE_LEN: usize = 8;
pub const MAX_PURPOSE_CHARS: usize = 100;

/// Authorise an organisation to use one licence (授权用证).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthoriseRequest {
    pub grantee_kind: GranteeKind,
    /// The department's code, or the company's credit code.
    pub grantee: String,
    pub purpose: String,
    pub fields: Vec<DisclosedField>,
    /// The last day it may be used, `YYYY-MM-DD`.
    pub until: String,
    /// Usable once, or any number of times until `until`.
    pub once: bool,
}

impl AuthoriseRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::GRANTEE, fields::PURPOSE, fields::DISCLOSE, fields::UNTIL];

    /// The shape of every answer; the server also checks the department exists and the date is
    /// within a year of today.
    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let grantee = self.grantee.trim();
        require(&mut problems, fields::GRANTEE, grantee);
        if self.grantee_kind == GranteeKind::Company && !grantee.is_empty() && !crate::ids::is_valid_credit_code(&grantee.to_uppercase()) {
            problems.insert(fields::GRANTEE, FieldProblem::InvalidCreditCode);
        }
        let purpose = self.purpose.trim();
        require(&mut problems, fields::PURPOSE, purpose);
        if purpose.chars().count() > MAX_PURPOSE_CHARS {
            problems.insert(fields::PURPOSE, FieldProblem::TooLong { max: MAX_PURPOSE_CHARS });
        } else if purpose.chars().any(char::is_control) {
            problems.insert(fields::PURPOSE, FieldProblem::ControlCharacters);
        }
        if self.fields.is_empty() {
            problems.insert(fields::DISCLOSE, FieldProblem::ChooseAtLeastOne);
        }
        if !crate::forms::is_date(self.until.trim()) {
            problems.insert(fields::UNTIL, FieldProblem::UseUntil);
        }
        checked(problems)
    }
}

/// Where an authorisation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuthorisationStatus {
    Active,
    Revoked,
    Expired,
    UsedUp,
}

/// One use of an authorisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorisationUse {
    /// Unix seconds.
    pub at: i64,
    pub organisation: Localized,
    /// The officer's staff number, masked.
    pub staff_number: Option<String>,
    /// Refused attempts are listed too: why.
    pub refused: Option<String>,
}

/// An authorisation as its holder lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorisationView {
    pub id: String,
    pub code: String,
    pub licence_id: String,
    pub licence_title: Localized,
    pub grantee_kind: GranteeKind,
    pub grantee: String,
    pub grantee_name: Localized,
    pub purpose: String,
    pub fields: Vec<DisclosedField>,
    pub until: String,
    pub once: bool,
    pub status: AuthorisationStatus,
    /// Unix seconds.
    pub created_at: i64,
    pub uses: Vec<AuthorisationUse>,
}

/// A use code, typed by the officer (or the company's agent) using the licence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RedeemRequest {
    pub use_code: String,
}

impl RedeemRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::USE_CODE];

    /// The code as issued: capitals, without the spaces or dashes people type between groups.
    pub fn code(&self) -> String {
        self.use_code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase()
    }

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let code = self.code();
        require(&mut problems, fields::USE_CODE, &code);
        if !code.is_empty() && (code.len() != USE_CODE_LEN || !code.bytes().all(|b| USE_CODE_ALPHABET.contains(&b))) {
            problems.insert(fields::USE_CODE, FieldProblem::UseCodeFormat);
        }
        checked(problems)
    }
}

/// What a use code gives: only the authorised fields, with the purpose it was given for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RedeemedLicence {
    /// The issuer is always shown, as on a shown code; the kind only when authorised.
    pub issuer: Localized,
    pub status: LicenceStatus,
    pub purpose: String,
    pub disclosed: DisclosedClaims,
    /// Further uses allowed (`None`: any number until `until`).
    pub uses_left: Option<u32>,
    pub until: String,
}

/// Licences of the officer's department with this number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct LicenceLookup {
    pub number: String,
}

pub const MAX_REVOKE_REASON_CHARS: usize = 200;

/// Withdrawing a licence the officer's department issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokeLicenceRequest {
    pub reason: String,
}

impl RevokeLicenceRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::REASON];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let reason = self.reason.trim();
        if reason.is_empty() {
            problems.insert(fields::REASON, FieldProblem::ReasonRequired);
        } else if reason.chars().count() > MAX_REVOKE_REASON_CHARS {
            problems.insert(fields::REASON, FieldProblem::TooLong { max: MAX_REVOKE_REASON_CHARS });
        }
        checked(problems)
    }
}

/// Who used a person's data, as "who used my data" lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DataUseView {
    /// Unix seconds.
    pub at: i64,
    /// The department or company, or "anyone shown the code".
    pub organisation: Localized,
    pub staff_number: Option<String>,
    pub what: Localized,
    pub why: Localized,
    /// Why it was refused, when it was.
    pub refused: Option<Localized>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct DataUseQuery {
    /// `YYYY-MM-DD`, Shanghai dates, both included.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The language of the CSV export (a download link cannot set headers).
    pub lang: Option<crate::Lang>,
}

/// Middle digits hidden, as a staff number or phone is shown to the public.
pub fn mask_staff_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    match chars.len() {
        0..=2 => "*".repeat(chars.len()),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// The number with all but its first and last few characters hidden.
pub fn mask_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let keep = if chars.len() >= 10 { 4 } else { 1 };
    if chars.len() <= keep * 2 {
        return "*".repeat(chars.len());
    }
    let hidden = chars.len() - keep * 2;
    chars[..keep].iter().chain(std::iter::repeat_n(&'*', hidden)).chain(&chars[chars.len() - keep..]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_only_their_ends() {
        assert_eq!(mask_number("31010119900307241X"), "3101**********241X");
        assert_eq!(mask_number("沪户100001"), "沪******1");
        assert_eq!(mask_number("12"), "**");
    }
}
