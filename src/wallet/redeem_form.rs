use leptos::prelude::*;
use tongban_api::wallet::{RedeemRequest, RedeemedLicence};

use crate::api::{self, Redeemer};
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, SummaryList, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "redeem_form.module.css");

const FIELDS: &[&str] = RedeemRequest::FIELDS;

/// Type the use code a holder gave; see only what they authorised.
#[component]
pub fn RedeemForm(by: Redeemer) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let result = RwSignal::new(None::<RedeemedLicence>);
    let action = Action::new_local(move |request: &RedeemRequest| {
        let request = request.clone();
        async move { api::redeem_licence(by, &request, lang.get_untracked()).await }
    });
    on_answer(action, errors, FIELDS, move |licence| result.set(Some(licence)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        result.set(None);
        let request = RedeemRequest { use_code: code.get_untracked() };
        match request.validate() {
            Ok(()) => {
                action.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    view! {
        <ErrorSummary errors=errors.into() id_prefix="redeem" />
        <form on:submit=submit novalidate class=style::form>
            <TextField id="redeem-use_code".into() label=tr(|l| td_string!(l, redeem_field)) hint=tr(|l| td_string!(l, redeem_hint))
                error=Signal::derive(move || errors.read().field(tongban_api::fields::USE_CODE)) value=code narrow=true />
            <Button submit=true busy=action.pending()>{t!(i18n, redeem_button)}</Button>
        </form>
        {move || result.get().map(|licence| {
            let shown = licence.disclosed;
            let validity = shown.from.clone().map(|from| format!("{from} – {}", shown.until.clone().unwrap_or_else(|| t_string!(i18n, licence_no_end).to_string())));
            let left = licence.uses_left;
            view! {
                <div class=style::result role="status">
                    <h2 class=style::title>{t!(i18n, redeem_result)}</h2>
                    <SummaryList compact=true rows=[
                        Some((t!(i18n, redeem_purpose).into_any(), licence.purpose.clone().into_any())),
                        shown.title.map(|title| (t!(i18n, show_field_kind).into_any(), localized(&title).into_any())),
                        shown.name.map(|name| (t!(i18n, licence_holder).into_any(), name.into_any())),
                        shown.no.map(|no| (t!(i18n, licence_number).into_any(), no.into_any())),
                        validity.map(|v| (t!(i18n, show_field_validity).into_any(), v.into_any())),
                        Some((t!(i18n, licence_issuer).into_any(), localized(&licence.issuer).into_any())),
                        Some((t!(i18n, authorisation_until).into_any(), view! {
                            {licence.until.clone()}" · "
                            {move || match left {
                                Some(count) => t_string!(i18n, redeem_uses_left, count = count).to_string(),
                                None => t_string!(i18n, redeem_any_number).to_string(),
                            }}
                        }.into_any())),
                    ].into_iter().flatten().collect() />
                </div>
            }
        })}
    }
}
