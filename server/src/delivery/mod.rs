//! Parcels by courier (政务专递): a decided application's result posted to the applicant, and
//! paper originals collected from the applicant for the department. The address book results
//! are posted to, the shipments, the courier's waybill asked for through the outbox, and the
//! courier's signed tracking events, in whatever order they come.

mod addresses;
pub mod courier;
mod originals;
mod shipments;

pub use courier::{Courier, Ems};
pub use originals::{awaited as originals_awaited, view as originals};
pub use shipments::{make as make_shipment, request_waybill, Parcel, OUTBOX_KIND};

/// The application's posted result, with its tracking.
pub async fn result_shipment(
    state: &AppState,
    application_id: &str,
) -> Result<Option<tongban_api::delivery::ShipmentView>, crate::error::ApiError> {
    shipments::view_of(state, application_id, Parcel::Result).await
}

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    addresses::routes().merge(originals::routes())
}

/// The courier's notify endpoint: outside `/api/v1`, since the courier signs instead of sending a CSRF token.
pub fn notify_routes() -> OpenApiRouter<AppState> {
    shipments::notify_routes()
}
