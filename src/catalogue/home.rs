use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::catalogue::{Audience, CatalogueQuery, MAX_QUERY_CHARS};

use super::search_page::search_address;
use super::theme_grid::ThemeGrid;
use crate::api;
use crate::components::{LoadError, SearchForm, ServiceCard, Skeleton};
use crate::i18n::*;
use crate::lang::{tr, use_lang};

stylance::import_style!(style, "home.module.css");

const POPULAR_COUNT: &str = "8";

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let themes = LocalResource::new(move || api::themes(lang.get_untracked()));
    let popular = LocalResource::new(move || async move {
        let query = CatalogueQuery { per_page: Some(POPULAR_COUNT.into()), ..Default::default() };
        api::search_services(&query, lang.get_untracked()).await
    });
    view! {
        <Title text=move || t_string!(i18n, app_full_name).to_string() />
        <section class=style::hero>
            <h1>{t!(i18n, home_title)}</h1>
            <p class=style::lead>{t!(i18n, home_lead)}</p>
            <SearchForm initial=String::new() action="/services" max_chars=MAX_QUERY_CHARS
                label=tr(|l| td_string!(l, search_label)) hint=tr(|l| td_string!(l, search_hint))
                to=|q| search_address(CatalogueQuery::default(), q) />
        </section>
        <div class=style::columns>
            <section>
                <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                    {move || Suspend::new(async move {
                        match themes.await {
                            Ok(list) => view! {
                                <h2 id="themes-individual">{t!(i18n, themes_individual)}</h2>
                                <ThemeGrid themes=list.clone() audience=Audience::Individual heading_id="themes-individual" />
                                <h2 id="themes-business">{t!(i18n, themes_business)}</h2>
                                <ThemeGrid themes=list audience=Audience::Business heading_id="themes-business" />
                            }.into_any(),
                            Err(error) => view! { <LoadError error on_retry=move || themes.refetch() /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <section aria-labelledby="popular-heading">
                <h2 id="popular-heading">{t!(i18n, popular_services)}</h2>
                <Transition fallback=|| view! { <Skeleton lines=8 /> }>
                    {move || Suspend::new(async move {
                        match popular.await {
                            Ok(page) => view! {
                                <ul class=style::list>
                                    {page.items.into_iter().map(|service| view! { <ServiceCard service /> }).collect_view()}
                                </ul>
                                <p><a href="/services" class=style::more>{t!(i18n, all_services)}</a></p>
                            }.into_any(),
                            Err(error) => view! { <LoadError error on_retry=move || popular.refetch() /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}
