use leptos::prelude::*;
use tongban_api::delivery::{OriginalsCheckInRequest, OriginalsView, ShipmentState};
use tongban_api::fields;

use super::shipment_details::ShipmentDetails;
use crate::api;
use crate::components::{on_answer, Button, Checkboxes, ErrorSummary, FormErrors, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{format_time, localized, tr, use_lang};

const CHECKED: &str = "checked";

/// The officer's view of the paper originals the service checks: posted in or not, where the
/// courier has them, and recording them as received, checked against the copies given online —
/// once delivered, or brought in after all. Approval waits for that while they are on their way.
#[component]
pub fn CaseOriginals(application_id: String, originals: OriginalsView, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let delivered = originals.shipment.as_ref().is_some_and(|s| s.state == ShipmentState::Delivered);
    let progress = match (originals.shipment.clone(), originals.checked_in_at) {
        (None, _) => view! { <p>{t!(i18n, originals_not_booked)}</p> }.into_any(),
        (Some(shipment), checked_in) => {
            let by = originals.checked_in_by.clone().unwrap_or_default();
            view! {
                <ShipmentDetails shipment originals=true />
                {checked_in.map(|at| view! {
                    <p role="status">
                        <Tag tone=TagTone::Good>{t!(i18n, originals_checked_in)}</Tag>" "
                        {move || td_string!(i18n.get_locale(), originals_checked_in_by, name = by.clone(), time = format_time(at, lang.get())).to_string()}
                    </p>
                })}
                {checked_in.is_none().then(|| view! {
                    {(!delivered).then(|| view! { <p>{t!(i18n, originals_in_person)}</p> })}
                    <CheckIn application_id on_changed />
                })}
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby="case-originals">
            <h2 id="case-originals">{t!(i18n, originals_heading)}</h2>
            <p>{t!(i18n, originals_lead)}</p>
            <ul>{originals.materials.iter().map(|m| view! { <li>{localized(m)}</li> }).collect_view()}</ul>
            {progress}
        </section>
    }
}

#[component]
fn CheckIn(application_id: String, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let checked = RwSignal::new(Vec::<String>::new());
    let application_id = StoredValue::new(application_id);
    let check_in = Action::new_local(move |request: &OriginalsCheckInRequest| {
        let request = request.clone();
        async move { api::staff_check_in_originals(&application_id.get_value(), &request, lang.get_untracked()).await }
    });
    on_answer(check_in, errors, OriginalsCheckInRequest::FIELDS, move |_| on_changed.run(()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = OriginalsCheckInRequest { checked: checked.read_untracked().iter().any(|c| c == CHECKED) };
        match request.validate() {
            Ok(()) => {
                check_in.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, OriginalsCheckInRequest::FIELDS, lang.get_untracked())),
        }
    };
    view! {
        <ErrorSummary errors=errors.into() id_prefix="originals" />
        <form on:submit=on_submit novalidate>
            <Checkboxes id=format!("originals-{}", fields::ORIGINALS_CHECKED) legend=tr(|l| td_string!(l, originals_check_legend))
                error=Signal::derive(move || errors.read().field(fields::ORIGINALS_CHECKED))
                options=vec![(CHECKED.to_string(), tr(|l| td_string!(l, originals_confirm)))] selected=checked />
            <Button submit=true busy=check_in.pending()>{t!(i18n, originals_check_in)}</Button>
        </form>
    }
}
