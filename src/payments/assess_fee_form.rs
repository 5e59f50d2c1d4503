use leptos::prelude::*;
use tongban_api::catalogue::TariffItem;
use tongban_api::fields;
use tongban_api::payments::AssessFeeRequest;

use crate::api;
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, Radios, TextField};
use crate::i18n::*;
use crate::lang::{localized, money, tr, use_lang};

const FIELDS: &[&str] = AssessFeeRequest::FIELDS;

/// The officer assessing the application's fee from its service's charging standard: a line and
/// how many units, with what that comes to, before the applicant is told to pay it.
#[component]
pub fn AssessFeeForm(application_id: String, tariff: Vec<TariffItem>, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let item = RwSignal::new(String::new());
    let units = RwSignal::new(String::new());
    let tariff = StoredValue::new(tariff);
    let application_id = StoredValue::new(application_id);
    let assess = Action::new_local(move |request: &AssessFeeRequest| {
        let request = request.clone();
        async move { api::staff_assess_fee(&application_id.get_value(), &request, lang.get_untracked()).await }
    });
    on_answer(assess, errors, FIELDS, move |_| on_changed.run(()));
    let request = move || AssessFeeRequest { item: item.get(), units: units.get() };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = request();
        match tariff.with_value(|t| request.validate(t).map(drop)) {
            Ok(()) => {
                assess.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    // What the choice comes to, once it reads: the officer checks it before the applicant is told.
    let total = move || tariff.with_value(|t| request().validate(t).ok().map(|(line, n)| money(line.unit_fen * u64::from(n))));
    let max = tariff.with_value(|t| t.iter().map(|line| line.max_units).max().unwrap_or(1));
    let options =
        tariff.with_value(|t| t.iter().map(|item| (item.code.clone(), Signal::derive(localized(&item.line())))).collect::<Vec<_>>());
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <section aria-labelledby="assess-fee">
            <h3 id="assess-fee">{t!(i18n, assess_heading)}</h3>
            <ErrorSummary errors=errors.into() id_prefix="assess" />
            <form on:submit=on_submit novalidate>
                <Radios id=format!("assess-{}", fields::TARIFF_ITEM) legend=tr(|l| td_string!(l, assess_item))
                    error=field_error(fields::TARIFF_ITEM) options selected=item />
                <TextField id=format!("assess-{}", fields::UNITS) label=tr(|l| td_string!(l, assess_units))
                    hint=Signal::derive(move || t_string!(i18n, assess_units_hint, max = max).to_string())
                    error=field_error(fields::UNITS) value=units inputmode="numeric" narrow=true />
                <p aria-live="polite">
                    {move || total().map(|total| view! { {t!(i18n, assess_total)}": "<strong>{total}</strong> })}
                </p>
                <Button submit=true busy=assess.pending()>{t!(i18n, assess_submit)}</Button>
            </form>
        </section>
    }
}
