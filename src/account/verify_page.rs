use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tongban_api::verification::{VerificationStatus, VerifyByBankCardRequest, VerifyBySmsRequest};

use crate::api::{self, encode, ApiError};
use crate::components::{Button, ErrorSummary, FormErrors, LoadError, NotificationBanner, Skeleton, TabLink, TabLinks, TextField};
use crate::i18n::*;
use crate::identity::{CodeTarget, RequireSignIn, SendCode};
use crate::lang::{tr, use_lang};
use crate::session::{safe_return_path, use_session};

stylance::import_style!(style, "verify_page.module.css");

const SMS_FIELDS: &[&str] = &["code"];
const CARD_FIELDS: &[&str] = &["card_number", "phone"];

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
    let code = RwSignal::new(String::new());
    let card = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());

    let finish = move |result: Result<(), ApiError>, order: &'static [&'static str]| match result {
        Ok(()) => {
            session.refresh(lang.get_untracked());
            errors.set(FormErrors::default());
            done.set(true);
        }
        Err(error) => {
            errors.set(FormErrors::from_api(&error, order, i18n.get_locale_untracked()));
        }
    };
    let by_sms_action = Action::new_local(move |request: &VerifyBySmsRequest| {
        let request = request.clone();
        async move { api::verify_by_sms(&request, lang.get_untracked()).await }
    });
    let by_card_action = Action::new_local(move |request: &VerifyByBankCardRequest| {
        let request = request.clone();
        async move { api::verify_by_bank_card(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| {
        if let Some(result) = by_sms_action.value().get() {
            finish(result, SMS_FIELDS);
        }
    });
    Effect::new(move |_| {
        if let Some(result) = by_card_action.value().get() {
            finish(result, CARD_FIELDS);
        }
    });
    let submit_sms = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = VerifyBySmsRequest { code: code.get_untracked() };
        match request.validate() {
            Ok(()) => {
                by_sms_action.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, SMS_FIELDS, lang.get_untracked())),
        }
    };
    let submit_card = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = VerifyByBankCardRequest { card_number: card.get_untracked(), phone: phone.get_untracked() };
        match request.validate() {
            Ok(()) => {
                by_card_action.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, CARD_FIELDS, lang.get_untracked())),
        }
    };
    let method_href = move |card: bool| {
        let mut href = String::from("/account/verify?");
        if card {
            href.push_str("method=card&");
        }
        if let Some(back) = return_to.get() {
            href.push_str(&format!("return={}", encode(&back)));
        }
        href.trim_end_matches(['&', '?']).to_string()
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    let in_register = status.in_register;
    let already = status.level >= 2;

    view! {
        <Show when=move || !done.get() fallback=move || view! {
            <NotificationBanner success=true>
                <p>{if already { t!(i18n, verify_already).into_any() } else { t!(i18n, verify_done).into_any() }}</p>
            </NotificationBanner>
            <p>
                {move || return_to.get().map(|href| view! { <a href=href class=style::link>{t!(i18n, back_to_guide)}</a>" · " })}
                <a href="/account" class=style::link>{t!(i18n, back_to_account)}</a>
            </p>
        }>
            <ErrorSummary errors=errors.into() id_prefix="verify" />
            <p>{t!(i18n, verify_lead)}</p>
            {(!in_register).then(|| view! { <p class=style::warning>{t!(i18n, verify_not_in_register)}</p> })}
            <Show when=move || in_register>
                <TabLinks label=tr(|l| td_string!(l, verify_methods)) tabs=vec![
                    TabLink {
                        href: Signal::derive(move || method_href(false)),
                        label: tr(|l| td_string!(l, verify_by_sms)),
                        current: Signal::derive(move || !by_card.get()),
                    },
                    TabLink {
                        href: Signal::derive(move || method_href(true)),
                        label: tr(|l| td_string!(l, verify_by_card)),
                        current: by_card.into(),
                    },
                ] />
                <Show
                    when=move || by_card.get()
                    fallback=move || view! {
                        <form on:submit=submit_sms novalidate>
                            <p>{t!(i18n, verify_sms_lead)}</p>
                            <SendCode target=CodeTarget::OnRecord errors order=SMS_FIELDS />
                            <TextField id="verify-code".into() label=tr(|l| td_string!(l, field_code))
                                hint=tr(|l| td_string!(l, field_code_hint)) error=field_error("code") value=code
                                autocomplete="one-time-code" inputmode="numeric" narrow=true />
                            <Button submit=true busy=by_sms_action.pending()>{t!(i18n, verify_button)}</Button>
                        </form>
                    }
                >
                    <form on:submit=submit_card novalidate>
                        <p>{t!(i18n, verify_card_lead)}</p>
                        <TextField id="verify-card_number".into() label=tr(|l| td_string!(l, field_card_number))
                            hint=tr(|l| td_string!(l, field_card_number_hint)) error=field_error("card_number") value=card
                            autocomplete="cc-number" inputmode="numeric" />
                        <TextField id="verify-phone".into() label=tr(|l| td_string!(l, field_bank_phone))
                            error=field_error("phone") value=phone input_type="tel" autocomplete="tel-national" inputmode="numeric" />
                        <Button submit=true busy=by_card_action.pending()>{t!(i18n, verify_button)}</Button>
                    </form>
                </Show>
            </Show>
        </Show>
    }
}
