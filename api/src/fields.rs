//! The names of the fields that problems are keyed on: the shared validators insert them, the
//! server's refusals use them, and the web app lists them in each form's order. One definition,
//! so a name typed differently on one side is a compile error, not a message lost. Each request
//! type's `FIELDS` lists its form's fields in the order the form shows them.

pub const NAME: &str = "name";
pub const ID_NUMBER: &str = "id_number";
pub const PHONE: &str = "phone";
pub const CODE: &str = "code";
pub const PASSWORD: &str = "password";
pub const PASSWORD_CONFIRM: &str = "password_confirm";
pub const IDENTIFIER: &str = "identifier";
/// What a code is for.
pub const PURPOSE: &str = "purpose";
pub const CURRENT_PASSWORD: &str = "current_password";
pub const NEW_PASSWORD: &str = "new_password";
pub const NEW_PASSWORD_CONFIRM: &str = "new_password_confirm";
pub const STAFF_NUMBER: &str = "staff_number";
pub const CARD_NUMBER: &str = "card_number";
pub const CREDIT_CODE: &str = "credit_code";
pub const SCOPES: &str = "scopes";
pub const PASSKEY_NAME: &str = "passkey_name";
/// The passkey as a whole (said for the whole form).
pub const PASSKEY: &str = "passkey";
/// The person's real-name record as a whole (said for the whole form).
pub const IDENTITY: &str = "identity";
pub const SERVICE_CODE: &str = "service_code";
pub const EVENT: &str = "event";
pub const NOTE: &str = "note";
pub const LEGAL_BASIS: &str = "legal_basis";
pub const CORRECTIONS: &str = "corrections";
pub const EXPLANATION: &str = "explanation";
pub const WINDOW: &str = "window";
pub const DAY: &str = "day";
pub const TIME: &str = "time";
/// The booked window time as a whole.
pub const SLOT: &str = "slot";
/// An uploaded file.
pub const FILE: &str = "file";
/// A licence used as a material.
pub const LICENCE: &str = "licence";
/// The page of a form being saved.
pub const PAGE: &str = "page";
/// A state to filter by.
pub const STATE: &str = "state";
/// A licence's presentation code, typed or pasted to verify it.
pub const TOKEN: &str = "token";
/// The fields chosen to disclose when showing a licence.
pub const DISCLOSE: &str = "fields";
/// Who an authorisation to use a licence is for: a department's code or a credit code.
pub const GRANTEE: &str = "grantee";
/// The last day an authorisation may be used.
pub const UNTIL: &str = "until";
/// Why a licence is revoked.
pub const REASON: &str = "reason";
/// An authorisation's use code, typed by whoever uses the licence.
pub const USE_CODE: &str = "use_code";
/// What was wrong with a guide, from a fixed list.
pub const PROBLEMS: &str = "problems";
/// A comment in a person's own words.
pub const COMMENT: &str = "comment";
/// A ticket's kind, what it is about and which one.
pub const KIND: &str = "kind";
pub const ABOUT: &str = "about";
pub const ABOUT_REF: &str = "about_ref";
pub const SUBJECT: &str = "subject";
pub const MESSAGE: &str = "message";
/// Words written on a ticket: an answer, a question, a reason.
pub const TEXT: &str = "text";
/// An officer's choice of what to do.
pub const ACTION: &str = "action";
pub const DEPARTMENT: &str = "department";
/// One of the five 好差评 levels.
pub const SATISFACTION: &str = "satisfaction";
/// The payment channel a fee is paid through.
pub const CHANNEL: &str = "channel";
/// The Idempotency-Key header of a request that may be repeated.
pub const IDEMPOTENCY_KEY: &str = "idempotency_key";
/// A refund: the order it gives back from, and how much, in yuan as typed.
pub const ORDER: &str = "order";
pub const AMOUNT: &str = "amount";
/// Checking a fiscal e-receipt: its code, number and check code.
pub const RECEIPT_CODE: &str = "receipt_code";
pub const RECEIPT_NUMBER: &str = "receipt_number";
pub const CHECK_CODE: &str = "check_code";
pub const PICKUP_CODE: &str = "pickup_code";
pub const DATE: &str = "date";
pub const IDENTITY_CHECKED: &str = "identity_checked";
pub const ORIGINALS_CHECKED: &str = "originals_checked";
/// Assessing a fee: the line of the charging standard, and how many units.
pub const TARIFF_ITEM: &str = "tariff_item";
pub const UNITS: &str = "units";
/// An address in the address book: who receives what is posted, and where.
pub const RECIPIENT: &str = "recipient";
pub const DISTRICT: &str = "district";
pub const DETAIL: &str = "detail";

#[cfg(test)]
mod tests {
    use crate::applications::{ApplicationEvent, ApplicationState, SubmitRequest};
    use crate::companies::{AddAgentRequest, BindCompanyRequest};
    use crate::error::FieldProblems;
    use crate::identity::*;
    use crate::passkeys::RenamePasskeyRequest;
    use crate::staff::*;
    use crate::verification::{VerifyByBankCardRequest, VerifyBySmsRequest};

    /// Every name a validator says a problem under is one its form shows.
    fn only_declared(form: &str, problems: Result<(), FieldProblems>, declared: &[&str]) {
        let problems = problems.expect_err(form);
        for key in problems.keys() {
            assert!(declared.contains(key), "{form}: `{key}` is not among its fields {declared:?}");
        }
    }

    #[test]
    fn validators_use_only_the_fields_their_forms_declare() {
        only_declared("register", RegisterRequest::default().validate(), RegisterRequest::FIELDS);
        only_declared("password sign-in", PasswordSignInRequest::default().validate(), PasswordSignInRequest::FIELDS);
        only_declared("SMS sign-in", SmsSignInRequest::default().validate(), SmsSignInRequest::FIELDS);
        only_declared("change password", ChangePasswordRequest::default().validate(&[]), ChangePasswordRequest::FIELDS);
        only_declared("change phone", ChangePhoneRequest::default().validate(), ChangePhoneRequest::FIELDS);
        only_declared("confirm", ConfirmIdentityRequest::default().validate(), ConfirmIdentityRequest::FIELDS);
        only_declared("verify by SMS", VerifyBySmsRequest::default().validate(), VerifyBySmsRequest::FIELDS);
        only_declared("verify by card", VerifyByBankCardRequest::default().validate(), VerifyByBankCardRequest::FIELDS);
        only_declared("add agent", AddAgentRequest::default().validate(), AddAgentRequest::FIELDS);
        only_declared("bind company", BindCompanyRequest::default().validate(), BindCompanyRequest::FIELDS);
        only_declared("rename passkey", RenamePasskeyRequest::default().validate(), RenamePasskeyRequest::FIELDS);
        only_declared("start for a person", StartForPersonRequest::default().validate(), StartForPersonRequest::FIELDS);
        only_declared("staff sign-in", StaffSignInRequest::default().validate(), StaffSignInRequest::FIELDS);
        only_declared("staff code", StaffCodeRequest::default().validate(), StaffCodeRequest::FIELDS);
        only_declared("staff password", StaffPasswordRequest::default().validate(&[]), StaffPasswordRequest::FIELDS);
        only_declared("submit", SubmitRequest::default().validate(), SubmitRequest::FIELDS);
        let refusal = ActionRequest {
            event: ApplicationEvent::Reject,
            note: String::new(),
            legal_basis: None,
            corrections: Vec::new(),
            explanation: String::new(),
            version: 1,
        };
        only_declared("officer action", refusal.validate(ApplicationState::Submitted, 1), ActionRequest::FIELDS);
    }
}
