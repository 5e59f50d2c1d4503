//! Getting a decided application's result. Collected at a window: when the result is issued the
//! applicant gets a pick-up code (取件码) and its QR; an officer of the issuing department enters or
//! scans it, checks the collector's identity document, and hands the result over, once.

use serde::{Deserialize, Serialize};

use crate::error::{FieldProblem, FieldProblems};
use crate::fields;
use crate::lang::Localized;

/// How many digits a pick-up code has.
pub const PICKUP_CODE_DIGITS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PickupState {
    /// Waiting at the window.
    Ready,
    HandedOver,
}

/// Where a result waits to be collected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupPlace {
    pub name: Localized,
    pub address: Localized,
    pub hours: Localized,
    pub phone: String,
}

/// A result to collect, as its applicant sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupView {
    pub state: PickupState,
    /// Shown at the window, typed or scanned from its QR.
    pub code: String,
    pub place: PickupPlace,
    pub ready_at: i64,
    pub handed_over_at: Option<i64>,
}

/// A pick-up code, as the officer typed or scanned it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupLookupRequest {
    pub pickup_code: String,
}

/// A digit string of `count` digits, spaces around it ignored.
fn is_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

impl PickupLookupRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PICKUP_CODE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        if !is_digits(self.pickup_code.trim(), PICKUP_CODE_DIGITS) {
            problems.insert(fields::PICKUP_CODE, FieldProblem::Digits { count: PICKUP_CODE_DIGITS });
        }
        crate::error::checked(problems)
    }
}

/// Handing a result over: its code, the application the officer looked up and checked the
/// collector against (a code changed since finds nothing), and the officer's word that the
/// collector's identity document was checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandOverRequest {
    pub pickup_code: String,
    pub application_id: String,
    pub identity_checked: bool,
}

impl HandOverRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PICKUP_CODE, fields::IDENTITY_CHECKED];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = PickupLookupRequest { pickup_code: self.pickup_code.clone() }.validate().err().unwrap_or_default();
        if !self.identity_checked {
            problems.insert(fields::IDENTITY_CHECKED, FieldProblem::IdentityNotChecked);
        }
        crate::error::checked(problems)
    }
}

/// A result waiting at (or handed over from) the officer's department, found by its code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupCase {
    pub application_id: String,
    pub application_number: String,
    pub service_name: Localized,
    /// Whose result it is: the person, or the company and its representative's name.
    pub applicant_name: String,
    /// The identity document to check: the resident ID number, all but its first and last
    /// digits hidden; or the company's credit code.
    pub applicant_id: String,
    pub state: PickupState,
    pub ready_at: i64,
    pub handed_over_at: Option<i64>,
    /// The officer who handed it over.
    pub handed_over_by: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_over_needs_eight_digits_and_the_identity_checked() {
        let problems =
            HandOverRequest { pickup_code: "1234567".into(), application_id: "a".into(), identity_checked: false }.validate().unwrap_err();
        assert_eq!(problems.get(fields::PICKUP_CODE), Some(&FieldProblem::Digits { count: 8 }));
        assert_eq!(problems.get(fields::IDENTITY_CHECKED), Some(&FieldProblem::IdentityNotChecked));
        assert!(HandOverRequest { pickup_code: " 12345678 ".into(), application_id: "a".into(), identity_checked: true }
            .validate()
            .is_ok());
        assert!(PickupLookupRequest { pickup_code: "1234567a".into() }.validate().is_err());
    }
}
