//! The service catalogue (政务服务事项目录): every service with one name, code, legal basis and
//! type, and the full guide a citizen reads before applying.

use serde::{Deserialize, Serialize};

use crate::error::{FieldProblem, FieldProblems};
use crate::Localized;

pub const MAX_QUERY_CHARS: usize = 100;
pub const MAX_PAGE: u32 = 10_000;
pub const MAX_PER_PAGE: u32 = 50;
pub const DEFAULT_PER_PAGE: u32 = 10;

/// Who a service is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Individual,
    Business,
}

impl Audience {
    pub const ALL: [Audience; 2] = [Audience::Individual, Audience::Business];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Individual => "individual",
            Audience::Business => "business",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// How far a service can be handled without coming in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandlingMode {
    /// 全程网办: start to finish online, zero visits.
    FullyOnline,
    /// 网上办理，最多跑一次: prepared online, one visit to finish.
    OnlineOneVisit,
    /// 窗口办理: handled at a service window.
    Window,
}

impl HandlingMode {
    pub const ALL: [HandlingMode; 3] = [HandlingMode::FullyOnline, HandlingMode::OnlineOneVisit, HandlingMode::Window];

    pub fn as_str(self) -> &'static str {
        match self {
            HandlingMode::FullyOnline => "fully_online",
            HandlingMode::OnlineOneVisit => "online_one_visit",
            HandlingMode::Window => "window",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// The statutory type of a service (事项类型).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// 行政许可
    Licensing,
    /// 行政确认
    Confirmation,
    /// 行政给付
    Benefit,
    /// 行政备案
    Filing,
    /// 公共服务
    PublicService,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 5] =
        [ServiceKind::Licensing, ServiceKind::Confirmation, ServiceKind::Benefit, ServiceKind::Filing, ServiceKind::PublicService];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Licensing => "licensing",
            ServiceKind::Confirmation => "confirmation",
            ServiceKind::Benefit => "benefit",
            ServiceKind::Filing => "filing",
            ServiceKind::PublicService => "public_service",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Department {
    pub code: String,
    pub name: Localized,
    /// Consultation line.
    pub phone: String,
}

/// A life event or business event that groups services.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Theme {
    pub code: String,
    pub audience: Audience,
    pub name: Localized,
    /// How many services carry this theme.
    pub service_count: u32,
}

/// One row of a catalogue search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceSummary {
    pub code: String,
    pub name: Localized,
    pub summary: Localized,
    pub kind: ServiceKind,
    pub department_code: String,
    pub department_name: Localized,
    pub audiences: Vec<Audience>,
    pub mode: HandlingMode,
    /// How many times the applicant must come in: 0 or 1.
    pub visits: u8,
    /// Promised time limit, in working days.
    pub promised_days: u32,
    /// Fee in fen (1/100 yuan); 0 when free.
    pub fee_fen: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServicePage {
    pub items: Vec<ServiceSummary>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaterialForm {
    Original,
    Copy,
    OriginalAndCopy,
    Electronic,
}

/// Where a material comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaterialSource {
    /// Prepared by the applicant.
    Applicant,
    /// Issued by a government body.
    Government,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Material {
    /// The material's code in the catalogue, such as `id_card`.
    #[serde(default)]
    pub code: String,
    pub name: Localized,
    pub source: MaterialSource,
    pub form: MaterialForm,
    pub copies: u32,
    /// The applicant may let the portal take it from their e-licences instead of submitting it.
    pub from_e_licence: bool,
    /// The department fetches it itself through data sharing; the applicant is not asked for it.
    pub fetched_by_department: bool,
    pub note: Option<Localized>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcessStep {
    pub title: Localized,
    pub detail: Localized,
}

/// A place where the service is handled in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceWindow {
    #[serde(default)]
    pub code: String,
    pub name: Localized,
    pub district: Localized,
    pub address: Localized,
    pub hours: Localized,
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fee {
    pub fen: u64,
    /// What the fee is charged under, or why it is free.
    pub basis: Localized,
    /// A fee assessed by the officer at acceptance: its charging standard, a line per kind of
    /// unit (each [`TariffItem::line`]). When there is one, `fen` is 0 and nothing falls due on
    /// submission. Words rather than items, so a guide reads them without more to decode.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tariff: Vec<Localized>,
}

/// One line of a service's charging standard (收费标准): so much per unit, up to a number of units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TariffItem {
    pub code: String,
    /// What is charged for, with its unit: "住宅（每件）".
    pub label: Localized,
    pub unit_fen: u64,
    pub max_units: u32,
}

impl TariffItem {
    /// "住宅（每件） ¥80.00": what it charges, per unit.
    pub fn line(&self) -> Localized {
        let price = crate::payments::yuan(self.unit_fen);
        Localized::new(format!("{} ¥{price}", self.label.zh), format!("{} ¥{price}", self.label.en))
    }
}

/// The complete guide of one service (办事指南).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceGuide {
    pub code: String,
    pub name: Localized,
    pub summary: Localized,
    pub kind: ServiceKind,
    pub department: Department,
    pub audiences: Vec<Audience>,
    pub themes: Vec<Theme>,
    pub mode: HandlingMode,
    pub visits: u8,
    pub statutory_days: u32,
    pub promised_days: u32,
    pub fee: Fee,
    pub legal_basis: Vec<Localized>,
    pub conditions: Vec<Localized>,
    pub materials: Vec<Material>,
    pub steps: Vec<ProcessStep>,
    pub windows: Vec<ServiceWindow>,
    pub phone: String,
    /// Level of assurance needed to apply online: 1 phone verified, 2 real-name verified,
    /// 3 real-name verified with a passkey.
    pub required_level: u8,
    /// The service has an application form here: it can be applied for online.
    pub has_form: bool,
}

/// Catalogue search parameters exactly as they arrive in a URL, so that a bad value can be named
/// precisely instead of failing the whole request with a generic parse error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CatalogueQuery {
    /// Words in Chinese or English, a service code, or pinyin initials (`jzz`).
    pub q: Option<String>,
    /// Department code.
    pub department: Option<String>,
    /// `individual` or `business`.
    pub audience: Option<String>,
    /// Theme code.
    pub theme: Option<String>,
    /// `fully_online`, `online_one_visit` or `window`.
    pub mode: Option<String>,
    /// Most visits needed: `0` or `1`.
    pub visits: Option<String>,
    /// From 1.
    pub page: Option<String>,
    /// From 1 to 50.
    pub per_page: Option<String>,
}

/// A catalogue search that passed validation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CatalogueFilter {
    pub terms: Vec<String>,
    pub department: Option<String>,
    pub audience: Option<Audience>,
    pub theme: Option<String>,
    pub mode: Option<HandlingMode>,
    pub max_visits: Option<u8>,
    pub page: u32,
    pub per_page: u32,
}

pub(crate) fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn is_code(value: &str) -> bool {
    (1..=32).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub(crate) fn parse_bounded(value: &str, min: u32, max: u32) -> Result<u32, FieldProblem> {
    let number: i128 = value.parse().map_err(|_| FieldProblem::NotAWholeNumber)?;
    if number < i128::from(min) || number > i128::from(max) {
        return Err(FieldProblem::OutOfRange { min: min.into(), max: max.into() });
    }
    Ok(number as u32)
}

impl CatalogueQuery {
    /// Checks every parameter and reports all problems at once.
    pub fn validate(&self) -> Result<CatalogueFilter, FieldProblems> {
        let mut problems = FieldProblems::new();
        let q = non_empty(&self.q).unwrap_or("");
        if q.chars().count() > MAX_QUERY_CHARS {
            problems.insert("q", FieldProblem::TooLong { max: MAX_QUERY_CHARS });
        }
        let terms = q.split_whitespace().map(str::to_lowercase).collect();

        let mut code_param = |name: &'static str, value: &Option<String>| {
            let value = non_empty(value)?;
            if is_code(value) {
                Some(value.to_string())
            } else {
                problems.insert(name, FieldProblem::UnknownChoice);
                None
            }
        };
        let department = code_param("department", &self.department);
        let theme = code_param("theme", &self.theme);

        let audience = non_empty(&self.audience).and_then(|v| {
            let parsed = Audience::parse(v);
            if parsed.is_none() {
                problems.insert("audience", FieldProblem::UnknownChoice);
            }
            parsed
        });
        let mode = non_empty(&self.mode).and_then(|v| {
            let parsed = HandlingMode::parse(v);
            if parsed.is_none() {
                problems.insert("mode", FieldProblem::UnknownChoice);
            }
            parsed
        });
        let mut bounded =
            |name: &'static str, value: &Option<String>, min, max, default| match non_empty(value).map(|v| parse_bounded(v, min, max)) {
                None => Some(default),
                Some(Ok(n)) => Some(n),
                Some(Err(problem)) => {
                    problems.insert(name, problem);
                    None
                }
            };
        let max_visits = non_empty(&self.visits).and(bounded("visits", &self.visits, 0, 1, 1));
        let page = bounded("page", &self.page, 1, MAX_PAGE, 1);
        let per_page = bounded("per_page", &self.per_page, 1, MAX_PER_PAGE, DEFAULT_PER_PAGE);

        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CatalogueFilter {
            terms,
            department,
            audience,
            theme,
            mode,
            max_visits: max_visits.map(|v| v as u8),
            page: page.unwrap_or(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE),
        })
    }

    /// The parameters that are set, in a stable order, for building URLs on either side.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", &self.q),
            ("department", &self.department),
            ("audience", &self.audience),
            ("theme", &self.theme),
            ("mode", &self.mode),
            ("visits", &self.visits),
            ("page", &self.page),
            ("per_page", &self.per_page),
        ]
        .into_iter()
        .filter_map(|(name, value)| non_empty(value).map(|v| (name, v)))
        .collect()
    }
}

/// A service code as used in `/services/{code}`.
pub fn is_service_code(code: &str) -> bool {
    is_code(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> CatalogueQuery {
        let mut q = CatalogueQuery::default();
        for (k, v) in pairs {
            let v = Some(v.to_string());
            match *k {
                "q" => q.q = v,
                "department" => q.department = v,
                "audience" => q.audience = v,
                "theme" => q.theme = v,
                "mode" => q.mode = v,
                "visits" => q.visits = v,
                "page" => q.page = v,
                "per_page" => q.per_page = v,
                _ => unreachable!(),
            }
        }
        q
    }

    #[test]
    fn an_empty_query_lists_the_first_page() {
        let filter = CatalogueQuery::default().validate().unwrap();
        assert_eq!(filter.page, 1);
        assert_eq!(filter.per_page, DEFAULT_PER_PAGE);
        assert!(filter.terms.is_empty());
        assert_eq!(filter.max_visits, None);
    }

    #[test]
    fn words_are_split_and_lowercased() {
        let filter = query(&[("q", "  Residence  PERMIT ")]).validate().unwrap();
        assert_eq!(filter.terms, vec!["residence", "permit"]);
    }

    #[test]
    fn every_bad_parameter_is_reported_at_once() {
        let long = "居".repeat(MAX_QUERY_CHARS + 1);
        let problems = query(&[
            ("q", &long),
            ("page", "-1"),
            ("per_page", "1000000000000"),
            ("audience", "aliens"),
            ("mode", "x"),
            ("visits", "two"),
            ("department", "'; DROP TABLE services;--"),
        ])
        .validate()
        .unwrap_err();
        assert_eq!(problems["q"], FieldProblem::TooLong { max: MAX_QUERY_CHARS });
        assert_eq!(problems["page"], FieldProblem::OutOfRange { min: 1, max: 10_000 });
        assert_eq!(problems["per_page"], FieldProblem::OutOfRange { min: 1, max: 50 });
        assert_eq!(problems["audience"], FieldProblem::UnknownChoice);
        assert_eq!(problems["mode"], FieldProblem::UnknownChoice);
        assert_eq!(problems["visits"], FieldProblem::NotAWholeNumber);
        assert_eq!(problems["department"], FieldProblem::UnknownChoice);
    }

    #[test]
    fn huge_page_numbers_are_out_of_range_not_overflow() {
        let problems = query(&[("page", "1000000000000")]).validate().unwrap_err();
        assert_eq!(problems["page"], FieldProblem::OutOfRange { min: 1, max: MAX_PAGE.into() });
        let problems = query(&[("page", "99999999999999999999999999999999999999999")]).validate().unwrap_err();
        assert_eq!(problems["page"], FieldProblem::NotAWholeNumber);
    }

    #[test]
    fn zero_visits_filter() {
        let filter = query(&[("visits", "0"), ("mode", "fully_online")]).validate().unwrap();
        assert_eq!(filter.max_visits, Some(0));
        assert_eq!(filter.mode, Some(HandlingMode::FullyOnline));
    }

    #[test]
    fn pairs_skip_blank_values_in_a_stable_order() {
        let q = query(&[("page", "2"), ("q", "居住证"), ("theme", " ")]);
        assert_eq!(q.pairs(), vec![("q", "居住证"), ("page", "2")]);
    }
}
