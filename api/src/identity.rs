//! One login for everything: registration, sign-in, sessions and the account centre.

use serde::{Deserialize, Serialize};

use crate::companies::AgentScope;
use crate::error::{checked, require, FieldProblem, FieldProblems};
use crate::fields;
use crate::ids::{is_valid_mobile, is_valid_resident_id};

pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const NAME_MAX_CHARS: usize = 30;
/// Header that carries the CSRF token, which must equal the `tb_csrf` cookie.
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_COOKIE: &str = "tb_csrf";

/// What a one-time SMS code is for; a code works only for its purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CodePurpose {
    Register,
    SignIn,
    /// Real-name verification: sent to the phone on record in the population register.
    Verify,
    /// Proves a new phone number belongs to the signed-in person.
    ChangePhone,
    /// Confirms a declaration: the person signs the digest of what they submit.
    Sign,
    /// Proves again that it is the account's person, before a sensitive change.
    Confirm,
    /// An officer's second factor, to their work phone.
    StaffSignIn,
    /// Proves the phone a consultation without an account is answered at.
    Ticket,
}

impl CodePurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            CodePurpose::Register => "register",
            CodePurpose::SignIn => "sign_in",
            CodePurpose::Verify => "verify",
            CodePurpose::ChangePhone => "change_phone",
            CodePurpose::Sign => "sign",
            CodePurpose::Confirm => "confirm",
            CodePurpose::StaffSignIn => "staff_sign_in",
            CodePurpose::Ticket => "ticket",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendCodeRequest {
    pub phone: String,
    pub purpose: Option<CodePurpose>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendCodeResponse {
    pub expires_in_secs: u32,
    pub resend_after_secs: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub code: String,
    pub password: String,
    pub password_confirm: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordSignInRequest {
    /// Resident ID number or mobile number.
    pub identifier: String,
    pub password: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsSignInRequest {
    pub phone: String,
    pub code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
    pub new_password_confirm: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhoneCodeRequest {
    pub phone: String,
}

/// A new phone, proved by the code sent to it, and the password again: a phone is how the
/// account is recovered, so changing it needs both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePhoneRequest {
    pub phone: String,
    pub code: String,
    pub password: String,
}

/// Levels of assurance: L1 phone verified, L2 real-name verified, L3 a passkey on top of L2.
pub type AssuranceLevel = u8;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub name: String,
    /// `310***********241X`: the full number is never sent back.
    pub id_number_masked: String,
    pub phone_masked: String,
    pub level: AssuranceLevel,
    /// The language the account's texts are written in.
    pub texts_in: crate::Lang,
}

/// The language the account's texts are written in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextsLanguageRequest {
    pub lang: crate::Lang,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActingAs {
    pub credit_code: String,
    pub name: String,
    /// What this person may do for the company now; never empty (acting needs at least one).
    pub scopes: Vec<AgentScope>,
    /// The company's legal representative, not an agent: only they lend its licences.
    pub representative: bool,
}

impl ActingAs {
    pub fn may(&self, scope: AgentScope) -> bool {
        self.scopes.contains(&scope)
    }
}

/// The state of this browser's session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionView {
    pub user: Option<UserView>,
    /// The company this session acts for, if not the person themself.
    pub acting_as: Option<ActingAs>,
    /// Idle time after which the session ends.
    pub idle_timeout_secs: u32,
    /// How long before the idle end the warning appears.
    pub warning_secs: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveSession {
    pub id: String,
    pub current: bool,
    /// Unix seconds.
    pub created_at: i64,
    pub last_seen_at: i64,
    pub ip: String,
    pub device: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountEvent {
    /// Unix seconds.
    pub at: i64,
    pub action: crate::audit::AuditAction,
    pub ip: String,
}

/// `310***********241X`: first three and last four characters.
pub fn mask_id_number(id: &str) -> String {
    mask(id, 3, 4)
}

/// `138****8000`.
pub fn mask_phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

fn mask(value: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let hidden = chars.len() - head - tail;
    chars[..head].iter().chain(std::iter::repeat_n(&'*', hidden)).chain(&chars[chars.len() - tail..]).collect()
}

pub fn is_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

pub fn check_phone(problems: &mut FieldProblems, field: &'static str, phone: &str) {
    if phone.trim().is_empty() {
        problems.insert(field, FieldProblem::Required);
    } else if !is_valid_mobile(phone.trim()) {
        problems.insert(field, FieldProblem::InvalidMobile);
    }
}

/// A one-time code field: given, and six digits.
pub fn check_code(problems: &mut FieldProblems, code: &str) {
    if code.trim().is_empty() {
        problems.insert(fields::CODE, FieldProblem::Required);
    } else if !is_code(code.trim()) {
        problems.insert(fields::CODE, FieldProblem::CodeFormat);
    }
}

/// Length and personal-data rules; whether it is too common is checked by the server's list.
pub(crate) fn check_new_password(
    problems: &mut FieldProblems,
    field: &'static str,
    confirm_field: &'static str,
    password: &str,
    confirm: &str,
    personal: &[&str],
) {
    let chars = password.chars().count();
    if password.is_empty() {
        problems.insert(field, FieldProblem::Required);
    } else if chars < PASSWORD_MIN_CHARS {
        problems.insert(field, FieldProblem::TooShort { min: PASSWORD_MIN_CHARS });
    } else if chars > PASSWORD_MAX_CHARS {
        problems.insert(field, FieldProblem::TooLong { max: PASSWORD_MAX_CHARS });
    } else if personal.iter().any(|p| p.len() >= 6 && password.to_uppercase().contains(&p.to_uppercase())) {
        problems.insert(field, FieldProblem::PasswordHasPersonalData);
    }
    if !password.is_empty() && password != confirm {
        problems.insert(confirm_field, FieldProblem::PasswordMismatch);
    }
}

impl SendCodeRequest {
    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        check_phone(&mut problems, fields::PHONE, &self.phone);
        if self.purpose.is_none() {
            problems.insert(fields::PURPOSE, FieldProblem::UnknownChoice);
        }
        checked(problems)
    }
}

impl RegisterRequest {
    pub const FIELDS: &'static [&'static str] =
        &[fields::NAME, fields::ID_NUMBER, fields::PHONE, fields::CODE, fields::PASSWORD, fields::PASSWORD_CONFIRM];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.insert(fields::NAME, FieldProblem::Required);
        } else if name.chars().count() > NAME_MAX_CHARS {
            problems.insert(fields::NAME, FieldProblem::TooLong { max: NAME_MAX_CHARS });
        }
        let id = self.id_number.trim();
        if id.is_empty() {
            problems.insert(fields::ID_NUMBER, FieldProblem::Required);
        } else if !is_valid_resident_id(id) {
            problems.insert(fields::ID_NUMBER, FieldProblem::InvalidResidentId);
        }
        check_phone(&mut problems, fields::PHONE, &self.phone);
        check_code(&mut problems, &self.code);
        check_new_password(
            &mut problems,
            fields::PASSWORD,
            fields::PASSWORD_CONFIRM,
            &self.password,
            &self.password_confirm,
            &[id, self.phone.trim()],
        );
        checked(problems)
    }
}

impl PasswordSignInRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::IDENTIFIER, fields::PASSWORD];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        require(&mut problems, fields::IDENTIFIER, self.identifier.trim());
        require(&mut problems, fields::PASSWORD, &self.password);
        checked(problems)
    }
}

impl SmsSignInRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PHONE, fields::CODE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        check_phone(&mut problems, fields::PHONE, &self.phone);
        check_code(&mut problems, &self.code);
        checked(problems)
    }
}

impl PhoneCodeRequest {
    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        check_phone(&mut problems, fields::PHONE, &self.phone);
        checked(problems)
    }
}

impl ChangePhoneRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PHONE, fields::CODE, fields::PASSWORD];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        check_phone(&mut problems, fields::PHONE, &self.phone);
        check_code(&mut problems, &self.code);
        require(&mut problems, fields::PASSWORD, &self.password);
        checked(problems)
    }
}

/// A fresh proof before a sensitive change: the password, or a code sent to the account's phone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmIdentityRequest {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub code: String,
}

impl ConfirmIdentityRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PASSWORD, fields::CODE];

    pub fn by_code(&self) -> bool {
        !self.code.trim().is_empty()
    }

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        if self.by_code() {
            check_code(&mut problems, &self.code);
        } else {
            require(&mut problems, fields::PASSWORD, &self.password);
        }
        checked(problems)
    }
}

impl ChangePasswordRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::CURRENT_PASSWORD, fields::NEW_PASSWORD, fields::NEW_PASSWORD_CONFIRM];

    pub fn validate(&self, personal: &[&str]) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        require(&mut problems, fields::CURRENT_PASSWORD, &self.current_password);
        check_new_password(
            &mut problems,
            fields::NEW_PASSWORD,
            fields::NEW_PASSWORD_CONFIRM,
            &self.new_password,
            &self.new_password_confirm,
            personal,
        );
        checked(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_the_ends() {
        assert_eq!(mask_id_number("31010119900307241X"), "310***********241X");
        assert_eq!(mask_phone("13800138000"), "138****8000");
        assert_eq!(mask_phone("123"), "***");
    }

    fn registration() -> RegisterRequest {
        RegisterRequest {
            name: "王芳".into(),
            id_number: "310104199203154427".into(),
            phone: "13700137000".into(),
            code: "123456".into(),
            password: "Lantern-river-42".into(),
            password_confirm: "Lantern-river-42".into(),
        }
    }

    #[test]
    fn a_complete_registration_passes() {
        assert_eq!(registration().validate(), Ok(()));
    }

    #[test]
    fn every_registration_problem_is_reported_at_once() {
        let request = RegisterRequest {
            name: " ".into(),
            id_number: "310104199203154420".into(),
            phone: "1370013700".into(),
            code: "12a456".into(),
            password: "short".into(),
            password_confirm: "other".into(),
        };
        let problems = request.validate().unwrap_err();
        assert_eq!(problems["name"], FieldProblem::Required);
        assert_eq!(problems["id_number"], FieldProblem::InvalidResidentId);
        assert_eq!(problems["phone"], FieldProblem::InvalidMobile);
        assert_eq!(problems["code"], FieldProblem::CodeFormat);
        assert_eq!(problems["password"], FieldProblem::TooShort { min: PASSWORD_MIN_CHARS });
        assert_eq!(problems["password_confirm"], FieldProblem::PasswordMismatch);
    }

    #[test]
    fn a_password_may_not_contain_the_phone_or_id_number() {
        let mut request = registration();
        request.password = "x13700137000x".into();
        request.password_confirm = request.password.clone();
        assert_eq!(request.validate().unwrap_err()["password"], FieldProblem::PasswordHasPersonalData);
    }
}
