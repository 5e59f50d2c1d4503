use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tongban_api::fields;
use tongban_api::verification::{VerificationStatus, VerifyByBankCardRequest, VerifyBySmsRequest};

use crate::api;
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, LoadError, NotificationBanner, Skeleton, TextField};
use crate::i18n::*;
use crate::identity::{CodeTarget, MethodTabs, RequireSignIn, SendCode};
use crate::lang::{tr, use_lang};
use crate::session::{safe_return_path, use_session};

stylance::import_style!(style, "verify_page.module.css");

const SMS_FIELDS: &[&str] = VerifyBySmsRequest::FIELDS;
const CARD_FIELDS: &[&str] = VerifyByBankCardRequest::FIELDS;

/// Level 2: a code to the phone on the household record, or a bank card in one's name.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let status = LocalResource::new(move || api::verification_status(lang.get_untracked()));
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, verify_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <div class=style::narrow>
                <h1>{t!(i18n, verify_title)}</h1>
                <Transition fallback=|| view! { <Skeleton lines=4 /> }>
                    {move || Suspend::new(async move {
                        match status.await {
                            Ok(status) => view! { <Verification status /> }.into_any(),
                            Err(error) => view! { <LoadError error on_retry=move || status.refetch() /> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </RequireSignIn>
    }
}

#[component]
fn Verification(status: VerificationStatus) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let params = use_query_map();
    let by_card = Memo::new(move |_| params.read().get("method").as_deref() == Some("card"));
    let return_to = Memo::new(move |_| safe_return_path(params.read().get("return")));
    let done = RwSignal::new(status.level >= 2);
    let errors = RwSignal::new(FormErrors::default());
    let on_done = Callback::new(move |()| {
        session.refresh(lang.get_untracked());
        done.set(true);
    });
    let in_register = status.in_register;
    let already = status.level >= 2;
    view! {
        <Show when=move || !done.get() fallback=move || view! { <Verified already return_to /> }>
            <ErrorSummary errors=errors.into() id_prefix="verify" />
            <p>{t!(i18n, verify_lead)}</p>
            {(!in_register).then(|| view! { <p class=style::warning>{t!(i18n, verify_not_in_register)}</p> })}
            <Show when=move || in_register>
                <MethodTabs path="/account/verify" second="card" second_shown=by_card return_to label=tr(|l| td_string!(l, verify_methods))
                    first_label=tr(|l| td_string!(l, verify_by_sms)) second_label=tr(|l| td_string!(l, verify_by_card)) />
                <Show when=move || by_card.get() fallback=move || view! { <BySms errors on_done /> }>
                    <ByBankCard errors on_done />
                </Show>
            </Show>
        </Show>
    }
}

/// Said once the account is at level 2, with the way back.
#[component]
fn Verified(already: bool, return_to: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <NotificationBanner success=true>
            <p>{if already { t!(i18n, verify_already).into_any() } else { t!(i18n, verify_done).into_any() }}</p>
        </NotificationBanner>
        <p>
            {move || return_to.get().map(|href| view! { <a href=href class=style::link>{t!(i18n, back_to_guide)}</a>" · " })}
            <a href="/account" class=style::link>{t!(i18n, back_to_account)}</a>
        </p>
    }
}

/// A code sent to the phone the population register holds.
#[component]
fn BySms(errors: RwSignal<FormErrors>, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let verify = Action::new_local(move |request: &VerifyBySmsRequest| {
        let request = request.clone();
        async move { api::verify_by_sms(&request, lang.get_untracked()).await }
    });
    on_answer(verify, errors, SMS_FIELDS, move |()| on_done.run(()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = VerifyBySmsRequest { code: code.get_untracked() };
        match request.validate() {
            Ok(()) => {
                verify.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, SMS_FIELDS, lang.get_untracked())),
        }
    };
    view! {
        <form on:submit=submit novalidate>
            <p>{t!(i18n, verify_sms_lead)}</p>
            <SendCode target=CodeTarget::OnRecord errors order=SMS_FIELDS />
            <TextField id="verify-code".into() label=tr(|l| td_string!(l, field_code))
                hint=tr(|l| td_string!(l, field_code_hint)) error=Signal::derive(move || errors.read().field(fields::CODE)) value=code
                autocomplete="one-time-code" inputmode="numeric" narrow=true />
            <Button submit=true busy=verify.pending()>{t!(i18n, verify_button)}</Button>
        </form>
    }
}

/// A bank card in the person's name, with the phone the bank holds for it.
#[component]
fn ByBankCard(errors: RwSignal<FormErrors>, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let card = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let verify = Action::new_local(move |request: &VerifyByBankCardRequest| {
        let request = request.clone();
        async move { api::verify_by_bank_card(&request, lang.get_untracked()).await }
    });
    on_answer(verify, errors, CARD_FIELDS, move |()| on_done.run(()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = VerifyByBankCardRequest { card_number: card.get_untracked(), phone: phone.get_untracked() };
        match request.validate() {
            Ok(()) => {
                verify.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, CARD_FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <form on:submit=submit novalidate>
            <p>{t!(i18n, verify_card_lead)}</p>
            <TextField id="verify-card_number".into() label=tr(|l| td_string!(l, field_card_number))
                hint=tr(|l| td_string!(l, field_card_number_hint)) error=field_error(fields::CARD_NUMBER) value=card
                autocomplete="cc-number" inputmode="numeric" />
            <TextField id="verify-phone".into() label=tr(|l| td_string!(l, field_bank_phone))
                error=field_error(fields::PHONE) value=phone input_type="tel" autocomplete="tel-national" inputmode="numeric" />
            <Button submit=true busy=verify.pending()>{t!(i18n, verify_button)}</Button>
        </form>
    }
}
