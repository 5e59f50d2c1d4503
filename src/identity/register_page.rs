use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::fields;
use tongban_api::identity::{CodePurpose, RegisterRequest};

use super::send_code::{CodeTarget, SendCode};
use crate::api::{self};
use crate::components::{Button, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};
use crate::session::{returning_to, safe_return_path, use_session};

// Sign-in and registration share one narrow page layout.
stylance::import_style!(style, "auth_page.module.css");

const FIELDS: &[&str] = RegisterRequest::FIELDS;

/// A personal account at level 1: name, resident ID number, a phone proved by SMS, a password.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let params = use_query_map();
    let navigate = use_navigate();
    let return_to = Memo::new(move |_| safe_return_path(params.read().get("return")));
    let errors = RwSignal::new(FormErrors::default());
    let name = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let password_confirm = RwSignal::new(String::new());

    let register = Action::new_local(move |request: &RegisterRequest| {
        let request = request.clone();
        async move { api::register(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| match register.value().get() {
        Some(Ok(view)) => {
            session.set(view);
            navigate(&return_to.get_untracked().unwrap_or_else(|| "/account".into()), Default::default());
        }
        Some(Err(error)) => {
            errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked()));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = RegisterRequest {
            name: name.get_untracked(),
            id_number: id_number.get_untracked(),
            phone: phone.get_untracked(),
            code: code.get_untracked(),
            password: password.get_untracked(),
            password_confirm: password_confirm.get_untracked(),
        };
        match request.validate() {
            Ok(()) => {
                register.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    let sign_in_href = move || match return_to.get() {
        Some(back) => returning_to("/sign-in", &back),
        None => "/sign-in".to_string(),
    };

    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, register_title), t_string!(i18n, app_full_name)) />
        <div class=style::narrow>
            <ErrorSummary errors=errors.into() id_prefix="register" />
            <h1>{t!(i18n, register_title)}</h1>
            <p>{t!(i18n, register_lead)}</p>
            <form on:submit=on_submit novalidate>
                <TextField id="register-name".into() label=tr(|l| td_string!(l, field_name))
                    hint=tr(|l| td_string!(l, field_name_hint)) error=field_error(fields::NAME) value=name autocomplete="name" />
                <TextField id="register-id_number".into() label=tr(|l| td_string!(l, field_id_number))
                    hint=tr(|l| td_string!(l, field_id_number_hint)) error=field_error(fields::ID_NUMBER) value=id_number />
                <TextField id="register-phone".into() label=tr(|l| td_string!(l, field_phone))
                    hint=tr(|l| td_string!(l, field_phone_hint)) error=field_error(fields::PHONE) value=phone
                    input_type="tel" autocomplete="tel-national" inputmode="numeric" />
                <SendCode target=CodeTarget::Typed(phone, CodePurpose::Register) errors order=FIELDS />
                <TextField id="register-code".into() label=tr(|l| td_string!(l, field_code))
                    hint=tr(|l| td_string!(l, field_code_hint)) error=field_error(fields::CODE) value=code
                    autocomplete="one-time-code" inputmode="numeric" narrow=true />
                <TextField id="register-password".into() label=tr(|l| td_string!(l, field_password))
                    hint=tr(|l| td_string!(l, field_password_hint)) error=field_error(fields::PASSWORD) value=password
                    input_type="password" autocomplete="new-password" />
                <TextField id="register-password_confirm".into() label=tr(|l| td_string!(l, field_password_confirm))
                    error=field_error(fields::PASSWORD_CONFIRM) value=password_confirm
                    input_type="password" autocomplete="new-password" />
                <Button submit=true busy=register.pending()>{t!(i18n, register_button)}</Button>
            </form>
            <p class=style::other>
                {t!(i18n, have_account)}" "<a href=sign_in_href class=style::link>{t!(i18n, sign_in)}</a>
            </p>
        </div>
    }
}
