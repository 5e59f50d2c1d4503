use leptos::prelude::*;
use leptos_meta::Title;

use crate::api;
use crate::components::{Breadcrumbs, Crumb, LoadError, Skeleton};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{localized, money, use_lang};

/// Every fiscal e-receipt of whoever the session pays for, newest first.
#[component]
pub fn ReceiptsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let receipts = LocalResource::new(move || {
        let lang = lang.get();
        async move { api::receipts(lang).await }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, receipts_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <Breadcrumbs crumbs=vec![Crumb { href: "/account", label: Signal::derive(move || t_string!(i18n, account_title).to_string()) }] />
            <h1>{t!(i18n, receipts_title)}</h1>
            <Transition fallback=|| view! { <Skeleton lines=4 /> }>
                {move || Suspend::new(async move {
                    match receipts.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, receipts_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul>
                                {list.into_iter().map(|receipt| {
                                    let c = receipt.content;
                                    view! {
                                        <li>
                                            <a href=format!("/receipts/{}", receipt.id)>{c.code.clone()}" "{c.number.clone()}</a>
                                            " · "{money(c.amount_fen)}" · "{localized(&c.issuer)}" · "{c.issued_on.clone()}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || receipts.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireSignIn>
    }
}
