//! The window officer's console: staff sign-in, the department's queue, and actions on cases.

mod assessments;
mod auth;
mod cases;
mod originals;
mod pickups;

pub use auth::{add_officer, reset_officer, seed, Officer};
pub use pickups::for_applicant as pickup_for_applicant;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    auth::routes().merge(cases::routes()).merge(assessments::routes()).merge(pickups::routes()).merge(originals::routes())
}
