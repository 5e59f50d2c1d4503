use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::fields;
use tongban_api::receipts::{ReceiptCheck, ReceiptCheckRequest};

use super::receipt_sheet::ReceiptSheet;
use crate::api;
use crate::components::{on_answer, Breadcrumbs, Button, Crumb, ErrorSummary, FormErrors, NotificationBanner, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};

const FIELDS: &[&str] = ReceiptCheckRequest::FIELDS;

/// Anyone given a fiscal e-receipt checks it by the three things printed on it: the receipt as
/// sealed when they match and both seals check, otherwise only that it is not valid.
#[component]
pub fn ReceiptCheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (code, number, check_code) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let errors = RwSignal::new(FormErrors::default());
    let result = RwSignal::new(None::<ReceiptCheck>);
    let check = Action::new_local(move |request: &ReceiptCheckRequest| {
        let request = request.clone();
        async move { api::check_receipt(&request, lang.get_untracked()).await }
    });
    on_answer(check, errors, FIELDS, move |checked| result.set(Some(checked)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        result.set(None);
        // The server says what is wrong in the reader's language: this build does without the validators' words.
        check.dispatch(ReceiptCheckRequest {
            receipt_code: code.get_untracked(),
            receipt_number: number.get_untracked(),
            check_code: check_code.get_untracked(),
        });
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, check_receipt_title), t_string!(i18n, app_full_name)) />
        <Breadcrumbs crumbs=vec![Crumb { href: "/verify", label: Signal::derive(move || t_string!(i18n, check_code_title).to_string()) }] />
        <h1>{t!(i18n, check_receipt_title)}</h1>
        <p>{t!(i18n, check_receipt_lead)}</p>
        <ErrorSummary errors=errors.into() id_prefix="receipt" />
        <form on:submit=submit novalidate>
            <TextField id=format!("receipt-{}", fields::RECEIPT_CODE) label=tr(|l| td_string!(l, receipt_code))
                error=field_error(fields::RECEIPT_CODE) value=code inputmode="numeric" narrow=true />
            <TextField id=format!("receipt-{}", fields::RECEIPT_NUMBER) label=tr(|l| td_string!(l, receipt_number))
                error=field_error(fields::RECEIPT_NUMBER) value=number inputmode="numeric" narrow=true />
            <TextField id=format!("receipt-{}", fields::CHECK_CODE) label=tr(|l| td_string!(l, receipt_check_code))
                error=field_error(fields::CHECK_CODE) value=check_code narrow=true />
            <Button submit=true busy=check.pending()>{t!(i18n, check_receipt_button)}</Button>
        </form>
        <div aria-live="polite">
            {move || result.get().map(|checked| match checked.receipt {
                Some(content) if checked.valid => view! {
                    <NotificationBanner success=true><h2>{t!(i18n, check_receipt_valid)}</h2></NotificationBanner>
                    <ReceiptSheet content refunded_fen=checked.refunded_fen />
                }.into_any(),
                _ => view! { <div role="alert"><h2>{t!(i18n, check_receipt_not_valid)}</h2></div> }.into_any(),
            })}
        </div>
    }
}
