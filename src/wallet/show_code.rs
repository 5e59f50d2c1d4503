use std::time::Duration;

use leptos::prelude::*;
use tongban_api::wallet::{PresentRequest, Presentation, PRESENTATION_SECS};

use super::disclosed_fields::{chosen_fields, default_fields, field_options};
use crate::api;
use crate::components::{on_answer, Button, Checkboxes, ErrorSummary, FormErrors, QrCode};
use crate::i18n::*;
use crate::lang::{format_time, tr, use_lang};

stylance::import_style!(style, "show_code.module.css");

const FIELDS: &[&str] = PresentRequest::FIELDS;
/// A new code comes this long before the one shown runs out, so the one on screen always works.
const RENEW_BEFORE_SECS: i64 = 30;

/// Choose what to disclose, then a sealed code as a QR code and as text, renewed while shown.
#[component]
pub fn ShowCode(licence_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let chosen = RwSignal::new(default_fields());
    let errors = RwSignal::new(FormErrors::default());
    let shown = RwSignal::new(None::<Presentation>);
    let copied = RwSignal::new(false);
    let renewal = StoredValue::new_local(None::<TimeoutHandle>);
    let present = Action::new_local(move |request: &PresentRequest| {
        let (id, request) = (licence_id.clone(), request.clone());
        async move { api::present_licence(&id, &request, lang.get_untracked()).await }
    });
    let request = move || PresentRequest { fields: chosen_fields(&chosen.read_untracked()) };
    let stop_renewing = move || {
        if let Some(handle) = renewal.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    on_answer(present, errors, FIELDS, move |presentation: Presentation| {
        stop_renewing();
        let lasts = presentation.expires_at - presentation.issued_at;
        let after = Duration::from_secs((lasts - RENEW_BEFORE_SECS).max(1) as u64);
        let handle = set_timeout_with_handle(
            move || {
                present.dispatch(request());
            },
            after,
        )
        .ok();
        renewal.set_value(handle);
        copied.set(false);
        shown.set(Some(presentation));
    });
    on_cleanup(stop_renewing);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = request();
        match request.validate() {
            Ok(()) => {
                present.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let stop = Callback::new(move |()| {
        stop_renewing();
        shown.set(None);
    });
    let token = Signal::derive(move || shown.read().as_ref().map(|p| p.token.clone()).unwrap_or_default());
    let copy = Callback::new(move |()| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&token.get_untracked());
            copied.set(true);
        }
    });
    view! {
        <p class=style::lead>{t!(i18n, show_lead, minutes = PRESENTATION_SECS / 60)}</p>
        <ErrorSummary errors=errors.into() id_prefix="show" />
        <form on:submit=submit novalidate>
            <Checkboxes id="show-fields".into() legend=tr(|l| td_string!(l, show_fields)) hint=tr(|l| td_string!(l, show_fields_hint))
                error=Signal::derive(move || errors.read().field(tongban_api::fields::DISCLOSE)) options=field_options() selected=chosen />
            <Button submit=true busy=present.pending()>{t!(i18n, show_button)}</Button>
        </form>
        {move || shown.get().map(|presentation| {
            let expires = format_time(presentation.expires_at, lang.get());
            view! {
                <div class=style::code>
                    <QrCode text=token label=tr(|l| td_string!(l, show_qr_alt)) />
                    <p class=style::expires role="status">{t!(i18n, show_expires, time = expires.clone())}</p>
                    <label for="show-token" class=style::label>{t!(i18n, show_text_label)}</label>
                    <textarea id="show-token" class=style::token readonly rows="5" prop:value=token></textarea>
                    <div class=style::buttons>
                        <Button secondary=true on_click=copy>
                            {move || if copied.get() { t_string!(i18n, show_copied) } else { t_string!(i18n, show_copy) }}
                        </Button>
                        <Button secondary=true on_click=stop>{t!(i18n, show_stop)}</Button>
                    </div>
                    <p>{t!(i18n, show_where)}" "<a href="/verify">{t!(i18n, check_code_title)}</a></p>
                </div>
            }
        })}
    }
}
