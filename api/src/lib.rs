//! The Tongban API contract. Every type that crosses the wire is defined here once, together with
//! the validators both sides run, so the web app and the server can never disagree about a rule.

pub mod applications;
pub mod audit;
pub mod bundles;
pub mod catalogue;
pub mod companies;
pub mod decisions;
pub mod dev;
pub mod error;
pub mod fields;
pub mod forms;
pub mod identity;
pub mod ids;
pub mod lang;
pub mod materials;
pub mod passkeys;
pub mod staff;
pub mod verification;

pub use error::{ApiErrorBody, ConflictReason, ErrorCode, FieldProblem, Refusal};
pub use lang::{Lang, Localized};

/// Path prefix of every JSON endpoint.
pub const API_PREFIX: &str = "/api/v1";
