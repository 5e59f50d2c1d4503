//! The window officer's console: staff sign-in, the department's queue, and actions on cases.

mod auth;
mod cases;

pub use auth::{add_officer, reset_officer, seed, Officer};

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    auth::routes().merge(cases::routes())
}
