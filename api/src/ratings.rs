//! 好差评: after each handling the person rates it once on five levels. A bad rating names what
//! was wrong and opens a follow-up the department must answer within set working days; the person
//! sees it and may revise the rating once. The counts are published per department and service.

use serde::{Deserialize, Serialize};

use crate::error::{checked, FieldProblem, FieldProblems};
use crate::fields;
use crate::lang::Localized;

/// What a comment or an officer's note may hold.
pub const MAX_TEXT_CHARS: usize = 500;

/// The five levels of the national 好差评 system, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    VerySatisfied,
    Satisfied,
    Fair,
    Dissatisfied,
    VeryDissatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 5] = [
        Satisfaction::VerySatisfied,
        Satisfaction::Satisfied,
        Satisfaction::Fair,
        Satisfaction::Dissatisfied,
        Satisfaction::VeryDissatisfied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "very_satisfied",
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Fair => "fair",
            Satisfaction::Dissatisfied => "dissatisfied",
            Satisfaction::VeryDissatisfied => "very_dissatisfied",
        }
    }

    pub fn parse(text: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// 差评: 不满意 or 非常不满意. It asks what was wrong and opens a follow-up.
    pub fn is_bad(self) -> bool {
        matches!(self, Satisfaction::Dissatisfied | Satisfaction::VeryDissatisfied)
    }
}

/// What was wrong with a handling rated badly: the reasons the national system lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RatingProblem {
    /// The guide did not say clearly what was needed.
    UnclearGuide,
    /// Asked for too many materials, or for ones the government holds.
    TooManyMaterials,
    /// Took longer than promised.
    TooSlow,
    /// Had to come back or go to more than one place.
    CameMoreThanOnce,
    /// How the staff treated the person.
    StaffAttitude,
    /// The online service was hard to use.
    HardToUse,
    /// The result itself is thought wrong.
    WrongResult,
}

impl RatingProblem {
    pub const ALL: [RatingProblem; 7] = [
        RatingProblem::UnclearGuide,
        RatingProblem::TooManyMaterials,
        RatingProblem::TooSlow,
        RatingProblem::CameMoreThanOnce,
        RatingProblem::StaffAttitude,
        RatingProblem::HardToUse,
        RatingProblem::WrongResult,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RatingProblem::UnclearGuide => "unclear_guide",
            RatingProblem::TooManyMaterials => "too_many_materials",
            RatingProblem::TooSlow => "too_slow",
            RatingProblem::CameMoreThanOnce => "came_more_than_once",
            RatingProblem::StaffAttitude => "staff_attitude",
            RatingProblem::HardToUse => "hard_to_use",
            RatingProblem::WrongResult => "wrong_result",
        }
    }

    pub fn parse(text: &str) -> Option<RatingProblem> {
        RatingProblem::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// A rating, or its one revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateRequest {
    /// Required; optional here so that leaving it out is told like any other field.
    #[serde(default)]
    pub satisfaction: Option<Satisfaction>,
    /// Only for a bad rating, which needs at least one.
    #[serde(default)]
    pub problems: Vec<RatingProblem>,
    #[serde(default)]
    pub comment: String,
}

impl RateRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::SATISFACTION, fields::PROBLEMS, fields::COMMENT];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        match self.satisfaction {
            None => {
                problems.insert(fields::SATISFACTION, FieldProblem::ChooseSatisfaction);
            }
            Some(satisfaction) if satisfaction.is_bad() && self.problems.is_empty() => {
                problems.insert(fields::PROBLEMS, FieldProblem::ChooseAtLeastOne);
            }
            Some(_) => {}
        }
        check_text(&mut problems, fields::COMMENT, &self.comment);
        checked(problems)
    }
}

/// Free text: not too long, and no control characters but line breaks (a database may refuse them).
fn check_text(problems: &mut FieldProblems, field: &'static str, text: &str) {
    let text = text.trim();
    if text.chars().count() > MAX_TEXT_CHARS {
        problems.insert(field, FieldProblem::TooLong { max: MAX_TEXT_CHARS });
    } else if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        problems.insert(field, FieldProblem::ControlCharacters);
    }
}

/// One step of a follow-up, done: when, and what the officer recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpStep {
    /// Unix seconds.
    pub at: i64,
    /// The officer's own words, as written.
    pub note: String,
}

/// What the department owes a bad rating: contact the person, then put right what was wrong,
/// each by a working day counted from the rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpView {
    pub department: Localized,
    /// `YYYY-MM-DD`, Shanghai.
    pub contact_due: String,
    pub put_right_due: String,
    pub contacted: Option<FollowUpStep>,
    pub put_right: Option<FollowUpStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingView {
    pub satisfaction: Satisfaction,
    pub problems: Vec<RatingProblem>,
    pub comment: String,
    /// Unix seconds of the rating as it stands.
    pub at: i64,
    /// The first rating, once it has been revised (which can be done once).
    pub revised_from: Option<Satisfaction>,
    pub follow_up: Option<FollowUpView>,
}

impl RatingView {
    pub fn may_revise(&self) -> bool {
        self.revised_from.is_none()
    }
}

/// Where a handling stands for its rater: whether it can be rated, and the rating given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandlingRating {
    /// What the person knows it by: the service, or the ticket's subject.
    pub name: Localized,
    /// The handling is done, so it can be rated (if it has not been).
    pub open: bool,
    pub rating: Option<RatingView>,
}

/// Where a follow-up stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUpState {
    AwaitingContact,
    AwaitingPutRight,
    PutRight,
}

/// A follow-up in the department's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpItem {
    pub id: String,
    /// What was rated: the application's number and service.
    pub number: String,
    pub service_name: Localized,
    pub satisfaction: Satisfaction,
    pub problems: Vec<RatingProblem>,
    /// Unix seconds.
    pub rated_at: i64,
    pub state: FollowUpState,
    /// The next step's last day, while there is one.
    pub due: Option<String>,
    pub overdue: bool,
}

/// One follow-up as the officer works it: the rating and how to reach the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpCase {
    #[serde(flatten)]
    pub item: FollowUpItem,
    /// Where the console shows what was rated: the application or the ticket.
    pub rated_path: String,
    pub comment: String,
    pub revised_from: Option<Satisfaction>,
    pub person_name: String,
    pub person_phone: String,
    pub follow_up: FollowUpView,
}

/// The next step of a follow-up, in the officer's words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpStepRequest {
    pub note: String,
}

impl FollowUpStepRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::NOTE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        if self.note.trim().is_empty() {
            problems.insert(fields::NOTE, FieldProblem::Required);
        }
        check_text(&mut problems, fields::NOTE, &self.note);
        checked(problems)
    }
}

/// The period the published counts cover, up to today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RatingPeriod {
    Month,
    Quarter,
    #[default]
    Year,
    All,
}

impl RatingPeriod {
    pub const ALL: [RatingPeriod; 4] = [RatingPeriod::Month, RatingPeriod::Quarter, RatingPeriod::Year, RatingPeriod::All];

    pub fn as_str(self) -> &'static str {
        match self {
            RatingPeriod::Month => "month",
            RatingPeriod::Quarter => "quarter",
            RatingPeriod::Year => "year",
            RatingPeriod::All => "all",
        }
    }

    pub fn parse(text: &str) -> Option<RatingPeriod> {
        RatingPeriod::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct RatingStatisticsQuery {
    #[serde(default)]
    pub period: RatingPeriod,
}

/// The counts for one department or service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingCounts {
    pub ratings: u32,
    /// 非常满意, 满意 or 基本满意, as the rating stands.
    pub satisfied: u32,
    /// 不满意 or 非常不满意, as the rating stands.
    pub bad: u32,
    /// Ratings that were bad at some point, given or changed so: each opened a follow-up.
    pub followed_up: u32,
    /// Of those, the ones the department put right.
    pub put_right: u32,
}

impl RatingCounts {
    /// Percent of `part` in `whole`, to one decimal; none of nothing.
    pub fn share(part: u32, whole: u32) -> Option<f64> {
        (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepartmentRatings {
    pub department_code: String,
    pub department: Localized,
    #[serde(flatten)]
    pub counts: RatingCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceRatings {
    pub service_code: String,
    pub service_name: Localized,
    pub department: Localized,
    #[serde(flatten)]
    pub counts: RatingCounts,
}

/// The published counts for a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingStatistics {
    pub period: RatingPeriod,
    /// First day counted, `YYYY-MM-DD` (none for all time), and today.
    pub from: Option<String>,
    pub to: String,
    pub total: RatingCounts,
    pub departments: Vec<DepartmentRatings>,
    pub services: Vec<ServiceRatings>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_rating_says_what_was_wrong() {
        let bad = RateRequest { satisfaction: Some(Satisfaction::Dissatisfied), problems: vec![], comment: String::new() };
        assert!(bad.validate().unwrap_err().contains_key(fields::PROBLEMS));
        let unchosen = RateRequest { satisfaction: None, ..bad.clone() };
        assert!(unchosen.validate().unwrap_err().contains_key(fields::SATISFACTION));
        let good = RateRequest { satisfaction: Some(Satisfaction::Fair), problems: vec![], comment: String::new() };
        assert!(good.validate().is_ok());
        let long = RateRequest { comment: "长".repeat(MAX_TEXT_CHARS + 1), ..good };
        assert!(long.validate().unwrap_err().contains_key(fields::COMMENT));
    }

    #[test]
    fn shares_are_percent_to_one_decimal() {
        assert_eq!(RatingCounts::share(2, 3), Some(66.7));
        assert_eq!(RatingCounts::share(0, 0), None);
        assert_eq!(RatingCounts::share(5, 5), Some(100.0));
    }
}
