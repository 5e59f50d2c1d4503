use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tongban_api::applications::StartApplicationRequest;

use crate::api;
use crate::components::{on_answer, Button, ErrorSummary, FormErrors};
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
    let start = Action::new_local(move |request: &StartApplicationRequest| {
        let request = request.clone();
        async move { api::start_application(&request, lang.get_untracked()).await }
    });
    on_answer(start, errors, &[], move |detail| navigate(&format!("/applications/{}", detail.summary.id), Default::default()));
    let code = StoredValue::new(service_code);
    view! {
        <ErrorSummary errors=errors.into() id_prefix="start" />
        <Button on_click=Callback::new(move |()| { start.dispatch(StartApplicationRequest { service_code: code.get_value() }); }) busy=start.pending()>{t!(i18n, start_now)}</Button>
    }
}
