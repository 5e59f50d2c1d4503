use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tongban_api::payments::{PaymentState, PaymentView};

use super::labels::{channel_label, payment_state_label, payment_state_tone};
use super::refund_list::RefundList;
use crate::api::{self, ApiError};
use crate::components::{
    on_answer, BackLink, Button, ButtonLink, ErrorSummary, FormErrors, LoadError, NotificationBanner, Skeleton, SummaryList, Tag,
};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{format_time, money, use_lang};

/// How often an unfinished payment is asked about: the channel's notification can come at any time.
const POLL_SECS: u64 = 2;

/// One payment followed to its end: where it stands at every moment, and what to do next.
#[component]
pub fn PaymentPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, payment_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            {move || {
                let id = params.read().get("id").unwrap_or_default();
                let latest: RwSignal<Option<Result<PaymentView, ApiError>>> = RwSignal::new(None);
                let fetch = {
                    let id = id.clone();
                    move || {
                        let id = id.clone();
                        leptos::task::spawn_local(async move {
                            let answer = api::payment(&id, lang.get_untracked()).await;
                            latest.try_set(Some(answer));
                        });
                    }
                };
                fetch();
                let poll = fetch.clone();
                if let Ok(handle) = set_interval_with_handle(
                    move || {
                        // try_: a tick may still come after the page has gone.
                        let open = latest.try_with_untracked(|l| matches!(l, Some(Ok(p)) if !p.finished)).unwrap_or(false);
                        if open {
                            poll();
                        }
                    },
                    std::time::Duration::from_secs(POLL_SECS),
                ) {
                    on_cleanup(move || handle.clear());
                }
                view! {
                    {move || match latest.get() {
                        None => view! { <h1>{t!(i18n, payment_title)}</h1><Skeleton lines=5 /> }.into_any(),
                        Some(Ok(payment)) => view! { <Payment payment latest /> }.into_any(),
                        Some(Err(error)) => {
                            let retry = fetch.clone();
                            view! { <h1>{t!(i18n, payment_title)}</h1><LoadError error on_retry=move || retry() /> }.into_any()
                        }
                    }}
                }
            }}
        </RequireSignIn>
    }
}

#[component]
fn Payment(payment: PaymentView, latest: RwSignal<Option<Result<PaymentView, ApiError>>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = payment.state;
    let (channel, created, paid) = (payment.channel, payment.created_at, payment.paid_at);
    let mut rows = vec![
        (t!(i18n, payment_trade_no).into_any(), view! { {payment.out_trade_no.clone()} }.into_any()),
        (t!(i18n, pay_amount).into_any(), view! { <strong>{money(payment.amount_fen)}</strong> }.into_any()),
        (t!(i18n, payment_channel).into_any(), view! { {move || channel_label(i18n.get_locale(), channel)} }.into_any()),
        (t!(i18n, payment_created).into_any(), view! { {move || format_time(created, lang.get())} }.into_any()),
    ];
    if let Some(paid) = paid {
        rows.push((t!(i18n, payment_paid_at).into_any(), view! { {move || format_time(paid, lang.get())} }.into_any()));
    }
    let application = format!("/applications/{}", payment.application_id);
    let retry = format!("/payments/fees/{}", payment.fee_id);
    view! {
        <p><BackLink href=application.clone()>{t!(i18n, pay_back_to_application)}</BackLink></p>
        <h1>{t!(i18n, payment_title)}</h1>
        {if state == PaymentState::Success {
            view! {
                <NotificationBanner success=true>
                    <p><strong>{t!(i18n, payment_success_lead)}" "{money(payment.amount_fen)}</strong></p>
                    {payment.surplus.map(|_| view! { <p>{t!(i18n, payment_surplus_note)}</p> })}
                </NotificationBanner>
            }.into_any()
        } else {
            view! {
                <div role="status">
                    <p><Tag tone=payment_state_tone(state)>{move || payment_state_label(i18n.get_locale(), state)}</Tag></p>
                    <p>{move || next_step(i18n.get_locale(), state)}</p>
                </div>
            }.into_any()
        }}
        <SummaryList rows />
        {(!payment.refunds.is_empty()).then(|| view! {
            <h2>{t!(i18n, refunds_heading)}</h2>
            <RefundList refunds=payment.refunds.clone() />
        })}
        {match state {
            PaymentState::Success => view! {
                {payment.receipt_id.clone().map(|id| view! { <p><a href=format!("/receipts/{id}")>{t!(i18n, receipt_see)}</a></p> })}
                <p><ButtonLink href=application>{t!(i18n, payment_see_application)}</ButtonLink></p>
            }.into_any(),
            PaymentState::Created | PaymentState::Started | PaymentState::Submitted => {
                view! { <Cancel id=payment.id.clone() latest /> }.into_any()
            }
            _ => view! { <p><ButtonLink href=retry>{t!(i18n, payment_try_again)}</ButtonLink></p> }.into_any(),
        }}
    }
}

/// What the payer can do now, in their words.
fn next_step(l: Locale, state: PaymentState) -> &'static str {
    match state {
        PaymentState::Created => td_string!(l, payment_next_created),
        PaymentState::Started => td_string!(l, payment_next_started),
        PaymentState::Submitted => td_string!(l, payment_next_submitted),
        PaymentState::Success => "",
        PaymentState::Failed => td_string!(l, payment_next_failed),
        PaymentState::Cancelled => td_string!(l, payment_next_cancelled),
        PaymentState::Expired => td_string!(l, payment_next_expired),
        PaymentState::Error => td_string!(l, payment_next_error),
    }
}

#[component]
fn Cancel(id: String, latest: RwSignal<Option<Result<PaymentView, ApiError>>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let id = StoredValue::new(id);
    let cancel = Action::new_local(move |(): &()| async move { api::cancel_payment(&id.get_value(), lang.get_untracked()).await });
    on_answer(cancel, errors, &[], move |payment| latest.set(Some(Ok(payment))));
    view! {
        <ErrorSummary errors=errors.into() id_prefix="cancel-payment" />
        <Button secondary=true busy=cancel.pending() on_click=Callback::new(move |()| { cancel.dispatch(()); })>{t!(i18n, payment_cancel)}</Button>
    }
}
