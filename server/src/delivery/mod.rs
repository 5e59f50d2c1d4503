//! Getting a decided application's result to the applicant by courier (政务专递): the address
//! book they post to, the shipment made when the result is issued, the courier's waybill asked
//! for through the outbox, and the courier's signed tracking events, in whatever order they come.

mod addresses;
pub mod courier;
mod shipments;

pub use courier::{Courier, Ems};
pub use shipments::{for_applicant as shipment_for_applicant, make as make_shipment, request_waybill, OUTBOX_KIND};

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    addresses::routes()
}

/// The courier's notify endpoint: outside `/api/v1`, since the courier signs instead of sending a CSRF token.
pub fn notify_routes() -> OpenApiRouter<AppState> {
    shipments::notify_routes()
}
