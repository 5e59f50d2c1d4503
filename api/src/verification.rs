//! Raising an account to level 2: the name and ID number must match the population register, and
//! a second channel must confirm it is the person (a code to the phone on record, or a bank card
//! in their name).

use serde::{Deserialize, Serialize};

use crate::error::{checked, FieldProblem, FieldProblems};
use crate::fields;
use crate::identity::check_code;
use crate::ids::{is_valid_bank_card, is_valid_mobile};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationStatus {
    pub level: u8,
    /// The account's name and ID number are in the population register.
    pub in_register: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyBySmsRequest {
    pub code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyByBankCardRequest {
    pub card_number: String,
    /// The phone the bank holds for the card.
    pub phone: String,
}

impl VerifyBySmsRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::CODE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        check_code(&mut problems, &self.code);
        checked(problems)
    }
}

/// Digits only: people type card numbers in groups of four.
pub fn normalise_card(card: &str) -> String {
    card.chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

impl VerifyByBankCardRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::CARD_NUMBER, fields::PHONE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let card = normalise_card(&self.card_number);
        if card.is_empty() {
            problems.insert(fields::CARD_NUMBER, FieldProblem::Required);
        } else if !is_valid_bank_card(&card) {
            problems.insert(fields::CARD_NUMBER, FieldProblem::InvalidBankCard);
        }
        let phone = self.phone.trim();
        if phone.is_empty() {
            problems.insert(fields::PHONE, FieldProblem::Required);
        } else if !is_valid_mobile(phone) {
            problems.insert(fields::PHONE, FieldProblem::InvalidMobile);
        }
        checked(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_may_be_typed_in_groups() {
        let request = VerifyByBankCardRequest { card_number: "6222 0212 3456 7890 128".into(), phone: "13700137000".into() };
        assert_eq!(request.validate(), Ok(()));
        let request = VerifyByBankCardRequest { card_number: "6222 0212 3456 7890 127".into(), phone: "137".into() };
        let problems = request.validate().unwrap_err();
        assert_eq!(problems["card_number"], FieldProblem::InvalidBankCard);
        assert_eq!(problems["phone"], FieldProblem::InvalidMobile);
    }
}
