use leptos::prelude::*;
use tongban_api::companies::AgentScope;
use tongban_api::payments::{FeeState, FeeView};
use tongban_api::Refusal;

use super::labels::{fee_state_label, fee_state_tone};
use crate::components::{ButtonLink, Tag};
use crate::i18n::*;
use crate::lang::{localized, money, use_lang};

/// The fees an application owes or has paid, each with its state and, while it is due, the way
/// to pay it — or, for a company's agent without "pay", who can.
#[component]
pub fn FeeLines(fees: Vec<FeeView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    (!fees.is_empty()).then(|| {
        view! {
            <section aria-labelledby="fees-heading">
                <h2 id="fees-heading">{t!(i18n, fees_heading)}</h2>
                {fees.into_iter().map(|fee| {
                    let state = fee.state;
                    let id = format!("fee-{}-state", fee.id);
                    view! {
                        <p>
                            {localized(&fee.basis)}": "<strong>{money(fee.amount_fen)}</strong>" "
                            <span id=id.clone()><Tag tone=fee_state_tone(state)>{move || fee_state_label(i18n.get_locale(), state)}</Tag></span>
                            {(fee.refunded_fen > 0).then(|| view! { " "{t!(i18n, fee_refunded)}" "{money(fee.refunded_fen)} })}
                        </p>
                        {match (state, fee.may_pay) {
                            (FeeState::Due, true) => view! {
                                <p><ButtonLink href=format!("/payments/fees/{}", fee.id)>{t!(i18n, fee_pay_button)}</ButtonLink></p>
                            }.into_any(),
                            (FeeState::Due, false) => view! {
                                <p>{move || Refusal::MissingScope(AgentScope::Pay).message(lang.get()).to_string()}</p>
                            }.into_any(),
                            (FeeState::Paid, _) => fee.paid_by.clone().map(|order| view! {
                                <p><a href=format!("/payments/{order}")>{t!(i18n, fee_see_payment)}</a></p>
                            }).into_any(),
                            (FeeState::Cancelled, _) => view! { <p>{t!(i18n, fee_cancelled)}</p> }.into_any(),
                        }}
                    }
                }).collect_view()}
            </section>
        }
    })
}
