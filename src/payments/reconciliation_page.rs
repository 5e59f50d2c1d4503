use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::fields;
use tongban_api::payments::{ChannelReconciliation, Difference, DifferenceKind, PayChannel, Reconciliation, ReconciliationQuery};

use super::labels::channel_label;
use crate::api;
use crate::components::{on_answer, Breadcrumbs, Button, Crumb, DataTable, ErrorSummary, FormErrors, SummaryList, TextField, NUMBER};
use crate::i18n::*;
use crate::lang::{money, tr, use_lang};
use crate::staff::RequireStaff;

stylance::import_style!(style, "reconciliation_page.module.css");

/// The department's day of payments and refunds checked against each channel's statement, with
/// every line that does not agree.
#[component]
pub fn ReconciliationPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let date = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let result = RwSignal::new(None::<Reconciliation>);
    let run = Action::new_local(move |query: &ReconciliationQuery| {
        let query = query.clone();
        async move { api::reconciliation(&query, lang.get_untracked()).await }
    });
    on_answer(run, errors, ReconciliationQuery::FIELDS, move |day| result.set(Some(day)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run.dispatch(ReconciliationQuery { date: date.get_untracked() });
    };
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, reconcile_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) }] />
            <h1>{t!(i18n, reconcile_title)}</h1>
            <p>{t!(i18n, reconcile_lead)}</p>
            <ErrorSummary errors=errors.into() id_prefix="reconcile" />
            <form on:submit=submit novalidate class=style::form>
                <TextField id="reconcile-date".into() label=tr(|l| td_string!(l, reconcile_date)) hint=tr(|l| td_string!(l, reconcile_date_hint))
                    error=Signal::derive(move || errors.read().field(fields::DATE)) value=date narrow=true />
                <Button submit=true busy=run.pending()>{t!(i18n, reconcile_button)}</Button>
            </form>
            <div aria-live="polite">
                {move || result.get().map(|day| view! {
                    <h2>{t!(i18n, reconcile_result, date = day.date.clone())}</h2>
                    {day.channels.into_iter().map(|channel| view! { <ChannelDay channel /> }).collect_view()}
                })}
            </div>
        </RequireStaff>
    }
}

#[component]
fn ChannelDay(channel: ChannelReconciliation) -> impl IntoView {
    let i18n = use_i18n();
    let id = channel.channel;
    let (heading, differences_heading): (&'static str, &'static str) = match id {
        PayChannel::Alipay => ("reconcile-alipay", "reconcile-alipay-differences"),
        PayChannel::Wechat => ("reconcile-wechat", "reconcile-wechat-differences"),
    };
    let (payments, paid, refunds, refunded) = (channel.payments, channel.paid_fen, channel.refunds, channel.refunded_fen);
    view! {
        <section aria-labelledby=heading class=style::channel>
            <h3 id=heading>{move || channel_label(i18n.get_locale(), id)}</h3>
            <SummaryList rows=vec![
                (t!(i18n, reconcile_payments).into_any(), (move || t_string!(i18n, reconcile_count, count = payments, amount = money(paid)).to_string()).into_any()),
                (t!(i18n, reconcile_refunds).into_any(), (move || t_string!(i18n, reconcile_count, count = refunds, amount = money(refunded)).to_string()).into_any()),
            ] />
            {match (channel.statement_received, channel.differences.is_empty()) {
                (false, _) => view! { <p class=style::warning>{t!(i18n, reconcile_no_statement)}</p> }.into_any(),
                (true, true) => view! { <p class=style::agreed>{t!(i18n, reconcile_agreed)}</p> }.into_any(),
                (true, false) => view! { <Differences heading=differences_heading differences=channel.differences /> }.into_any(),
            }}
        </section>
    }
}

fn kind_label(l: Locale, kind: DifferenceKind) -> &'static str {
    match kind {
        DifferenceKind::OnlyAtChannel => td_string!(l, reconcile_only_at_channel),
        DifferenceKind::OnlyInPortal => td_string!(l, reconcile_only_in_portal),
        DifferenceKind::AmountDiffers => td_string!(l, reconcile_amount_differs),
        DifferenceKind::UnknownOrder => td_string!(l, reconcile_unknown_order),
    }
}

#[component]
fn Differences(heading: &'static str, differences: Vec<Difference>) -> impl IntoView {
    let i18n = use_i18n();
    let amount = |fen: Option<u64>| fen.map(money).unwrap_or_else(|| "—".into());
    view! {
        <h4 id=heading class=style::differences>{t!(i18n, reconcile_differences, count = differences.len())}</h4>
        <DataTable labelled_by=heading>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, reconcile_order)}</th>
                    <th scope="col" class=style::kind>{t!(i18n, reconcile_kind)}</th>
                    <th scope="col" class=NUMBER>{t!(i18n, reconcile_portal)}</th>
                    <th scope="col" class=NUMBER>{t!(i18n, reconcile_channel)}</th>
                </tr>
            </thead>
            <tbody>
                {differences.into_iter().map(|difference| {
                    let kind = difference.kind;
                    let order = match &difference.refund_no {
                        Some(refund) => format!("{} / {refund}", difference.out_trade_no),
                        None => difference.out_trade_no.clone(),
                    };
                    view! {
                        <tr>
                            <th scope="row">
                                {match difference.application_id.clone() {
                                    Some(application) => view! { <a href=format!("/staff/applications/{application}")>{order}</a> }.into_any(),
                                    None => order.into_any(),
                                }}
                            </th>
                            <td class=style::kind>{move || kind_label(i18n.get_locale(), kind)}</td>
                            <td class=NUMBER>{amount(difference.portal_fen)}</td>
                            <td class=NUMBER>{amount(difference.channel_fen)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}
