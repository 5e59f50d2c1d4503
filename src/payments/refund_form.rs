use leptos::prelude::*;
use tongban_api::fields;
use tongban_api::payments::{yuan, RefundRequest};

use crate::api;
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::lang::{money, tr, use_lang};

stylance::import_style!(style, "refund_form.module.css");

const FIELDS: &[&str] = RefundRequest::FIELDS;

/// An officer giving back all or part of one payment of the case, with the reason the applicant
/// will read. Folded away until asked for: most cases never need it.
#[component]
pub fn RefundForm(application_id: String, order_id: String, refundable_fen: u64, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let amount = RwSignal::new(yuan(refundable_fen));
    let reason = RwSignal::new(String::new());
    let prefix = format!("refund-{order_id}");
    let (application_id, order_id) = (StoredValue::new(application_id), StoredValue::new(order_id));
    let key = StoredValue::new(api::idempotency_key());
    let refund = Action::new_local(move |request: &RefundRequest| {
        let request = request.clone();
        async move {
            let answer = api::staff_refund(&application_id.get_value(), &request, &key.get_value(), lang.get_untracked()).await;
            // An answer came: the next press is a new refund, not this one again.
            if !matches!(&answer, Err(e) if e.code == tongban_api::ErrorCode::Unavailable) {
                key.set_value(api::idempotency_key());
            }
            answer
        }
    });
    on_answer(refund, errors, FIELDS, move |_| on_changed.run(()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = RefundRequest { order_id: order_id.get_value(), amount: amount.get_untracked(), reason: reason.get_untracked() };
        match request.validate() {
            Ok(_) => {
                refund.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    let refundable = money(refundable_fen);
    view! {
        <details class=style::refund>
            <summary>{t!(i18n, refund_open)}</summary>
            <ErrorSummary errors=errors.into() id_prefix=prefix.clone() />
            <form on:submit=on_submit novalidate>
                <TextField id=format!("{prefix}-{}", fields::AMOUNT) label=tr(|l| td_string!(l, refund_amount))
                    hint=Signal::derive(move || format!("{} {refundable}", t_string!(i18n, refund_refundable)))
                    error=field_error(fields::AMOUNT) value=amount inputmode="decimal" narrow=true />
                <TextField id=format!("{prefix}-{}", fields::REASON) label=tr(|l| td_string!(l, refund_reason))
                    hint=tr(|l| td_string!(l, refund_reason_hint)) error=field_error(fields::REASON) value=reason multiline=true />
                <Button submit=true busy=refund.pending()>{t!(i18n, refund_submit)}</Button>
            </form>
        </details>
    }
}
