use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use tongban_api::payments::{CreatePaymentRequest, FeeDetail, FeeState, PayChannel, PaymentView};

use super::labels::{channel_label, fee_state_label, fee_state_tone, payment_state_label, payment_state_tone};
use crate::api;
use crate::components::{on_answer, BackLink, Button, ErrorSummary, FormErrors, LoadError, Radios, Skeleton, SummaryList, Tag};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{format_time, localized, money, tr, use_lang};

/// Paying a fee: what it is for and under which provision, a choice of channel, and the orders
/// tried before. Paying sends the payer to the channel's cashier.
#[component]
pub fn PayPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, pay_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            {move || {
                let id = params.read().get("fee").unwrap_or_default();
                let fee = LocalResource::new(move || {
                    let id = id.clone();
                    async move { api::fee(&id, lang.get_untracked()).await }
                });
                view! {
                    <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                        {move || Suspend::new(async move {
                            match fee.await {
                                Ok(detail) => view! { <Fee detail /> }.into_any(),
                                Err(error) => view! { <h1>{t!(i18n, pay_title)}</h1><LoadError error on_retry=move || fee.refetch() /> }.into_any(),
                            }
                        })}
                    </Transition>
                }
            }}
        </RequireSignIn>
    }
}

#[component]
fn Fee(detail: FeeDetail) -> impl IntoView {
    let i18n = use_i18n();
    let fee = detail.fee.clone();
    let state = fee.state;
    let rows = vec![
        (t!(i18n, pay_service).into_any(), view! { {localized(&fee.service_name)} }.into_any()),
        (t!(i18n, application_number).into_any(), view! { {fee.application_number.clone().unwrap_or_default()} }.into_any()),
        (t!(i18n, pay_basis).into_any(), view! { {localized(&fee.basis)} }.into_any()),
        (t!(i18n, pay_amount).into_any(), view! { <strong>{money(fee.amount_fen)}</strong> }.into_any()),
        (
            t!(i18n, pay_fee_state).into_any(),
            view! { <Tag tone=fee_state_tone(state)>{move || fee_state_label(i18n.get_locale(), state)}</Tag> }.into_any(),
        ),
    ];
    view! {
        <p><BackLink href=format!("/applications/{}", fee.application_id)>{t!(i18n, pay_back_to_application)}</BackLink></p>
        <h1>{t!(i18n, pay_title)}</h1>
        <SummaryList rows />
        {match state {
            FeeState::Due => view! { <PayForm fee_id=fee.id.clone() channels=detail.channels.clone() /> }.into_any(),
            FeeState::Paid => view! { <p>{t!(i18n, pay_already_paid)}</p> }.into_any(),
            FeeState::Cancelled => view! { <p>{t!(i18n, fee_cancelled)}</p> }.into_any(),
        }}
        <Orders orders=detail.orders />
    }
}

#[component]
fn PayForm(fee_id: String, channels: Vec<PayChannel>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let errors = RwSignal::new(FormErrors::default());
    let first = channels.first().map(|c| c.as_str().to_string()).unwrap_or_default();
    let selected = RwSignal::new(first);
    let key = StoredValue::new(api::idempotency_key());
    let fee_id = StoredValue::new(fee_id);
    let pay = Action::new_local(move |channel: &String| {
        let request = CreatePaymentRequest { channel: PayChannel::parse(channel) };
        async move {
            let answer = api::create_payment(&fee_id.get_value(), &request, &key.get_value(), lang.get_untracked()).await;
            // An answer came: the next press is a new attempt (after a fault, say), not this one again.
            if !matches!(&answer, Err(e) if e.code == tongban_api::ErrorCode::Unavailable) {
                key.set_value(api::idempotency_key());
            }
            answer
        }
    });
    on_answer(pay, errors, CreatePaymentRequest::FIELDS, move |order: PaymentView| match order.next_url {
        // The cashier is another site: a full page load, as the channel's own page would be.
        Some(next) => {
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(&next);
            }
        }
        None => navigate(&format!("/payments/{}", order.id), Default::default()),
    });
    let options = channels.into_iter().map(|c| (c.as_str().to_string(), tr(move |l| channel_label(l, c)))).collect();
    view! {
        <ErrorSummary errors=errors.into() id_prefix="pay" />
        <form on:submit=move |e| {
            e.prevent_default();
            pay.dispatch(selected.get_untracked());
        }>
            <Radios id="pay-channel".into() legend=tr(|l| td_string!(l, pay_channel_legend)) hint=tr(|l| td_string!(l, pay_channel_hint))
                error=Signal::derive(move || errors.read().field(tongban_api::fields::CHANNEL)) options selected />
            <Button submit=true busy=pay.pending()>{t!(i18n, pay_button)}</Button>
        </form>
    }
}

#[component]
fn Orders(orders: Vec<PaymentView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    (!orders.is_empty()).then(|| {
        view! {
            <h2>{t!(i18n, pay_earlier)}</h2>
            <ul>
                {orders.into_iter().map(|order| {
                    let (state, channel, at) = (order.state, order.channel, order.created_at);
                    view! {
                        <li>
                            <a href=format!("/payments/{}", order.id)>{move || format_time(at, lang.get())}</a>" · "
                            {move || channel_label(i18n.get_locale(), channel)}" "
                            <Tag tone=payment_state_tone(state)>{move || payment_state_label(i18n.get_locale(), state)}</Tag>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}
