//! One customer service (统一总客服): a consultation, complaint or suggestion about a service, a
//! department or one of the person's applications becomes a ticket, routed to the responsible
//! department with a deadline in working days. Officers reply, ask for more, transfer or close;
//! the person is told, replies back and rates the closed ticket.

use serde::{Deserialize, Serialize};

use crate::error::require;
use crate::error::{checked, FieldProblem, FieldProblems};
use crate::fields;
use crate::identity::{check_code, check_phone};
use crate::lang::Localized;

pub const MAX_SUBJECT_CHARS: usize = 60;
pub const MAX_MESSAGE_CHARS: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketKind {
    Consultation,
    Complaint,
    Suggestion,
}

impl TicketKind {
    pub const ALL: [TicketKind; 3] = [TicketKind::Consultation, TicketKind::Complaint, TicketKind::Suggestion];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketKind::Consultation => "consultation",
            TicketKind::Complaint => "complaint",
            TicketKind::Suggestion => "suggestion",
        }
    }

    pub fn parse(text: &str) -> Option<TicketKind> {
        TicketKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// What a ticket is about, which decides the department it goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketAbout {
    Service,
    Department,
    Application,
}

impl TicketAbout {
    pub const ALL: [TicketAbout; 3] = [TicketAbout::Service, TicketAbout::Department, TicketAbout::Application];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketAbout::Service => "service",
            TicketAbout::Department => "department",
            TicketAbout::Application => "application",
        }
    }

    pub fn parse(text: &str) -> Option<TicketAbout> {
        TicketAbout::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// Whose turn it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// The department's: new, or the person wrote back.
    Open,
    /// The person's: the department asked for more.
    AwaitingPerson,
    /// The department answered; the person may write back.
    Answered,
    Closed,
}

impl TicketState {
    pub const ALL: [TicketState; 4] = [TicketState::Open, TicketState::AwaitingPerson, TicketState::Answered, TicketState::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketState::Open => "open",
            TicketState::AwaitingPerson => "awaiting_person",
            TicketState::Answered => "answered",
            TicketState::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<TicketState> {
        TicketState::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The person may write back: asked for more, or answered and not closed.
    pub fn person_may_reply(self) -> bool {
        matches!(self, TicketState::AwaitingPerson | TicketState::Answered)
    }
}

/// "Contact us". Without an account only a consultation, answered by text to a phone proved by a code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileTicketRequest {
    #[serde(default)]
    pub kind: Option<TicketKind>,
    #[serde(default)]
    pub about: Option<TicketAbout>,
    /// Which service, department or application, by its code or id, as `about` says.
    #[serde(default)]
    pub about_ref: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    /// Without an account: the phone to answer and the code sent to it.
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub code: String,
}

impl FileTicketRequest {
    pub const FIELDS: &'static [&'static str] =
        &[fields::KIND, fields::ABOUT, fields::ABOUT_REF, fields::SUBJECT, fields::MESSAGE, fields::PHONE, fields::CODE];

    pub fn validate(&self, signed_in: bool) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        match self.kind {
            None => {
                problems.insert(fields::KIND, FieldProblem::ChooseOne);
            }
            Some(kind) if !signed_in && kind != TicketKind::Consultation => {
                problems.insert(fields::KIND, FieldProblem::SignInToComplain);
            }
            Some(_) => {}
        }
        match self.about {
            None => {
                problems.insert(fields::ABOUT, FieldProblem::ChooseOne);
            }
            Some(TicketAbout::Application) if !signed_in => {
                problems.insert(fields::ABOUT, FieldProblem::SignInToComplain);
            }
            Some(_) if self.about_ref.trim().is_empty() => {
                problems.insert(fields::ABOUT_REF, FieldProblem::ChooseOne);
            }
            Some(_) => {}
        }
        if self.about_ref.chars().any(char::is_control) {
            problems.insert(fields::ABOUT_REF, FieldProblem::UnknownChoice);
        }
        let subject = self.subject.trim();
        require(&mut problems, fields::SUBJECT, subject);
        if subject.chars().count() > MAX_SUBJECT_CHARS {
            problems.insert(fields::SUBJECT, FieldProblem::TooLong { max: MAX_SUBJECT_CHARS });
        } else if subject.chars().any(char::is_control) {
            problems.insert(fields::SUBJECT, FieldProblem::ControlCharacters);
        }
        check_text(&mut problems, fields::MESSAGE, &self.message);
        if !signed_in {
            check_phone(&mut problems, fields::PHONE, &self.phone);
            check_code(&mut problems, &self.code);
        }
        checked(problems)
    }
}

/// The acknowledgement: the number to quote, who handles it and by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketFiled {
    /// For a signed-in person, to open it; empty without an account.
    pub id: String,
    pub number: String,
    pub department: Localized,
    /// `YYYY-MM-DD`.
    pub due: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketSummary {
    pub id: String,
    pub number: String,
    pub kind: TicketKind,
    pub subject: String,
    pub state: TicketState,
    pub department: Localized,
    /// Unix seconds.
    pub opened_at: i64,
    pub due: String,
    /// Past its due day and not closed.
    pub overdue: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketEventKind {
    Filed,
    Replied,
    AskedForMore,
    PersonReplied,
    Transferred,
    Closed,
}

impl TicketEventKind {
    pub const ALL: [TicketEventKind; 6] = [
        TicketEventKind::Filed,
        TicketEventKind::Replied,
        TicketEventKind::AskedForMore,
        TicketEventKind::PersonReplied,
        TicketEventKind::Transferred,
        TicketEventKind::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketEventKind::Filed => "filed",
            TicketEventKind::Replied => "replied",
            TicketEventKind::AskedForMore => "asked_for_more",
            TicketEventKind::PersonReplied => "person_replied",
            TicketEventKind::Transferred => "transferred",
            TicketEventKind::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<TicketEventKind> {
        TicketEventKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One step on the ticket's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketEvent {
    /// Unix seconds.
    pub at: i64,
    pub kind: TicketEventKind,
    /// The department that acted; none when the person did.
    pub department: Option<Localized>,
    /// For a transfer, where it went.
    pub to_department: Option<Localized>,
    /// What was written, as written.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketView {
    #[serde(flatten)]
    pub summary: TicketSummary,
    pub service: Option<Localized>,
    /// The application it is about: its id and number.
    pub application_id: Option<String>,
    pub application_number: Option<String>,
    pub events: Vec<TicketEvent>,
}

/// The ticket as the department's officer works it, with how to reach the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffTicketView {
    #[serde(flatten)]
    pub ticket: TicketView,
    /// Empty for a consultation without an account.
    pub person_name: String,
    pub person_phone: String,
}

/// The person writing back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketReplyRequest {
    pub text: String,
}

impl TicketReplyRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::TEXT];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        check_text(&mut problems, fields::TEXT, &self.text);
        checked(problems)
    }
}

/// Words written on a ticket: given, not too long, and no control characters but line breaks.
fn check_text(problems: &mut FieldProblems, field: &'static str, text: &str) {
    let text = text.trim();
    require(problems, field, text);
    if text.chars().count() > MAX_MESSAGE_CHARS {
        problems.insert(field, FieldProblem::TooLong { max: MAX_MESSAGE_CHARS });
    } else if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        problems.insert(field, FieldProblem::ControlCharacters);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketAction {
    Reply,
    AskForMore,
    Transfer,
    Close,
}

impl TicketAction {
    pub const ALL: [TicketAction; 4] = [TicketAction::Reply, TicketAction::AskForMore, TicketAction::Transfer, TicketAction::Close];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketAction::Reply => "reply",
            TicketAction::AskForMore => "ask_for_more",
            TicketAction::Transfer => "transfer",
            TicketAction::Close => "close",
        }
    }

    pub fn parse(text: &str) -> Option<TicketAction> {
        TicketAction::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// An officer's step: the words are the answer, the question, the reason for a transfer or the
/// closing note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketActionRequest {
    #[serde(default)]
    pub action: Option<TicketAction>,
    #[serde(default)]
    pub text: String,
    /// Where a transfer sends it.
    #[serde(default)]
    pub department_code: String,
    /// How many steps the officer saw on the timeline: a step taken meanwhile (the person's reply,
    /// another officer's answer) makes this one a conflict, never a blind overwrite.
    #[serde(default)]
    pub seen: u32,
}

impl TicketActionRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::ACTION, fields::DEPARTMENT, fields::TEXT];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        match self.action {
            None => {
                problems.insert(fields::ACTION, FieldProblem::ChooseOne);
            }
            Some(TicketAction::Transfer)
                if self.department_code.trim().is_empty() || self.department_code.chars().any(char::is_control) =>
            {
                problems.insert(fields::DEPARTMENT, FieldProblem::ChooseOne);
            }
            Some(_) => {}
        }
        check_text(&mut problems, fields::TEXT, &self.text);
        checked(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filed() -> FileTicketRequest {
        FileTicketRequest {
            kind: Some(TicketKind::Complaint),
            about: Some(TicketAbout::Department),
            about_ref: "gjj".into(),
            subject: "窗口排队太久".into(),
            message: "上午排了两个小时".into(),
            ..Default::default()
        }
    }

    #[test]
    fn without_an_account_only_a_consultation_with_a_proved_phone() {
        assert!(filed().validate(true).is_ok());
        let found = filed().validate(false).unwrap_err();
        assert_eq!(found.get(fields::KIND), Some(&FieldProblem::SignInToComplain));
        assert_eq!(found.get(fields::PHONE), Some(&FieldProblem::Required));
        let asked =
            FileTicketRequest { kind: Some(TicketKind::Consultation), phone: "13800138000".into(), code: "123456".into(), ..filed() };
        assert!(asked.validate(false).is_ok());
    }

    #[test]
    fn what_it_is_about_is_named() {
        let vague = FileTicketRequest { about_ref: " ".into(), ..filed() };
        assert_eq!(vague.validate(true).unwrap_err().get(fields::ABOUT_REF), Some(&FieldProblem::ChooseOne));
        let long = FileTicketRequest { subject: "长".repeat(MAX_SUBJECT_CHARS + 1), ..filed() };
        assert!(long.validate(true).unwrap_err().contains_key(fields::SUBJECT));
    }
}
