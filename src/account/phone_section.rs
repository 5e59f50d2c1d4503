use leptos::prelude::*;
use tongban_api::fields;
use tongban_api::identity::ChangePhoneRequest;

use crate::api;
use crate::components::{Button, ErrorSummary, FormErrors, NotificationBanner, TextField};
use crate::i18n::*;
use crate::identity::{CodeTarget, SendCode};
use crate::lang::{tr, use_lang};
use crate::session::use_session;

const FIELDS: &[&str] = ChangePhoneRequest::FIELDS;

/// A new mobile number: proved by a code sent to it, with the password given again.
#[component]
pub fn PhoneSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let errors = RwSignal::new(FormErrors::default());
    let done = RwSignal::new(false);
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let change = Action::new_local(move |request: &ChangePhoneRequest| {
        let request = request.clone();
        async move { api::change_phone(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            errors.set(FormErrors::default());
            for field in [phone, code, password] {
                field.set(String::new());
            }
            done.set(true);
            session.refresh(lang.get_untracked());
        }
        Some(Err(error)) => errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked())),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let request = ChangePhoneRequest { phone: phone.get_untracked(), code: code.get_untracked(), password: password.get_untracked() };
        match request.validate() {
            Ok(()) => {
                change.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <section aria-labelledby="phone-heading">
            <h2 id="phone-heading">{t!(i18n, change_phone)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="phone" />
            {move || done.get().then(|| view! { <NotificationBanner success=true><p>{t!(i18n, phone_changed)}</p></NotificationBanner> })}
            <p>{t!(i18n, change_phone_note)}</p>
            <form on:submit=on_submit novalidate>
                <TextField id="phone-phone".into() label=tr(|l| td_string!(l, field_new_phone))
                    hint=tr(|l| td_string!(l, field_phone_hint)) error=field_error(fields::PHONE) value=phone
                    input_type="tel" autocomplete="tel-national" inputmode="numeric" />
                <SendCode target=CodeTarget::NewPhone(phone) errors order=FIELDS />
                <TextField id="phone-code".into() label=tr(|l| td_string!(l, field_code))
                    hint=tr(|l| td_string!(l, field_code_hint)) error=field_error(fields::CODE) value=code
                    autocomplete="one-time-code" inputmode="numeric" narrow=true />
                <TextField id="phone-password".into() label=tr(|l| td_string!(l, field_current_password))
                    error=field_error(fields::PASSWORD) value=password input_type="password" autocomplete="current-password" />
                <Button submit=true busy=change.pending()>{t!(i18n, change_phone_button)}</Button>
            </form>
        </section>
    }
}
