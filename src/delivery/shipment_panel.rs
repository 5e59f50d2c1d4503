use leptos::prelude::*;
use tongban_api::delivery::{ShipmentState, ShipmentView};

use crate::components::{SummaryList, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{format_time, localized, postal_place, use_lang};

// Laid out as a result waiting at a window is, its events as an application's history is.
stylance::import_style!(
    #[allow(dead_code)]
    panel,
    "pickup_panel.module.css"
);
stylance::import_style!(
    #[allow(dead_code)]
    history,
    "../applications/timeline.module.css"
);

/// The state of a posted result, in the reader's words.
fn state_label(locale: Locale, state: ShipmentState) -> &'static str {
    match state {
        ShipmentState::Requested => td_string!(locale, shipment_requested),
        ShipmentState::Accepted => td_string!(locale, shipment_accepted),
        ShipmentState::InTransit => td_string!(locale, shipment_in_transit),
        ShipmentState::OutForDelivery => td_string!(locale, shipment_out_for_delivery),
        ShipmentState::FailedAttempt => td_string!(locale, shipment_failed_attempt),
        ShipmentState::Delivered => td_string!(locale, shipment_delivered),
        ShipmentState::Returned => td_string!(locale, shipment_returned),
    }
}

/// The result posted by courier: where to, its waybill, where it is now, and every tracking
/// event, newest first, as the courier told them.
#[component]
pub fn ShipmentPanel(shipment: ShipmentView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = shipment.state;
    let tone = match state {
        ShipmentState::Delivered => TagTone::Good,
        ShipmentState::FailedAttempt | ShipmentState::Returned => TagTone::Neutral,
        _ => TagTone::Info,
    };
    let to = &shipment.to;
    let waybill = shipment.waybill_no.clone().map_or_else(|| t!(i18n, shipment_no_waybill).into_any(), |no| no.into_any());
    view! {
        <section aria-labelledby="shipment-heading" class=panel::panel>
            <h2 id="shipment-heading">{t!(i18n, shipment_heading)}</h2>
            <p role="status"><Tag tone>{move || state_label(i18n.get_locale(), state)}</Tag></p>
            <SummaryList rows=vec![
                (t!(i18n, shipment_courier).into_any(), localized(&shipment.courier).into_any()),
                (t!(i18n, shipment_waybill).into_any(), waybill),
                (t!(i18n, shipment_to).into_any(), view! { {format!("{} {}", to.recipient, to.phone)}<br />{postal_place(to)} }.into_any()),
            ] />
            {(!shipment.tracking.is_empty()).then(|| view! {
                <h3>{t!(i18n, shipment_tracking)}</h3>
                <ol class=history::timeline>
                    {shipment.tracking.iter().map(|entry| {
                        let (state, at, place) = (entry.state, entry.at, localized(&entry.place));
                        view! {
                            <li class=history::entry>
                                <p class=history::event>{move || state_label(i18n.get_locale(), state)}</p>
                                <p class=history::meta>{move || format_time(at, lang.get())}" · "{place}</p>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
        </section>
    }
}
