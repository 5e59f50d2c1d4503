use leptos::prelude::*;
use tongban_api::delivery::ShipmentView;

use super::shipment_details::ShipmentDetails;
use crate::i18n::*;

// Laid out as a result waiting at a window is.
stylance::import_style!(
    #[allow(dead_code)]
    panel,
    "pickup_panel.module.css"
);

/// The result posted by courier: where it is now, where to, and its tracking.
#[component]
pub fn ShipmentPanel(shipment: ShipmentView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="shipment-heading" class=panel::panel>
            <h2 id="shipment-heading">{t!(i18n, shipment_heading)}</h2>
            <ShipmentDetails shipment originals=false />
        </section>
    }
}
