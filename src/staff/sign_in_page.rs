use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::fields;
use tongban_api::staff::{StaffCodeRequest, StaffSignInChallenge, StaffSignInRequest};

use crate::api;
use crate::components::{Button, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};
use crate::session::safe_return_path;

stylance::import_style!(style, "sign_in_page.module.css");

const FIELDS: &[&str] = StaffSignInRequest::FIELDS;
const CODE_FIELDS: &[&str] = StaffCodeRequest::FIELDS;

/// Officers sign in with their staff number and password, then a code sent to their work phone;
/// the console has its own session.
#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let challenge = RwSignal::new(None::<StaffSignInChallenge>);
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, staff_sign_in_title), t_string!(i18n, app_full_name)) />
        <div class=style::narrow>
            {move || match challenge.get() {
                None => view! { <PasswordStep challenge /> }.into_any(),
                Some(sent) => view! { <CodeStep sent on_restart=Callback::new(move |()| challenge.set(None)) /> }.into_any(),
            }}
        </div>
    }
}

/// The second factor: the code sent to the officer's work phone for this sign-in.
#[component]
fn CodeStep(sent: StaffSignInChallenge, on_restart: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let query = use_query_map();
    let errors = RwSignal::new(FormErrors::default());
    let code = RwSignal::new(String::new());
    let challenge = StoredValue::new(sent.challenge.clone());
    let confirm = Action::new_local(move |request: &StaffCodeRequest| {
        let request = request.clone();
        async move { api::staff_sign_in_code(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(_)) => {
            let back = safe_return_path(query.read_untracked().get("return")).filter(|p| p.starts_with("/staff"));
            navigate(&back.unwrap_or_else(|| "/staff".into()), Default::default());
        }
        Some(Err(error)) => errors.set(FormErrors::from_api(&error, CODE_FIELDS, i18n.get_locale_untracked())),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = StaffCodeRequest { challenge: challenge.get_value(), code: code.get_untracked().trim().to_string() };
        match request.validate() {
            Ok(()) => {
                confirm.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, CODE_FIELDS, lang.get_untracked())),
        }
    };
    let phone = sent.phone_masked.clone();
    let minutes = sent.expires_in_secs / 60;
    view! {
        <ErrorSummary errors=errors.into() id_prefix="staff" />
        <h1>{t!(i18n, staff_code_title)}</h1>
        <p role="status">{move || td_string!(i18n.get_locale(), staff_code_sent, phone = phone.clone(), minutes = minutes).to_string()}</p>
        <form on:submit=on_submit novalidate>
            <TextField id="staff-code".into() label=tr(|l| td_string!(l, field_code)) hint=tr(|l| td_string!(l, field_code_hint))
                error=Signal::derive(move || errors.read().field(fields::CODE)) value=code autocomplete="one-time-code" inputmode="numeric" narrow=true />
            <Button submit=true busy=confirm.pending()>{t!(i18n, sign_in_button)}</Button>
        </form>
        <p><Button secondary=true on_click=on_restart>{t!(i18n, staff_code_restart)}</Button></p>
    }
}

/// The first step: staff number and password.
#[component]
fn PasswordStep(challenge: RwSignal<Option<StaffSignInChallenge>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let number = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in = Action::new_local(move |request: &StaffSignInRequest| {
        let request = request.clone();
        async move { api::staff_sign_in(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| match sign_in.value().get() {
        Some(Ok(sent)) => challenge.set(Some(sent)),
        Some(Err(error)) => errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked())),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = StaffSignInRequest { staff_number: number.get_untracked(), password: password.get_untracked() };
        match request.validate() {
            Ok(()) => {
                sign_in.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <ErrorSummary errors=errors.into() id_prefix="staff" />
        <h1>{t!(i18n, staff_sign_in_title)}</h1>
        <p>{t!(i18n, staff_sign_in_lead)}</p>
        <form on:submit=on_submit novalidate>
            <TextField id="staff-staff_number".into() label=tr(|l| td_string!(l, field_staff_number)) error=field_error(fields::STAFF_NUMBER)
                value=number autocomplete="username" narrow=true />
            <TextField id="staff-password".into() label=tr(|l| td_string!(l, field_password)) error=field_error(fields::PASSWORD)
                value=password input_type="password" autocomplete="current-password" />
            <Button submit=true busy=sign_in.pending()>{t!(i18n, sign_in_button)}</Button>
        </form>
    }
}
