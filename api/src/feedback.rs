//! "Is this page useful?" on every guide: anonymous, and read by the department the guide is
//! about, so that guides get better where people say they fall short.

use serde::{Deserialize, Serialize};

use crate::error::{checked, FieldProblem, FieldProblems};
use crate::fields;
use crate::lang::Localized;

/// What a comment may hold.
pub const MAX_COMMENT_CHARS: usize = 500;

/// What was wrong with a guide, from a fixed list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GuideProblem {
    /// Hard to understand.
    Unclear,
    /// Something needed is not there.
    Missing,
    /// Wrong or out of date.
    Wrong,
    /// Not what the person was looking for.
    NotWhatINeeded,
}

impl GuideProblem {
    pub const ALL: [GuideProblem; 4] = [GuideProblem::Unclear, GuideProblem::Missing, GuideProblem::Wrong, GuideProblem::NotWhatINeeded];

    pub fn as_str(self) -> &'static str {
        match self {
            GuideProblem::Unclear => "unclear",
            GuideProblem::Missing => "missing",
            GuideProblem::Wrong => "wrong",
            GuideProblem::NotWhatINeeded => "not_what_i_needed",
        }
    }

    pub fn parse(text: &str) -> Option<GuideProblem> {
        GuideProblem::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Whether the guide was useful; when not, what was wrong and, if the person likes, in their words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuideFeedbackRequest {
    pub useful: bool,
    #[serde(default)]
    pub problems: Vec<GuideProblem>,
    #[serde(default)]
    pub comment: String,
}

impl GuideFeedbackRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PROBLEMS, fields::COMMENT];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        if !self.useful && self.problems.is_empty() && self.comment.trim().is_empty() {
            problems.insert(fields::PROBLEMS, FieldProblem::ChooseAtLeastOne);
        }
        if self.comment.trim().chars().count() > MAX_COMMENT_CHARS {
            problems.insert(fields::COMMENT, FieldProblem::TooLong { max: MAX_COMMENT_CHARS });
        }
        checked(problems)
    }
}

/// One answer, as the department reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuideFeedbackView {
    /// Unix seconds.
    pub at: i64,
    pub service_code: String,
    pub service_name: Localized,
    pub useful: bool,
    pub problems: Vec<GuideProblem>,
    pub comment: String,
}

/// How useful one guide was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuideUsefulness {
    pub service_code: String,
    pub service_name: Localized,
    pub useful: u32,
    pub not_useful: u32,
}

/// What people said about the department's guides: each guide's counts, and the latest answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepartmentFeedback {
    pub guides: Vec<GuideUsefulness>,
    pub latest: Vec<GuideFeedbackView>,
}
