use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tongban_api::ratings::{RatingCounts, RatingPeriod, RatingStatistics};

use super::labels::period_label;
use crate::api;
use crate::components::{Breadcrumbs, Crumb, DataTable, LoadError, Skeleton, SummaryList, TabLink, TabLinks, NUMBER};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "statistics_page.module.css");

/// The published 好差评 counts: how many handlings were rated, the share satisfied, the bad
/// ratings and the share of them put right — for the city, each department and each service.
#[component]
pub fn RatingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_query_map();
    let period = Memo::new(move |_| params.read().get("period").and_then(|p| RatingPeriod::parse(&p)).unwrap_or_default());
    let counts = LocalResource::new(move || {
        let period = period.get();
        async move { api::rating_statistics(period, lang.get_untracked()).await }
    });
    let tabs = RatingPeriod::ALL
        .iter()
        .map(|&p| TabLink {
            href: Signal::stored(format!("/ratings?period={}", p.as_str())),
            label: tr(move |l| period_label(l, p)),
            current: Signal::derive(move || period.get() == p),
        })
        .collect();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, ratings_title), t_string!(i18n, app_full_name)) />
        <Breadcrumbs crumbs=vec![Crumb { href: "/", label: Signal::derive(move || t_string!(i18n, nav_home).to_string()) }] />
        <h1>{t!(i18n, ratings_title)}</h1>
        <p class=style::lead>{t!(i18n, ratings_lead)}</p>
        <TabLinks label=tr(|l| td_string!(l, ratings_period)) tabs />
        <Transition fallback=|| view! { <Skeleton lines=8 /> }>
            {move || Suspend::new(async move {
                match counts.await {
                    Ok(found) => view! { <Counts found /> }.into_any(),
                    Err(error) => view! { <LoadError error on_retry=move || counts.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A share as the reader's language writes a percentage, or a dash when there is nothing to share.
fn share(part: u32, whole: u32) -> String {
    RatingCounts::share(part, whole).map_or_else(|| "—".to_string(), |p| format!("{p:.1}%"))
}

#[component]
fn Counts(found: RatingStatistics) -> impl IntoView {
    let i18n = use_i18n();
    let total = found.total;
    let (from, to) = (found.from.clone(), found.to.clone());
    let covers = move || match &from {
        Some(from) => td_string!(i18n.get_locale(), ratings_covers, from = from.clone(), to = to.clone()).to_string(),
        None => td_string!(i18n.get_locale(), ratings_covers_all, to = to.clone()).to_string(),
    };
    if total.ratings == 0 {
        return view! { <p role="status">{covers}" "{t!(i18n, ratings_none)}</p> }.into_any();
    }
    let rows = vec![
        (t!(i18n, ratings_count).into_any(), view! { {total.ratings} }.into_any()),
        (t!(i18n, ratings_satisfied).into_any(), view! { {share(total.satisfied, total.ratings)} }.into_any()),
        (t!(i18n, ratings_bad).into_any(), view! { {total.bad} }.into_any()),
        (t!(i18n, ratings_put_right).into_any(), view! { {share(total.put_right, total.followed_up)} }.into_any()),
    ];
    view! {
        <p role="status">{covers}</p>
        <SummaryList rows />
        <h2 id="ratings-departments">{t!(i18n, ratings_by_department)}</h2>
        <DataTable labelled_by="ratings-departments">
            <CountsHead first=tr(|l| td_string!(l, ratings_department)) />
            <tbody>
                {found.departments.into_iter().map(|d| view! {
                    <tr><th scope="row">{localized(&d.department)}</th><CountCells counts=d.counts /></tr>
                }).collect_view()}
            </tbody>
        </DataTable>
        <h2 id="ratings-services">{t!(i18n, ratings_by_service)}</h2>
        <DataTable labelled_by="ratings-services">
            <CountsHead first=tr(|l| td_string!(l, ratings_service)) />
            <tbody>
                {found.services.into_iter().map(|s| view! {
                    <tr>
                        <th scope="row">
                            <a href=format!("/services/{}", s.service_code)>{localized(&s.service_name)}</a>
                            <span class=style::department>{localized(&s.department)}</span>
                        </th>
                        <CountCells counts=s.counts />
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
fn CountsHead(first: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>
                <th scope="col">{first}</th>
                <th scope="col" class=NUMBER>{t!(i18n, ratings_count)}</th>
                <th scope="col" class=NUMBER>{t!(i18n, ratings_satisfied)}</th>
                <th scope="col" class=NUMBER>{t!(i18n, ratings_bad)}</th>
                <th scope="col" class=NUMBER>{t!(i18n, ratings_put_right)}</th>
            </tr>
        </thead>
    }
}

#[component]
fn CountCells(counts: RatingCounts) -> impl IntoView {
    view! {
        <td class=NUMBER>{counts.ratings}</td>
        <td class=NUMBER>{share(counts.satisfied, counts.ratings)}</td>
        <td class=NUMBER>{counts.bad}</td>
        <td class=NUMBER>{share(counts.put_right, counts.followed_up)}</td>
    }
}
