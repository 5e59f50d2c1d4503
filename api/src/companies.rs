//! Companies acting through people (Corppass-style): the legal representative binds the company
//! and adds agents (经办人) with scopes; an agent then acts as the company.

use serde::{Deserialize, Serialize};

use crate::error::{checked, FieldProblem, FieldProblems};
use crate::fields;
use crate::ids::{is_valid_credit_code, is_valid_resident_id};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgentScope {
    Apply,
    Pay,
    ViewLicences,
}

impl AgentScope {
    pub const ALL: [AgentScope; 3] = [AgentScope::Apply, AgentScope::Pay, AgentScope::ViewLicences];

    pub fn as_str(self) -> &'static str {
        match self {
            AgentScope::Apply => "apply",
            AgentScope::Pay => "pay",
            AgentScope::ViewLicences => "view_licences",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// What a person may do for a company: everything as its representative, else the scopes
    /// granted to them as an agent (`agent_scopes` as stored), else nothing.
    pub fn granted(representative: bool, agent_scopes: Option<&str>) -> Vec<AgentScope> {
        match (representative, agent_scopes) {
            (true, _) => Self::ALL.to_vec(),
            (false, Some(scopes)) => Self::parse_list(scopes),
            (false, None) => Vec::new(),
        }
    }

    /// Scopes as stored, comma-separated; unknown names are dropped. Sorted, without repeats.
    pub fn parse_list(text: &str) -> Vec<AgentScope> {
        let mut scopes: Vec<AgentScope> = text.split(',').filter_map(AgentScope::parse).collect();
        scopes.sort();
        scopes.dedup();
        scopes
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompanyRole {
    Representative,
    Agent,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyView {
    pub credit_code: String,
    pub name: String,
    pub role: CompanyRole,
    /// What this person may do for the company; a representative may do everything.
    pub scopes: Vec<AgentScope>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentView {
    /// Opaque id of the agent's account, for removing them.
    pub id: String,
    pub name: String,
    pub id_number_masked: String,
    pub scopes: Vec<AgentScope>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BindCompanyRequest {
    pub credit_code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddAgentRequest {
    pub id_number: String,
    pub scopes: Vec<AgentScope>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActAsRequest {
    /// A company's credit code, or none to act as oneself.
    pub credit_code: Option<String>,
}

impl BindCompanyRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::CREDIT_CODE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let code = self.credit_code.trim().to_uppercase();
        let problem = if code.is_empty() {
            FieldProblem::Required
        } else if !is_valid_credit_code(&code) {
            FieldProblem::InvalidCreditCode
        } else {
            return Ok(());
        };
        Err(FieldProblems::from([(fields::CREDIT_CODE, problem)]))
    }
}

impl AddAgentRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::ID_NUMBER, fields::SCOPES];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let id = self.id_number.trim();
        if id.is_empty() {
            problems.insert(fields::ID_NUMBER, FieldProblem::Required);
        } else if !is_valid_resident_id(id) {
            problems.insert(fields::ID_NUMBER, FieldProblem::InvalidResidentId);
        }
        if self.scopes.is_empty() {
            problems.insert(fields::SCOPES, FieldProblem::ChooseAtLeastOne);
        }
        checked(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_representative_may_do_everything_an_agent_what_was_granted() {
        assert_eq!(AgentScope::granted(true, None), AgentScope::ALL.to_vec());
        assert_eq!(AgentScope::granted(false, Some("view_licences,apply,bogus")), vec![AgentScope::Apply, AgentScope::ViewLicences]);
        assert!(AgentScope::granted(false, None).is_empty());
    }

    #[test]
    fn credit_codes_are_checked_before_binding() {
        assert_eq!(BindCompanyRequest { credit_code: "91310101ma1fpx0t5d".into() }.validate(), Ok(()));
        let problems = BindCompanyRequest { credit_code: "91310101MA1FPX0T5E".into() }.validate().unwrap_err();
        assert_eq!(problems["credit_code"], FieldProblem::InvalidCreditCode);
    }

    #[test]
    fn an_agent_needs_an_id_and_a_scope() {
        let problems = AddAgentRequest { id_number: "".into(), scopes: vec![] }.validate().unwrap_err();
        assert_eq!(problems["id_number"], FieldProblem::Required);
        assert_eq!(problems["scopes"], FieldProblem::ChooseAtLeastOne);
    }
}
