use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::fields;
use tongban_api::identity::{CodePurpose, PasswordSignInRequest, SessionView, SmsSignInRequest};

use super::method_tabs::MethodTabs;
use super::passkey_sign_in::PasskeySignIn;
use super::send_code::{CodeTarget, SendCode};
use crate::api::{self};
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, NotificationBanner, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};
use crate::session::{returning_to, safe_return_path, use_session};

// Sign-in and registration share one narrow page layout.
stylance::import_style!(style, "auth_page.module.css");

const PASSWORD_FIELDS: &[&str] = PasswordSignInRequest::FIELDS;
const SMS_FIELDS: &[&str] = SmsSignInRequest::FIELDS;

/// Sign in with ID number or phone and password, with phone and an SMS code, or with a passkey;
/// afterwards back to where the visitor came from.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_query_map();
    let navigate = use_navigate();
    let by_sms = Memo::new(move |_| params.read().get("method").as_deref() == Some("sms"));
    let return_to = Memo::new(move |_| safe_return_path(params.read().get("return")));
    let expired = move || params.read().get("expired").is_some();
    let errors = RwSignal::new(FormErrors::default());
    // Held here, so that switching between the ways keeps what was typed.
    let (identifier, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (phone, code) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let register_href = move || match return_to.get() {
        Some(back) => returning_to("/register", &back),
        None => "/register".to_string(),
    };
    Effect::new(move |_| {
        by_sms.track();
        errors.set(FormErrors::default());
    });
    let signed_in = Callback::new(move |view: SessionView| {
        session.set(view);
        navigate(&return_to.get_untracked().unwrap_or_else(|| "/account".into()), Default::default());
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, sign_in_title), t_string!(i18n, app_full_name)) />
        <div class=style::narrow>
            <ErrorSummary errors=errors.into() id_prefix="sign-in" />
            {move || expired().then(|| view! { <NotificationBanner><p>{t!(i18n, expired_notice)}</p></NotificationBanner> })}
            <h1>{t!(i18n, sign_in_title)}</h1>
            <p>{t!(i18n, sign_in_lead)}</p>
            <MethodTabs path="/sign-in" second="sms" second_shown=by_sms return_to label=tr(|l| td_string!(l, sign_in_methods))
                first_label=tr(|l| td_string!(l, method_password)) second_label=tr(|l| td_string!(l, method_sms)) />
            <Show when=move || by_sms.get() fallback=move || view! { <PasswordSignIn identifier password errors on_signed_in=signed_in /> }>
                <SmsSignIn phone code errors on_signed_in=signed_in />
            </Show>
            <PasskeySignIn errors on_signed_in=signed_in />
            <p class=style::other>
                {t!(i18n, no_account)}" "<a href=register_href class=style::link>{t!(i18n, register_link)}</a>
            </p>
        </div>
    }
}

/// ID number or phone, and password.
#[component]
fn PasswordSignIn(
    identifier: RwSignal<String>,
    password: RwSignal<String>,
    errors: RwSignal<FormErrors>,
    on_signed_in: Callback<SessionView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let sign_in = Action::new_local(move |request: &PasswordSignInRequest| {
        let request = request.clone();
        async move { api::sign_in_password(&request, lang.get_untracked()).await }
    });
    on_answer(sign_in, errors, PASSWORD_FIELDS, move |view| on_signed_in.run(view));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = PasswordSignInRequest { identifier: identifier.get_untracked(), password: password.get_untracked() };
        match request.validate() {
            Ok(()) => {
                sign_in.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, PASSWORD_FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <form on:submit=submit novalidate>
            <TextField id="sign-in-identifier".into() label=tr(|l| td_string!(l, field_identifier)) error=field_error(fields::IDENTIFIER)
                value=identifier autocomplete="username" />
            <TextField id="sign-in-password".into() label=tr(|l| td_string!(l, field_password)) error=field_error(fields::PASSWORD)
                value=password input_type="password" autocomplete="current-password" />
            <Button submit=true busy=sign_in.pending()>{t!(i18n, sign_in_button)}</Button>
        </form>
    }
}

/// Phone, and a code sent to it by SMS.
#[component]
fn SmsSignIn(
    phone: RwSignal<String>,
    code: RwSignal<String>,
    errors: RwSignal<FormErrors>,
    on_signed_in: Callback<SessionView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let sign_in = Action::new_local(move |request: &SmsSignInRequest| {
        let request = request.clone();
        async move { api::sign_in_sms(&request, lang.get_untracked()).await }
    });
    on_answer(sign_in, errors, SMS_FIELDS, move |view| on_signed_in.run(view));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = SmsSignInRequest { phone: phone.get_untracked(), code: code.get_untracked() };
        match request.validate() {
            Ok(()) => {
                sign_in.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, SMS_FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <form on:submit=submit novalidate>
            <TextField id="sign-in-phone".into() label=tr(|l| td_string!(l, field_phone)) hint=tr(|l| td_string!(l, field_phone_hint))
                error=field_error(fields::PHONE) value=phone input_type="tel" autocomplete="tel-national" inputmode="numeric" />
            <SendCode target=CodeTarget::Typed(phone, CodePurpose::SignIn) errors order=SMS_FIELDS />
            <TextField id="sign-in-code".into() label=tr(|l| td_string!(l, field_code)) hint=tr(|l| td_string!(l, field_code_hint))
                error=field_error(fields::CODE) value=code autocomplete="one-time-code" inputmode="numeric" narrow=true />
            <Button submit=true busy=sign_in.pending()>{t!(i18n, sign_in_button)}</Button>
        </form>
    }
}
