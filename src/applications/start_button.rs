use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tongban_api::applications::StartApplicationRequest;

use crate::api;
use crate::components::{Button, ErrorSummary, FormErrors};
use crate::i18n::*;
use crate::lang::use_lang;

/// "Start now" on a guide: opens the draft for this service (a new one, or the one already
/// started) and goes to its task list.
#[component]
pub fn StartButton(service_code: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let code = StoredValue::new(service_code);
    let start = Callback::new(move |()| {
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let request = StartApplicationRequest { service_code: code.get_value() };
            match api::start_application(&request, lang.get_untracked()).await {
                Ok(detail) => navigate(&format!("/applications/{}", detail.summary.id), Default::default()),
                Err(error) => {
                    let _ = busy.try_set(false);
                    let _ = errors.try_set(FormErrors::from_api(&error, &[], i18n.get_locale_untracked()));
                }
            }
        });
    });
    view! {
        <ErrorSummary errors=errors.into() id_prefix="start" />
        <Button on_click=start busy=busy>{t!(i18n, start_now)}</Button>
    }
}
