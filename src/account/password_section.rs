use leptos::prelude::*;
use tongban_api::fields;
use tongban_api::identity::ChangePasswordRequest;

use crate::api;
use crate::components::{Button, ErrorSummary, FormErrors, NotificationBanner, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};

stylance::import_style!(style, "password_section.module.css");

const FIELDS: &[&str] = ChangePasswordRequest::FIELDS;

#[component]
pub fn PasswordSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let done = RwSignal::new(false);
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let change = Action::new_local(move |request: &ChangePasswordRequest| {
        let request = request.clone();
        async move { api::change_password(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            errors.set(FormErrors::default());
            current.set(String::new());
            new.set(String::new());
            confirm.set(String::new());
            done.set(true);
        }
        Some(Err(error)) => {
            errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked()));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
            new_password_confirm: confirm.get_untracked(),
        };
        // The server knows the full phone and ID number and checks them; here only length and match.
        match request.validate(&[]) {
            Ok(()) => {
                change.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <section aria-labelledby="password-heading" class=style::section>
            <h2 id="password-heading">{t!(i18n, change_password)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="password" />
            {move || done.get().then(|| view! { <NotificationBanner success=true><p>{t!(i18n, password_changed)}</p></NotificationBanner> })}
            <p>{t!(i18n, change_password_note)}</p>
            <form on:submit=on_submit novalidate>
                <TextField id="password-current_password".into() label=tr(|l| td_string!(l, field_current_password))
                    error=field_error(fields::CURRENT_PASSWORD) value=current input_type="password" autocomplete="current-password" />
                <TextField id="password-new_password".into() label=tr(|l| td_string!(l, field_new_password))
                    hint=tr(|l| td_string!(l, field_password_hint)) error=field_error(fields::NEW_PASSWORD) value=new
                    input_type="password" autocomplete="new-password" />
                <TextField id="password-new_password_confirm".into() label=tr(|l| td_string!(l, field_password_confirm))
                    error=field_error(fields::NEW_PASSWORD_CONFIRM) value=confirm input_type="password" autocomplete="new-password" />
                <Button submit=true busy=change.pending()>{t!(i18n, change_password_button)}</Button>
            </form>
        </section>
    }
}
