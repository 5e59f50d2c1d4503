use leptos::prelude::*;
use tongban_api::delivery::{ShipmentState, ShipmentView};

use crate::components::{SummaryList, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{format_time, localized, postal_place, use_lang};

// Its events read as an application's history does.
stylance::import_style!(
    #[allow(dead_code)]
    history,
    "../applications/timeline.module.css"
);

/// Where a parcel stands, in the reader's words: a result's ends are the applicant's door and the
/// department; originals go the other way.
fn state_label(locale: Locale, state: ShipmentState, originals: bool) -> &'static str {
    match (state, originals) {
        (ShipmentState::Requested, false) => td_string!(locale, shipment_requested),
        (ShipmentState::Requested, true) => td_string!(locale, originals_requested),
        (ShipmentState::Accepted, false) => td_string!(locale, shipment_accepted),
        (ShipmentState::Accepted, true) => td_string!(locale, originals_accepted),
        (ShipmentState::InTransit, _) => td_string!(locale, shipment_in_transit),
        (ShipmentState::OutForDelivery, _) => td_string!(locale, shipment_out_for_delivery),
        (ShipmentState::FailedAttempt, _) => td_string!(locale, shipment_failed_attempt),
        (ShipmentState::Delivered, false) => td_string!(locale, shipment_delivered),
        (ShipmentState::Delivered, true) => td_string!(locale, originals_delivered),
        (ShipmentState::Returned, false) => td_string!(locale, shipment_returned),
        (ShipmentState::Returned, true) => td_string!(locale, originals_returned),
    }
}

/// A parcel by courier: where it stands, the courier and waybill, the applicant's end of it, and
/// every tracking event, newest first, as the courier told them.
#[component]
pub fn ShipmentDetails(shipment: ShipmentView, originals: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = shipment.state;
    let tone = match state {
        ShipmentState::Delivered => TagTone::Good,
        ShipmentState::FailedAttempt | ShipmentState::Returned => TagTone::Neutral,
        _ => TagTone::Info,
    };
    let at = &shipment.address;
    let waybill = shipment.waybill_no.clone().map_or_else(|| t!(i18n, shipment_no_waybill).into_any(), |no| no.into_any());
    let end = if originals { t!(i18n, originals_from).into_any() } else { t!(i18n, shipment_to).into_any() };
    view! {
        <p role="status"><Tag tone>{move || state_label(i18n.get_locale(), state, originals)}</Tag></p>
        <SummaryList rows=vec![
            (t!(i18n, shipment_courier).into_any(), localized(&shipment.courier).into_any()),
            (t!(i18n, shipment_waybill).into_any(), waybill),
            (end, view! { {format!("{} {}", at.recipient, at.phone)}<br />{postal_place(at)} }.into_any()),
        ] />
        {(!shipment.tracking.is_empty()).then(|| view! {
            <h3>{t!(i18n, shipment_tracking)}</h3>
            <ol class=history::timeline>
                {shipment.tracking.iter().map(|entry| {
                    let (state, at, place) = (entry.state, entry.at, localized(&entry.place));
                    view! {
                        <li class=history::entry>
                            <p class=history::event>{move || state_label(i18n.get_locale(), state, originals)}</p>
                            <p class=history::meta>{move || format_time(at, lang.get())}" · "{place}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        })}
    }
}
