use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tongban_api::catalogue::{CatalogueQuery, MAX_QUERY_CHARS};

use super::filters::Filters;
use crate::api::{self, query_string};
use crate::components::{Breadcrumbs, Crumb, LoadError, Pagination, SearchForm, ServiceCard, Skeleton};
use crate::i18n::*;
use crate::lang::{tr, use_lang};

stylance::import_style!(style, "search_page.module.css");

/// A new search for `q` keeps the filters of `keep` and starts at page one.
pub(super) fn search_address(mut keep: CatalogueQuery, q: String) -> String {
    keep.q = Some(q);
    keep.page = None;
    format!("/services{}", query_string(&keep.pairs()))
}

/// The catalogue: search, filters and results, all held in the URL so a search can be shared,
/// reloaded and navigated with the back button.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let p = params.read();
        CatalogueQuery {
            q: p.get("q"),
            department: p.get("department"),
            audience: p.get("audience"),
            theme: p.get("theme"),
            mode: p.get("mode"),
            visits: p.get("visits"),
            page: p.get("page"),
            per_page: p.get("per_page"),
        }
    });
    let results = LocalResource::new(move || {
        let query = query.get();
        async move { api::search_services(&query, lang.get_untracked()).await }
    });
    // While a new search loads, the old results stay on screen, marked busy and dimmed.
    let pending = RwSignal::new(false);
    let q_text = Signal::derive(move || query.read().q.clone().unwrap_or_default());
    let page_href = move |n: u32| {
        let mut q = query.get_untracked();
        q.page = (n > 1).then(|| n.to_string());
        format!("/services{}", query_string(&q.pairs()))
    };

    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, search_title), t_string!(i18n, app_full_name)) />
        <Breadcrumbs crumbs=vec![Crumb { href: "/", label: Signal::derive(move || t_string!(i18n, nav_home).to_string()) }] />
        <h1>{t!(i18n, search_title)}</h1>
        <SearchForm initial=q_text action="/services" max_chars=MAX_QUERY_CHARS
            label=tr(|l| td_string!(l, search_label)) hint=tr(|l| td_string!(l, search_hint))
            to=move |q| search_address(query.get_untracked(), q) />
        <div class=style::layout>
            <Filters query=Signal::from(query) />
            <section
                class=style::results
                class=(style::pending, move || pending.get())
                aria-labelledby="results-heading"
                aria-busy=move || pending.get().to_string()
            >
                <Transition fallback=|| view! { <Skeleton lines=8 /> } set_pending=pending.write_only()>
                    {move || Suspend::new(async move {
                        match results.await {
                            Ok(page) => {
                                let total = page.total;
                                let pages = total.div_ceil(u64::from(page.per_page.max(1))) as u32;
                                let current = page.page;
                                let empty = page.items.is_empty();
                                view! {
                                    <h2 id="results-heading" class=style::count role="status">
                                        {move || {
                                            let locale = i18n.get_locale();
                                            if crate::lang::lang_of(locale).takes_singular(total as usize) {
                                                td_string!(locale, results_count_for_one, count = total).to_string()
                                            } else {
                                                td_string!(locale, results_count_for_many, count = total).to_string()
                                            }
                                        }}
                                    </h2>
                                    {(!q_text.get_untracked().is_empty()).then(|| view! {
                                        <p class=style::for_query>{t!(i18n, results_for, q = move || q_text.get())}</p>
                                    })}
                                    {empty.then(|| view! { <p>{t!(i18n, no_results)}</p> })}
                                    <ul class=style::list>
                                        {page.items.into_iter().map(|service| view! { <ServiceCard service /> }).collect_view()}
                                    </ul>
                                    <Pagination page=current pages=pages.max(1) href=page_href />
                                }.into_any()
                            }
                            Err(error) => view! {
                                <h2 id="results-heading" class=style::count>{t!(i18n, search_title)}</h2>
                                <LoadError error on_retry=move || results.refetch() />
                            }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}
