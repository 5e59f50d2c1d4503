//! The window officer's console: officers of a department sign in with their staff number, see
//! their department's queue, and move applications through their states.

use serde::{Deserialize, Serialize};

use crate::applications::{ApplicationEvent, ApplicationState, ApplicationSummary, Correction, Deadlines, SectionStatus, TimelineEntry};
use crate::error::{checked, require, FieldProblem, FieldProblems};
use crate::fields;
use crate::forms::{Answers, FormSchema};
use crate::lang::Localized;

pub const NOTE_MAX_CHARS: usize = 500;

/// Which applications of the department's queue to list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct QueueQuery {
    /// Only applications in this state.
    pub state: Option<String>,
    /// `mine`: only applications booked to be finished at the officer's own window.
    pub window: Option<String>,
}

impl QueueQuery {
    /// The `window` value that keeps the officer's own window's visits.
    pub const MY_WINDOW: &'static str = "mine";

    /// The parameters that are set, for building URLs on either side.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [("state", &self.state), ("window", &self.window)]
            .into_iter()
            .filter_map(|(name, value)| crate::catalogue::non_empty(value).map(|v| (name, v)))
            .collect()
    }
}
pub const REASON_MAX_CHARS: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSignInRequest {
    /// The staff number, such as `gjj01`.
    pub staff_number: String,
    pub password: String,
}

/// The password was right; a code went to the officer's work phone, to finish signing in with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSignInChallenge {
    /// Names this sign-in, for the second step.
    pub challenge: String,
    pub phone_masked: String,
    pub expires_in_secs: u32,
}

/// The second step of an officer's sign-in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffCodeRequest {
    pub challenge: String,
    pub code: String,
}

impl StaffCodeRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::CODE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        crate::identity::check_code(&mut problems, &self.code);
        checked(problems)
    }
}

/// The officer's own password, replacing the one-time password they were given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPasswordRequest {
    pub new_password: String,
    pub new_password_confirm: String,
}

impl StaffPasswordRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::NEW_PASSWORD, fields::NEW_PASSWORD_CONFIRM];

    pub fn validate(&self, personal: &[&str]) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        crate::identity::check_new_password(
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

impl StaffSignInRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::STAFF_NUMBER, fields::PASSWORD];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        require(&mut problems, fields::STAFF_NUMBER, self.staff_number.trim());
        require(&mut problems, fields::PASSWORD, &self.password);
        checked(problems)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficerView {
    pub name: String,
    pub staff_number: String,
    pub department: Localized,
    /// The window they work at.
    pub window: Option<Localized>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSessionView {
    pub officer: Option<OfficerView>,
    /// Signed in with a one-time password: nothing else opens until it is changed.
    #[serde(default)]
    pub password_change_required: bool,
}

/// A line of the department's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    pub applicant_name: String,
    /// The promised deadline, `YYYY-MM-DD`, once accepted.
    pub due: Option<String>,
    /// A booked visit: window name, day and time.
    pub booking: Option<String>,
}

/// What an officer can pick for a correction notice: every answer and every material of the guide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectionOption {
    /// `answer:{field}` or `material:{ref}`.
    pub item: String,
    pub label: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseView {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    pub applicant_name: String,
    pub applicant_id_masked: String,
    pub schema: FormSchema,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: Answers,
    pub sections: Vec<SectionStatus>,
    pub timeline: Vec<TimelineEntry>,
    /// The declaration's signature checked again now: the stored digest matches the answers.
    pub signature: Option<SignatureCheck>,
    pub deadlines: Option<Deadlines>,
    pub corrections: Vec<Correction>,
    pub materials: Vec<crate::materials::MaterialSlot>,
    /// How many correction notices were sent already; a second one needs an explanation.
    pub notices_sent: u32,
    pub correction_options: Vec<CorrectionOption>,
    /// The provisions a refusal can rest on: the guide's legal basis.
    pub legal_bases: Vec<Localized>,
    pub actions: Vec<ApplicationEvent>,
    pub version: i64,
    /// The fees the application owes or has paid, with the orders made for them.
    #[serde(default)]
    pub fees: Vec<crate::payments::CaseFee>,
    /// The service's charging standard, while the officer can assess the fee from it: the
    /// service's fee is assessed, none has been yet, and the application is accepted and undecided.
    #[serde(default)]
    pub fee_tariff: Vec<crate::catalogue::TariffItem>,
    /// The paper originals the department checks, where the service checks any: posted in or not.
    #[serde(default)]
    pub originals: Option<crate::delivery::OriginalsView>,
    /// The result posted by courier, with its tracking: what to tell an applicant who asks.
    #[serde(default)]
    pub shipment: Option<crate::delivery::ShipmentView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignatureCheck {
    pub signer_name: String,
    /// `sms` or `passkey`.
    pub method: String,
    pub signed_at: i64,
    pub digest: String,
    /// The digest of the answers as they are now equals the signed one.
    pub valid: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectionRequest {
    pub item: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionRequest {
    pub event: ApplicationEvent,
    /// The reasons for not accepting or rejecting (with the legal basis), or a note.
    #[serde(default)]
    pub note: String,
    /// For a refusal: which of the service's legal bases (`CaseView::legal_bases`) it rests on.
    #[serde(default)]
    pub legal_basis: Option<usize>,
    #[serde(default)]
    pub corrections: Vec<CorrectionRequest>,
    /// Why a second correction notice is needed.
    #[serde(default)]
    pub explanation: String,
    /// The version the officer saw: acting on an older one is a conflict.
    pub version: i64,
}

impl ActionRequest {
    pub const FIELDS: &'static [&'static str] =
        &[fields::EVENT, fields::NOTE, fields::LEGAL_BASIS, fields::CORRECTIONS, fields::EXPLANATION];

    /// Rules that need nothing but the request; the server adds those that need the case.
    pub fn validate(&self, state: ApplicationState, notices_sent: u32) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        if state.after(self.event).is_none() {
            problems.insert(fields::EVENT, FieldProblem::NotAllowedNow);
        }
        let note = self.note.trim();
        if matches!(self.event, ApplicationEvent::NotAccept | ApplicationEvent::Reject) {
            if note.is_empty() {
                problems.insert(fields::NOTE, FieldProblem::ReasonRequired);
            }
            if self.legal_basis.is_none() {
                problems.insert(fields::LEGAL_BASIS, FieldProblem::LegalBasisRequired);
            }
        }
        if note.chars().count() > NOTE_MAX_CHARS {
            problems.insert(fields::NOTE, FieldProblem::TooLong { max: NOTE_MAX_CHARS });
        }
        if self.event == ApplicationEvent::RequestCorrections {
            if self.corrections.is_empty() {
                problems.insert(fields::CORRECTIONS, FieldProblem::ChooseAtLeastOne);
            } else if self.corrections.iter().any(|c| c.reason.trim().is_empty()) {
                problems.insert(fields::CORRECTIONS, FieldProblem::ReasonForEach);
            } else if self.corrections.iter().any(|c| c.reason.trim().chars().count() > REASON_MAX_CHARS) {
                problems.insert(fields::CORRECTIONS, FieldProblem::TooLong { max: REASON_MAX_CHARS });
            }
            if notices_sent > 0 && self.explanation.trim().is_empty() {
                problems.insert(fields::EXPLANATION, FieldProblem::SecondNoticeNeedsExplanation);
            }
        }
        checked(problems)
    }
}

/// A service of the officer's department that can be applied for here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffService {
    pub code: String,
    pub name: Localized,
}

/// An officer starts an application for a person at the window.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartForPersonRequest {
    pub service_code: String,
    pub id_number: String,
}

impl StartForPersonRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::SERVICE_CODE, fields::ID_NUMBER];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        require(&mut problems, fields::SERVICE_CODE, self.service_code.trim());
        let id = self.id_number.trim().to_uppercase();
        if id.is_empty() {
            problems.insert(fields::ID_NUMBER, FieldProblem::Required);
        } else if !crate::ids::is_valid_resident_id(&id) {
            problems.insert(fields::ID_NUMBER, FieldProblem::InvalidResidentId);
        }
        checked(problems)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartedForPerson {
    pub application_id: String,
    pub applicant_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(event: ApplicationEvent) -> ActionRequest {
        ActionRequest { event, note: String::new(), legal_basis: None, corrections: Vec::new(), explanation: String::new(), version: 1 }
    }

    #[test]
    fn refusals_need_reasons_and_notices_need_items_with_reasons() {
        let problems = request(ApplicationEvent::Reject).validate(ApplicationState::UnderReview, 0).unwrap_err();
        assert_eq!(problems["note"], FieldProblem::ReasonRequired);
        assert_eq!(problems["legal_basis"], FieldProblem::LegalBasisRequired);
        let problems = request(ApplicationEvent::RequestCorrections).validate(ApplicationState::Submitted, 0).unwrap_err();
        assert_eq!(problems["corrections"], FieldProblem::ChooseAtLeastOne);
        let mut notice = request(ApplicationEvent::RequestCorrections);
        notice.corrections = vec![CorrectionRequest { item: "answer:name".into(), reason: " ".into() }];
        assert_eq!(notice.validate(ApplicationState::Submitted, 0).unwrap_err()["corrections"], FieldProblem::ReasonForEach);
        notice.corrections[0].reason = "姓名与身份证不一致".into();
        assert!(notice.validate(ApplicationState::Submitted, 0).is_ok());
        assert_eq!(
            notice.validate(ApplicationState::Resubmitted, 1).unwrap_err()["explanation"],
            FieldProblem::SecondNoticeNeedsExplanation
        );
        assert_eq!(
            request(ApplicationEvent::Approve).validate(ApplicationState::Submitted, 0).unwrap_err()["event"],
            FieldProblem::NotAllowedNow
        );
    }
}
