use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::identity::{CodePurpose, PasswordSignInRequest, SessionView, SmsSignInRequest};

use super::passkey_sign_in::PasskeySignIn;
use super::send_code::{CodeTarget, SendCode};
use crate::api::{self, encode, ApiError};
use crate::components::{Button, ErrorSummary, FormErrors, NotificationBanner, TabLink, TabLinks, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};
use crate::session::{safe_return_path, use_session};

// Sign-in and registration share one narrow page layout.
stylance::import_style!(style, "auth_page.module.css");

const PASSWORD_FIELDS: &[&str] = &["identifier", "password"];
const SMS_FIELDS: &[&str] = &["phone", "code"];

/// Sign in with ID number or phone and password, with phone and an SMS code, or with a passkey;
/// afterwards back to where the visitor came from.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let params = use_query_map();
    let navigate = use_navigate();
    let by_sms = Memo::new(move |_| params.read().get("method").as_deref() == Some("sms"));
    let return_to = Memo::new(move |_| safe_return_path(params.read().get("return")));
    let expired = move || params.read().get("expired").is_some();
    let errors = RwSignal::new(FormErrors::default());
    let identifier = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());

    let method_href = move |sms: bool| {
        let mut href = String::from("/sign-in?");
        if sms {
            href.push_str("method=sms&");
        }
        if let Some(back) = return_to.get() {
            href.push_str(&format!("return={}", encode(&back)));
        }
        href.trim_end_matches(['&', '?']).to_string()
    };
    let register_href = move || match return_to.get() {
        Some(back) => format!("/register?return={}", encode(&back)),
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
    let finish = move |result: Result<SessionView, ApiError>, order: &'static [&'static str]| match result {
        Ok(view) => signed_in.run(view),
        Err(error) => {
            errors.set(FormErrors::from_api(&error, order, i18n.get_locale_untracked()));
        }
    };
    let password_sign_in = Action::new_local(move |request: &PasswordSignInRequest| {
        let request = request.clone();
        async move { api::sign_in_password(&request, lang.get_untracked()).await }
    });
    let sms_sign_in = Action::new_local(move |request: &SmsSignInRequest| {
        let request = request.clone();
        async move { api::sign_in_sms(&request, lang.get_untracked()).await }
    });
    let finish_password = finish.clone();
    Effect::new(move |_| {
        if let Some(result) = password_sign_in.value().get() {
            finish_password(result, PASSWORD_FIELDS);
        }
    });
    Effect::new(move |_| {
        if let Some(result) = sms_sign_in.value().get() {
            finish(result, SMS_FIELDS);
        }
    });

    let submit_password = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = PasswordSignInRequest { identifier: identifier.get_untracked(), password: password.get_untracked() };
        match request.validate() {
            Ok(()) => {
                password_sign_in.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, PASSWORD_FIELDS, lang.get_untracked())),
        }
    };
    let submit_sms = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = SmsSignInRequest { phone: phone.get_untracked(), code: code.get_untracked() };
        match request.validate() {
            Ok(()) => {
                sms_sign_in.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, SMS_FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));

    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, sign_in_title), t_string!(i18n, app_full_name)) />
        <div class=style::narrow>
            <ErrorSummary errors=errors.into() id_prefix="sign-in" />
            {move || expired().then(|| view! { <NotificationBanner><p>{t!(i18n, expired_notice)}</p></NotificationBanner> })}
            <h1>{t!(i18n, sign_in_title)}</h1>
            <p>{t!(i18n, sign_in_lead)}</p>
            <TabLinks label=tr(|l| td_string!(l, sign_in_methods)) tabs=vec![
                TabLink {
                    href: Signal::derive(move || method_href(false)),
                    label: tr(|l| td_string!(l, method_password)),
                    current: Signal::derive(move || !by_sms.get()),
                },
                TabLink {
                    href: Signal::derive(move || method_href(true)),
                    label: tr(|l| td_string!(l, method_sms)),
                    current: by_sms.into(),
                },
            ] />
            <Show
                when=move || by_sms.get()
                fallback=move || view! {
                    <form on:submit=submit_password novalidate>
                        <TextField
                            id="sign-in-identifier".into()
                            label=tr(|l| td_string!(l, field_identifier))
                            error=field_error("identifier")
                            value=identifier
                            autocomplete="username"
                        />
                        <TextField
                            id="sign-in-password".into()
                            label=tr(|l| td_string!(l, field_password))
                            error=field_error("password")
                            value=password
                            input_type="password"
                            autocomplete="current-password"
                        />
                        <Button submit=true busy=password_sign_in.pending()>{t!(i18n, sign_in_button)}</Button>
                    </form>
                }
            >
                <form on:submit=submit_sms novalidate>
                    <TextField
                        id="sign-in-phone".into()
                        label=tr(|l| td_string!(l, field_phone))
                        hint=tr(|l| td_string!(l, field_phone_hint))
                        error=field_error("phone")
                        value=phone
                        input_type="tel"
                        autocomplete="tel-national"
                        inputmode="numeric"
                    />
                    <SendCode target=CodeTarget::Typed(phone, CodePurpose::SignIn) errors order=SMS_FIELDS />
                    <TextField
                        id="sign-in-code".into()
                        label=tr(|l| td_string!(l, field_code))
                        hint=tr(|l| td_string!(l, field_code_hint))
                        error=field_error("code")
                        value=code
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        narrow=true
                    />
                    <Button submit=true busy=sms_sign_in.pending()>{t!(i18n, sign_in_button)}</Button>
                </form>
            </Show>
            <PasskeySignIn errors on_signed_in=signed_in />
            <p class=style::other>
                {t!(i18n, no_account)}" "<a href=register_href class=style::link>{t!(i18n, register_link)}</a>
            </p>
        </div>
    }
}
