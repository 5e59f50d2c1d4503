//! The public register of licensing decisions (行政许可结果公示): licences the portal issued to
//! companies, open to anyone. Decisions about individuals are not published.

use serde::{Deserialize, Serialize};

use crate::catalogue::{non_empty, parse_bounded, MAX_PAGE};
use crate::error::{checked, FieldProblem, FieldProblems};
use crate::lang::Localized;

pub const DECISIONS_PER_PAGE: u32 = 20;
pub const MAX_DECISION_QUERY_CHARS: usize = 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedDecision {
    pub licence_title: Localized,
    pub licence_number: String,
    pub holder_name: String,
    pub credit_code: String,
    /// `YYYY-MM-DD`, Shanghai.
    pub issued_on: String,
    pub issuer: Localized,
    pub service_code: String,
    pub service_name: Localized,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionPage {
    pub items: Vec<PublishedDecision>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// Register search parameters as they arrive in a URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct DecisionQuery {
    /// Part of a company's name, or a whole credit code or licence number.
    pub q: Option<String>,
    /// From 1.
    pub page: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionFilter {
    pub q: String,
    pub page: u32,
}

impl DecisionQuery {
    pub fn validate(&self) -> Result<DecisionFilter, FieldProblems> {
        let mut problems = FieldProblems::new();
        let q = non_empty(&self.q).unwrap_or("").to_string();
        if q.chars().count() > MAX_DECISION_QUERY_CHARS {
            problems.insert("q", FieldProblem::TooLong { max: MAX_DECISION_QUERY_CHARS });
        }
        let page = match non_empty(&self.page).map(|p| parse_bounded(p, 1, MAX_PAGE)) {
            None => 1,
            Some(Ok(page)) => page,
            Some(Err(problem)) => {
                problems.insert("page", problem);
                1
            }
        };
        checked(problems).map(|()| DecisionFilter { q, page })
    }

    /// The parameters that are set, for building URLs.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [("q", &self.q), ("page", &self.page)].into_iter().filter_map(|(k, v)| non_empty(v).map(|v| (k, v))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_searches_are_checked_whole() {
        let query = DecisionQuery { q: Some(" 餐饮 ".into()), page: None };
        assert_eq!(query.validate().unwrap(), DecisionFilter { q: "餐饮".into(), page: 1 });
        let query = DecisionQuery { q: Some("餐".repeat(61)), page: Some("0".into()) };
        let problems = query.validate().unwrap_err();
        assert_eq!(problems["q"], FieldProblem::TooLong { max: 60 });
        assert_eq!(problems["page"], FieldProblem::OutOfRange { min: 1, max: 10_000 });
        assert_eq!(DecisionQuery { q: None, page: Some("2".into()) }.pairs(), vec![("page", "2")]);
    }
}
