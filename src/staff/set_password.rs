use leptos::prelude::*;
use tongban_api::fields;
use tongban_api::staff::StaffPasswordRequest;

use crate::api;
use crate::components::{Button, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};

const FIELDS: &[&str] = StaffPasswordRequest::FIELDS;

/// An officer made by the administrator signs in first with a one-time password and chooses
/// their own here before anything else opens.
#[component]
pub fn SetPassword(on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let set = Action::new_local(move |request: &StaffPasswordRequest| {
        let request = request.clone();
        async move { api::staff_set_password(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| match set.value().get() {
        Some(Ok(())) => on_done.run(()),
        Some(Err(error)) => errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked())),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = StaffPasswordRequest { new_password: new.get_untracked(), new_password_confirm: confirm.get_untracked() };
        // The server also checks the staff number and its list of common passwords.
        match request.validate(&[]) {
            Ok(()) => {
                set.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <ErrorSummary errors=errors.into() id_prefix="staff-password" />
        <h1>{t!(i18n, staff_password_title)}</h1>
        <p>{t!(i18n, staff_password_lead)}</p>
        <form on:submit=on_submit novalidate>
            <TextField id="staff-password-new_password".into() label=tr(|l| td_string!(l, field_new_password))
                hint=tr(|l| td_string!(l, field_password_hint)) error=field_error(fields::NEW_PASSWORD) value=new
                input_type="password" autocomplete="new-password" />
            <TextField id="staff-password-new_password_confirm".into() label=tr(|l| td_string!(l, field_password_confirm))
                error=field_error(fields::NEW_PASSWORD_CONFIRM) value=confirm input_type="password" autocomplete="new-password" />
            <Button submit=true busy=set.pending()>{t!(i18n, staff_password_button)}</Button>
        </form>
    }
}
