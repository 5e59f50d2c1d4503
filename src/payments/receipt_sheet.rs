use leptos::prelude::*;
use tongban_api::receipts::ReceiptContent;

use crate::components::SummaryList;
use crate::i18n::*;
use crate::lang::{localized, money};

/// A fiscal e-receipt's facts, in the order the paper form prints them, and what refunds have
/// written off since; with its check code when shown to its payer.
#[component]
pub fn ReceiptSheet(content: ReceiptContent, #[prop(optional)] check_code: Option<String>, refunded_fen: u64) -> impl IntoView {
    let i18n = use_i18n();
    let items = content.items.iter().map(|item| view! { <li>{localized(&item.name)}" · "{money(item.amount_fen)}</li> }).collect_view();
    let rows = vec![
        Some((t!(i18n, receipt_code).into_any(), content.code.clone().into_any())),
        Some((t!(i18n, receipt_number).into_any(), content.number.clone().into_any())),
        check_code.map(|code| (t!(i18n, receipt_check_code).into_any(), view! { <strong>{code}</strong> }.into_any())),
        Some((t!(i18n, receipt_payer).into_any(), content.payer_name.clone().into_any())),
        Some((t!(i18n, receipt_payer_id).into_any(), content.payer_id.clone().into_any())),
        Some((t!(i18n, receipt_items).into_any(), view! { <ul>{items}</ul> }.into_any())),
        Some((t!(i18n, receipt_total).into_any(), view! { <strong>{money(content.amount_fen)}</strong> }.into_any())),
        (refunded_fen > 0).then(|| (t!(i18n, receipt_refunded).into_any(), view! { <strong>{money(refunded_fen)}</strong> }.into_any())),
        Some((t!(i18n, receipt_issuer).into_any(), localized(&content.issuer).into_any())),
        Some((t!(i18n, receipt_supervisor).into_any(), localized(&content.supervisor).into_any())),
        Some((t!(i18n, receipt_issued_on).into_any(), content.issued_on.clone().into_any())),
        Some((t!(i18n, receipt_application).into_any(), content.application_number.clone().into_any())),
        Some((t!(i18n, receipt_trade_no).into_any(), content.out_trade_no.clone().into_any())),
    ];
    view! { <SummaryList rows=rows.into_iter().flatten().collect() /> }
}
