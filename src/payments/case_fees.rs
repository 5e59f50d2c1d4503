use leptos::prelude::*;
use tongban_api::catalogue::TariffItem;
use tongban_api::payments::CaseFee;

use super::assess_fee_form::AssessFeeForm;
use super::labels::{channel_label, fee_state_label, fee_state_tone, payment_state_label, payment_state_tone};
use super::refund_form::RefundForm;
use super::refund_list::RefundList;
use crate::components::Tag;
use crate::i18n::*;
use crate::lang::{format_time, localized, money, use_lang};

/// The officer's view of what an application owes: each fee with its state, and every order
/// made to pay it with what has been given back of it, so a question about a payment is answered
/// from the case; a payment that can still give money back can be refunded from here, and a fee
/// the service charges by its standard is assessed here.
#[component]
pub fn CaseFees(fees: Vec<CaseFee>, tariff: Vec<TariffItem>, application_id: String, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let orders: Vec<_> = fees.iter().flat_map(|f| f.orders.clone()).collect();
    (!fees.is_empty() || !tariff.is_empty()).then(|| {
        view! {
            <section aria-labelledby="case-fees">
                <h2 id="case-fees">{t!(i18n, fees_heading)}</h2>
                {fees.into_iter().map(|CaseFee { fee, .. }| {
                    let state = fee.state;
                    view! {
                        <p>
                            {localized(&fee.basis)}": "<strong>{money(fee.amount_fen)}</strong>" "
                            <Tag tone=fee_state_tone(state)>{move || fee_state_label(i18n.get_locale(), state)}</Tag>
                        </p>
                    }
                }).collect_view()}
                {(!tariff.is_empty()).then(|| view! { <AssessFeeForm application_id=application_id.clone() tariff on_changed /> })}
                {(!orders.is_empty()).then(|| view! {
                    <h3>{t!(i18n, case_payments_heading)}</h3>
                    <ul>
                        {orders.into_iter().map(|order| {
                            let (state, channel, created, paid) = (order.state, order.channel, order.created_at, order.paid_at);
                            view! {
                                <li>
                                    {order.out_trade_no.clone()}" · "{move || channel_label(i18n.get_locale(), channel)}" "
                                    <Tag tone=payment_state_tone(state)>{move || payment_state_label(i18n.get_locale(), state)}</Tag>
                                    {order.surplus.map(|_| view! { " "{t!(i18n, case_payment_surplus)} })}
                                    <br />{t!(i18n, payment_created)}": "{move || format_time(created, lang.get())}
                                    {paid.map(|paid| view! { " · "{t!(i18n, payment_paid_at)}": "{move || format_time(paid, lang.get())} })}
                                    <RefundList refunds=order.refunds.clone() />
                                    {(order.refundable_fen > 0).then(|| view! {
                                        <RefundForm application_id=application_id.clone() order_id=order.id.clone()
                                            refundable_fen=order.refundable_fen on_changed />
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </section>
        }
    })
}
