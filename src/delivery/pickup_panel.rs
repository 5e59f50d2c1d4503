use leptos::prelude::*;
use tongban_api::delivery::{PickupState, PickupView};

use super::spaced;
use crate::components::{QrCode, SummaryList};
use crate::i18n::*;
use crate::lang::{format_time, localized, tr, use_lang};

stylance::import_style!(style, "pickup_panel.module.css");

/// The result waiting at a window: its pick-up code, large and as a QR for the officer's scanner,
/// where and when to collect it, and what to bring; once collected, when.
#[component]
pub fn PickupPanel(pickup: PickupView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (ready_at, handed_over_at) = (pickup.ready_at, pickup.handed_over_at);
    let place = pickup.place.clone();
    view! {
        <section aria-labelledby="pickup-heading" class=style::panel>
            <h2 id="pickup-heading">{t!(i18n, pickup_heading)}</h2>
            {match pickup.state {
                PickupState::Ready => {
                    let code = pickup.code.clone();
                    view! {
                        <p>{t!(i18n, pickup_lead)}</p>
                        <div class=style::code_block>
                            <div>
                                <p class=style::code_label>{t!(i18n, pickup_code)}</p>
                                <p class=style::code>{spaced(&code)}</p>
                            </div>
                            <div class=style::qr>
                                <QrCode text=Signal::derive(move || code.clone()) label=tr(|l| td_string!(l, pickup_qr_label)) />
                            </div>
                        </div>
                    }.into_any()
                }
                PickupState::HandedOver => view! {
                    <p class=style::done role="status">
                        {move || handed_over_at.map(|at| t_string!(i18n, pickup_collected_at, at = format_time(at, lang.get())).to_string())}
                    </p>
                }.into_any(),
            }}
            <SummaryList rows=vec![
                (t!(i18n, pickup_place).into_any(), view! { {localized(&place.name)}<br />{localized(&place.address)} }.into_any()),
                (t!(i18n, pickup_hours).into_any(), localized(&place.hours).into_any()),
                (t!(i18n, pickup_phone).into_any(), place.phone.clone().into_any()),
                (t!(i18n, pickup_ready_at).into_any(), (move || format_time(ready_at, lang.get())).into_any()),
            ] />
            {(pickup.state == PickupState::Ready).then(|| view! { <p>{t!(i18n, pickup_bring)}</p> })}
        </section>
    }
}
