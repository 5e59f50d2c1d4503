use leptos::prelude::*;
use tongban_api::payments::RefundView;

use super::labels::{refund_cause_label, refund_state_label, refund_state_tone};
use crate::components::Tag;
use crate::i18n::*;
use crate::lang::{format_time, money, use_lang};

/// What has been given back from one payment: each refund's amount, where it stands, and why —
/// the officer's words, or the rule that made it.
#[component]
pub fn RefundList(refunds: Vec<RefundView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    (!refunds.is_empty()).then(|| {
        view! {
            <ul>
                {refunds.into_iter().map(|refund| {
                    let (state, cause, created, settled) = (refund.state, refund.cause, refund.created_at, refund.settled_at);
                    view! {
                        <li>
                            <strong>{money(refund.amount_fen)}</strong>" "
                            <Tag tone=refund_state_tone(state)>{move || refund_state_label(i18n.get_locale(), state)}</Tag>
                            <br />{move || refund_cause_label(i18n.get_locale(), cause)}
                            {(!refund.reason.is_empty()).then(|| view! { <br /><q>{refund.reason.clone()}</q> })}
                            <br />{move || format_time(settled.unwrap_or(created), lang.get())}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}
