use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::delivery::{HandOverRequest, PickupCase, PickupLookupRequest, PickupState};
use tongban_api::fields;

use super::spaced;
use crate::api;
use crate::components::{on_answer, Breadcrumbs, Button, CameraScan, Checkboxes, Crumb, ErrorSummary, FormErrors, SummaryList, TextField};
use crate::i18n::*;
use crate::lang::{format_time, localized, tr, use_lang};
use crate::staff::RequireStaff;

stylance::import_style!(style, "hand_over_page.module.css");

/// Ticked when the officer has checked the collector's identity document.
const CHECKED: &str = "checked";

/// Handing a result over at the window: the officer types (or a scanner types) the pick-up code
/// the collector shows, sees whose result it is, checks their identity document against it, and
/// hands it over — once.
#[component]
pub fn HandOverPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let checked = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(FormErrors::default());
    let found = RwSignal::new(None::<PickupCase>);
    let looked_up = RwSignal::new(String::new());
    let look_up = Action::new_local(move |request: &PickupLookupRequest| {
        let request = request.clone();
        async move { api::look_up_pickup(&request, lang.get_untracked()).await }
    });
    on_answer(look_up, errors, PickupLookupRequest::FIELDS, move |case| {
        checked.set(Vec::new());
        found.set(Some(case));
    });
    let hand_over = Action::new_local(move |request: &HandOverRequest| {
        let request = request.clone();
        async move { api::hand_over_pickup(&request, lang.get_untracked()).await }
    });
    on_answer(hand_over, errors, HandOverRequest::FIELDS, move |case| found.set(Some(case)));
    let find = move || {
        found.set(None);
        let request = PickupLookupRequest { pickup_code: code.get_untracked().replace(' ', "") };
        match request.validate() {
            Ok(()) => {
                looked_up.set(request.pickup_code.clone());
                look_up.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, PickupLookupRequest::FIELDS, lang.get_untracked())),
        }
    };
    // A code typed anew is a new look-up: what was found for the old one goes.
    Effect::new(move |_| {
        code.track();
        found.set(None);
    });
    let scanned = Callback::new(move |text: String| {
        code.set(text);
        find();
    });
    // What is handed over is what was looked up: the code as it was then, and its application.
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(case) = found.get_untracked() else { return };
        let request = HandOverRequest {
            pickup_code: looked_up.get_untracked(),
            application_id: case.application_id,
            identity_checked: checked.read_untracked().iter().any(|c| c == CHECKED),
        };
        match request.validate() {
            Ok(()) => {
                hand_over.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, HandOverRequest::FIELDS, lang.get_untracked())),
        }
    };
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, hand_over_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) }] />
            <h1>{t!(i18n, hand_over_title)}</h1>
            <p>{t!(i18n, hand_over_lead)}</p>
            <ErrorSummary errors=errors.into() id_prefix="pickup" />
            <CameraScan on_code=scanned />
            <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); find(); } novalidate class=style::form>
                <TextField id="pickup-pickup_code".into() label=tr(|l| td_string!(l, pickup_code)) hint=tr(|l| td_string!(l, hand_over_code_hint))
                    error=Signal::derive(move || errors.read().field(fields::PICKUP_CODE)) value=code narrow=true />
                <Button submit=true busy=look_up.pending()>{t!(i18n, hand_over_find)}</Button>
            </form>
            <div aria-live="polite">
            {move || found.get().map(|case| {
                let ready = case.state == PickupState::Ready;
                let (ready_at, handed_at, handed_by) = (case.ready_at, case.handed_over_at, case.handed_over_by.clone());
                view! {
                    <section class=style::case aria-labelledby="pickup-case-heading">
                        <h2 id="pickup-case-heading">
                            {if ready { t!(i18n, hand_over_waiting).into_any() } else { t!(i18n, hand_over_done).into_any() }}
                        </h2>
                        <SummaryList rows=vec![
                            (t!(i18n, hand_over_applicant).into_any(), case.applicant_name.clone().into_any()),
                            (t!(i18n, hand_over_applicant_id).into_any(), case.applicant_id.clone().into_any()),
                            (t!(i18n, hand_over_service).into_any(), localized(&case.service_name).into_any()),
                            (t!(i18n, hand_over_number).into_any(), view! {
                                <a href=format!("/staff/applications/{}", case.application_id)>{case.application_number.clone()}</a>
                            }.into_any()),
                            (t!(i18n, pickup_code).into_any(), spaced(&looked_up.get_untracked()).into_any()),
                            (t!(i18n, pickup_ready_at).into_any(), (move || format_time(ready_at, lang.get())).into_any()),
                        ] />
                        {match (ready, handed_at) {
                            (true, _) => view! {
                                <form on:submit=confirm novalidate class=style::form>
                                    <Checkboxes id="pickup-identity_checked".into() legend=tr(|l| td_string!(l, hand_over_identity))
                                        error=Signal::derive(move || errors.read().field(fields::IDENTITY_CHECKED))
                                        options=vec![(CHECKED.to_string(), tr(|l| td_string!(l, hand_over_identity_checked)))] selected=checked />
                                    <Button submit=true busy=hand_over.pending()>{t!(i18n, hand_over_button)}</Button>
                                </form>
                            }.into_any(),
                            (false, Some(at)) => view! {
                                <p role="status" class=style::done>
                                    {move || t_string!(i18n, hand_over_done_at, at = format_time(at, lang.get()), by = handed_by.clone().unwrap_or_default()).to_string()}
                                </p>
                            }.into_any(),
                            (false, None) => ().into_any(),
                        }}
                    </section>
                }
            })}
            </div>
        </RequireStaff>
    }
}
