//! Applications: forms as data, drafts saved page by page, the signed declaration and the
//! submission, and the timeline of what happened after.

mod bookings;
pub mod expiry;
mod forms;
mod handlers;
pub mod materials;
mod messages;
pub mod store;

pub use bookings::booking_of;
pub use forms::form_of;
pub use forms::seed as seed_forms;
pub use handlers::{detail_of, find_for_applicant};
pub use materials::remove_unused_files;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    handlers::routes().merge(messages::routes()).merge(materials::routes()).merge(bookings::routes())
}
