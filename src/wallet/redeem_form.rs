use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use tongban_api::wallet::{RedeemRequest, RedeemedLicence};
use tongban_api::Lang;

use crate::api::ApiError;
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "redeem_form.module.css");

const FIELDS: &[&str] = RedeemRequest::FIELDS;

/// How a redeemer sends the code: an officer's console, or a company's agent.
pub type Redeem = fn(RedeemRequest, Lang) -> Pin<Box<dyn Future<Output = Result<RedeemedLicence, ApiError>>>>;

/// Type the use code a holder gave; see only what they authorised.
#[component]
pub fn RedeemForm(redeem: Redeem) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let result = RwSignal::new(None::<RedeemedLicence>);
    let action = Action::new_local(move |request: &RedeemRequest| redeem(request.clone(), lang.get_untracked()));
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
                    <dl class=style::facts>
                        <dt>{t!(i18n, redeem_purpose)}</dt><dd>{licence.purpose.clone()}</dd>
                        {shown.title.map(|title| view! { <dt>{t!(i18n, show_field_kind)}</dt><dd>{localized(&title)}</dd> })}
                        {shown.name.map(|name| view! { <dt>{t!(i18n, licence_holder)}</dt><dd>{name}</dd> })}
                        {shown.no.map(|no| view! { <dt>{t!(i18n, licence_number)}</dt><dd>{no}</dd> })}
                        {validity.map(|v| view! { <dt>{t!(i18n, show_field_validity)}</dt><dd>{v}</dd> })}
                        <dt>{t!(i18n, licence_issuer)}</dt><dd>{localized(&licence.issuer)}</dd>
                        <dt>{t!(i18n, authorisation_until)}</dt>
                        <dd>
                            {licence.until.clone()}" · "
                            {move || match left {
                                Some(count) => t_string!(i18n, redeem_uses_left, count = count).to_string(),
                                None => t_string!(i18n, redeem_any_number).to_string(),
                            }}
                        </dd>
                    </dl>
                </div>
            }
        })}
    }
}
