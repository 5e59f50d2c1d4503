use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Machine-readable class of a failure; the HTTP status follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more inputs are not acceptable; `fields` says which and why.
    ValidationFailed,
    NotFound,
    RateLimited,
    Internal,
    /// The server could not be reached or did not answer in time (client side only).
    Unavailable,
}

impl ErrorCode {
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::ValidationFailed => 400,
            ErrorCode::NotFound => 404,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::Unavailable => 503,
        }
    }
}

/// The one error shape of the API: `{code, message, fields}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub code: ErrorCode,
    /// A sentence for people, in the language the request asked for.
    pub message: String,
    /// Field name → what is wrong with it, in the same language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

/// Everything a validator can find wrong with one input, worded once for both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    TooLong { max: usize },
    NotAWholeNumber,
    OutOfRange { min: u64, max: u64 },
    UnknownChoice,
    BadFormat,
}

impl FieldProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FieldProblem::TooLong { max }, Lang::Zh) => format!("不能超过 {max} 个字符"),
            (FieldProblem::TooLong { max }, Lang::En) => format!("Must be {max} characters or fewer"),
            (FieldProblem::NotAWholeNumber, Lang::Zh) => "必须是整数".into(),
            (FieldProblem::NotAWholeNumber, Lang::En) => "Must be a whole number".into(),
            (FieldProblem::OutOfRange { min, max }, Lang::Zh) => format!("必须在 {min} 到 {max} 之间"),
            (FieldProblem::OutOfRange { min, max }, Lang::En) => {
                format!("Must be between {min} and {max}")
            }
            (FieldProblem::UnknownChoice, Lang::Zh) => "不是可选的值".into(),
            (FieldProblem::UnknownChoice, Lang::En) => "Is not one of the options".into(),
            (FieldProblem::BadFormat, Lang::Zh) => "格式不正确".into(),
            (FieldProblem::BadFormat, Lang::En) => "Is not in the right format".into(),
        }
    }
}

/// Problems found in a request, keyed by field name.
pub type FieldProblems = BTreeMap<&'static str, FieldProblem>;
