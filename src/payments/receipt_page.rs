use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::receipt_sheet::ReceiptSheet;
use crate::api;
use crate::components::{BackLink, Button, LoadError, Skeleton};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::use_lang;

stylance::import_style!(style, "receipt_page.module.css");

/// One fiscal e-receipt for its payer: every fact the paper one carries, printable, and where
/// anyone it is given to can check it.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    let receipt = LocalResource::new(move || {
        let id = params.read().get("id").unwrap_or_default();
        async move { api::receipt(&id, lang.get()).await }
    });
    let print = Callback::new(|()| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, receipt_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <Transition fallback=|| view! { <Skeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match receipt.await {
                        Ok(receipt) => view! {
                            <p class=style::screen_only>
                                <BackLink href=format!("/applications/{}", receipt.application_id)>{t!(i18n, pay_back_to_application)}</BackLink>
                            </p>
                            <h1>{t!(i18n, receipt_title)}</h1>
                            <p>{t!(i18n, receipt_lead)}</p>
                            <ReceiptSheet content=receipt.content check_code=receipt.check_code refunded_fen=receipt.refunded_fen />
                            <p class=style::screen_only>
                                <Button secondary=true on_click=print>{t!(i18n, receipt_print)}</Button>
                            </p>
                            <p class=style::screen_only><a href="/verify/receipt">{t!(i18n, receipt_check_link)}</a></p>
                        }.into_any(),
                        Err(error) => view! { <h1>{t!(i18n, receipt_title)}</h1><LoadError error on_retry=move || receipt.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireSignIn>
    }
}
