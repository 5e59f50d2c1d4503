//! Applications: a draft filled in page by page, submitted once with a signed declaration, then
//! moved through named states by officers. Every state and every allowed move is listed here,
//! so the app shows only possible actions and the server refuses the rest.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::fields;

use crate::error::{checked, FieldProblems};
use crate::forms::{Answers, FormSchema, Prefill, SectionState};
use crate::identity::check_code;
use crate::lang::Localized;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    Draft,
    Submitted,
    Accepted,
    NotAccepted,
    UnderReview,
    CorrectionsRequested,
    Resubmitted,
    Approved,
    Rejected,
    ResultIssued,
    Closed,
    Withdrawn,
}

/// A move from one state to another, recorded on the timeline with who, when and a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationEvent {
    Submit,
    Accept,
    NotAccept,
    StartReview,
    RequestCorrections,
    Resubmit,
    Approve,
    Reject,
    IssueResult,
    Close,
    Withdraw,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 12] = [
        ApplicationState::Draft,
        ApplicationState::Submitted,
        ApplicationState::Accepted,
        ApplicationState::NotAccepted,
        ApplicationState::UnderReview,
        ApplicationState::CorrectionsRequested,
        ApplicationState::Resubmitted,
        ApplicationState::Approved,
        ApplicationState::Rejected,
        ApplicationState::ResultIssued,
        ApplicationState::Closed,
        ApplicationState::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
            ApplicationState::Accepted => "accepted",
            ApplicationState::NotAccepted => "not_accepted",
            ApplicationState::UnderReview => "under_review",
            ApplicationState::CorrectionsRequested => "corrections_requested",
            ApplicationState::Resubmitted => "resubmitted",
            ApplicationState::Approved => "approved",
            ApplicationState::Rejected => "rejected",
            ApplicationState::ResultIssued => "result_issued",
            ApplicationState::Closed => "closed",
            ApplicationState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Nothing more will happen to the application (GOV.UK Pay's `finished`).
    pub fn finished(self) -> bool {
        matches!(self, ApplicationState::NotAccepted | ApplicationState::Rejected | ApplicationState::Closed | ApplicationState::Withdrawn)
    }

    /// It ended without what was asked for: withdrawn, not accepted or refused. A fee it still
    /// owed is no longer owed, and money that comes for it goes back.
    pub fn ended_ungranted(self) -> bool {
        matches!(self, ApplicationState::Withdrawn | ApplicationState::NotAccepted | ApplicationState::Rejected)
    }

    /// An officer has decided it — not accepted, approved or refused — so its handling can be rated.
    pub fn decided(self) -> bool {
        matches!(
            self,
            ApplicationState::NotAccepted
                | ApplicationState::Approved
                | ApplicationState::Rejected
                | ApplicationState::ResultIssued
                | ApplicationState::Closed
        )
    }

    /// What submitting means from here: a first submission, or the resubmission after corrections.
    pub fn submission(self) -> ApplicationEvent {
        match self {
            ApplicationState::CorrectionsRequested => ApplicationEvent::Resubmit,
            _ => ApplicationEvent::Submit,
        }
    }

    /// Where `event` leads from here, if it is allowed at all.
    pub fn after(self, event: ApplicationEvent) -> Option<ApplicationState> {
        use ApplicationEvent as E;
        use ApplicationState as S;
        let decided = matches!(self, S::Approved | S::Rejected | S::ResultIssued | S::Closed);
        match (self, event) {
            (S::Draft, E::Submit) => Some(S::Submitted),
            (S::Submitted | S::Resubmitted, E::Accept) => Some(S::Accepted),
            (S::Submitted | S::Resubmitted, E::NotAccept) => Some(S::NotAccepted),
            (S::Accepted | S::Resubmitted, E::StartReview) => Some(S::UnderReview),
            (S::Submitted | S::Accepted | S::UnderReview | S::Resubmitted, E::RequestCorrections) => Some(S::CorrectionsRequested),
            (S::CorrectionsRequested, E::Resubmit) => Some(S::Resubmitted),
            (S::UnderReview | S::Resubmitted, E::Approve) => Some(S::Approved),
            (S::UnderReview | S::Resubmitted, E::Reject) => Some(S::Rejected),
            (S::Approved, E::IssueResult) => Some(S::ResultIssued),
            (S::ResultIssued, E::Close) => Some(S::Closed),
            (state, E::Withdraw) if !decided && !state.finished() && state != S::Draft => Some(S::Withdrawn),
            _ => None,
        }
    }
}

impl ApplicationEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationEvent::Submit => "submit",
            ApplicationEvent::Accept => "accept",
            ApplicationEvent::NotAccept => "not_accept",
            ApplicationEvent::StartReview => "start_review",
            ApplicationEvent::RequestCorrections => "request_corrections",
            ApplicationEvent::Resubmit => "resubmit",
            ApplicationEvent::Approve => "approve",
            ApplicationEvent::Reject => "reject",
            ApplicationEvent::IssueResult => "issue_result",
            ApplicationEvent::Close => "close",
            ApplicationEvent::Withdraw => "withdraw",
        }
    }
}

/// How the application is made: entirely online, or prepared online and finished at a window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Online,
    Window,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartApplicationRequest {
    pub service_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    pub id: String,
    /// Given when it is submitted.
    pub number: Option<String>,
    pub service_code: String,
    pub service_name: Localized,
    pub state: ApplicationState,
    /// The company it is made for, by name.
    pub company_name: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionStatus {
    pub id: String,
    pub state: SectionState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub at: i64,
    pub event: ApplicationEvent,
    /// Who did it, as the applicant may see it: their own name, or the department's.
    pub by: String,
    pub note: String,
    /// The provision a refusal rests on.
    pub legal_basis: Option<Localized>,
}

/// One item of a correction notice: what to fix and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Correction {
    /// `answer:{field}` or `material:{ref}`.
    pub item: String,
    pub label: Localized,
    pub reason: String,
    /// The page to fix it on, for an answer.
    pub page: Option<String>,
    /// The applicant has saved that page again since the notice.
    pub addressed: bool,
}

/// Time limits counted in working days from acceptance; time waiting for corrections does not
/// count, so it moves the dates on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deadlines {
    pub accepted_on: String,
    pub promised: String,
    pub statutory: String,
    pub paused_working_days: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    pub schema: FormSchema,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: Answers,
    pub sections: Vec<SectionStatus>,
    /// What the portal knows of the applicant, offered for questions that ask for it.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub known: BTreeMap<Prefill, String>,
    pub timeline: Vec<TimelineEntry>,
    /// Changes with every save: a save made from an older copy is refused, not merged.
    pub version: i64,
    /// Today in Shanghai, `YYYY-MM-DD`, for date rules.
    pub today: String,
    /// The open correction notice, all of it.
    pub corrections: Vec<Correction>,
    pub channel: Channel,
    pub booking: Option<BookingView>,
    /// The service is handled at a window: a slot must be booked before submitting.
    pub window_required: bool,
    /// Where the materials stand, as a line of the task list.
    pub materials: SectionState,
    pub materials_missing: u32,
    pub deadlines: Option<Deadlines>,
    /// The fees it owes or has paid.
    #[serde(default)]
    pub fees: Vec<crate::payments::FeeView>,
    /// Its result, waiting at a window to be collected (or collected).
    #[serde(default)]
    pub pickup: Option<crate::delivery::PickupView>,
    /// The result posted by courier, with its tracking.
    #[serde(default)]
    pub shipment: Option<crate::delivery::ShipmentView>,
    /// The paper originals the department checks, where the service checks any.
    #[serde(default)]
    pub originals: Option<crate::delivery::OriginalsView>,
}

/// Half-hour slots at a window, each taken by this many people at most.
pub const SLOT_CAPACITY: u32 = 2;
pub const SLOT_TIMES: [&str; 12] =
    ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"];
/// How many working days ahead a slot can be booked.
pub const BOOKING_DAYS: u32 = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotView {
    pub time: String,
    pub free: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayView {
    pub day: String,
    pub slots: Vec<SlotView>,
}

/// Where the application can be finished in person, with free slots per working day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WindowSlots {
    pub window: crate::catalogue::ServiceWindow,
    pub days: Vec<DayView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingView {
    pub window: crate::catalogue::ServiceWindow,
    pub day: String,
    pub time: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookRequest {
    pub window: String,
    pub day: String,
    pub time: String,
}

impl BookRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::WINDOW, fields::DAY, fields::TIME, fields::SLOT];
}

/// A message in the applicant's message centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: String,
    pub application_id: Option<String>,
    pub title: String,
    pub body: String,
    pub at: i64,
    pub read: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: u32,
}

/// The answers on one page, saved when the applicant continues.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavePageRequest {
    pub page: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: Answers,
    pub version: i64,
}

/// The declaration to sign: the digest of exactly what will be submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Declaration {
    /// SHA-256 of the canonical submission, hex.
    pub digest: String,
    /// Where the confirmation code went.
    pub phone_masked: String,
    pub expires_in_secs: u32,
    pub resend_after_secs: u32,
}

/// The declaration to sign with a passkey: its challenge is the digest itself, so the
/// assertion is a signature over exactly what is submitted.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyDeclaration {
    pub digest: String,
    pub ceremony: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: crate::passkeys::RequestChallengeResponse,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeySignature {
    pub ceremony: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: crate::passkeys::PublicKeyCredential,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitRequest {
    pub digest: String,
    /// The SMS code that confirms the declaration, when it is not signed with a passkey.
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub passkey: Option<PasskeySignature>,
}

impl SubmitRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::CODE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        if self.passkey.is_some() {
            return Ok(());
        }
        let mut problems = FieldProblems::new();
        check_code(&mut problems, &self.code);
        checked(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldProblem;
    use ApplicationEvent as E;
    use ApplicationState as S;

    #[test]
    fn the_happy_path_and_the_correction_loop_are_allowed() {
        let mut state = S::Draft;
        for (event, next) in [
            (E::Submit, S::Submitted),
            (E::RequestCorrections, S::CorrectionsRequested),
            (E::Resubmit, S::Resubmitted),
            (E::Accept, S::Accepted),
            (E::StartReview, S::UnderReview),
            (E::Approve, S::Approved),
            (E::IssueResult, S::ResultIssued),
            (E::Close, S::Closed),
        ] {
            state = state.after(event).unwrap_or_else(|| panic!("{event:?} from {state:?}"));
            assert_eq!(state, next);
        }
        assert!(state.finished());
    }

    #[test]
    fn everything_else_is_refused() {
        assert_eq!(S::Draft.after(E::Approve), None);
        assert_eq!(S::Draft.after(E::Withdraw), None, "a draft is deleted, not withdrawn");
        assert_eq!(S::Submitted.after(E::Approve), None, "nothing is decided before it is accepted");
        assert_eq!(S::Approved.after(E::Withdraw), None, "too late to withdraw");
        assert_eq!(S::Rejected.after(E::Resubmit), None);
        assert_eq!(S::Withdrawn.after(E::Accept), None);
        assert_eq!(S::UnderReview.after(E::Withdraw), Some(S::Withdrawn));
        for state in S::ALL {
            assert_eq!(S::parse(state.as_str()), Some(state));
            if state.finished() {
                assert!([E::Accept, E::Approve, E::Withdraw, E::Resubmit].iter().all(|e| state.after(*e).is_none()));
            }
        }
    }

    #[test]
    fn the_confirmation_code_is_six_digits() {
        assert_eq!(
            SubmitRequest { digest: "x".into(), code: "".into(), passkey: None }.validate().unwrap_err()["code"],
            FieldProblem::Required
        );
        assert_eq!(
            SubmitRequest { digest: "x".into(), code: "12345".into(), passkey: None }.validate().unwrap_err()["code"],
            FieldProblem::CodeFormat
        );
        assert!(SubmitRequest { digest: "x".into(), code: " 123456 ".into(), passkey: None }.validate().is_ok());
    }
}
