use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tongban_api::decisions::{DecisionQuery, PublishedDecision, MAX_DECISION_QUERY_CHARS};

use crate::api::{self, query_string};
use crate::components::{Breadcrumbs, Crumb, LoadError, Pagination, SearchForm, Skeleton, SummaryList};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "decisions_page.module.css");

fn address(query: &DecisionQuery) -> String {
    format!("/decisions{}", query_string(&query.pairs()))
}

/// Licences issued to companies through the portal, published for anyone to check (双公示).
#[component]
pub fn DecisionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let p = params.read();
        DecisionQuery { q: p.get("q"), page: p.get("page") }
    });
    let results = LocalResource::new(move || {
        let query = query.get();
        async move { api::decisions(&query, lang.get_untracked()).await }
    });
    let q_text = Signal::derive(move || query.read().q.clone().unwrap_or_default());
    let page_href = move |n: u32| {
        let mut q = query.get_untracked();
        q.page = (n > 1).then(|| n.to_string());
        address(&q)
    };
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, decisions_title), t_string!(i18n, app_full_name)) />
        <Breadcrumbs crumbs=vec![Crumb { href: "/", label: Signal::derive(move || t_string!(i18n, nav_home).to_string()) }] />
        <h1>{t!(i18n, decisions_title)}</h1>
        <p class=style::lead>{t!(i18n, decisions_lead)}</p>
        <SearchForm initial=q_text action="/decisions" max_chars=MAX_DECISION_QUERY_CHARS
            label=tr(|l| td_string!(l, decisions_search_label)) hint=tr(|l| td_string!(l, decisions_search_hint))
            to=|q| address(&DecisionQuery { q: Some(q), page: None }) />
        <section aria-labelledby="decisions-count">
            <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(page) => {
                            let total = page.total;
                            let pages = total.div_ceil(u64::from(page.per_page.max(1))) as u32;
                            view! {
                                <h2 id="decisions-count" class=style::count role="status">
                                    {t!(i18n, decisions_count, count = move || total)}
                                </h2>
                                {page.items.is_empty().then(|| view! { <p>{t!(i18n, decisions_none)}</p> })}
                                <ul class=style::list>
                                    {page.items.into_iter().map(|decision| view! { <Decision decision /> }).collect_view()}
                                </ul>
                                <Pagination page=page.page pages=pages.max(1) href=page_href />
                            }.into_any()
                        }
                        Err(error) => view! {
                            <h2 id="decisions-count" class=style::count>{t!(i18n, decisions_title)}</h2>
                            <LoadError error on_retry=move || results.refetch() />
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Decision(decision: PublishedDecision) -> impl IntoView {
    let i18n = use_i18n();
    let guide = format!("/services/{}", decision.service_code);
    view! {
        <li class=style::item>
            <h3 class=style::holder>{decision.holder_name.clone()}</h3>
            <SummaryList compact=true rows=vec![
                (t!(i18n, decisions_credit_code).into_any(), decision.credit_code.clone().into_any()),
                (t!(i18n, decisions_licence).into_any(),
                    view! { {localized(&decision.licence_title)}" "{decision.licence_number.clone()} }.into_any()),
                (t!(i18n, decisions_issued_on).into_any(), decision.issued_on.clone().into_any()),
                (t!(i18n, decisions_issuer).into_any(), localized(&decision.issuer).into_any()),
                (t!(i18n, decisions_service).into_any(), view! { <a href=guide>{localized(&decision.service_name)}</a> }.into_any()),
            ] />
        </li>
    }
}
