use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::wallet::{NotValidBecause, Verification, VerifyRequest};

use crate::api;
use crate::components::{
    on_answer, Breadcrumbs, Button, CameraScan, Crumb, ErrorSummary, FormErrors, NotificationBanner, SummaryList, TextField,
};
use crate::i18n::*;
use crate::lang::{format_time, tr, use_lang};

stylance::import_style!(style, "check_page.module.css");

const FIELDS: &[&str] = VerifyRequest::FIELDS;

fn reason_text(locale: Locale, reason: NotValidBecause) -> &'static str {
    match reason {
        NotValidBecause::Unreadable => td_string!(locale, reason_unreadable),
        NotValidBecause::Forged => td_string!(locale, reason_forged),
        NotValidBecause::UnknownKey => td_string!(locale, reason_unknown_key),
        NotValidBecause::Expired => td_string!(locale, reason_expired),
        NotValidBecause::LicenceExpired => td_string!(locale, reason_licence_expired),
        NotValidBecause::LicenceSuperseded => td_string!(locale, reason_licence_superseded),
        NotValidBecause::LicenceRevoked => td_string!(locale, reason_licence_revoked),
    }
}

/// Anyone, signed in or not, checks a code someone showed them: valid with only what the holder
/// chose to show, or not valid and why.
#[component]
pub fn CheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let token = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let result = RwSignal::new(None::<Verification>);
    let check = Action::new_local(move |request: &VerifyRequest| {
        let request = request.clone();
        async move { api::verify_code(&request, lang.get_untracked()).await }
    });
    on_answer(check, errors, FIELDS, move |verification| result.set(Some(verification)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        result.set(None);
        // The server checks the code and says what is wrong in the reader's language: the public
        // build does without the validators' words.
        check.dispatch(VerifyRequest { token: token.get_untracked() });
    };
    let scanned = Callback::new(move |text: String| {
        result.set(None);
        token.set(text.clone());
        check.dispatch(VerifyRequest { token: text });
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, check_code_title), t_string!(i18n, app_full_name)) />
        <Breadcrumbs crumbs=vec![Crumb { href: "/", label: Signal::derive(move || t_string!(i18n, nav_home).to_string()) }] />
        <h1>{t!(i18n, check_code_title)}</h1>
        <p class=style::lead>{t!(i18n, check_lead)}</p>
        <ErrorSummary errors=errors.into() id_prefix="check" />
        <CameraScan on_code=scanned />
        <form on:submit=submit novalidate class=style::form>
            <TextField id="check-token".into() label=tr(|l| td_string!(l, check_field)) hint=tr(|l| td_string!(l, check_hint))
                error=Signal::derive(move || errors.read().field(tongban_api::fields::TOKEN)) value=token multiline=true />
            <Button submit=true busy=check.pending()>{t!(i18n, check_button)}</Button>
        </form>
        <div aria-live="polite">
            {move || result.get().map(|verification| view! { <Outcome verification /> })}
        </div>
        <p><a href="/verify/receipt">{t!(i18n, check_receipt_title)}</a></p>
    }
}

#[component]
fn Outcome(verification: Verification) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    match (verification.valid, verification.disclosed, verification.reason) {
        (true, Some(shown), _) => {
            let issuer = verification.issuer.unwrap_or_default();
            let shown_at = verification.issued_at.map(|at| format_time(at, lang.get_untracked()));
            let validity = shown.from.clone().map(|from| match &shown.until {
                Some(until) => format!("{from} – {until}"),
                None => format!("{from} – {}", t_string!(i18n, licence_no_end)),
            });
            view! {
                <NotificationBanner success=true>
                    <h2 class=style::verdict>{t!(i18n, check_valid)}</h2>
                    <SummaryList compact=true rows=[
                        shown.title.map(|title| (t!(i18n, show_field_kind).into_any(), crate::lang::localized(&title).into_any())),
                        shown.name.map(|name| (t!(i18n, licence_holder).into_any(), name.into_any())),
                        validity.map(|v| (t!(i18n, show_field_validity).into_any(), v.into_any())),
                        shown.no.map(|no| (t!(i18n, licence_number).into_any(), no.into_any())),
                        Some((t!(i18n, licence_status).into_any(), t!(i18n, licence_status_valid).into_any())),
                        Some((t!(i18n, licence_issuer).into_any(), crate::lang::localized(&issuer).into_any())),
                        shown_at.map(|at| (t!(i18n, check_shown_at).into_any(), at.into_any())),
                    ].into_iter().flatten().collect() />
                </NotificationBanner>
            }
            .into_any()
        }
        (_, _, reason) => {
            let reason = reason.unwrap_or(NotValidBecause::Unreadable);
            view! {
                <div class=style::refused role="alert">
                    <h2 class=style::verdict>{t!(i18n, check_not_valid)}</h2>
                    <p>{move || reason_text(i18n.get_locale(), reason)}</p>
                </div>
            }
            .into_any()
        }
    }
}
