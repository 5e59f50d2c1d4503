//! Fiscal e-receipts (财政电子票据) for fees paid online: what the issuing department and the fiscal
//! bureau seal, and how anyone holding one checks it.

use serde::{Deserialize, Serialize};

use crate::error::{FieldProblem, FieldProblems};
use crate::fields;
use crate::lang::Localized;

/// One line of a receipt: what was charged, and how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptItem {
    pub name: Localized,
    pub amount_fen: u64,
}

/// What both seals cover, kept as the exact text sealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptContent {
    /// 票据代码: 8 digits.
    pub code: String,
    /// 票据号码: 10 digits, counted per code.
    pub number: String,
    pub payer_name: String,
    /// The payer's resident ID number (masked) or the company's credit code.
    pub payer_id: String,
    pub items: Vec<ReceiptItem>,
    pub amount_fen: u64,
    /// The department that charged it (收款单位).
    pub issuer: Localized,
    /// The fiscal bureau under whose supervision it is issued (监制).
    pub supervisor: Localized,
    /// Shanghai date, `YYYY-MM-DD`.
    pub issued_on: String,
    pub application_number: String,
    /// The payment it records, as the channel knows it.
    pub out_trade_no: String,
}

/// A receipt as its payer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptView {
    pub id: String,
    /// 校验码: 10 characters, from the issuer's seal.
    pub check_code: String,
    pub content: ReceiptContent,
    pub application_id: String,
    /// What refunds have given back since: the receipt is written off (冲红) by that much.
    pub refunded_fen: u64,
}

/// Checking a receipt one holds: its code, number and check code, as printed on it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptCheckRequest {
    pub receipt_code: String,
    pub receipt_number: String,
    pub check_code: String,
}

impl ReceiptCheckRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::RECEIPT_CODE, fields::RECEIPT_NUMBER, fields::CHECK_CODE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let digits = |text: &str, count: usize| text.len() == count && text.bytes().all(|b| b.is_ascii_digit());
        if !digits(self.receipt_code.trim(), 8) {
            problems.insert(fields::RECEIPT_CODE, FieldProblem::Digits { count: 8 });
        }
        if !digits(self.receipt_number.trim(), 10) {
            problems.insert(fields::RECEIPT_NUMBER, FieldProblem::Digits { count: 10 });
        }
        let check = self.check_code.trim();
        if check.len() != 10 || !check.bytes().all(|b| b.is_ascii_alphanumeric()) {
            problems.insert(fields::CHECK_CODE, FieldProblem::CheckCodeFormat);
        }
        crate::error::checked(problems)
    }
}

/// What checking found: the receipt as sealed, when its seals verify and the three match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptCheck {
    pub valid: bool,
    pub receipt: Option<ReceiptContent>,
    /// What refunds have given back of it since it was issued.
    pub refunded_fen: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_request_names_each_field_that_does_not_read() {
        let good =
            ReceiptCheckRequest { receipt_code: "31062601".into(), receipt_number: "0000000001".into(), check_code: "A1B2C3D4E5".into() };
        assert!(good.validate().is_ok());
        let bad =
            ReceiptCheckRequest { receipt_code: "3106".into(), receipt_number: "x".into(), check_code: "".into() }.validate().unwrap_err();
        assert_eq!(bad.len(), 3);
    }
}
